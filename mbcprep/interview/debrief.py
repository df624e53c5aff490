"""`mbcprep debrief`: after the visit, what became of each question on the sheet, in the sheet's
order; then anything new the person was told, and the next visit's date. Kept after every answer,
so Ctrl-C or a closed terminal keeps what was noted and the next `debrief` picks up there."""

from __future__ import annotations

from datetime import date

from mbcprep.actions.debrief import check_can_debrief
from mbcprep.actions.warnings import SignWatch
from mbcprep.dates import out_of_reach, reach_sentence, read_date
from mbcprep.errors import InterviewStopped
from mbcprep.i18n import _, long_date, ngettext
from mbcprep.inputs import DATE_HINT, clean_text, means_nothing
from mbcprep.model.cycle import ANSWERED, NOT_ANSWERED, OUTCOMES, PARTLY, debrief_started
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import NO_DEFAULT, Option, Prompter
from mbcprep.storage.database import now_iso
from mbcprep.storage.store import Store
from mbcprep.text import one_line

LATER = ""  # "Skip for now": asked again next time


def debrief_visit(
    prompter: Prompter, store: Store, visit: Visit, today: date | None = None, watch: SignWatch | None = None
) -> Visit | None:
    """Go through the visit's questions; None when the person chose not to go through them again.
    What the person was told is checked for the signs that cannot wait (`watch`)."""
    check_can_debrief(visit)
    today = today or date.today()
    if watch is not None and visit.filled_by == "caregiver":  # the warnings speak about the patient
        from mbcprep.interview.interview import Interview

        watch.about = Interview.name_of(visit)
    if watch is not None:
        watch.team = store.team.all  # the after-hours number, under a sign to call about now
    progress = _Progress(watch)
    try:
        return _ask(prompter, store, visit, today, progress)
    except (KeyboardInterrupt, EOFError):
        if progress.saved:
            raise InterviewStopped(visit.id, "debrief-draft") from None
        raise InterviewStopped(visit.id, "unchanged") from None


class _Progress:
    saved = False

    def __init__(self, watch: SignWatch | None) -> None:
        self.watch = watch

    def check(self, prompter: Prompter, typed: str, before: str) -> None:
        """Words newly typed that describe a sign that cannot wait: say so, calmly, once a sign."""
        if self.watch is not None and typed != before:
            for line in self.watch.check(typed):
                prompter.say(line)


def _ask(prompter: Prompter, store: Store, visit: Visit, today: date, progress: _Progress) -> Visit | None:
    when = long_date(date.fromisoformat(visit.visit_date)) if visit.visit_date else _("no date")
    again = bool(visit.debriefed_at)
    if again and not prompter.confirm(
        _("You already noted what came of visit {id} ({when}). Go through it again?").format(id=visit.id, when=when),
        default=False,
    ):
        return None
    questions = visit.in_sheet_order()
    resuming = not again and debrief_started(visit)
    if resuming:
        prompter.say(_("Picking up where you left off."))
    else:
        if visit.filled_by == "caregiver":
            opening = _("After the visit of {when}: for each question on the sheet, say what came of it.")
        else:
            opening = _("After your visit of {when}: for each question on your sheet, say what came of it.")
        prompter.say(opening.format(when=when) + " " + _("Ctrl-C stops and keeps what you noted."))
    for n, q in enumerate(questions, 1):
        if resuming and q.outcome:
            continue
        outcome = prompter.choose(
            _("Question {n} of {total}: {question}").format(n=n, total=len(questions), question=one_line(q.text, 300)),
            [Option(_(label), value) for value, label in OUTCOMES.items()] + [Option(_("Skip for now"), LATER)],
            default=q.outcome if again else NO_DEFAULT,
        )
        if outcome in (ANSWERED, PARTLY):
            before = q.answer
            q.answer = clean_text(
                prompter.ask_text(_("What was the answer, in a few words? (Enter to skip)"), default=q.answer)
            )
            progress.check(prompter, q.answer, before)
        elif outcome == NOT_ANSWERED:
            q.answer = ""
        q.outcome = outcome
        _save(store, visit, progress)
    before = visit.told
    visit.told = clean_text(
        prompter.ask_text(
            _("Anything new you were told? New medicines, the next scan, who to call. (Enter to skip)"),
            default=visit.told,
        )
    )
    progress.check(prompter, visit.told, before)
    _save(store, visit, progress)
    _add_medicines(prompter, store, visit)
    caregiver = visit.filled_by == "caregiver"

    def valid(answer: str) -> str | None:
        if answer.strip() and out_of_reach(answer, today):
            return reach_sentence()
        if answer.strip() and read_date(answer, today) is None:
            return _("Please type {hint}, or press Enter.").format(hint=_(DATE_HINT))
        return None

    typed = prompter.ask_text(
        _("When is the next visit? (Enter if you do not know yet)")
        if caregiver
        else _("When is your next visit? (Enter if you do not know yet)"),
        default=visit.next_visit,
        validate=valid,
    )
    found = read_date(typed, today) if typed.strip() else None
    visit.next_visit = found.isoformat() if found else ""
    visit.debriefed_at = now_iso()
    _save(store, visit, progress)
    prompter.say(summary(visit))
    return visit


def _add_medicines(prompter: Prompter, store: Store, visit: Visit) -> None:
    """A medicine started at the visit goes on the list of medicines (`mbcprep meds`) at once, one
    name at a time; its dose and the rest can be added later with 'mbcprep meds edit'."""
    from mbcprep.actions.care import MEDICINES, read_record

    medicines = store.records(MEDICINES.key)
    caregiver = visit.filled_by == "caregiver"
    if caregiver:
        ask = _("Any new medicine to add to the list of medicines? (its name, or Enter)")
    else:
        ask = _("Any new medicine to add to your list? (its name, or Enter)")
    while (name := clean_text(prompter.ask_text(ask))) and not means_nothing(name):
        if any(m.name.casefold() == name.casefold() for m in medicines.all()):
            prompter.say(_("That one is on the list already.") if caregiver else _("That one is on your list already."))
        else:
            since = visit.visit_date[:7] if visit.visit_date else ""
            number = medicines.save(read_record(MEDICINES, {"name": name, "since": since})).id
            prompter.say(
                (
                    _("Added to the medicines. 'mbcprep meds edit {number}' adds its dose and how often it is taken.")
                    if caregiver
                    else _(
                        "Added to your medicines. 'mbcprep meds edit {number}' adds its dose and how often you take it."
                    )
                ).format(number=number)
            )
        ask = _("Another new medicine? (its name, or Enter)")


def _save(store: Store, visit: Visit, progress: _Progress) -> None:
    store.save(visit)
    progress.saved = True


def summary(visit: Visit) -> str:
    counts = {o: sum(q.outcome == o for q in visit.questions) for o in OUTCOMES}
    said = _("Noted: {answered} answered, {partly} partly, {not_answered} not answered.").format(
        answered=counts[ANSWERED], partly=counts[PARTLY], not_answered=counts[NOT_ANSWERED]
    )
    waiting = counts[PARTLY] + counts[NOT_ANSWERED]
    if waiting:
        said += " " + ngettext(
            "The one not fully answered will be offered again when you prepare your next visit.",
            "The {n} not fully answered will be offered again when you prepare your next visit.",
            waiting,
        ).format(n=waiting)
    return said
