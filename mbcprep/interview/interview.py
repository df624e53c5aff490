"""The `new-visit` interview: one registry of steps (`STEPS`), asked through the Prompter interface.

`new-visit` asks the steps in order, the review screen offers to go back to any of them, and `edit`
offers them as changes. Progress is saved as a draft after every answer, so Ctrl-C, Ctrl-D or a
closed terminal keeps what was typed, and the next `new-visit` offers to pick it up where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from mbcprep.errors import InterviewStopped
from mbcprep.i18n import N_, _, language
from mbcprep.interview.details import VisitDetails
from mbcprep.interview.matters import MattersSteps
from mbcprep.interview.questions import QuestionSteps
from mbcprep.interview.save import finish
from mbcprep.interview.symptoms import SymptomSteps
from mbcprep.interview.unfinished import draft_to_pick_up
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Option, Prompter
from mbcprep.text import one_line

if TYPE_CHECKING:
    from mbcprep.model.content import Content
    from mbcprep.storage.store import Store


class Interview(VisitDetails, SymptomSteps, QuestionSteps, MattersSteps):
    """The interview: its steps are the parts it is made of (one module each), asked in the order of
    `STEPS`, with the review screen that offers each of them again."""

    def opening(self, visit: Visit) -> str:
        if self.demo:  # a demo keeps nothing
            return _("Let's get ready for a visit. Skip anything you like; Ctrl-C ends the demo.")
        keeps = _("Let's get ready for your visit. Skip anything you like; Ctrl-C stops and keeps your answers.")
        helps = _(
            "Let's help {name} get ready for the visit. Skip anything you like; Ctrl-C stops and keeps your answers."
        )
        return self.voice(visit, keeps, helps)

    def change_of(self, step: Step, visit: Visit) -> str:
        """The words offering to change a step, about the patient by name for a caregiver."""
        if step.caregiver_change:
            return self.voice(visit, _(step.change), _(step.caregiver_change))
        return _(step.change)

    def title_of(self, step: Step, visit: Visit) -> str:
        """A step's title, about the patient by name when a caregiver fills it in ("how Ana feels")."""
        if step.caregiver_title:
            return self.voice(visit, _(step.title), _(step.caregiver_title))
        return _(step.title)

    # --- running -----------------------------------------------------------------------------

    def run(self, visit: Visit | None = None) -> Visit:
        """Ask every step from where `visit` (a draft) stopped; return the saved, ready visit."""
        if visit is None:
            visit = Visit(uuid=_new_uuid(), kind="routine", language=language())
            self.start_from_last(visit)
        else:
            self.touched = True
        names = [s.name for s in STEPS]
        if visit.draft_step and visit.draft_step not in names:
            self.p.say(_("This draft was saved by another version of mbcprep, so it starts again from the top."))
        start = names.index(visit.draft_step) if visit.draft_step in names else 0
        if start == 0:
            self.p.say(self.opening(visit))
            self.mention_waiting(visit)
        else:
            self.resumed_at = STEPS[start].name
            self.p.say(
                _("Picking up where you left off: step {step} of {steps}, {title}.").format(
                    step=start + 1, steps=len(STEPS), title=self.title_of(STEPS[start], visit)
                )
            )
        try:
            for n, step in enumerate(STEPS[start:], start):
                visit.draft_step = step.name
                self.p.progress(n + 1, len(STEPS), self.title_of(step, visit))
                step.ask(self, visit)
                self.resumed_at = None
                if n + 1 < len(STEPS):
                    self.checkpoint(visit, STEPS[n + 1].name)
        except (KeyboardInterrupt, EOFError):
            if visit.status == "ready" and visit.id is not None:  # stopped just after the final save
                raise InterviewStopped(visit.id, "saved") from None
            if not self.touched:
                raise InterviewStopped(None, "nothing") from None
            self.checkpoint(visit, visit.draft_step)
            raise InterviewStopped(visit.id, "draft") from None
        return visit

    def step(self, name: str, visit: Visit) -> None:
        """Ask one step again (from the review screen or `edit`)."""
        STEP_BY_NAME[name].ask(self, visit)

    # --- the review screen: save, or go back to a step or one answer ----------------------------

    def review(self, visit: Visit) -> None:
        while True:
            for line in summary_lines(visit, self.content):
                self.p.say(line)
            action = self.p.choose(
                _("Ready to save?"),
                [Option(_("Save this visit"), "save"), *self.change_options(visit)],
                default="save",
            )
            if action == "save":
                break
            self.change(action, visit)
            self.checkpoint(visit, "review")
        finish(self.p, self.store, visit)

    def change_options(self, visit: Visit) -> list[Option]:
        """What can be changed from the review screen (and `edit`): a whole step, or a single answer."""
        options = [Option(self.change_of(s, visit), s.name) for s in STEPS if s.change]
        if visit.symptoms:
            options.append(Option(_("Change one symptom score"), "one-symptom"))
        if visit.considerations:
            options.append(Option(_("Change one answer about what matters"), "one-answer"))
        return options

    def change(self, action: str, visit: Visit) -> None:
        if action == "one-symptom":
            self.change_one_symptom(visit)
        elif action == "one-answer":
            self.change_one_answer(visit)
        else:
            self.step(action, visit)
            if action == "questions":
                self.ask_first(visit)

    def change_one_symptom(self, visit: Visit) -> None:
        key = self.p.choose(
            _("Which symptom?"), [Option(s.name, s.key) for s in visit.symptoms] + [Option(_("Back"), None)]
        )
        if key is None:
            return
        scores = {s.key: s for s in visit.symptoms}
        old = scores[key]
        symptom = self.content.symptoms.get(old.symptom_id)
        self.score_symptom(visit, scores, old.symptom_id, old.name, symptom.help if symptom else "")

    def change_one_answer(self, visit: Visit) -> None:
        answered = [a for a in visit.considerations if a.consideration_id in self.content.considerations]
        picked = self.p.choose(
            _("Which answer?"), [Option(a.prompt, a.consideration_id) for a in answered] + [Option(_("Back"), None)]
        )
        if picked is not None:
            self.answer_item(visit, self.content.considerations[picked])


class Step(NamedTuple):
    """One step of the interview: its name (kept in a draft), the title said as it starts, and the
    words offering to change it (review screen and `edit`; empty when it cannot be changed alone).
    (A named tuple: made in a tenth of the time a frozen dataclass takes, before the first question.)"""

    name: str
    title: str
    change: str
    ask: Callable[[Interview, Visit], None]
    caregiver_title: str = ""  # the title when a caregiver fills it in; "{name}" is the patient's
    caregiver_change: str = ""  # the words offering to change it, to a caregiver


# The one list of steps, in the order they are asked. Titles are marked here and translated when shown.
STEPS: tuple[Step, ...] = (
    Step(
        "details", N_("the visit"), N_("Change the date, time, place, doctor or kind of visit"), Interview.ask_details
    ),
    Step(
        "symptoms",
        N_("how you feel"),
        N_("Change how I feel"),
        Interview.ask_symptoms,
        N_("how {name} feels"),
        N_("Change how {name} feels"),
    ),
    Step("questions", N_("your questions"), N_("Change my questions"), Interview.ask_questions),
    Step("first", N_("the three to ask first"), N_("Change the three to ask first"), Interview.ask_first),
    Step(
        "matters",
        N_("what matters to you"),
        N_("Change what matters to me"),
        Interview.ask_what_matters,
        N_("what matters to {name}"),
        N_("Change what matters to {name}"),
    ),
    Step("notes", N_("notes"), N_("Change my notes"), Interview.ask_notes),
    Step("review", N_("check and save"), "", Interview.review),
)
STEP_BY_NAME = {s.name: s for s in STEPS}


def _new_uuid() -> str:
    """A random UUID (version 4), as `str(uuid.uuid4())` writes it: made here without the uuid module,
    which loads `platform` too, so the first question does not wait for them."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def summary_lines(visit: Visit, content: Content) -> list[str]:
    kind = content.kinds[visit.kind].label if visit.kind in content.kinds else visit.kind
    lines = [
        "",
        _("Date: {date}   With: {who}   Kind: {kind}").format(
            date=" ".join(filter(None, (visit.visit_date, visit.visit_time))) or _("not set"),
            who=one_line(visit.with_whom) or "-",
            kind=kind,
        ),
        _("Questions: {questions}   Symptoms noted: {symptoms}   What matters: {matters}   Notes: {notes}").format(
            questions=len(visit.questions),
            symptoms=len(visit.symptoms),
            matters=len(visit.considerations),
            notes=_("yes") if visit.notes else _("none"),
        ),
    ]
    for q in visit.first_questions():
        lines.append(f"  {q.rank}. {one_line(q.text)}")  # whole: a sentence cut off is lost on a listener
    return lines


def start_new_visit(
    prompter: Prompter,
    content: Content | Callable[[], Content],
    store: Store,
    today: date | None = None,
    *,
    demo: bool = False,
) -> Visit:
    """`new-visit`: offer to pick up a draft (`unfinished.py`), then run the interview. `content` may
    be what loads it, when first needed (after the first question)."""
    interview = Interview(prompter, content, store, today, demo=demo)
    draft = draft_to_pick_up(prompter, store)
    return interview.run(draft) if draft is not None else interview.run()
