"""What goes on the family sheet: asked once the visit is found, in a terminal. Scores and notes stay
off unless the person says yes (the default is no); a few words for the family may be added."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from mbcprep.i18n import _
from mbcprep.inputs import clean_text
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Option, Prompter
from mbcprep.sheets.context import SheetOptions
from mbcprep.text import one_line


def family_choices(
    given: Mapping[str, bool],
    prompter: Prompter | None = None,
    content: Callable[[], Content] | None = None,
) -> Callable[[Visit, SheetOptions], SheetOptions]:
    """A function that asks what the options did not say (`given`: which of "scores", "notes",
    "after_visit" and "message" came as options), and only what this visit has: no question about
    notes it has none of. What happened at the visit stays off unless the person says yes; a sensitive
    question of it only when ticked, one by one (none is ticked at first)."""

    def choose(visit: Visit, options: SheetOptions) -> SheetOptions:
        from mbcprep.prompts import make_prompter

        p = prompter or make_prompter()
        caregiver = visit.filled_by == "caregiver"
        name = visit.patient_name.strip()
        if not given.get("scores") and any(s.score is not None or s.note.strip() for s in visit.symptoms):
            if caregiver and name:
                ask = _("Put how {name} feels (the scores) on the family sheet?").format(name=name)
            elif caregiver:
                ask = _("Put how the person you care for feels (the scores) on the family sheet?")
            else:
                ask = _("Put how you feel (your scores) on the family sheet?")
            options = replace(options, scores=p.confirm(ask, default=False))
        if not given.get("notes") and visit.notes.strip():
            ask = _("Put the notes on the family sheet?") if caregiver else _("Put your notes on the family sheet?")
            options = replace(options, notes=p.confirm(ask, default=False))
        if not given.get("after_visit") and _has_after_visit(visit):
            ask = _("Put what happened at the visit (the answers and what you were told) on the family sheet?")
            options = replace(options, after_visit=p.confirm(ask, default=False))
            if options.after_visit:
                options = replace(options, sensitive=_choose_sensitive(p, visit, content))
        if not given.get("message"):
            words = p.ask_text(
                _("What would you like them to know? A few words, or press Enter to skip."),
                hint=_(
                    "For example: I would like company on the day. Please don't ask about the results until I call."
                ),
            )
            options = replace(options, message=clean_text(words))
        return options

    return choose


def _has_after_visit(visit: Visit) -> bool:
    return any(q.outcome for q in visit.questions) or bool(visit.told.strip() or visit.next_visit)


def _choose_sensitive(p: Prompter, visit: Visit, content: Callable[[], Content] | None) -> frozenset[str]:
    if content is None:
        from mbcprep.content.load import load_content

        content = load_content
    bank = content().questions
    sensitive = [
        q
        for q in visit.questions
        if q.outcome and q.question_id and (q.question_id not in bank or bank[q.question_id].sensitive)
    ]
    if not sensitive:
        return frozenset()
    ticked = p.choose_many(
        _("Some questions are about the future. Tick any the family may see (none is ticked):"),
        [Option(one_line(q.text, 70), q.question_id) for q in sensitive],
    )
    return frozenset(str(t) for t in ticked if t)
