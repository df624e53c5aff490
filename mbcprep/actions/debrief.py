"""After a visit, without prompts: `debrief --no-input`. Plain functions: they take plain values,
return results and never print. The interactive debrief is `mbcprep.interview.debrief`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.inputs import clean_text, nth, parse_date
from mbcprep.model.cycle import ANSWERED, NOT_ANSWERED, PARTLY
from mbcprep.model.visit import Visit, VisitQuestion
from mbcprep.storage.database import now_iso


def check_can_debrief(visit: Visit) -> None:
    if visit.status != "ready":
        raise UsageError(
            _("Visit {id} is not finished yet. Finish it first with 'mbcprep new-visit'.").format(id=visit.id)
        )


def find_question(visit: Visit, ref: str, flag: str) -> VisitQuestion:
    """A question by its number on the sheet (1, 2, ...) or its id from the bank."""
    ordered = visit.in_sheet_order()
    ref = ref.strip()
    if ref.isascii() and ref.isdigit() and len(ref) <= 4:
        n = int(ref)
        if 1 <= n <= len(ordered):
            return ordered[n - 1]
        raise UsageError(
            _("{option}: the sheet of visit {id} has questions 1 to {last}.").format(
                option=flag, id=visit.id, last=len(ordered)
            )
            if ordered
            else _("{option}: visit {id} has no questions.").format(option=flag, id=visit.id)
        )
    for q in ordered:
        if q.question_id == ref:
            return q
    raise UsageError(
        _("{option} does not name a question of visit {id}: give its number on the sheet or its id.").format(
            option=flag, id=visit.id
        )
    )


def apply_debrief(
    visit: Visit,
    *,
    answered: Sequence[str] = (),
    partly: Sequence[str] = (),
    not_answered: Sequence[str] = (),
    told: str | None = None,
    next_visit: str | None = None,
    today: date | None = None,
) -> Visit:
    """`--answered N=TEXT`, `--partly N=TEXT`, `--not N`, `--told TEXT`, `--next DATE`: every value is
    checked before anything changes; the visit is marked as gone through."""
    check_can_debrief(visit)
    changes: list[tuple[VisitQuestion, str, str]] = []
    for flag, outcome, given in (("--answered", ANSWERED, answered), ("--partly", PARTLY, partly)):
        for n, pair in enumerate(given):
            ref, _sep, text = pair.partition("=")
            changes.append((find_question(visit, ref, nth(n, len(given), flag)), outcome, clean_text(text)))
    for n, ref in enumerate(not_answered):
        changes.append((find_question(visit, ref, nth(n, len(not_answered), "--not")), NOT_ANSWERED, ""))
    seen: set[int] = set()
    for q, _outcome, _text in changes:
        if id(q) in seen:
            raise UsageError(_("A question is given twice; give each question once."))
        seen.add(id(q))
    next_day = ""
    if next_visit is not None and next_visit.strip():
        next_day = parse_date(next_visit, today, what=_("The --next date"))
    for q, outcome, text in changes:
        q.outcome, q.answer = outcome, text
    if told is not None:
        visit.told = clean_text(told)
    if next_visit is not None:
        visit.next_visit = next_day
    visit.debriefed_at = now_iso()
    return visit
