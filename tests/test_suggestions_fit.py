"""Suggestions that fit the person (issue 21, point 4): the profile, the visit's kind, the latest scan
and the caregiver choose and order the questions. One table holds the cases; each row is a person, a
kind of visit, and what must (or must not) be suggested, and where."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pytest

from mbcprep.content.suggest import suggest
from mbcprep.model.care import Medicine, Treatment
from mbcprep.model.fit import facts_of, fits
from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.model.profile_summary import ProfileView

TODAY = date(2026, 12, 7)
PREGNANCY = {"young-birth-control", "young-fertility", "young-periods-menopause"}
MEN = {"men-differences", "men-support", "men-gene-test", "men-ai-shot"}
HER2_LOW = {"dx-her2-score"}
ESR1_SERD = {"dx-esr1-blood-test", "med-oral-serd"}
PD_L1 = {"dx-tnbc-more-tests", "tx-tnbc-immunotherapy"}
BRAIN = {"brain-few-spots", "brain-driving"}
WHAT_NEXT = {"sw-test-again", "sw-why-new-drug-may-work", "sw-trial-now"}
RESULTS_FIRST = ["mon-results-show", "mon-is-it-working", "mon-new-or-bigger"]
START_A_BONE_DRUG = {"bone-strengthen", "bone-dental-check"}


def _results(**found: str) -> list[TumourResult]:
    return [TumourResult(f"r-{m}", m, result=r, tested="2024-03") for m, r in found.items()]


@dataclass
class Case:
    name: str
    kind: str
    profile: Profile | None = None
    results: list[TumourResult] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    medicines: list[Medicine] = field(default_factory=list)
    scan: str = ""
    caregiver: bool = False
    never: set[str] = field(default_factory=set)  # none of these is suggested
    early: set[str] = field(default_factory=set)  # at least one of these is in the first `within`
    within: int = 6
    first: list[str] = field(default_factory=list)  # the suggestions start with these, in order


GREW_ON_LETROZOLE = [Treatment("t-1", "letrozole", "hormone", "2024-03", "2025-06", "stopped-working")]
CASES = [
    Case(
        "58-year-old, pregnancy not possible: no pregnancy questions",
        "treatment-decision",
        Profile("p", born="1968", sex="female", pregnancy_possible="no"),
        never=PREGNANCY,
    ),
    Case(
        "pregnancy possible: a pregnancy question comes early",
        "treatment-decision",
        Profile("p", born="1990", sex="female", pregnancy_possible="yes"),
        early=PREGNANCY,
    ),
    Case(
        "a man: men's questions early, no pregnancy",
        "treatment-decision",
        Profile("p", sex="male"),
        early=MEN,
        never=PREGNANCY,
    ),
    Case("a woman: no men's questions", "treatment-decision", Profile("p", sex="female"), never=MEN),
    Case(
        "HER2 1+ (HER2-low): the HER2-low question early",
        "results",
        results=_results(er="positive", pr="negative", her2="1+"),
        early=HER2_LOW,
    ),
    Case("HER2 0: HER2-low/ultralow question early", "results", results=_results(her2="0"), early=HER2_LOW),
    Case("HER2 2+ ISH-negative: HER2-low question", "results", results=_results(her2="2+ish-"), early=HER2_LOW),
    Case("HER2 3+: no HER2-low question", "results", results=_results(her2="3+"), never=HER2_LOW),
    Case(
        "HR-positive and grew on hormone pills: ESR1 and SERD questions early",
        "treatment-decision",
        results=_results(er="positive", pr="positive", her2="1+"),
        treatments=GREW_ON_LETROZOLE,
        early=ESR1_SERD,
    ),
    Case(
        "HR-negative: no ESR1 and SERD questions",
        "treatment-decision",
        results=_results(er="negative", pr="negative", her2="3+"),
        never=ESR1_SERD,
    ),
    Case(
        "triple-negative: PD-L1 questions early",
        "treatment-decision",
        results=_results(er="negative", pr="negative", her2="1+"),
        early=PD_L1,
    ),
    Case("HR-positive: no PD-L1 questions", "treatment-decision", results=_results(er="positive"), never=PD_L1),
    Case("the brain involved: brain questions early", "results", sites=["brain", "bone"], early=BRAIN),
    Case("the brain not involved: no brain-spot questions", "results", sites=["bone", "liver"], never=BRAIN),
    Case(
        "in the bones, on denosumab: not asked whether to start a bone drug",
        "treatment-decision",
        sites=["bone"],
        medicines=[Medicine("m-1", "Xgeva (denosumab)", "120 mg")],
        never=START_A_BONE_DRUG,
    ),
    Case(
        "en los huesos, con ácido zoledrónico: lo mismo",
        "routine",
        sites=["bone"],
        medicines=[Medicine("m-1", "Ácido zoledrónico", "4 mg")],
        never=START_A_BONE_DRUG,
    ),
    Case(
        "in the bones, no medicine written down: starting a bone drug comes early, as before",
        "treatment-decision",
        sites=["bone"],
        early=START_A_BONE_DRUG,
    ),
    Case(
        "in the bones, medicines written down, no bone drug: starting one comes early",
        "treatment-decision",
        sites=["bone"],
        medicines=[Medicine("m-1", "capecitabine", "1500 mg")],
        early=START_A_BONE_DRUG,
    ),
    Case("a results visit: the results questions first", "results", Profile("p", sex="female"), first=RESULTS_FIRST),
    Case("latest scan bigger: 'what next' questions early", "results", scan="bigger", early=WHAT_NEXT, within=6),
    Case("latest scan shows new spots: 'what next' early", "treatment-decision", scan="new", early=WHAT_NEXT, within=3),
    Case("latest scan stable: no 'now that it has grown'", "results", scan="stable", never=WHAT_NEXT),
    Case(
        "a caregiver: caregiver questions first",
        "routine",
        caregiver=True,
        early={"care-how-to-help", "care-be-included"},
        within=2,
    ),
    Case(
        "the patient: no caregiver questions", "routine", Profile("p"), never={"care-how-to-help", "care-be-included"}
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_suggestions_fit_the_person(case: Case, content) -> None:  # type: ignore[no-untyped-def]
    sites = [CancerSite(f"s-{s}", s) for s in case.sites]
    view = ProfileView(case.profile, case.results, sites)
    facts = facts_of(
        view, case.treatments, medicines=case.medicines, scan=case.scan, caregiver=case.caregiver, today=TODAY
    )
    ids = [q.id for q in suggest(content, case.kind, facts=facts)]
    assert len(ids) == len(set(ids)) and 0 < len(ids) <= 12
    assert not (set(ids) & case.never), (case.name, ids)
    if case.early:
        assert set(ids[: case.within]) & case.early, (case.name, ids)
    if case.first:
        assert ids[: len(case.first)] == case.first, (case.name, ids)


def test_without_a_profile_the_suggestions_are_as_before(content) -> None:  # type: ignore[no-untyped-def]
    """Nothing known: no question is left out for its tags, and none is moved up."""
    plain = [q.id for q in suggest(content, "treatment-decision", facts={})]
    assert plain == [q.id for q in suggest(content, "treatment-decision", facts=facts_of(None, today=TODAY))]
    tagged = {q.id for q in content.questions.values() if q.when}
    assert tagged >= PREGNANCY | MEN | HER2_LOW | ESR1_SERD | PD_L1 | BRAIN | WHAT_NEXT


@pytest.mark.parametrize(
    ("when", "facts", "fit"),
    [
        ((), {}, None),
        (("male",), {"male": None}, None),
        (("male",), {"male": False}, False),
        (("male",), {"male": True}, True),
        (("bone", "her2-low"), {"bone": True, "her2-low": None}, None),
        (("bone", "her2-low"), {"bone": True, "her2-low": False}, False),
    ],
)
def test_a_question_fits_when_all_its_tags_do(when: tuple[str, ...], facts: dict, fit: bool | None) -> None:  # type: ignore[type-arg]
    assert fits(when, facts) is fit


def test_an_older_person_who_said_nothing_of_pregnancy_gets_no_pregnancy_questions() -> None:
    assert facts_of(ProfileView(Profile("p", born="1960", sex="female")), today=TODAY)["pregnancy-possible"] is False
    assert facts_of(ProfileView(Profile("p", born="1990", sex="female")), today=TODAY)["pregnancy-possible"] is None
    view = ProfileView(Profile("p", born="1960", sex="female", pregnancy_possible="yes"))
    assert facts_of(view, today=TODAY)["pregnancy-possible"] is True


def test_the_latest_scan_comes_through_one_hook(content, private_home) -> None:  # type: ignore[no-untyped-def]
    """The results record feeds the latest scan's word through `LATEST_SCAN`; the suggestions use it."""
    from mbcprep.actions import suggestions
    from mbcprep.settings import Settings

    settings = Settings(private_home)
    _kind, before = suggestions.for_me(settings, content, "results")
    suggestions.LATEST_SCAN[0] = lambda store: "bigger"
    try:
        _kind, after = suggestions.for_me(settings, content, "results")
    finally:
        suggestions.LATEST_SCAN[0] = suggestions.latest_scan_finding
    assert not WHAT_NEXT & {q.id for q in before[:6]} and WHAT_NEXT & {q.id for q in after[:6]}


def test_questions_for_me_lists_them_in_the_interview_s_order(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("profile", "set", "--born", "1968", "--sex", "female", "--pregnancy-possible", "no").code == 0
    ran = cli("questions", "--for-me", "--kind", "treatment-decision", "--json")
    assert ran.code == 0, ran
    ids = [q["id"] for q in json.loads(ran.out)]
    assert ids and not PREGNANCY & set(ids)
    text = cli("questions", "--for-me", "--kind", "results").out
    assert text.startswith("Suggested for a visit about: Test or scan results")
    assert " 1. What do these results show?" in text
    cli("questions", "--for-me", "--kind", "party").one_error("no kind of visit like that")
    cli("questions", "--for-me", "--topic", "monitoring").one_error("--for-me goes with --kind only")


def test_a_scan_kept_with_results_brings_the_what_next_questions_forward(cli) -> None:  # type: ignore[no-untyped-def]
    """No stand-in: the latest scan kept with `mbcprep results add` is the one the suggestions read."""
    import json

    def early() -> set[str]:
        listed = cli("questions", "--for-me", "--kind", "results", "--json")
        assert listed.code == 0, listed
        return {q["id"] for q in json.loads(listed.out)[:6]}

    assert not WHAT_NEXT & early()
    added = cli("results", "add", "--no-input", "--date", "2026-11-20", "--scan", "ct", "--finding", "new")
    assert added.code == 0, added
    assert WHAT_NEXT & early()


def test_questions_for_me_follow_the_next_visit_saved(cli) -> None:  # type: ignore[no-untyped-def]
    """A user test: her next visit, saved, was a results visit, yet `questions --for-me` suggested for a
    routine check-in. The next visit saved now chooses, when there is no draft and no --kind."""
    import json
    from datetime import date, timedelta

    soon = (date.today() + timedelta(days=7)).isoformat()
    assert cli("new-visit", "--no-input", "--date", soon, "--kind", "results").code == 0
    listed = cli("questions", "--for-me", "--json")
    assert listed.code == 0, listed
    assert [q["id"] for q in json.loads(listed.out)[:3]] == RESULTS_FIRST
