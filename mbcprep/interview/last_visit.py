"""What the last visit brings to this one: its date, people and answers to start from, the scores that
moved since, and the questions it left unanswered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mbcprep.i18n import _, long_date, ngettext
from mbcprep.interview.conversation import Conversation
from mbcprep.model.cycle import (
    add_carried,
    carried_copy,
    debrief_started,
    last_visit_before,
    same_question,
    waiting_questions,
)
from mbcprep.model.visit import Visit, VisitQuestion
from mbcprep.prompts.base import Option
from mbcprep.text import one_line


class SinceLastVisit(Conversation):
    def start_from_last(self, visit: Visit) -> None:
        """A new visit starts from the last one: the next visit's date noted at its debrief, who it is
        with, who fills it in (and for whom), and what matters; each is offered, Enter keeps it."""
        from datetime import timedelta

        last = self.store.previous_visit(self.today + timedelta(days=1))
        if last is None:
            return
        if last.next_visit >= self.today.isoformat():
            visit.visit_date = last.next_visit
        visit.with_whom = last.with_whom
        visit.filled_by, visit.patient_name = last.filled_by, last.patient_name
        visit.considerations = [replace(a) for a in last.considerations]

    def mention_waiting(self, visit: Visit) -> None:
        """At the start: how many questions from the last visit wait for an answer (offered later)."""
        from datetime import timedelta

        previous = self.store.previous_visit(self.today + timedelta(days=1))
        waiting = waiting_questions(previous) if previous is not None else []
        if waiting and visit.filled_by == "caregiver":
            self.p.say(
                ngettext(
                    "{n} question from the last visit was not fully answered. You can ask it again when you"
                    " pick the questions.",
                    "{n} questions from the last visit were not fully answered. You can ask them again when you"
                    " pick the questions.",
                    len(waiting),
                ).format(n=len(waiting))
            )
        elif waiting:
            self.p.say(
                ngettext(
                    "{n} question from your last visit was not fully answered. You can ask it again"
                    " when you pick your questions.",
                    "{n} questions from your last visit were not fully answered. You can ask them again"
                    " when you pick your questions.",
                    len(waiting),
                ).format(n=len(waiting))
            )

    def saw_future(self, visit: Visit) -> bool | None:
        """What Enter means at "Show those questions too?": the answer the last visit shows (yes when
        it held a question about the future, no otherwise); at a first visit the person says which."""
        previous = self.previous_visit(visit)
        if previous is None:
            return None
        sensitive = {q.id for q in self.content.questions.values() if q.sensitive}
        return any(q.question_id in sensitive for q in previous.questions)

    def previous_visit(self, visit: Visit) -> Visit | None:
        try:
            day = date.fromisoformat(visit.visit_date)
        except ValueError:
            day = self.today
        return self.store.previous_visit(last_visit_before(day, self.today), visit.uuid)

    def tell_what_changed(self, visit: Visit) -> None:
        """The scores that moved since the last visit, said calmly, before the questions."""
        from mbcprep.actions.changes import change_sentences, what_changed

        found = what_changed(self.store, visit, self.today)
        self.talk_about = [c.symptom_id for c in found.worth_talking_about]
        sentences = change_sentences(found, self.today)
        if sentences:
            self.p.say(self.voice(visit, _("Since your last visit:"), _("Since the last visit:")))
            for sentence in sentences:
                self.p.say(sentence)

    def offer_carried(self, visit: Visit) -> None:
        """The questions not answered (or only partly) last time, ticked: each can be dropped."""
        previous = self.previous_visit(visit)
        if previous is None:
            return
        waiting = waiting_questions(previous)
        when = long_date(date.fromisoformat(previous.visit_date))
        if not waiting:
            if previous.questions and not debrief_started(previous):
                self.p.say(
                    _(
                        "Tip: after a visit, 'mbcprep debrief' notes what came of each question; the ones not"
                        " answered then come back here by themselves."
                    )
                )
            return
        carried = [carried_copy(q, self.content.questions) for q in waiting]
        present = [i for i, c in enumerate(carried) if any(same_question(c, q) for q in visit.questions)]
        fresh = not any(q.carried for q in visit.questions)
        picked = set(
            self.p.choose_many(
                (
                    ngettext(
                        "This question was not fully answered at the visit of {date}. Ask it again?",
                        "These questions were not fully answered at the visit of {date}. Ask them again?",
                        len(carried),
                    )
                    if visit.filled_by == "caregiver"
                    else ngettext(
                        "This question was not fully answered at your visit of {date}. Ask it again?",
                        "These questions were not fully answered at your visit of {date}. Ask them again?",
                        len(carried),
                    )
                ).format(date=when),
                [
                    Option(c.text, i, self.waited(q), checked=fresh or i in present)
                    for i, (c, q) in enumerate(zip(carried, waiting, strict=True))
                ],
            )
        )
        visit.questions = [
            q for q in visit.questions if not any(same_question(c, q) for i, c in enumerate(carried) if i not in picked)
        ]
        add_carried(visit, [c for i, c in enumerate(carried) if i in picked])
        self.touched = True

    @staticmethod
    def waited(question: VisitQuestion) -> str:
        """The line under a carried question: what was said of it last time."""
        if question.outcome == "partly" and question.answer:
            return _("Partly answered last time: {answer}").format(answer=one_line(question.answer, 120))
        if question.carried:
            return _("Asked before, not yet answered.")
        return _("Not answered last time.")
