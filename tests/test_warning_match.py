"""The warning-sign matcher against what people really type: a corpus of phrases in each language
(tests/warning_phrases_en.txt and _es.txt), each with the sign it must match or "none"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mbcprep.content.warning_match import fold_typed, has_fever_temperature, negated, signs_in
from mbcprep.model.content import Content

HERE = Path(__file__).parent
MIN_PHRASES = 150  # per language


@pytest.fixture(scope="module")
def spanish() -> Content:
    from mbcprep.content.load import load_content

    return load_content(lang="es")


def corpus(lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(phrase, the sign ids it must match; () for none) for each line of the corpus."""
    out = []
    for n, line in enumerate((HERE / f"warning_phrases_{lang}.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, arrow, expected = line.rpartition(" -> ")
        assert arrow and phrase.strip(), f"line {n}: write 'phrase -> sign-id' or 'phrase -> none'"
        ids = tuple(x.strip() for x in expected.split(","))
        out.append((phrase, () if ids == ("none",) else ids))
    return out


def check(content: Content, phrase: str, expected: tuple[str, ...]) -> None:
    found = signs_in(content, phrase)
    ids = [s.id for s in found]
    if not expected:
        assert ids == [], f"{phrase!r} should match nothing, matched {ids}"
        return
    for sign_id in expected:
        assert sign_id in content.warning_signs, f"{sign_id} is not a sign"
        assert sign_id in ids, f"{phrase!r} should match {sign_id}, matched {ids}"
    levels = list(content.urgent_levels)
    wanted = min(levels.index(content.warning_signs[s].level) for s in expected)
    assert levels.index(found[0].level) == wanted, f"{phrase!r} matched {ids}: more urgent than {expected}"


@pytest.mark.parametrize(("phrase", "expected"), corpus("en"), ids=lambda x: x if isinstance(x, str) else None)
def test_english_phrases(content: Content, phrase: str, expected: tuple[str, ...]) -> None:
    check(content, phrase, expected)


@pytest.mark.parametrize(("phrase", "expected"), corpus("es"), ids=lambda x: x if isinstance(x, str) else None)
def test_spanish_phrases(spanish: Content, phrase: str, expected: tuple[str, ...]) -> None:
    check(spanish, phrase, expected)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_corpus_is_big_and_covers_every_sign_and_none(lang: str, content: Content, spanish: Content) -> None:
    phrases = corpus(lang)
    assert len(phrases) >= MIN_PHRASES
    assert len({p for p, _ in phrases}) == len(phrases), "a phrase is listed twice"
    named = {s for _, ids in phrases for s in ids}
    assert named == set((content if lang == "en" else spanish).warning_signs)
    assert sum(not ids for _, ids in phrases) >= 40, "plenty of phrases that must match nothing"


def test_the_issues_examples(content: Content, spanish: Content) -> None:
    """The phrases issue 17 found: the first four matched nothing, the rest said 'call 911'."""
    assert [s.id for s in signs_in(content, "I want to die")] == ["self-harm"]
    assert [s.id for s in signs_in(spanish, "me quiero morir")] == ["self-harm"]
    assert [s.id for s in signs_in(spanish, "no quiero seguir viviendo")] == ["self-harm"]
    assert [s.id for s in signs_in(content, "my temp is 38.5")] == ["fever"]
    for typed, lang in [
        ("me dio un ataque de nervios", spanish),
        ("ataque de tos", spanish),
        ("can't see the point", content),
        ("I feel a bit faint", content),
    ]:
        assert all(s.level != "emergency" for s in signs_in(lang, typed)), typed


@pytest.mark.parametrize(
    ("typed", "hot"),
    [
        ("38", False),  # a whole number alone could be anything
        ("temp 38", True),
        ("38,0", True),
        ("37,9", False),
        ("100.4", True),
        ("100.39", False),
        ("104 f", True),
        ("38 f", False),
        ("41 c", True),
        ("room 101", False),
        ("took 2 tablets at 10:38", False),
        ("39.5 grados", True),
        ("under 38.5", False),
        ("101.5 lbs", False),
    ],
)
def test_temperatures_typed_as_numbers(typed: str, hot: bool) -> None:
    assert has_fever_temperature(fold_typed(typed)) is hot


def test_negation_ends_with_the_part_of_the_sentence() -> None:
    text = fold_typed("no fever, but chest pain")
    assert negated(text, text.index("fever"), text.index("fever") + 5)
    assert not negated(text, text.index("chest"), text.index("chest") + 10)
    far = fold_typed("no idea why i have chest pain")
    assert not negated(far, far.index("chest"), far.index("chest") + 10)


def test_typing_is_folded_one_way() -> None:
    assert fold_typed("I CAN\u2019T   breathe") == "i can't breathe"
    assert fold_typed("I am unable to walk") == "i can't walk"
    assert fold_typed("Tengo Fiebre, Diarrhoea") == "tengo fiebre, diarrhea"
    assert fold_typed("wanna die") == "want to die"


def test_an_empty_text_matches_nothing(content: Content) -> None:
    assert signs_in(content, "") == [] and signs_in(content, "   ") == []
