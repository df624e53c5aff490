"""The steps that pick the questions: suggested, by topic, by a word or written out; then the three
to ask first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mbcprep.i18n import _, ngettext, ordinal
from mbcprep.interview.last_visit import SinceLastVisit
from mbcprep.model.visit import OWN_TOPIC, TOP_COUNT, Visit, VisitQuestion
from mbcprep.prompts.base import Option

if TYPE_CHECKING:
    from mbcprep.model.content import Question

# The content and its search load with the first step that uses them, after the first question.

SEARCH_MAX = 15


class QuestionSteps(SinceLastVisit):
    def ask_questions(self, visit: Visit) -> None:
        content = self.content
        if self.show_sensitive is None:
            if any(q.sensitive for q in content.questions.values()):
                self.p.say(
                    _(
                        "Some questions are about the future, such as how long treatment may help, "
                        "or planning for the end of life. They stay hidden unless you want them."
                    )
                )
                self.show_sensitive = self.p.confirm(_("Show those questions too?"), default=self.saw_future(visit))
            else:
                self.show_sensitive = False
        if not (self.resumed_at == "questions" and visit.questions):
            self.tell_what_changed(visit)
            self.offer_carried(visit)
            kind_label = content.kinds[visit.kind].label if visit.kind in content.kinds else _("this")
            self.p.say(_("Here are some questions for a visit about: {kind}.").format(kind=kind_label))
            suggested = self.suggested(visit)
            if visit.filled_by == "caregiver":
                framed = _("They are written as {name} would ask them: ask them for {name}, or write your own.")
                self.p.say(framed.format(name=self.name_of(visit)))
                from mbcprep.content.suggest import CAREGIVERS_TOPIC

                if any(q.topic == CAREGIVERS_TOPIC for q in suggested):  # those are in the helper's own voice
                    self.p.say(_("The ones about helping at home are yours to ask."))
            self.pick(visit, suggested, _("Suggested questions: tick any you want to ask"))
        while True:
            count = len(visit.questions)
            action = self.p.choose(
                ngettext("You have {n} question. What next?", "You have {n} questions. What next?", count).format(
                    n=count
                ),
                [
                    Option(_("See more questions by topic"), "topic"),
                    Option(_("Search for a word"), "search"),
                    Option(_("Write my own question"), "own"),
                    Option(_("Done with questions"), "done"),
                ],
                default="done",  # Enter goes on; the other ways are a key away
            )
            if action == "done":
                break
            if action == "topic":
                topic = self.p.choose(
                    _("Which topic?"),
                    [
                        Option(_("{topic} ({n})").format(topic=t.label, n=n), t.id, t.help)
                        for t in content.topics.values()
                        if (n := len(self.find(topic=t.id)))
                    ]
                    + [Option(_("Back"), None)],
                )
                if topic is not None:
                    self.pick(
                        visit,
                        self.find(topic=topic),
                        _("{topic}: pick any you want to ask.").format(topic=content.topics[topic].label),
                    )
            elif action == "search":
                words = self.p.ask_text(_("Word to look for (or press Enter to go back):")).strip()
                if words:
                    from mbcprep.content.search import count_hidden

                    found = self.find(words=words)[:SEARCH_MAX]
                    if found:
                        self.pick(
                            visit, found, _("Questions with '{words}': pick any you want to ask.").format(words=words)
                        )
                    elif not self.show_sensitive and count_hidden(self.content, words=words):
                        self.p.say(
                            _(
                                "The only questions with that word are about the future, which you chose not to see."
                                " Try another word, or write your own."
                            )
                        )
                    else:
                        self.p.say(_("No question has that word. Try another word, or write your own."))
            elif action == "own":
                text = self.p.ask_text(_("Type your question (or press Enter to go back):")).strip()
                if text:
                    visit.questions.append(VisitQuestion(text=text, topic=OWN_TOPIC))
            self.checkpoint(visit)
        self.offer_glossary(visit)

    def find(self, **filters: str) -> list[Question]:
        from mbcprep.content.search import find_questions

        return find_questions(self.content, include_sensitive=bool(self.show_sensitive), **filters)

    def suggested(self, visit: Visit) -> list[Question]:
        """Up to SUGGESTED_MAX questions, chosen and ordered by `mbcprep.content.suggest.suggest` from
        the visit's kind, what changed since the last visit, today's scores and what is known about
        the person (their profile, treatments and latest scan)."""
        from mbcprep.actions.suggestions import facts_for
        from mbcprep.content.suggest import SUGGESTED_MAX, suggest

        facts = facts_for(self.store, caregiver=visit.filled_by == "caregiver", today=self.today)
        return suggest(
            self.content,
            visit.kind,
            facts=facts,
            talk_about=self.talk_about,
            scores=[(s.symptom_id, s.score) for s in visit.symptoms],
            include_sensitive=bool(self.show_sensitive),
            limit=SUGGESTED_MAX,
        )

    def pick(self, visit: Visit, offered: list[Question], message: str) -> None:
        """Let the person tick questions from `offered`; unticking removes one already chosen."""
        if not offered:
            return
        chosen_ids = {q.question_id for q in visit.questions}
        picked = set(
            self.p.choose_many(
                message,
                [Option(q.text, q.id, self.why_and_words(q), checked=q.id in chosen_ids) for q in offered],
                reasons=True,
            )
        )
        offered_ids = {q.id for q in offered}
        visit.questions = [
            vq for vq in visit.questions if vq.question_id not in offered_ids or vq.question_id in picked
        ]
        for q in offered:
            if q.id in picked and q.id not in chosen_ids:
                visit.questions.append(VisitQuestion(text=q.text, topic=q.topic, why=q.why, question_id=q.id))

    def why_and_words(self, question: Question) -> str:
        """The line shown under a question: why ask it, and what its first medical word means."""
        from mbcprep.content.search import terms_in

        terms = terms_in(self.content, question.text)
        if not terms:
            return question.why
        return _("{why} ({term}: {meaning})").format(why=question.why, term=terms[0].term, meaning=terms[0].meaning)

    def offer_glossary(self, visit: Visit) -> None:
        from mbcprep.content.search import terms_in

        terms = []
        for vq in visit.questions:
            for term in terms_in(self.content, vq.text):
                if term not in terms:
                    terms.append(term)
        if not terms:
            return
        names = ", ".join(t.term for t in terms[:4])
        if len(terms) > 4:
            names = _("{words} and others").format(words=names)
        self.p.say(_("Your questions use some medical words: {words}.").format(words=names))
        if self.p.confirm(_("See what they mean?"), default=False):
            for term in terms:
                self.p.say(_("{term}: {meaning}").format(term=term.term, meaning=term.meaning))

    def ask_first(self, visit: Visit) -> None:
        visit.clear_first()
        if len(visit.questions) <= TOP_COUNT:  # nothing to pick: said, so the step's heading is not left bare
            visit.renumber_first()
            if not visit.questions:
                self.p.say(_("No questions yet, so there is nothing to put first."))
            else:
                n = len(visit.questions)
                self.p.say(
                    ngettext(
                        "Your question goes at the top of the sheet.",
                        "All {n} of your questions go at the top of the sheet.",
                        n,
                    ).format(n=n)
                )
            return
        self.p.say(
            self.voice(
                visit,
                _("Pick the three questions you most want to ask. They go at the top of your sheet."),
                _("Pick the three questions you most want to ask for {name}. They go at the top of the sheet."),
            )
        )
        for n in range(1, TOP_COUNT + 1):
            options = [Option(q.text, i) for i, q in enumerate(visit.questions) if q.rank is None]
            if n > 1:
                options.append(Option(_("That is enough"), None))
            picked = self.p.choose(  # Enter takes the first, in menus and in plain mode alike
                _("Which question to ask {nth}?").format(nth=ordinal(n)), options, default=options[0].value
            )
            if picked is None:
                break
            visit.choose_first(picked)
            self.checkpoint(visit)
