"""The steps about what matters to the person (the checklist) and their own notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mbcprep.i18n import _
from mbcprep.inputs import parse_score
from mbcprep.interview.conversation import SKIP, Conversation
from mbcprep.interview.symptoms import score_or_blank
from mbcprep.model.visit import ConsiderationAnswer, Visit
from mbcprep.prompts.base import Option

if TYPE_CHECKING:
    from mbcprep.model.content import Consideration


class MattersSteps(Conversation):
    def ask_what_matters(self, visit: Visit) -> None:
        """The checklist items that fit this kind of visit, then any others the person picks."""
        items = list(self.content.considerations.values())
        if not items:
            return
        ask_first = self.voice(
            visit,
            _("Think about what matters most to you? (every part optional)"),
            _("Think about what matters most to {name}? (every part optional)"),
        )
        if not self.p.confirm(ask_first, default=True):
            return
        answered = {a.consideration_id for a in visit.considerations}
        fits = [c for c in items if visit.kind in c.kinds] or items
        resuming = self.resumed_at == "matters"
        for c in fits:
            if not (resuming and c.id in answered):
                self.answer_item(visit, c)
        others = [c for c in items if c not in fits]
        if others:
            answered = {a.consideration_id for a in visit.considerations}
            more = self.p.choose_many(
                _("Would you like to think about any of these too?"),
                [Option(self.prompt_of(visit, c), c.id, c.help, checked=c.id in answered) for c in others],
                hint=_("Tick any, or just press Enter."),
            )
            for c in others:
                if c.id in more and not (resuming and c.id in answered):
                    self.answer_item(visit, c)
                elif c.id not in more and c.id in answered:
                    self.set_answer(visit, c, None)

    def prompt_of(self, visit: Visit, item: Consideration) -> str:
        if visit.filled_by == "caregiver" and item.caregiver_prompt:
            return item.caregiver_prompt.format(name=self.name_of(visit))
        return item.prompt

    def answer_item(self, visit: Visit, c: Consideration) -> None:
        """Ask one checklist item; Enter alone skips it (and clears an earlier answer)."""
        old = visit.answer(c.id)
        prompt = self.prompt_of(visit, c)
        new: ConsiderationAnswer | None
        if c.answer == "choice":
            choice = self.p.choose(
                prompt,
                [Option(choice, choice, c.help) for choice in c.choices] + [Option(_("Skip this one"), SKIP, c.help)],
                default=old.answer if old and old.answer in c.choices else SKIP,  # Enter alone chooses nothing
            )
            new = ConsiderationAnswer(c.id, prompt, choice) if choice else None
        elif c.answer == "scale":
            got = self.p.ask_text(
                _("{question} (0-10)").format(question=prompt),
                default="" if old is None or old.score is None else str(old.score),
                hint=_("0 = {low}; 10 = {high}. Press Enter to skip.").format(low=c.low, high=c.high),
                validate=score_or_blank,
            )
            new = ConsiderationAnswer(c.id, prompt, score=parse_score(got)) if got.strip() else None
        else:
            got = self.p.ask_text(
                prompt, default=old.answer if old else "", hint=_("{help} Press Enter to skip.").format(help=c.help)
            )
            new = ConsiderationAnswer(c.id, prompt, got.strip()) if got.strip() else None
        self.set_answer(visit, c, new)

    def set_answer(self, visit: Visit, item: Consideration, new: ConsiderationAnswer | None) -> None:
        """Keep answers in the checklist's order; answers to items no longer on it are kept too."""
        answers = {a.consideration_id: a for a in visit.considerations}
        if new is None:
            answers.pop(item.id, None)
        else:
            answers[item.id] = new
        known = [answers[i] for i in self.content.considerations if i in answers]
        visit.considerations = known + [a for i, a in answers.items() if i not in self.content.considerations]
        self.checkpoint(visit)

    def ask_notes(self, visit: Visit) -> None:
        before = visit.notes
        visit.notes = self.p.ask_text(
            _("Any notes for yourself or the team? (press Enter to skip)"),
            default=visit.notes,
            hint=_("A line that starts with \"{mark}\" stays off the doctor's and the family's sheets.").format(
                mark=_("me:")
            ),
        ).strip()
        if visit.notes != before:
            self.mention_signs(visit, visit.notes)
