"""Every concern listed in ../shared/seeds/README.md can be reached from the bank or the checklist.

Each concern names the questions or checklist items that carry it; the test proves they exist, cite
the right seed, and that the list of concerns matches the seed README's own wording where it is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mbcprep.content.schema import source_seed
from mbcprep.model.content import Content

# concern (as the seed README words it) -> (seed, ids of questions or checklist items)
CONCERNS: dict[str, tuple[str, list[str]]] = {
    # seed 000: what patients want from their care team
    "to be treated as a person and heard": ("000", ["team-know-me", "team-my-list-first"]),
    "continuity and coordination of care": ("000", ["team-who-leads", "team-share-records", "team-same-faces"]),
    "timely test results": ("000", ["team-results-when", "dx-results-how-soon", "mon-results-soon"]),
    "reaching staff when the office is closed": ("000", ["team-after-hours", "pal-pain-out-of-hours"]),
    "less waiting": ("000", ["team-less-waiting"]),
    "better explanations to help decide on treatment": ("000", ["team-explain-again", "tx-why-this-one"]),
    "more time with the doctor": ("000", ["team-longer-visit"]),
    "second opinions and referrals to specialists": ("000", ["so-is-it-ok", "so-who-to-see", "so-other-specialists"]),
    "trial and error": ("000", ["tx-trial-and-error"]),
    "side effects": ("000", ["se-most-common", "se-call-right-away", "tx-gains-and-side-effects"]),
    "tests (biomarkers) that predict benefit": ("000", ["dx-tests-predict-benefit", "dx-gene-tests"]),
    "trading side effects for time": ("000", ["tx-side-effects-for-time"]),
    "how bad symptoms are": ("000", ["se-how-bad", "se-rate-how-bad"]),
    "stage of life (children at home)": ("000", ["life-stage-of-life", "life-kids-at-home", "stage-of-life"]),
    "talking early and openly about the goals of treatment": ("000", ["plan-goals-now", "plan-talk-early"]),
    # seed 001: coping, symptoms and emotional health
    "facing problems and talking about them": ("001", ["feel-face-hard-things"]),
    "many symptoms at once, in clusters": ("001", ["se-many-at-once", "se-linked-symptoms", "pal-many-symptoms"]),
    "anxiety and depression can last for years": ("001", ["feel-worried-low", "feel-still-anxious"]),
    "hope and meaning matter": ("001", ["feel-hope", "feel-meaning-faith", "hope-and-meaning"]),
    "referral to counselling or mental-health care": ("001", ["feel-counsellor", "feel-ways-to-treat-mood"]),
    "support groups": ("001", ["feel-support-group"]),
    "distress tends to grow as the disease progresses": ("001", ["feel-harder-since-change"]),
    # seed 002: information and support services
    "hard to find": ("002", ["team-find-good-info"]),
    "the latest treatments": ("002", ["tx-newest-options"]),
    "how treatment is monitored (side effects and quality of life)": (
        "002",
        ["mon-track-side-effects", "mon-quality-of-life"],
    ),
    "palliative care": ("002", ["pal-what-is-palliative", "pal-alongside-treatment"]),
    "advance directives and end-of-life care": ("002", ["plan-advance-directive", "plan-end-of-life-wishes"]),
    "how MBC is diagnosed": ("002", ["dx-how-found-spread"]),
    "new drugs in clinical trials": ("002", ["ct-new-drugs"]),
    "information and support go together": ("002", ["feel-family-support", "team-find-good-info"]),
    # seed 003: treatment choices
    "where the cancer has spread": ("003", ["dx-where-spread", "tx-where-spread-matters"]),
    "hormone-receptor and HER2 status": ("003", ["dx-how-status-found", "dx-new-biopsy"]),
    "past treatment": ("003", ["tx-past-treatment-matters"]),
    "agree on an approach with the doctor": ("003", ["tx-why-this-one", "how-strong"]),
    "say how aggressive you want to be": ("003", ["tx-how-strong", "how-strong"]),
    "pain control": ("003", ["pal-pain-first", "pain-control"]),
    "you can change your mind": ("003", ["tx-change-my-mind"]),
    "second opinions": ("003", ["so-is-it-ok"]),
    "eight things to consider": (
        "003",
        [
            "how-strong",
            "body-can-handle",
            "side-effects-to-accept",
            "pain-control",
            "trial-openness",
            "cost-worries",
            "support-network",
            "how-to-talk",
        ],
    ),
    "eleven questions to ask the doctor": (
        "003",
        [
            "dx-how-status-found",
            "dx-new-biopsy",
            "tx-why-this-one",
            "tx-gains-and-side-effects",
            "tx-daily-life",
            "mon-how-know-working",
            "mon-what-tests",
            "sw-if-it-stops",
            "sw-when-to-switch",
            "tx-if-i-say-no",
            "ct-any-for-me",
        ],
    ),
}

# The areas issue 10 found missing -> (the seed that says it, if one does; ids of questions, checklist
# items or warning signs that carry it). Each area is reachable, and none of it is hidden as "about the
# future" unless it is about time (tx-how-long-help).
AREAS: dict[str, tuple[str | None, list[str]]] = {
    "warning signs that cannot wait": (
        None,
        ["fever", "chest-pain", "sudden-breathlessness", "spinal-cord", "self-harm", "se-call-right-away"],
    ),
    "the HER2 score, HER2-low and HER2-ultralow": (None, ["dx-her2-score", "dx-how-status-found"]),
    "retesting the cancer when it grows": (
        "003",
        ["sw-test-again", "dx-new-biopsy", "dx-esr1-blood-test", "dx-pik3ca-test", "dx-gene-tests"],
    ),
    "inherited BRCA and what it means for relatives": (None, ["dx-brca-inherited", "dx-brca-family"]),
    "the main kinds of drugs": (
        None,
        ["med-what-kind", "med-hormone-pills", "med-cdk46-blood-tests", "med-adc-watch-for", "med-parp"],
    ),
    "pills taken at home": (None, ["med-pill-routine", "med-missed-dose", "med-safe-at-home"]),
    "supplements, herbs and grapefruit": (None, ["med-interactions", "med-grapefruit"]),
    "how much benefit to expect": ("000", ["tx-how-likely-help", "tx-how-long-help", "tx-side-effects-for-time"]),
    "trade-offs, not stronger is better": ("003", ["tx-how-strong", "how-strong", "side-effects-to-accept"]),
    "bone health": (None, ["bone-strengthen", "bone-dental-check", "bone-calcium", "bone-warning-signs"]),
    "spread to the brain": (None, ["brain-mri", "brain-signs", "brain-few-spots"]),
    "young women": (None, ["young-birth-control", "young-periods-menopause", "young-fertility", "feel-body-image"]),
    "men with breast cancer": (None, ["men-differences", "men-support"]),
    "LGBTQ+ people and chosen family": (None, ["lgbtq-known-here", "lgbtq-chosen-family", "care-chosen-family"]),
    "living far from the cancer center": ("000", ["far-closer-to-home", "far-local-emergency", "money-lodging"]),
    "palliative care versus end-of-life care": ("002", ["pal-what-is-palliative", "plan-what-is-hospice"]),
    "CPR, POLST and a guardian for children": (None, ["plan-polst", "plan-cpr-chances", "plan-guardian-children"]),
    "recording the visit or a written summary": (None, ["team-record-visit", "team-written-summary"]),
    "disability benefits and work": (None, ["money-disability-benefits", "money-work-rights", "money-work-forms"]),
    "loneliness, shame and the fear of being a burden": ("001", ["feel-lonely", "feel-shame", "feel-burden"]),
    "many symptoms, each with questions to suggest": (None, ["se-numb-hands", "se-foggy-thinking", "se-swelling"]),
}
MAY_BE_HIDDEN = {"tx-how-long-help", "plan-what-is-hospice", "plan-cpr-chances"}

SEED_README = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "README.md"


@pytest.mark.parametrize("concern", sorted(CONCERNS))
def test_each_concern_is_reachable(concern: str, content: Content) -> None:
    seed, ids = CONCERNS[concern]
    for item_id in ids:
        found = content.questions.get(item_id) or content.considerations.get(item_id)
        assert found is not None, f"{concern}: {item_id} is missing"
    cited = [source_seed((content.questions.get(i) or content.considerations[i]).source) for i in ids]
    assert f"seed:{seed}" in cited, f"{concern}: none of {ids} cites seed:{seed}"


@pytest.mark.skipif(not SEED_README.exists(), reason="the shared seeds are not beside this checkout")
def test_concerns_follow_the_seed_readme_wording() -> None:
    text = " ".join(SEED_README.read_text(encoding="utf-8").split()).lower()
    missing = [c for c in CONCERNS if c.split(" (")[0].split(",")[0].lower() not in text]
    assert not missing


def test_every_seed_is_cited(content: Content) -> None:
    cited = {source_seed(q.source) for q in content.questions.values()}
    cited |= {source_seed(c.source) for c in content.considerations.values()}
    assert {"seed:000", "seed:001", "seed:002", "seed:003"} <= cited


@pytest.mark.parametrize("area", sorted(AREAS))
def test_each_issue_10_area_is_reachable(area: str, content: Content) -> None:
    seed, ids = AREAS[area]
    sources, seeds = [], []
    for item_id in ids:
        found = (
            content.questions.get(item_id) or content.considerations.get(item_id) or content.warning_signs.get(item_id)
        )
        assert found is not None, f"{area}: {item_id} is missing"
        sources.append(found.source)
        seeds.append(source_seed(found.source))
        question = content.questions.get(item_id)
        if question is not None and item_id not in MAY_BE_HIDDEN:
            assert not question.sensitive, f"{area}: {item_id} is hidden"
    assert any(i in content.questions for i in ids), f"{area}: no question carries it"
    if seed is not None:
        assert f"seed:{seed}" in seeds, f"{area}: none of {ids} cites seed:{seed}"
    else:
        assert all(src.startswith(("ref:", "seed:")) for src in sources)
