"""The content issue 17 asked for, held in place: each area reaches a question in both languages with a
public source, the corrections say what they should, and the Spanish keeps its agreed words."""

from __future__ import annotations

import re

import pytest

from mbcprep.content.load import load_content
from mbcprep.model.content import Content

# area -> ids of the questions that carry it (issue 17, section 3)
AREAS: dict[str, list[str]] = {
    "triple-negative: PD-L1 and immunotherapy first": ["tx-tnbc-immunotherapy"],
    "triple-negative: PD-L1, MSI-H/TMB and HER2 gene tests": ["dx-tnbc-more-tests"],
    "PALB2 beside BRCA": ["dx-palb2-inherited", "med-parp"],
    "surgery or radiation to a few spots": ["tx-few-spots"],
    "HER2-positive: first choices and the brain": ["tx-her2-first-choice", "brain-her2-drugs"],
    "CDK4/6 checks": ["med-ribociclib-ecg", "med-cdk46-liver", "med-abemaciclib-diarrhea"],
    "oral SERDs and ctDNA": ["med-oral-serd", "mon-ctdna", "dx-esr1-blood-test"],
    "heart, eye or lung checks": ["med-heart-eye-lung"],
    "living longer or slowing growth": ["tx-live-longer"],
    "results visits": ["mon-results-show", "mon-is-it-working", "mon-new-or-bigger"],
    "older adults": ["older-health-check"],
    "disparities": ["fair-same-care"],
    "men": ["men-gene-test", "men-ai-shot"],
    "gender-affirming hormones": ["lgbtq-hormones"],
    "sex and intimacy": ["life-vaginal-dryness", "life-sex-intimacy"],
    "scalp cooling": ["se-scalp-cooling"],
    "vaccines": ["life-vaccines"],
    "cannabis and complementary therapies": ["med-cannabis"],
    "fear of addiction to pain medicine": ["pal-addiction-fear"],
    "equipment at home": ["money-home-equipment"],
    "Medicare and Medicaid after disability pay": ["money-medicare-wait"],
    "hospice and cancer medicine": ["plan-hospice-keep-medicine"],
    "support for the family after a death": ["care-after-a-death"],
}
HIDDEN = {"plan-hospice-keep-medicine", "care-after-a-death"}  # about the last stage: asked for first


@pytest.fixture(scope="module")
def banks() -> dict[str, Content]:
    return {lang: load_content(lang=lang, include_env=False) for lang in ("en", "es")}


@pytest.mark.parametrize("area", sorted(AREAS))
def test_each_area_is_reachable_in_both_languages(area: str, banks: dict[str, Content]) -> None:
    for bank in banks.values():
        for qid in AREAS[area]:
            q = bank.questions.get(qid)
            assert q is not None, f"{area}: {qid} is missing"
            assert q.sensitive == (qid in HIDDEN), qid
            assert q.source.startswith("ref:") and len(q.source) > 15, qid  # a source a person can look up


def test_the_corrections_say_what_they_should(banks: dict[str, Content]) -> None:
    en, es = banks["en"].questions, banks["es"].questions
    parp = en["med-parp"].why
    assert all(word in parp for word in ("inherited", "BRCA1", "BRCA2", "PALB2", "only in the tumor"))
    assert all(word in es["med-parp"].why for word in ("heredado", "PALB2", "solo está en el tumor"))
    assert "each time the cancer grows" in en["dx-esr1-blood-test"].text
    assert "during treatment" in en["dx-esr1-blood-test"].why
    assert "cada vez" in es["dx-esr1-blood-test"].text and "durante el tratamiento" in es["dx-esr1-blood-test"].why
    assert "ESR1" in en["dx-esr1-blood-test"].source and "2023" in en["dx-esr1-blood-test"].source
    assert "eye" in en["med-adc-watch-for"].why and "ojos" in es["med-adc-watch-for"].why
    # the newer drugs named are the ones approved (imlunestrant 2025, T-DXd with pertuzumab first 2025)
    assert "imlunestrant" in en["med-oral-serd"].text and "imlunestrant" in es["med-oral-serd"].text
    assert "2025" in en["tx-her2-first-choice"].why and "2025" in es["tx-her2-first-choice"].why


NEW_IDS = [qid for ids in AREAS.values() for qid in ids if qid not in ("med-parp", "life-sex-intimacy")]


def test_the_new_spanish_says_estudio_only_as_agreed(banks: dict[str, Content]) -> None:
    """A trial is an "estudio clínico", a scan an "estudio de imagen (tomografía, resonancia)"; never a
    bare "estudio". Hospice care is "cuidados de hospicio"."""
    for qid in NEW_IDS:
        q = banks["es"].questions[qid]
        said = f"{q.text} {q.why}"
        bare = re.sub(r"estudios? clínicos?|estudios? de imagen \(tomografía, resonancia\)", "", said)
        assert "estudio" not in bare, qid
        assert "hospicio" not in said or "cuidados de hospicio" in said, qid
    assert "estudio clínico" in banks["es"].questions["dx-tnbc-more-tests"].why
