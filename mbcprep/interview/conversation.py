"""What every part of the interview shares: the prompter, the content and the data file, the words for
the patient or for a caregiver about them, the draft saved after every answer, and the signs that
cannot wait, said once each.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from mbcprep.i18n import _
from mbcprep.interview.save import save_keeping_both
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Prompter

if TYPE_CHECKING:
    from mbcprep.actions.warnings import SignWatch
    from mbcprep.model.content import Content
    from mbcprep.storage.store import Store

SKIP = ""  # the value of a "Skip this one" option


class Conversation:
    """The state one interview keeps while it asks its steps (each part of the interview is a
    subclass: `Interview` puts them together)."""

    def __init__(
        self,
        prompter: Prompter,
        content: Content | Callable[[], Content],
        store: Store,
        today: date | None = None,
        *,
        autosave: bool = True,
        demo: bool = False,
    ) -> None:
        self.p = prompter
        self.autosave = autosave
        self.demo = demo  # a demo keeps nothing, so it never says Ctrl-C keeps the answers
        self._content = content  # or what loads it, when first needed (the first question needs none)
        self.store = store
        self.today = today or date.today()
        self.show_sensitive: bool | None = None
        self.mentioned_calling = False
        self._watch: SignWatch | None = None
        self.touched = False
        self.resumed_at: str | None = None  # the step a draft picked up at, while it is being asked
        self.talk_about: list[str] = []  # symptoms that got clearly worse since the last visit, or are 7+

    @property
    def content(self) -> Content:
        if callable(self._content):
            self._content = self._content()
        return self._content

    @property
    def watch(self) -> SignWatch:
        """The signs already mentioned."""
        if self._watch is None:
            from mbcprep.actions.warnings import SignWatch

            self._watch = SignWatch(lambda: self.content)
        return self._watch

    # --- speaking to the patient, or to a caregiver about the patient -------------------------------

    @staticmethod
    def name_of(visit: Visit) -> str:
        return visit.patient_name.strip() or _("the person you care for")

    def voice(self, visit: Visit, to_patient: str, to_caregiver: str) -> str:
        """The words for the patient, or for a caregiver with the patient's name in them."""
        if visit.filled_by == "caregiver":
            return to_caregiver.format(name=self.name_of(visit))
        return to_patient

    # --- the draft, saved after every answer -------------------------------------------------------

    def checkpoint(self, visit: Visit, next_step: str | None = None) -> None:
        """Save what there is so far as a draft."""
        self.touched = True
        if not self.autosave:
            return
        if next_step is not None:
            visit.draft_step = next_step
        visit.status = "draft"
        save_keeping_both(self.p, self.store, visit)

    # --- the signs that cannot wait, said once each -----------------------------------------------

    def about(self, visit: Visit | None) -> str:
        """The patient's name when a caregiver fills the visit in (the warnings speak about them), or ""."""
        return self.name_of(visit) if visit is not None and visit.filled_by == "caregiver" else ""

    def mention_calling_now(self, score: int | None, day: date | None = None, visit: Visit | None = None) -> None:
        """Once per interview, after a high score: there is no need to wait for the visit (if it is
        still this bad, for a score of a day before today), whom to call when the office is closed,
        and which signs mean calling now, day or night, or 911."""
        from mbcprep.actions.warnings import HIGH_SCORE, high_score_lines

        if score is None or score < HIGH_SCORE or self.mentioned_calling:
            return
        self.mentioned_calling = True
        for line in high_score_lines(self.store.team.all(), day, self.today, self.about(visit)):
            self.p.say(line)

    def mention_signs(self, visit: Visit | None, *typed: str) -> None:
        """Words typed about how the person feels that describe one of the signs that cannot wait:
        say calmly, once for each sign, how soon to get help (about the patient, to a caregiver)."""
        self.watch.about = self.about(visit)
        self.watch.team = self.store.team.all
        for line in self.watch.check(*typed):
            self.p.say(line)
