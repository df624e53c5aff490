"""The demo's made-up person: Rosa Demo, her care team at the Example Cancer Center, three past visits
(the last one talked over afterwards), a symptom diary, her treatments and her medicines, a full
profile (who she is, her test results over time, where the cancer has spread) and a year of results
(monthly blood tests and CA 15-3, a scan every three months).

Everything is dated from today, so the sample always looks recent, and built from the model and the
content: the questions are the bank's own (by id, in the chosen language), so the sample follows
the content as it changes (a test checks every id it names is there). The names cannot be taken for
real people's: "Demo", "Example", "Sample" are in them, and the phone numbers are 555-01xx, the
numbers kept for made-up ones.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from mbcprep.i18n import N_, _, language
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.content import Content
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.model.results import Result
from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion

# The bank's questions each visit asks, by id (the first three are asked first).
FIRST_VISIT_QUESTIONS = ("tx-why-this-one", "tx-gains-and-side-effects", "se-most-common", "med-pill-routine")
SECOND_VISIT_QUESTIONS = ("se-call-right-away", "med-missed-dose", "life-sleep")
THIRD_VISIT_QUESTIONS = ("mon-scan-words", "mon-how-know-working", "sw-if-it-stops")
UPCOMING_QUESTIONS = ("bone-strengthen", "plan-goals-now", "team-after-hours")
SYMPTOM_IDS = ("pain", "tiredness", "sleep", "nausea", "worry")
CONSIDERATION_IDS = ("how-to-talk", "hearing-news", "side-effects-to-accept", "daily-priorities")
QUESTION_IDS = FIRST_VISIT_QUESTIONS + SECOND_VISIT_QUESTIONS + THIRD_VISIT_QUESTIONS + UPCOMING_QUESTIONS

DAYS_BEFORE = (84, 42, 14)  # the three past visits, in days before today
NEXT_VISIT_IN = 9  # days from today to the visit being prepared
DIARY_DAYS = 21


def person() -> str:
    return _("Rosa Demo")


def doctor() -> str:
    return _("Dr Ada Example")


@dataclass
class Sample:
    visits: list[Visit]
    records: dict[str, list[Any]] = field(default_factory=dict)


def build_sample(content: Content, today: date) -> Sample:
    """The made-up person's data as records, ready for `Store.import_everything`."""
    visits = [first_visit(content, today), second_visit(content, today), third_visit(content, today)]
    return Sample(
        visits,
        {
            "diary": diary(content, today),
            "treatments": treatments(today),
            "medicines": medicines(today),
            "care_team": care_team(),
            "profile": [profile(today)],
            "tumour_results": tumour_results(today),
            "cancer_sites": cancer_sites(today),
            "results": results(today),
        },
    )


def upcoming_visit(content: Content, today: date) -> Visit:
    """The next visit, filled in already: the demo's short interview starts from it."""
    visit = _visit(content, today + timedelta(days=NEXT_VISIT_IN), "routine", status="draft")
    visit.questions = _questions(content, UPCOMING_QUESTIONS)
    visit.questions.append(VisitQuestion(text=_("Is it still fine to travel to see my sister in May?")))
    visit.clear_first()
    visit.symptoms = _symptoms(content, {"pain": (4, _("in my lower back, worse at night")), "tiredness": (5, "")})
    visit.considerations = _answers(content, {"how-to-talk": 0, "side-effects-to-accept": 6})
    visit.notes = _("Bring the pill diary and the new pharmacy list.")
    return visit


# --- the three past visits --------------------------------------------------------------------------


def first_visit(content: Content, today: date) -> Visit:
    """Choosing a new treatment, nearly three months ago."""
    visit = _visit(content, today - timedelta(days=DAYS_BEFORE[0]), "treatment-decision")
    visit.questions = _questions(content, FIRST_VISIT_QUESTIONS)
    visit.symptoms = _symptoms(content, {"pain": (3, ""), "tiredness": (4, _("worse in the afternoon"))})
    visit.considerations = _answers(content, {"how-to-talk": 0, "side-effects-to-accept": 5})
    visit.notes = _("Bring the list of pills from the pharmacy.")
    return visit


def second_visit(content: Content, today: date) -> Visit:
    """A check-in six weeks ago, filled in by her sister."""
    visit = _visit(content, today - timedelta(days=DAYS_BEFORE[1]), "routine")
    visit.filled_by = "caregiver"
    visit.patient_name = person()
    visit.questions = _questions(content, SECOND_VISIT_QUESTIONS)
    visit.questions.insert(1, VisitQuestion(text=_("Can she still go to her niece's wedding in June?")))
    visit.rank_first_in_order()
    visit.symptoms = _symptoms(content, {"tiredness": (6, _("naps most days")), "sleep": (5, ""), "nausea": (2, "")})
    visit.considerations = _answers(content, {"hearing-news": 1, "daily-priorities": _("Walks with the dog.")})
    return visit


def third_visit(content: Content, today: date) -> Visit:
    """Scan results two weeks ago, talked over the day after: what was answered, and what was said."""
    visit = _visit(content, today - timedelta(days=DAYS_BEFORE[2]), "results")
    visit.questions = _questions(content, THIRD_VISIT_QUESTIONS)
    visit.questions.append(VisitQuestion(text=_("Is it still fine to travel to see my sister in May?")))
    visit.symptoms = _symptoms(
        content, {"pain": (2, ""), "tiredness": (5, ""), "worry": (6, _("the week before scans"))}
    )
    visit.considerations = _answers(content, {"how-to-talk": 0, "hearing-news": 0})
    debrief = (
        ("answered", _("Stable means no real change since the last scan.")),
        ("answered", _("Less pain and steady tumor markers.")),
        ("partly", _("There are other pills to try; we will talk about them if it grows.")),
        ("not", ""),
    )
    for question, (outcome, answer) in zip(visit.questions, debrief, strict=False):
        question.outcome, question.answer = outcome, answer
    visit.told = _("The scan shows the cancer is stable. Keep the same pills. Next scan in three months.")
    visit.next_visit = (today + timedelta(days=NEXT_VISIT_IN)).isoformat()
    visit.debriefed_at = _moment(today - timedelta(days=DAYS_BEFORE[2] - 1), 18)
    return visit


# --- the diary, treatments, medicines and care team -------------------------------------------------

# Each day's scores for the last three weeks: pain eases, tiredness comes and goes with the pills.
_PAIN = (5, 5, 4, 4, 4, 3, 3, 4, 3, 3, 2, 3, 3, 2, 2, 3, 3, 4, 4, 3, 4)
_TIREDNESS = (6, 6, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 5, 5)


def diary(content: Content, today: date) -> list[DiaryEntry]:
    notes = {3: _("Walked to the park and back."), 10: _("Bad night; took the pain pill at 2 am.")}
    entries = []
    for n in range(DIARY_DAYS):
        day = today - timedelta(days=DIARY_DAYS - n)
        for symptom_id, scores in (("pain", _PAIN), ("tiredness", _TIREDNESS)):
            if symptom_id not in content.symptoms:
                continue
            entries.append(
                DiaryEntry(
                    uuid=_uuid(),
                    day=day.isoformat(),
                    symptom_id=symptom_id,
                    name=content.symptoms[symptom_id].name,
                    score=scores[n % len(scores)],
                    note=notes.get(n, "") if symptom_id == "pain" else "",
                    created_at=_moment(day, 20),
                    updated_at=_moment(day, 20),
                )
            )
    return entries


def treatments(today: date) -> list[Treatment]:
    return [
        Treatment(
            uuid=_uuid(),
            what=_("letrozole and palbociclib"),
            kind="hormone,targeted",
            started=_month(today, 40),
            stopped=_month(today, 4),
            why_stopped="stopped-working",
            how_it_went=_("Worked well for over two years."),
        ),
        Treatment(
            uuid=_uuid(),
            what=_("capecitabine"),
            kind="chemotherapy",
            started=_month(today, 3),
            how_it_went=_("Some tiredness; sore hands."),
        ),
    ]


# A year of results, a month apart, the oldest first: CA 15-3 rose on letrozole and palbociclib and
# came down on capecitabine; blood counts dip on capecitabine; a scan every three months.
RESULT_MONTHS = 12
_CA15_3 = (28, 30, 31, 35, 39, 44, 52, 58, 49, 44, 41, 38)
_HEMOGLOBIN = (12.8, 12.6, 12.9, 12.7, 12.5, 12.6, 12.4, 11.9, 11.6, 11.4, 11.5, 11.3)
_NEUTROPHILS = (2.9, 2.4, 3.1, 2.6, 2.2, 2.8, 3.0, 2.7, 2.1, 1.9, 2.3, 2.0)
_PLATELETS = (231, 219, 240, 226, 212, 224, 238, 205, 188, 176, 181, 170)
_ALT = (22, 24, 21, 25, 23, 26, 28, 31, 29, 27, 30, 28)
_CREATININE = (0.8, 0.8, 0.9, 0.8, 0.8, 0.9, 0.8, 0.9, 0.9, 0.8, 0.9, 0.9)
# (months back, kind, what it looked at, the report's words)
_SCANS = (
    (11, "ct", N_("chest, abdomen and pelvis"), "stable"),
    (8, "bone-scan", N_("whole body"), "stable"),
    (5, "ct", N_("chest, abdomen and pelvis"), "bigger"),
    (2, "ct", N_("chest, abdomen and pelvis"), "smaller"),
    (0.5, "ct", N_("chest, abdomen and pelvis"), "stable"),  # "the cancer is stable", the last visit was told
)


def results(today: date) -> list[Result]:
    from mbcprep.content.labs import by_id

    labs = by_id()
    ranges = {
        "ca15-3": (None, 30.0),
        "hemoglobin": (12.0, 15.5),
        "neutrophils": (1.8, 7.7),
        "platelets": (150.0, 400.0),
        "alt": (7.0, 35.0),
        "creatinine": (0.6, 1.1),
    }
    values = {
        "ca15-3": _CA15_3,
        "hemoglobin": _HEMOGLOBIN,
        "neutrophils": _NEUTROPHILS,
        "platelets": _PLATELETS,
        "alt": _ALT,
        "creatinine": _CREATININE,
    }
    out = []
    for n in range(RESULT_MONTHS):
        day = (today - timedelta(days=30 * (RESULT_MONTHS - n) - 3)).isoformat()
        for lab_id, series in values.items():
            lab = labs[lab_id]
            low, high = ranges[lab_id]
            out.append(Result(_uuid(), day, lab.name, lab.id, float(series[n]), lab.unit, low, high))
    for months_back, kind, area, finding in _SCANS:
        day = (today - timedelta(days=round(30 * months_back) + 1)).isoformat()
        note = _("Two spots in the liver are smaller.") if finding == "smaller" else ""
        out.append(Result(_uuid(), day, scan=kind, area=_(area), finding=finding, note=note))
    return out


def medicines(today: date) -> list[Medicine]:
    return [
        Medicine(
            uuid=_uuid(),
            name=_("capecitabine"),
            dose="1500 mg",
            how_often=_("twice a day, 2 weeks on, 1 off"),
            what_for=_("the cancer"),
            since=_month(today, 3),
        ),
        Medicine(
            uuid=_uuid(), name=_("ondansetron"), dose="8 mg", how_often=_("when I feel sick"), what_for=_("nausea")
        ),
        Medicine(uuid=_uuid(), name=_("vitamin D"), dose=_("1000 IU"), how_often=_("once a day"), what_for=_("bones")),
    ]


def care_team() -> list[TeamMember]:
    place = _("Example Cancer Center")
    return [
        TeamMember(uuid=_uuid(), name=doctor(), role=_("oncologist"), place=place, phone="555-0100"),
        TeamMember(
            uuid=_uuid(),
            name=_("Sam Sample"),
            role=_("nurse navigator"),
            place=place,
            phone="555-0101",
            after_hours=True,
        ),
        TeamMember(uuid=_uuid(), name=_("Jo Placeholder"), role=_("pharmacist"), place=place, phone="555-0102"),
    ]


def profile(today: date) -> Profile:
    """Rosa: 61, first found eight years ago, spread to the bones and liver 40 months ago."""
    return Profile(
        uuid=_uuid(),
        name=person(),
        born=str(today.year - 61),
        sex="female",
        pronouns=_("she/her"),
        pregnancy_possible="no",
        first_diagnosed=_month(today, 96),
        metastatic_since=_month(today, 40),
        how_found="recurrence",
        allergies=_("sulfa drugs (rash)"),
        ecog="1",
        ecog_on=today.isoformat(),
    )


def tumour_results(today: date) -> list[TumourResult]:
    """Her results over time: the first biopsy, the liver biopsy when it spread (HER2 changed from 2+
    to 1+), an ESR1 change found in the blood when letrozole stopped working, inherited genes."""
    first, spread, grew = _month(today, 96), _month(today, 40), _month(today, 4)
    breast, liver = _("breast biopsy"), _("liver biopsy")
    return [
        TumourResult(_uuid(), "er", result="positive", detail="95%", origin="tissue", sample=breast, tested=first),
        TumourResult(_uuid(), "pr", result="positive", detail="40%", origin="tissue", sample=breast, tested=first),
        TumourResult(_uuid(), "her2", result="2+ish-", origin="tissue", sample=breast, tested=first),
        TumourResult(_uuid(), "er", result="positive", detail="80%", origin="tissue", sample=liver, tested=spread),
        TumourResult(_uuid(), "pr", result="negative", origin="tissue", sample=liver, tested=spread),
        TumourResult(_uuid(), "her2", result="1+", origin="tissue", sample=liver, tested=spread),
        TumourResult(_uuid(), "brca1", result="not-found", origin="inherited", tested=spread),
        TumourResult(_uuid(), "brca2", result="not-found", origin="inherited", tested=spread),
        TumourResult(_uuid(), "pik3ca", result="not-found", origin="tissue", sample=liver, tested=spread),
        TumourResult(_uuid(), "esr1", result="found", detail="Y537S", origin="blood", tested=grew),
    ]


def cancer_sites(today: date) -> list[CancerSite]:
    return [CancerSite(_uuid(), "bone", since=_month(today, 40)), CancerSite(_uuid(), "liver", since=_month(today, 40))]


# --- helpers --------------------------------------------------------------------------------------


def _visit(content: Content, day: date, kind: str, *, status: str = "ready") -> Visit:
    made = _moment(day - timedelta(days=2), 19)
    return Visit(
        uuid=_uuid(),
        status=status,
        visit_date=day.isoformat(),
        kind=kind if kind in content.kinds else "other",
        with_whom=doctor(),
        visit_time="10:30",  # where: the doctor's place in the care team
        created_at=made,
        updated_at=made,
        language=language(),
    )


def _questions(content: Content, ids: tuple[str, ...]) -> list[VisitQuestion]:
    """The bank's questions by id, the first three to ask first; an id the bank no longer has is left out."""
    found = [content.questions[qid] for qid in ids if qid in content.questions]
    chosen = [VisitQuestion(text=q.text, topic=q.topic, why=q.why, question_id=q.id) for q in found]
    for n, q in enumerate(chosen[:3], 1):
        q.rank = n
    return chosen


def _symptoms(content: Content, scores: dict[str, tuple[int, str]]) -> list[SymptomScore]:
    return [
        SymptomScore(sid, content.symptoms[sid].name, score, note)
        for sid, (score, note) in scores.items()
        if sid in content.symptoms
    ]


def _answers(content: Content, answers: dict[str, Any]) -> list[ConsiderationAnswer]:
    """A choice by its number in the list, a scale by its score, or one's own words."""
    out = []
    for cid, given in answers.items():
        item = content.considerations.get(cid)
        if item is None:
            continue
        if item.answer == "choice" and isinstance(given, int) and given < len(item.choices):
            out.append(ConsiderationAnswer(cid, item.prompt, item.choices[given]))
        elif item.answer == "scale" and isinstance(given, int):
            out.append(ConsiderationAnswer(cid, item.prompt, score=given))
        elif item.answer == "text" and isinstance(given, str):
            out.append(ConsiderationAnswer(cid, item.prompt, given))
    return out


def _uuid() -> str:
    return str(uuid.uuid4())


def _moment(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour), tzinfo=timezone.utc).isoformat()


def _month(today: date, months_back: int) -> str:
    year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
    return f"{year:04d}-{month + 1:02d}"
