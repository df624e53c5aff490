"""The Spanish content (issue 14): `data/es/` mirrors `data/` file for file and record for record.

Only the words people read are translated; ids, kinds, topics, sources, links and levels are the same.
The Spanish is read by the same strict loader, keeps the caregiver's `{name}`, leaves no English
behind, never says "hospicio" on its own, and reads easily (Fernández Huerta, with Spanish syllables
counted by pyphen's offline dictionary).
"""

from __future__ import annotations

import re
import statistics
from typing import Any

import pytest

from mbcprep.content.load import read_shipped
from mbcprep.content.strict_yaml import load_file
from mbcprep.content.warning_match import signs_in
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir

EN = shipped_data_dir()
ES = EN / "es"
# The words people read: translated, so they may differ. Every other field must be the same.
TEXT_FIELDS = {
    "label",
    "help",
    "text",
    "why",
    "prompt",
    "caregiver_prompt",
    "low",
    "high",
    "name",
    "term",
    "meaning",
    "detail",
    "advice",
    "caregiver_help",
    "caregiver_text",
    "caregiver_detail",
    "caregiver_advice",
}
TEXT_LISTS = {"choices", "also", "related", "words", "not_words"}
# `also` keeps English forms met in US clinics on purpose
PROSE = TEXT_FIELDS | {"choices", "related", "words", "not_words"}
NEW_QUESTIONS = {
    "team-trained-interpreter": "care-team",
    "med-directions-in-spanish": "medicines",
    "med-teas-home-remedies": "medicines",
    "family-in-decisions": "who-i-am",
    "family-shield-news": "who-i-am",
    "feel-own-faith-leader": "feelings-coping",
    "feel-group-in-spanish": "feelings-coping",
    "money-no-insurance": "money-practical",
    "ct-trials-in-spanish": "clinical-trials",
}


def english_files() -> list[str]:
    return sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.yaml") if p.relative_to(EN).parts[0] != "es")


def spanish_files() -> list[str]:
    return sorted(p.relative_to(ES).as_posix() for p in ES.rglob("*.yaml"))


@pytest.fixture(scope="module")
def pairs() -> dict[str, tuple[Any, Any]]:
    """Each file name -> (English data, Spanish data), both read by the strict loader."""
    return {rel: (load_file(EN / rel), load_file(ES / rel)) for rel in english_files() if (ES / rel).is_file()}


@pytest.fixture(scope="module")
def spanish() -> Content:
    return read_shipped(ES)


def records(data: Any) -> list[tuple[str, int, dict[str, Any]]]:
    """(top-level list, position, record) for every record in a file."""
    return [(key, n, rec) for key, items in data.items() for n, rec in enumerate(items)]


def key_of(rec: dict[str, Any], n: int) -> str:
    """Records are matched by id; glossary terms have none, so by their place in the file."""
    return rec["id"] if "id" in rec else f"term #{n + 1}"


def texts(data: Any, fields: set[str]) -> list[tuple[str, str]]:
    """(where, words) for every translated text in `fields`."""
    out = []
    for key, n, rec in records(data):
        for name, value in rec.items():
            if name in fields:
                for one in value if isinstance(value, list) else [value]:
                    out.append((f"{key}/{key_of(rec, n)}/{name}", one))
    return out


def every_spanish_text(pairs: dict[str, tuple[Any, Any]], fields: set[str]) -> list[tuple[str, str]]:
    return [(f"{rel}:{where}", words) for rel, (_, es) in pairs.items() for where, words in texts(es, fields)]


# --- (a) the same files, and the same records in each, both ways ------------------------------


def test_every_file_has_its_spanish_twin_and_the_reverse(pairs: dict[str, tuple[Any, Any]]) -> None:
    assert english_files() == spanish_files()
    assert len(pairs) == len(english_files())
    assert "glossary.yaml" in spanish_files() and "questions/care-team.yaml" in spanish_files()


def test_the_same_records_in_the_same_files_and_order(pairs: dict[str, tuple[Any, Any]]) -> None:
    for rel, (en, es) in pairs.items():
        assert list(en) == list(es), rel
        for key in en:
            en_keys = [key_of(r, n) for n, r in enumerate(en[key])]
            es_keys = [key_of(r, n) for n, r in enumerate(es[key])]
            assert en_keys == es_keys, (rel, key, set(en_keys) ^ set(es_keys))


def test_spanish_loads_with_the_same_strict_rules(spanish: Content, content: Content) -> None:
    english = content
    assert list(spanish.questions) == list(english.questions)
    assert list(spanish.topics) == list(english.topics) and list(spanish.kinds) == list(english.kinds)
    assert list(spanish.considerations) == list(english.considerations)
    assert list(spanish.symptoms) == list(english.symptoms)
    assert list(spanish.warning_signs) == list(english.warning_signs)
    assert list(spanish.urgent_levels) == list(english.urgent_levels)
    assert len(spanish.glossary) == len(english.glossary)


# --- (b) the same non-text fields ---------------------------------------------------------------


def test_only_the_words_differ(pairs: dict[str, tuple[Any, Any]]) -> None:
    for rel, (en, es) in pairs.items():
        for (key, n, a), (_, _, b) in zip(records(en), records(es), strict=True):
            where = (rel, key, key_of(a, n))
            assert list(a) == list(b), where  # same fields, in the same order
            for name in a:
                if name in TEXT_FIELDS:
                    assert isinstance(b[name], str) and b[name].strip(), (*where, name)
                elif name in TEXT_LISTS:
                    assert b[name] and all(isinstance(v, str) and v.strip() for v in b[name]), (*where, name)
                else:
                    assert a[name] == b[name], (*where, name)
            if "choices" in a:
                assert len(a["choices"]) == len(b["choices"]), where


def test_glossary_terms_keep_their_sources_in_order(pairs: dict[str, tuple[Any, Any]]) -> None:
    en, es = pairs["glossary.yaml"]
    assert [t["source"] for t in en["terms"]] == [t["source"] for t in es["terms"]]
    spanish_terms = {t["term"] for t in es["terms"]}
    assert {"metástasis", "receptor hormonal", "cuidados paliativos", "cuidados de hospicio"} <= spanish_terms
    her2 = next(t for t in es["terms"] if t["term"] == "HER2")
    assert {"HER2 bajo", "HER2 ultrabajo", "HER2-low", "HER2-ultralow"} <= set(her2["also"])


# --- (c) the caregiver's {name} -----------------------------------------------------------------


def test_caregiver_prompts_keep_the_name(pairs: dict[str, tuple[Any, Any]]) -> None:
    en, es = pairs["checklist.yaml"]
    for a, b in zip(en["considerations"], es["considerations"], strict=True):
        if "caregiver_prompt" not in a:
            continue
        prompt = b["caregiver_prompt"]
        assert prompt.count("{name}") == 1, b["id"]
        filled = prompt.format(name="Ana")
        assert "{" not in filled and "}" not in filled, b["id"]
        assert "¿" in filled and filled.endswith("?") and prompt != b["prompt"], b["id"]


# --- (d) no English left behind -----------------------------------------------------------------

# Common English words that are not Spanish words (so not "a", "no", "me", "he", "has", "doctor").
ENGLISH = (
    "the and with your you what how when which who why is are this that these those for from of to in on at"
    " my it if or do does can could would should will have be been not about there they them their our we"
    " she by an as so up out get ask need please than any"
)
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH.split()) + r")\b", re.IGNORECASE)


def test_no_english_words_left_in_the_translation(pairs: dict[str, tuple[Any, Any]]) -> None:
    left = [(where, words) for where, words in every_spanish_text(pairs, PROSE) if ENGLISH_WORD.search(words)]
    assert not left


def test_the_english_check_can_tell() -> None:
    assert ENGLISH_WORD.search("¿Qué pasa with my pills?")
    assert not ENGLISH_WORD.search("¿Me ayuda a entender mi poder para la atención médica (health care proxy)?")


# --- (e) never "hospicio" alone -----------------------------------------------------------------


def test_hospicio_is_never_alone(pairs: dict[str, tuple[Any, Any]]) -> None:
    every = every_spanish_text(pairs, PROSE | {"also"})
    for where, words in every:
        rest = re.sub(r"cuidados de hospicio|hospicio \(hospice\)", "", words, flags=re.IGNORECASE)
        assert "hospicio" not in rest.casefold(), where
    assert any("cuidados de hospicio (hospice)" in words for _, words in every)


# --- (f) plain Spanish --------------------------------------------------------------------------

textstat: Any = None  # imported by the fixture below when a test needs it, not while collecting


@pytest.fixture(scope="module")
def fernandez_huerta():  # type: ignore[no-untyped-def]
    """textstat's Fernández Huerta with Spanish syllables (pyphen's es dictionary, offline); the
    language is set back to English afterwards, for the English readability tests."""
    global textstat
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("es")
    yield textstat.fernandez_huerta
    textstat.set_lang("en_US")


def test_spanish_syllables_are_counted_in_spanish(fernandez_huerta) -> None:  # type: ignore[no-untyped-def]
    assert textstat.syllable_count("quimioterapia") == 5  # qui-mio-te-ra-pia, not an English guess
    assert fernandez_huerta("¿Puedo venir con mi hermana?") > 80
    hard = "¿Qué caracterización inmunohistoquímica determinó la clasificación de mis receptores hormonales?"
    assert fernandez_huerta(hard) < 20


@pytest.mark.parametrize("field", ["text", "why"])
def test_questions_read_easily(spanish: Content, fernandez_huerta, field: str) -> None:  # type: ignore[no-untyped-def]
    lines = [getattr(q, field) for q in spanish.questions.values()]
    scores = [fernandez_huerta(line) for line in lines]
    assert statistics.mean(scores) >= 70
    if field == "text":
        hard = [line for line, score in zip(lines, scores, strict=True) if score < 50]
        assert not hard


def test_checklist_symptoms_glossary_and_warning_signs_read_easily(spanish: Content, fernandez_huerta) -> None:  # type: ignore[no-untyped-def]
    lines = [c.prompt for c in spanish.considerations.values()] + [c.help for c in spanish.considerations.values()]
    lines += [s.help for s in spanish.symptoms.values()] + [t.meaning for t in spanish.glossary]
    assert statistics.mean(fernandez_huerta(line) for line in lines) >= 70
    signs = [s.text for s in spanish.warning_signs.values()] + [s.detail for s in spanish.warning_signs.values()]
    signs += [s.advice for s in spanish.warning_signs.values() if s.advice]
    signs += [level.help for level in spanish.urgent_levels.values()]
    signs += caregiver_forms(spanish)
    assert statistics.mean(fernandez_huerta(line) for line in signs) >= 70


def caregiver_forms(content: Content) -> list[str]:
    """The warning words said to a caregiver, with a name in them."""
    signs = content.warning_signs.values()
    forms = [x for s in signs for x in (s.caregiver_text, s.caregiver_detail, s.caregiver_advice) if x]
    forms += [level.caregiver_help for level in content.urgent_levels.values() if level.caregiver_help]
    assert forms, "the caregiver's words are read too"
    return [f.format(name="Ana") for f in forms]


# --- style, the new questions, and the warning signs --------------------------------------------


def test_questions_are_asked_the_spanish_way(spanish: Content) -> None:
    for q in spanish.questions.values():
        assert "¿" in q.text and q.text.endswith("?"), q.id
        assert q.why.startswith("Pregunte esto"), q.id


# A reader's adjective would say "she" or "he": the Spanish is written so it does not have to.
GENDERED = re.compile(
    r"\b(estoy|está|esté|estar|me siento|se siente|se sienta|sentirse|me pongo|se pone|ponerse)\s+(muy\s+|más\s+)?"
    r"(cansad|agotad|preparad|list|asustad|deprimid|nervios|enferm|sol|segur|tranquil|confundid|maread)[ao]s?\b",
    re.IGNORECASE,
)


def test_the_reader_is_never_given_a_gender(pairs: dict[str, tuple[Any, Any]]) -> None:
    prose = every_spanish_text(pairs, TEXT_FIELDS | {"choices"})
    assert not [(where, words) for where, words in prose if GENDERED.search(words)]


def test_new_questions_for_spanish_speakers_in_both_languages(spanish: Content, content: Content) -> None:
    for qid, topic in NEW_QUESTIONS.items():
        for bank in (content, spanish):
            q = bank.questions[qid]
            assert q.topic == topic and not q.sensitive, qid
            assert q.source.startswith(("ref:", "seed:")), qid
    said = " ".join(f"{spanish.questions[q].text} {spanish.questions[q].why}" for q in NEW_QUESTIONS).casefold()
    for words in ("intérprete", "hijos", "español", "familia", "sacerdote", "pastor", "tés", "remedios caseros"):
        assert words in said, words
    assert "seguro médico" in said and "papeles" in said


def test_emergency_and_crisis_numbers_keep_the_local_line(spanish: Content) -> None:
    emergency, crisis = spanish.urgent_levels["emergency"], spanish.urgent_levels["crisis"]
    assert "911" in emergency.label and "número de emergencias de su país" in emergency.label
    assert "988" in crisis.label and "oprima 2" in crisis.label and "línea de crisis de su país" in crisis.label


@pytest.mark.parametrize(
    ("typed", "sign"),
    [
        ("tengo fiebre y escalofríos", "fever"),
        ("tengo escalofrios", "fever"),
        ("me duele el pecho", "chest-pain"),
        ("no siento las piernas", "spinal-cord"),
        ("tosi sangre en la mañana", "coughing-blood"),
        ("me desmayé en la cocina", "fainting"),
        ("ya no quiero vivir", "self-harm"),
    ],
)
def test_spanish_words_find_the_warning_sign(spanish: Content, typed: str, sign: str) -> None:
    assert sign in [s.id for s in signs_in(spanish, typed)]


def test_every_accented_warning_word_is_also_listed_without_accents(spanish: Content) -> None:
    import unicodedata

    def plain(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")

    for s in spanish.warning_signs.values():
        assert {plain(w) for w in s.words} <= set(s.words), s.id


def test_scales_still_run_from_least_to_most(spanish: Content) -> None:
    for c in spanish.considerations.values():
        if c.answer == "scale":
            assert c.low.startswith(("Nada", "Ningun", "Muy poco", "No ")), (c.id, c.low)
            assert not c.high.startswith(("Nada", "Ningun", "Muy poco", "No ")), (c.id, c.high)
