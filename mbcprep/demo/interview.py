"""The interview in a demo: the whole of it, or a short path through a visit filled in already
(`mbcprep demo --fast`): the visit's details, the questions, the three to ask first, and the check
before saving; every answer is there, so Enter goes on and the volunteer changes only what they want
to show. Each step's title says it is a demo, through whichever prompter plain mode chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mbcprep.demo.sample import upcoming_visit
from mbcprep.i18n import _
from mbcprep.interview.interview import STEP_BY_NAME, Interview, start_new_visit
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.prompts import make_prompter
from mbcprep.prompts.base import NO_DEFAULT, Option, Prompter, Validator
from mbcprep.settings import Settings
from mbcprep.storage.store import Store

# The short path: the steps asked, in order (the rest of the visit is filled in already).
FAST_STEPS = ("details", "questions", "first", "review")


class DemoPrompter:
    """A prompter whose step titles say that this is a demo; everything else is the prompter's own."""

    def __init__(self, inner: Prompter) -> None:
        self.inner = inner

    def say(self, text: str) -> None:
        self.inner.say(text)

    def progress(self, step: int, steps: int, title: str) -> None:
        self.inner.progress(step, steps, _("{title} (demo: nothing is saved)").format(title=title))

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        return self.inner.ask_text(message, default=default, hint=hint, validate=validate)

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        return self.inner.choose(message, options, default=default)

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        return self.inner.choose_many(message, options, hint=hint, pick_pointed=pick_pointed, reasons=reasons)

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        return self.inner.confirm(message, default=default)

    def ask_secret(self, message: str) -> str:
        return self.inner.ask_secret(message)


def run_demo_interview(
    settings: Settings, *, fast: bool, prompter: Prompter | None = None, today: date | None = None
) -> int | None:
    """The interview on the demo's data. Returns the new visit's id when the person wants to see its
    page for the care team now (None otherwise)."""
    prompter = DemoPrompter(prompter or make_prompter())
    content = settings.content()
    with settings.open_store() as store:
        if fast:
            visit = short_interview(prompter, content, store, today)
        else:
            visit = start_new_visit(prompter, content, store, today, demo=True)
    prompter.say(_("Saved as visit {id}, in the demo only: it goes when the demo ends.").format(id=visit.id))
    if prompter.confirm(_("See the page for the care team now?"), default=True):
        return visit.id
    return None


def short_interview(prompter: Prompter, content: Content, store: Store, today: date | None = None) -> Visit:
    """The short path through a visit filled in already; saved at the end, as the interview saves."""
    today = today or date.today()
    interview = Interview(prompter, content, store, today, autosave=False, demo=True)
    visit = upcoming_visit(content, today)
    prompter.say(
        _(
            "A short interview: the answers are filled in already. Press Enter to keep an answer, or change"
            " it. Ctrl-C ends the demo."
        )
    )
    for n, name in enumerate(FAST_STEPS, 1):
        step = STEP_BY_NAME[name]
        prompter.progress(n, len(FAST_STEPS), _(step.title))
        interview.step(name, visit)
    return visit
