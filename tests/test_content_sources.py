"""Every piece of shipped content names a public source a person could look up (issue 17): an
organisation and a page or guideline title after "ref:", in English and in Spanish. A seed tag may
follow it ("ref:...; seed:003"), so the seed coverage tests still find the seed it draws on."""

from __future__ import annotations

import pytest

from mbcprep.content.load import read_shipped
from mbcprep.content.schema import SOURCE_RE, names_public_source, source_seed
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir


@pytest.fixture(scope="module")
def spanish() -> Content:
    return read_shipped(shipped_data_dir() / "es")


def every_source(bank: Content) -> list[tuple[str, str]]:
    found = [(f"question {q.id}", q.source) for q in bank.questions.values()]
    found += [(f"checklist {c.id}", c.source) for c in bank.considerations.values()]
    found += [(f"symptom {s.id}", s.source) for s in bank.symptoms.values()]
    found += [(f"term #{n + 1}", t.source) for n, t in enumerate(bank.glossary)]  # terms are translated
    found += [(f"sign {s.id}", s.source) for s in bank.warning_signs.values()]
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_item_names_a_public_source(lang: str, content: Content, spanish: Content) -> None:
    bank = content if lang == "en" else spanish
    internal_only = [where for where, source in every_source(bank) if not names_public_source(source)]
    assert not internal_only


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_public_source_names_an_organisation_and_a_title(lang: str, content: Content, spanish: Content) -> None:
    bank = content if lang == "en" else spanish
    for where, source in every_source(bank):
        if where.startswith("sign "):
            continue  # a sign may cite a help line by its name alone ("ref:988 Suicide & Crisis Lifeline")
        reference = source.removeprefix("ref:").split("; seed:")[0]
        organisation, _, title = reference.partition(", ")
        assert organisation.strip() and title.strip(), where
        assert "seed:" not in reference, where


def test_both_languages_cite_the_same_sources(content: Content, spanish: Content) -> None:
    assert dict(every_source(content)) == dict(every_source(spanish))


def test_a_seed_tag_after_a_reference_still_counts_for_its_seed() -> None:
    both = "ref:National Cancer Institute, Advance Directives; seed:002"
    assert SOURCE_RE.fullmatch(both)
    assert source_seed(both) == "seed:002"
    assert source_seed("seed:001") == "seed:001"
    assert source_seed("ref:National Cancer Institute, Advance Directives") is None
    assert source_seed("ref:A talk about seed:003 grants") is None  # only a tag at the end, after "; "
    assert names_public_source(both)
    assert not names_public_source("seed:003")
