"""The Spanish words a medical translator would hold us to (issue 17): a trial is an "estudio
clínico" and a scan an "estudio de imagen", never a bare "estudio"; the medical port is not "el
puerto"; "Preste atención a", not "Fíjese"; "el consultorio está cerrado"; "cuidados de hospicio" are
explained where a question or the glossary uses them (in Mexico "hospicio" suggests an orphanage);
the blood count is the "biometría hemática"; an ADC is a "conjugado anticuerpo-fármaco"; one name for
the nurse navigator. The warning signs (`urgent.yaml`) are checked by their own tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mbcprep.content.load import read_shipped
from mbcprep.content.strict_yaml import load_file
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir

ES = shipped_data_dir() / "es"
CATALOGUE = Path(__file__).resolve().parents[1] / "mbcprep" / "locale" / "es" / "LC_MESSAGES" / "mbcprep.po"
# The fields people read; `also` is left out on purpose: it holds the other words a search should find.
PROSE = {"label", "help", "text", "why", "prompt", "caregiver_prompt", "low", "high", "name", "term", "meaning"}
PROSE_LISTS = {"choices", "related"}

BARE_ESTUDIO = re.compile(r"\bestudios?\b(?!\s+(?:clínicos?|de imagen(?:es)?|de investigación)\b)", re.IGNORECASE)
PORT = re.compile(r"\b(?:el|un|del|al|su|mi)\s+puerto\b", re.IGNORECASE)
FIJESE = re.compile(r"\bf[íi]jese\b", re.IGNORECASE)
OFFICE_CLOSED = re.compile(r"\boficina\b[^.?!]*\bcerrad", re.IGNORECASE)
BLOOD_COUNT = re.compile(r"\b(?:hemograma|CBC|conteos? sangu[íi]neos?)\b", re.IGNORECASE)
OTHER_NAVIGATORS = re.compile(
    r"\b(?:enfermer[ao] guía|guía de pacientes|coordinador[a]? de pacientes)\b", re.IGNORECASE
)
HOSPICE_EXPLAINED = re.compile(r"no (?:es|son) un asilo", re.IGNORECASE)


def spanish_prose() -> list[tuple[str, str]]:
    """(where, words) for every text a person reads in data/es/, the warning signs aside."""
    out = []
    for path in sorted(ES.rglob("*.yaml")):
        if path.name == "urgent.yaml":
            continue
        data = load_file(path)
        for key, items in data.items():
            if not isinstance(items, list):
                continue
            for n, rec in enumerate(items):
                for name, value in rec.items():
                    if name in PROSE and isinstance(value, str):
                        out.append((f"{path.relative_to(ES)}:{key}[{n}].{name}", value))
                    elif name in PROSE_LISTS:
                        out += [(f"{path.relative_to(ES)}:{key}[{n}].{name}", v) for v in value]
    return out


def catalogue_translations() -> list[tuple[str, str]]:
    """(msgid, msgstr) for every entry of the Spanish catalogue, each joined into one line."""
    entries, current, field = [], {"msgid": "", "msgstr": ""}, ""
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
            if field == "msgid" and current["msgstr"]:
                entries.append((current["msgid"], current["msgstr"]))
                current = {"msgid": "", "msgstr": ""}
            current[field] = rest.strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
        elif not line.strip():
            field = ""
    if current["msgstr"]:
        entries.append((current["msgid"], current["msgstr"]))
    return entries


@pytest.fixture(scope="module")
def spanish() -> Content:
    return read_shipped(ES)


@pytest.fixture(scope="module")
def every_text() -> list[tuple[str, str]]:
    return spanish_prose() + [(f"catalogue: {msgid}", msgstr) for msgid, msgstr in catalogue_translations()]


def test_the_checks_can_tell() -> None:
    assert BARE_ESTUDIO.search("Si entro a un estudio, ¿puedo salirme?")
    assert BARE_ESTUDIO.search("los estudios y los resultados")
    assert not BARE_ESTUDIO.search("un estudio clínico, los estudios clínicos, un estudio de imagen")
    assert PORT.search("una zona roja alrededor del puerto") and not PORT.search("el port o catéter con reservorio")
    assert FIJESE.search("Fíjese en quién contesta.")
    assert OFFICE_CLOSED.search("cuando la oficina está cerrada")
    assert HOSPICE_EXPLAINED.search("Los cuidados de hospicio no son un asilo")


def test_the_catalogue_is_read_whole() -> None:
    found = dict(catalogue_translations())
    assert found["nurse navigator"].startswith("enfermera navegadora")
    assert len(found) > 500


@pytest.mark.parametrize(
    ("check", "why"),
    [
        (BARE_ESTUDIO, "say 'estudio clínico' for a trial and 'estudio de imagen' for a scan"),
        (PORT, "the medical port is 'el port o catéter con reservorio', not 'el puerto'"),
        (FIJESE, "write 'Preste atención a', not 'Fíjese'"),
        (OFFICE_CLOSED, "write 'el consultorio está cerrado'"),
        (OTHER_NAVIGATORS, "the nurse navigator is always 'enfermera navegadora'"),
    ],
)
def test_spanish_says_it_one_clear_way(every_text: list[tuple[str, str]], check: re.Pattern[str], why: str) -> None:
    wrong = [(where, words) for where, words in every_text if check.search(words)]
    assert not wrong, why


def test_a_blood_count_is_named_biometria_hematica(every_text: list[tuple[str, str]]) -> None:
    named = [(where, words) for where, words in every_text if BLOOD_COUNT.search(words)]
    assert named
    assert all("biometría hemática" in words.casefold() for _, words in named)


def test_hospice_care_is_explained_where_it_is_named(spanish: Content) -> None:
    asked = [q for q in spanish.questions.values() if "hospicio" in f"{q.text} {q.why}".casefold()]
    assert asked
    for q in asked:
        assert HOSPICE_EXPLAINED.search(f"{q.text} {q.why}"), q.id
    term = next(t for t in spanish.glossary if t.term == "cuidados de hospicio")
    assert HOSPICE_EXPLAINED.search(term.meaning) and "casa" in term.meaning


def test_the_glossary_uses_the_chosen_words(spanish: Content) -> None:
    terms = {t.term: t for t in spanish.glossary}
    assert {"estudio de imagen", "biometría hemática", "conjugado anticuerpo-fármaco (ADC)"} <= set(terms)
    assert "port o catéter con reservorio" in terms and "puerto" in terms["port o catéter con reservorio"].also
    assert "enfermera navegadora" in terms
    assert "CBC" in terms["biometría hemática"].meaning
    adc = [q for q in spanish.questions.values() if "anticuerpo" in q.text]
    assert adc and all("conjugado anticuerpo-fármaco (ADC)" in q.text for q in adc)
