"""Warning signs that cannot wait: data/urgent.yaml loads, every sign has the right level, and
signs_in finds the signs a person types in their own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mbcprep.content.load import load_content
from mbcprep.content.schema import SOURCE_RE
from mbcprep.content.warning_match import signs_in
from mbcprep.errors import ContentError
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir

LEVELS = ["emergency", "call-now", "crisis"]  # most urgent first

# sign -> the levels it may have (one level, except where either is a safe choice)
REQUIRED_SIGNS: dict[str, set[str]] = {
    "fever": {"call-now"},
    "infection": {"call-now", "emergency"},
    "chest-pain": {"emergency"},
    "sudden-breathlessness": {"emergency"},
    "coughing-blood": {"emergency"},
    "spinal-cord": {"call-now", "emergency"},
    "stroke-signs": {"emergency"},
    "severe-headache": {"emergency"},
    "seizure": {"emergency"},
    "fainting": {"emergency"},
    "blood-clot": {"call-now", "emergency"},
    "lung-inflammation": {"call-now", "emergency"},
    "high-calcium": {"call-now", "emergency"},
    "heavy-bleeding": {"emergency"},
    "bleeding": {"call-now", "emergency"},
    "fluids": {"call-now", "emergency"},
    "severe-pain": {"call-now", "emergency"},
    "brain-changes": {"call-now", "emergency"},
    "self-harm": {"crisis"},
}


def test_levels_are_listed_most_urgent_first(content: Content) -> None:
    assert list(content.urgent_levels) == LEVELS
    assert content.urgent_levels["emergency"].label == "Call 911 (or your local emergency number) now"
    assert content.urgent_levels["call-now"].label == "Call your care team now, day or night"
    assert content.urgent_levels["crisis"].label == "Call or text 988 (in the US) or your local crisis line"
    for level in content.urgent_levels.values():
        assert level.help.strip()


def test_every_level_has_signs_and_every_sign_is_complete(content: Content) -> None:
    used = {s.level for s in content.warning_signs.values()}
    assert used == set(LEVELS)
    for sign in content.warning_signs.values():
        assert sign.level in content.urgent_levels, sign.id
        assert sign.text.strip() and sign.words, sign.id
        assert all(w.strip() for w in sign.words), sign.id
        assert SOURCE_RE.fullmatch(sign.source), sign.id
        assert sign.text == sign.text.strip() and not sign.text.isupper(), sign.id


@pytest.mark.parametrize("sign_id", sorted(REQUIRED_SIGNS))
def test_each_required_sign_has_a_safe_level(content: Content, sign_id: str) -> None:
    sign = content.warning_signs.get(sign_id)
    assert sign is not None, f"{sign_id} is missing"
    assert sign.level in REQUIRED_SIGNS[sign_id], (sign_id, sign.level)


def test_the_fever_sign_names_the_threshold(content: Content) -> None:
    fever = content.warning_signs["fever"].text
    assert "100.4 F" in fever and "38 C" in fever


def test_the_lung_sign_names_the_kinds_of_drug(content: Content) -> None:
    sign = content.warning_signs["lung-inflammation"]
    said = f"{sign.text} {sign.detail}"
    for kind in ("antibody-drug conjugates", "CDK4/6 inhibitors", "everolimus", "immunotherapy"):
        assert kind in said


def test_the_crisis_line_says_988_and_a_local_line(content: Content) -> None:
    crisis = content.urgent_levels["crisis"]
    assert "988" in crisis.label and "local crisis line" in crisis.label
    assert "911" in crisis.help  # for danger right now


def test_words_are_not_listed_for_two_signs_at_the_same_level(content: Content) -> None:
    seen: dict[tuple[str, str], str] = {}
    for sign in content.warning_signs.values():
        for word in sign.words:
            key = (sign.level, word.casefold())
            assert key not in seen, f"'{word}' is in both {seen[key]} and {sign.id}"
            seen[key] = sign.id


@pytest.mark.parametrize(
    ("typed", "sign_id"),
    [
        ("fever", "fever"),
        ("I have a FEVER and chills", "fever"),
        ("chest pain", "chest-pain"),
        ("sharp pain in my chest", "chest-pain"),
        ("I can't feel my legs", "spinal-cord"),
        ("I can\u2019t feel my legs", "spinal-cord"),
        ("cannot feel my legs", "spinal-cord"),
        ("numb legs", "spinal-cord"),
        ("my legs feel weak", "spinal-cord"),
        ("I can not breathe", "sudden-breathlessness"),
        ("coughing up blood", "coughing-blood"),
        ("a seizure last night", "seizure"),
        ("I fainted", "fainting"),
        ("worst headache ever", "severe-headache"),
        ("new cough", "lung-inflammation"),
        ("always thirsty", "high-calcium"),
        ("can't keep fluids down", "fluids"),
        ("diarrhoea", "fluids"),
        ("my swollen leg hurts", "blood-clot"),
        ("pain meds aren't working", "severe-pain"),
        ("I dont want to live", "self-harm"),
    ],
)
def test_matching_signs_finds_what_people_type(content: Content, typed: str, sign_id: str) -> None:
    assert sign_id in [s.id for s in signs_in(content, typed)]


@pytest.mark.parametrize(
    "typed",
    ["itchy skin", "", "   ", "tired", "pain", "hot flashes", "I don't want to die", "legendary", "feverfew tea"],
)
def test_matching_signs_leaves_everyday_words_alone(content: Content, typed: str) -> None:
    assert signs_in(content, typed) == []


def test_matching_signs_puts_the_most_urgent_first(content: Content) -> None:
    found = signs_in(content, "coughing up blood and a fever")
    assert [s.level for s in found] == sorted((s.level for s in found), key=LEVELS.index)
    assert found[0].id == "coughing-blood"
    assert {"fever", "lung-inflammation"} <= {s.id for s in found}


def _copy_of_shipped(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    return copy


def test_a_sign_with_an_unknown_level_is_reported_on_its_line(tmp_path: Path) -> None:
    copy = _copy_of_shipped(tmp_path)
    target = copy / "urgent.yaml"
    lines = target.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip() == "level: call-now")
    lines[at] = lines[at].replace("call-now", "call-soon")
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    assert [(p.line, p.message.split(" (")[0]) for p in info.value.problems] == [(at + 1, "unknown level 'call-soon'")]


def test_a_sign_without_words_or_source_is_refused(tmp_path: Path) -> None:
    copy = _copy_of_shipped(tmp_path)
    target = copy / "urgent.yaml"
    text = target.read_text()
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("words: [fever,"))
    lines[at] = "    words: []"
    text = "\n".join(lines) + "\n"
    text = text.replace('source: "ref:988 Suicide & Crisis Lifeline"', 'source: "a website"', 1)
    target.write_text(text)
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    found = {(p.line, p.message) for p in info.value.problems}
    assert (at + 1, "empty field 'words'") in found
    assert any("'source' should be seed:000 to seed:003, or ref:" in m for _, m in found)


def test_a_missing_urgent_file_is_reported(tmp_path: Path) -> None:
    copy = _copy_of_shipped(tmp_path)
    (copy / "urgent.yaml").unlink()
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    assert any(p.path.endswith("urgent.yaml") and "no such file" in p.message for p in info.value.problems)


# --- issue 17: the new signs, at their level, everywhere the signs are shown ----------------------

NEW_SIGNS = {
    "allergic-reaction": "emergency",
    "sudden-leg-weakness": "emergency",
    "yellow-skin": "call-now",
    "heart-rhythm": "call-now",
    "high-blood-sugar": "call-now",
    "eye-changes": "call-now",
    "mouth-sores": "call-now",
    "no-bowel-movement": "call-now",
    "bone-pain-fall": "call-now",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_new_signs_have_their_level_and_the_spinal_sign_is_split(lang: str) -> None:
    signs = load_content(lang=lang).warning_signs
    assert {s: signs[s].level for s in NEW_SIGNS} == NEW_SIGNS
    assert signs["spinal-cord"].level == "call-now"
    assert {"allergic-reaction", "sudden-leg-weakness"} < {s for s, w in signs.items() if w.level == "emergency"}


def test_the_fever_sign_says_to_take_the_temperature_before_any_fever_medicine(content: Content) -> None:
    advice = content.warning_signs["fever"].advice
    assert "before any fever medicine" in advice and "acetaminophen or ibuprofen" in advice
    assert "Do not wait until morning" in advice
    spanish = load_content(lang="es").warning_signs["fever"].advice
    assert "antes de cualquier medicina para la fiebre" in spanish and "No espere a la mañana" in spanish


def test_the_spanish_crisis_line_says_text_and_names_mexicos_line_with_its_source() -> None:
    crisis = load_content(lang="es").urgent_levels["crisis"]
    assert crisis.label.startswith("Llame o envíe un mensaje de texto al 988")
    assert "Línea de la Vida en México (800 911 2000)" in crisis.label
    assert "escriba AYUDA al 988" in crisis.help
    assert "Línea de la Vida" in crisis.source and "988" in crisis.source


def _flat(text: str) -> str:
    import html

    return " ".join(html.unescape(text).split())


def _assert_every_sign_under_its_level(shown: str, content: Content, *, with_help: bool = True) -> None:
    """Each level's label (and help line), then its signs (and what to do now), before the next level."""
    flat = _flat(shown)
    levels = list(content.urgent_levels.values())
    starts = [flat.index(_flat(level.label)) for level in levels]
    assert starts == sorted(starts), "the levels in order, most urgent first"
    for n, level in enumerate(levels):
        end = starts[n + 1] if n + 1 < len(levels) else len(flat)
        part = flat[starts[n] : end]
        if with_help:
            assert _flat(level.help) in part, level.id
        for sign in (s for s in content.warning_signs.values() if s.level == level.id):
            assert _flat(sign.text) in part, (level.id, sign.id)
            if sign.advice:
                assert _flat(sign.advice) in part, sign.id


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_urgent_command_shows_every_sign_at_its_level(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    ran = cli("--lang", lang, "urgent")
    assert ran.code == 0
    _assert_every_sign_under_its_level(ran.out, load_content(lang=lang))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("reader", ["me", "family"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_every_sheet_shows_every_sign_at_its_level_with_each_levels_help(cli, lang: str, reader: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("--lang", lang, "new-visit", "--no-input", "--symptom", "pain=3").code == 0
    extra = ["--no-input"] if reader == "family" else []
    ran = cli("--lang", lang, "export", "latest", "--for", reader, "--format", fmt, "-o", "-", *extra)
    assert ran.code == 0, ran
    box = ran.out[ran.out.index("911") - 60 :]
    _assert_every_sign_under_its_level(box, load_content(lang=lang))


@pytest.mark.parametrize(
    ("key", "field_line"),
    [
        ("    caregiver_help:", '    caregiver_help: "Say that you have cancer."'),
        ("    caregiver_advice:", '    caregiver_advice: "Check the temperature of {name} at {time}."'),
    ],
)
def test_a_caregivers_words_without_the_patients_name_are_refused_on_their_line(
    tmp_path: Path, key: str, field_line: str
) -> None:
    """The caregiver's form of a warning holds "{name}" and no other {} (else it could not be said)."""
    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    target = copy / "urgent.yaml"
    lines = target.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(key))
    lines[at] = field_line
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy, lang="en", include_env=False)
    wanted = f"'{key.strip().rstrip(':')}' should hold {{name}}"
    first = info.value.problems[0]  # (a level refused makes its signs' level unknown too)
    assert (first.line, first.message.startswith(wanted)) == (at + 1, True)


def test_the_signs_that_say_what_to_do_tell_a_caregiver_about_the_patient(content: Content) -> None:
    from mbcprep.actions.warnings import SignWatch

    watch = SignWatch(content)
    watch.about = "Ana"
    said = watch.check("she fainted", "her leg is swollen", "pain meds aren't working")
    for line in (
        "Call even if Ana comes round quickly. A clot or bleeding can cause it.",
        "This can be a blood clot. If Ana is also short of breath or has chest pain, call 911.",
        "Ana does not have to wait it out. The care team can change the pain plan.",
    ):
        assert line in said, said
    assert not [line for line in said if "your visit" in line or "if you come round" in line]
