"""The visit cycle's rules: what became of each question after a visit (the debrief), and which
questions come back at the next visit (carried over). No I/O here."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

from mbcprep.i18n import N_
from mbcprep.model.record import MAX_COUNT
from mbcprep.model.visit import OWN_TOPIC, Visit, VisitQuestion

ANSWERED, PARTLY, NOT_ANSWERED = "answered", "partly", "not"
OUTCOMES = {
    ANSWERED: N_("Answered"),
    PARTLY: N_("Partly answered"),
    NOT_ANSWERED: N_("Not asked, or not answered"),
}
WAITING = (PARTLY, NOT_ANSWERED)  # outcomes that bring a question back next time
LONG_WAIT = 2  # carried this many times or more: "asked before, not yet answered" on the sheet


def last_visit_before(visit_day: date, today: date) -> date:
    """The day before which a visit counts as the last one for the visit dated `visit_day`: that day,
    or tomorrow when the visit is further off. A visit still to come has not happened: it is never
    "your last visit", whose scores are compared and whose questions come back."""
    return min(visit_day, today + timedelta(days=1))


def debrief_started(visit: Visit) -> bool:
    return bool(visit.debriefed_at) or any(q.outcome for q in visit.questions)


def waiting_questions(previous: Visit) -> list[VisitQuestion]:
    """The questions of a visit that were not answered or only partly, in the sheet's order."""
    return [q for q in previous.in_sheet_order() if q.outcome in WAITING]


def carried_copy(question: VisitQuestion, known_ids: Container[str]) -> VisitQuestion:
    """The question as it comes back at the next visit: its words as they were asked, not yet
    answered, counting one more visit of waiting. A bank question since removed from the bank comes
    back in its own words (as if the person had written it)."""
    known = question.question_id is not None and question.question_id in known_ids
    return VisitQuestion(
        text=question.text,
        topic=question.topic if known else OWN_TOPIC,
        why=question.why if known else "",
        question_id=question.question_id if known else None,
        rank=None,
        carried=min(question.carried + 1, MAX_COUNT),  # a backup reads no more
    )


def same_question(a: VisitQuestion, b: VisitQuestion) -> bool:
    if a.question_id is not None and b.question_id is not None:
        return a.question_id == b.question_id
    return " ".join(a.text.casefold().split()) == " ".join(b.text.casefold().split())


def add_carried(visit: Visit, carried: list[VisitQuestion]) -> int:
    """Add carried questions not on the visit yet, after its own; how many were added."""
    new = [c for c in carried if not any(same_question(c, q) for q in visit.questions)]
    visit.questions = visit.questions + new
    visit.renumber_first()
    return len(new)
