"""The `new-visit` interview: one registry of steps (`STEPS`), asked through the Prompter interface.

`new-visit` asks the steps in order, the review screen offers to go back to any of them, and `edit`
offers them as changes. Progress is saved as a draft after every answer, so Ctrl-C, Ctrl-D or a
closed terminal keeps what was typed, and the next `new-visit` offers to pick it up where it stopped.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from mbcprep.actions.warnings import HIGH_SCORE, SignWatch, high_score_lines
from mbcprep.content.search import count_hidden, find_questions, terms_in
from mbcprep.content.suggest import SUGGESTED_MAX
from mbcprep.dates import by_day_name, far_from_today, out_of_reach, reach_sentence, read_date, read_time
from mbcprep.errors import InterviewStopped, UsageError, VisitChangedElsewhere
from mbcprep.i18n import N_, _, language, long_date, ngettext, ordinal
from mbcprep.inputs import DATE_HINT, TIME_HINT, clean_text, means_nothing, parse_score
from mbcprep.model.content import OTHER_SYMPTOM, OWN_TOPIC, Consideration, Content, Question
from mbcprep.model.cycle import add_carried, carried_copy, debrief_started, same_question, waiting_questions
from mbcprep.model.visit import FILLED_BY, TOP_COUNT, ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.prompts.base import NO_DEFAULT, Option, Prompter
from mbcprep.signals import held_stop_signals
from mbcprep.storage.store import Store
from mbcprep.text import one_line

SEARCH_MAX = 15
SKIP = ""  # the value of a "Skip this one" option
SOMEONE_ELSE = "\x00someone-else"  # "Someone else": never a name (names are printable)
SOMEWHERE_ELSE = "\x00somewhere-else"  # "Somewhere else": never a place
NOTHING = ""  # the value of "Nothing bothers me right now"
NOTE_FROM = 4  # a score from here on asks for a word about it (for the Note column of the sheet)
# The note of words typed as a symptom that match the crisis sign (thoughts of self-harm): they are
# not scored, and the note puts them on both sheets (a symptom with neither score nor note is left off).
NOT_SCORED = N_("No score asked: please talk about this at the visit.")


def score_or_blank(answer: str) -> str | None:
    if not answer.strip():
        return None
    try:
        parse_score(answer)
    except UsageError as exc:
        return str(exc)
    return None


class Interview:
    def __init__(
        self,
        prompter: Prompter,
        content: Content,
        store: Store,
        today: date | None = None,
        *,
        autosave: bool = True,
        demo: bool = False,
    ) -> None:
        self.p = prompter
        self.autosave = autosave
        self.demo = demo  # a demo keeps nothing, so it never says Ctrl-C keeps the answers
        self.content = content
        self.store = store
        self.today = today or date.today()
        self.show_sensitive: bool | None = None
        self.mentioned_calling = False
        self.watch = SignWatch(content)  # the signs already mentioned
        self.touched = False
        self.resumed_at: str | None = None  # the step a draft picked up at, while it is being asked
        self.talk_about: list[str] = []  # symptoms that got clearly worse since the last visit, or are 7+

    # --- speaking to the patient, or to a caregiver about the patient -------------------------------

    @staticmethod
    def name_of(visit: Visit) -> str:
        return visit.patient_name.strip() or _("the person you care for")

    def voice(self, visit: Visit, to_patient: str, to_caregiver: str) -> str:
        """The words for the patient, or for a caregiver with the patient's name in them."""
        if visit.filled_by == "caregiver":
            return to_caregiver.format(name=self.name_of(visit))
        return to_patient

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
            visit = Visit(uuid=str(uuid.uuid4()), kind="routine", language=language())
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

    def step(self, name: str, visit: Visit) -> None:
        """Ask one step again (from the review screen or `edit`)."""
        STEP_BY_NAME[name].ask(self, visit)

    def checkpoint(self, visit: Visit, next_step: str | None = None) -> None:
        """Save what there is so far as a draft."""
        self.touched = True
        if not self.autosave:
            return
        if next_step is not None:
            visit.draft_step = next_step
        visit.status = "draft"
        save_keeping_both(self.p, self.store, visit)

    # --- the steps -------------------------------------------------------------------------------

    def ask_details(self, visit: Visit) -> None:
        def valid_date(answer: str) -> str | None:
            if out_of_reach(answer, self.today):
                return reach_sentence()
            if read_date(answer, self.today) is None:
                return _("Please type {hint}.").format(hint=_(DATE_HINT))
            return None

        while True:
            answer = self.p.ask_text(
                _("When is the visit?"),
                default=visit.visit_date,
                hint=_("Type {hint}.").format(hint=_(DATE_HINT)),
                validate=valid_date,
            )
            day = read_date(answer, self.today)
            assert day is not None
            self.touched = True
            self.p.say(_("That is {date}.").format(date=long_date(day)))
            odd = far_from_today(day, self.today)
            already = day.isoformat() == visit.visit_date
            if odd is None and by_day_name(answer) and not already:
                if self.p.confirm(_("Is that the right day?"), default=True):
                    break
                continue
            if odd is None or self.p.confirm(
                _("{problem} Is that the right date?").format(problem=odd), default=already
            ):
                break
        visit.visit_date = day.isoformat()
        visit.visit_time = self.ask_time(visit)
        visit.with_whom = self.ask_with_whom(visit)
        visit.place = self.ask_place(visit)
        visit.kind = self.p.choose(
            _("What kind of visit is it?"),
            [Option(k.label, k.id, k.help) for k in self.content.kinds.values()],
            default=visit.kind,
        )
        visit.filled_by = self.p.choose(
            _("Who is filling this in?"),
            [
                Option(_("I am the patient"), "patient"),
                Option(_("I am a caregiver, relative or friend"), "caregiver"),
            ],
            default=visit.filled_by if visit.filled_by in FILLED_BY else "patient",
        )
        if visit.filled_by == "caregiver":
            visit.patient_name = clean_text(
                self.p.ask_text(
                    _("What is the first name of the person you are helping? (Enter to skip)"),
                    default=visit.patient_name,
                )
            )

    def ask_time(self, visit: Visit) -> str:
        """The time of day ("HH:MM"), or "" to leave it out (an all-day event); "none" clears one."""

        def valid_time(answer: str) -> str | None:
            if not answer.strip() or means_nothing(answer) or read_time(answer):
                return None
            return _("Please type {hint}, or press Enter to skip.").format(hint=_(TIME_HINT))

        answer = self.p.ask_text(
            _("What time is the visit? (Enter to skip)"),
            default=visit.visit_time,
            hint=_("Type {hint}.").format(hint=_(TIME_HINT)),
            validate=valid_time,
        )
        return "" if means_nothing(answer) else read_time(answer) or ""

    def ask_place(self, visit: Visit) -> str:
        """Where the visit is: a place from the care team's records (`mbcprep team`), or typed."""
        team = [m for m in self.store.team.all() if not m.after_hours]
        met = next((m for m in team if m.name == visit.with_whom and m.place.strip()), None)
        places = list(dict.fromkeys(m.place.strip() for m in team if m.place.strip()))
        typed_prompt = _("Where is the visit? (the clinic or hospital, or press Enter to skip)")
        if not places:
            return clean_text(self.p.ask_text(typed_prompt, default=visit.place))
        options = [Option(place, place) for place in places]
        options += [Option(_("Somewhere else (type it)"), SOMEWHERE_ELSE), Option(_("Skip this one"), SKIP)]
        if visit.place:
            default = visit.place if visit.place in places else SOMEWHERE_ELSE
        else:
            default = met.place.strip() if met is not None else NO_DEFAULT
        picked = self.p.choose(_("Where is the visit?"), options, default=default)
        if picked == SOMEWHERE_ELSE:
            return clean_text(self.p.ask_text(typed_prompt, default="" if visit.place in places else visit.place))
        return str(picked)

    def ask_with_whom(self, visit: Visit) -> str:
        """A name from the care team (`mbcprep team`), or typed."""
        team = [m for m in self.store.team.all() if not m.after_hours]  # a line to call, not who it is with
        if not team:
            return self.p.ask_text(
                _("Who is it with? (a name, or press Enter to skip)"), default=visit.with_whom
            ).strip()
        names = {m.name for m in team}
        options = [
            Option(_("{name} ({role})").format(name=m.name, role=m.role) if m.role else m.name, m.name) for m in team
        ]
        options += [Option(_("Someone else (type the name)"), SOMEONE_ELSE), Option(_("Skip this one"), SKIP)]
        typed_before = visit.with_whom and visit.with_whom not in names
        default = SOMEONE_ELSE if typed_before else (visit.with_whom or NO_DEFAULT)
        picked = self.p.choose(_("Who is it with?"), options, default=default)
        if picked == SOMEONE_ELSE:
            return self.p.ask_text(
                _("Who is it with? (a name, or press Enter to skip)"),
                default="" if visit.with_whom in names else visit.with_whom,
            ).strip()
        return str(picked)

    def ask_symptoms(self, visit: Visit) -> None:
        """Pick what bothers the person from one list, then score each (0-10) with a word about it."""
        if self.resumed_at == "symptoms" and visit.symptoms:
            noted = ", ".join(f"{s.name} {s.score}" if s.score is not None else s.name for s in visit.symptoms)
            self.p.say(_("Noted so far: {symptoms}.").format(symptoms=noted))
            if (
                self.p.choose(
                    _("What would you like to do?"),
                    [Option(_("Keep these and go on"), "keep"), Option(_("Change them"), "change")],
                )
                == "keep"
            ):
                return
        ask_first = self.voice(
            visit,
            _("Note how you feel right now? (about a minute)"),
            _("Note how {name} is feeling right now? (about a minute)"),
        )
        if not self.p.confirm(ask_first, default=True):
            return
        scores: dict[str, SymptomScore] = {s.key: s for s in visit.symptoms}
        listed = list(self.content.symptoms.values())
        own = [s for s in visit.symptoms if s.symptom_id == OTHER_SYMPTOM]
        nothing = self.voice(visit, _("Nothing bothers me right now"), _("Nothing right now"))
        picked = self.p.choose_many(
            self.voice(visit, _("Which of these bother you right now?"), _("Which of these bother {name} right now?")),
            [Option(nothing, NOTHING)]
            + [Option(s.name, s.id, s.help, checked=s.id in scores) for s in listed]
            + [Option(s.name, s.key, checked=True) for s in own],
            pick_pointed=True,
        )
        for key in list(scores):
            if key not in picked:
                del scores[key]
        self.touched = True
        if NOTHING in picked and len(picked) > 1:
            self.p.say(
                _('You ticked "{nothing}" and some symptoms too: the symptoms are kept.').format(nothing=nothing)
            )
        if [p for p in picked if p != NOTHING]:
            self.p.say(_("Score each from 0 (none) to 10 (as bad as it can be). Enter skips one."))
        for symptom in listed:
            if symptom.id in picked:
                self.score_symptom(visit, scores, symptom.id, symptom.name, symptom.help)
        for old in own:
            if old.key in picked and not self.watch.is_crisis(old.name):  # kept as it was, unscored
                self.score_symptom(visit, scores, OTHER_SYMPTOM, old.name, "")
        ask_more = self.voice(
            visit,
            _("Anything else bothering you? (a word or two, or Enter)"),
            _("Anything else bothering {name}? (a word or two, or Enter)"),
        )
        while (name := clean_text(self.p.ask_text(ask_more))) and not means_nothing(name):
            self.mention_signs(visit, name)
            if self.watch.is_crisis(name):  # thoughts of self-harm: kept for the team, never scored 0-10
                scores[SymptomScore(OTHER_SYMPTOM, name).key] = SymptomScore(OTHER_SYMPTOM, name, None, _(NOT_SCORED))
                visit.set_symptoms(scores.values(), list(self.content.symptoms))
                self.checkpoint(visit)
                continue
            self.score_symptom(visit, scores, OTHER_SYMPTOM, name, "")
        visit.set_symptoms(scores.values(), list(self.content.symptoms))

    def score_symptom(
        self, visit: Visit, scores: dict[str, SymptomScore], symptom_id: str, name: str, hint: str
    ) -> None:
        """One score, 0-10, and a word about it once it is moderate or worse. Enter keeps what was there."""
        key = SymptomScore(symptom_id, name).key
        old = scores.get(key)
        default = "" if old is None or old.score is None else str(old.score)
        answer = self.p.ask_text(
            _("{symptom} right now (0-10):").format(symptom=name), default=default, hint=hint, validate=score_or_blank
        )
        score = parse_score(answer) if answer.strip() else None
        note = old.note if old else ""
        if score is not None and score >= NOTE_FROM:
            note = self.p.ask_text(
                _("Anything to add about {symptom}? (when, where, what helps; Enter to skip)").format(
                    symptom=name.lower() if name[:1].isupper() and name[1:2].islower() else name
                ),
                default=note,
            ).strip()
            if means_nothing(note):  # "nada", "no": nothing to add, never a note that says "nada"
                note = ""
            if note != (old.note if old else ""):
                self.mention_signs(visit, note)
        if score is None and not note and symptom_id != OTHER_SYMPTOM:
            scores.pop(key, None)
        else:
            scores[key] = SymptomScore(symptom_id, name, score, note)
        visit.set_symptoms(scores.values(), list(self.content.symptoms))
        self.checkpoint(visit)
        if score is not None:
            self.mention_calling_now(score, visit=visit)

    def about(self, visit: Visit | None) -> str:
        """The patient's name when a caregiver fills the visit in (the warnings speak about them), or ""."""
        return self.name_of(visit) if visit is not None and visit.filled_by == "caregiver" else ""

    def mention_calling_now(self, score: int | None, day: date | None = None, visit: Visit | None = None) -> None:
        """Once per interview, after a high score: there is no need to wait for the visit (if it is
        still this bad, for a score of a day before today), whom to call when the office is closed,
        and which signs mean calling now, day or night, or 911."""
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
            if visit.filled_by == "caregiver":
                framed = _("They are written as {name} would ask them: ask them for {name}, or write your own.")
                self.p.say(framed.format(name=self.name_of(visit)))
            self.pick(visit, self.suggested(visit), _("Suggested questions: tick any you want to ask"))
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
        return self.store.previous_visit(day, visit.uuid)

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

    def find(self, **filters: str) -> list[Question]:
        return find_questions(self.content, include_sensitive=bool(self.show_sensitive), **filters)

    def suggested(self, visit: Visit) -> list[Question]:
        """Up to SUGGESTED_MAX questions, chosen and ordered by `mbcprep.content.suggest.suggest` from
        the visit's kind, what changed since the last visit, today's scores and what is known about
        the person (their profile, treatments and latest scan)."""
        from mbcprep.actions.suggestions import facts_for
        from mbcprep.content.suggest import suggest

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
        terms = terms_in(self.content, question.text)
        if not terms:
            return question.why
        return _("{why} ({term}: {meaning})").format(why=question.why, term=terms[0].term, meaning=terms[0].meaning)

    def offer_glossary(self, visit: Visit) -> None:
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
        if len(visit.questions) <= TOP_COUNT:
            visit.renumber_first()
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


@dataclass(frozen=True)
class Step:
    """One step of the interview: its name (kept in a draft), the title said as it starts, and the
    words offering to change it (review screen and `edit`; empty when it cannot be changed alone)."""

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


def finish(prompter: Prompter, store: Store, visit: Visit) -> None:
    """The final save of an interview. A stop asked for while it is under way waits until it is done,
    then stops the interview with the visit saved (never turned back into a draft)."""
    with held_stop_signals() as arrived:
        visit.status = "ready"
        visit.draft_step = ""
        try:
            save_keeping_both(prompter, store, visit)
        except BaseException:
            visit.status = "draft"
            raise
    if arrived:
        raise KeyboardInterrupt


def save_keeping_both(prompter: Prompter, store: Store, visit: Visit) -> Visit:
    """Save; if another window saved this visit meanwhile, keep theirs and save this one as a new
    visit, so neither person loses anything."""
    try:
        return store.save(visit)
    except VisitChangedElsewhere as exc:
        visit.uuid, visit.id, visit.revision = str(uuid.uuid4()), None, 0
        store.save(visit)
        if visit.status == "draft":
            said = _(
                "Visit {other} was also changed in another window, so this one is kept separately as draft {id}."
                " Nothing was lost."
            )
        else:
            said = _(
                "Visit {other} was also changed in another window, so this one is kept separately as visit {id}."
                " Nothing was lost."
            )
        prompter.say(said.format(other=exc.visit_id, id=visit.id))
        return visit


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
    prompter: Prompter, content: Content, store: Store, today: date | None = None, *, demo: bool = False
) -> Visit:
    """`new-visit`: offer to resume a draft, then run the interview."""
    draft = store.latest_draft()
    interview = Interview(prompter, content, store, today, demo=demo)
    if draft is not None:
        when = one_line(draft.visit_date or draft.created_at[:10], 10)
        choice = prompter.choose(
            _("You have an unfinished visit (visit {id}, {when}). What would you like to do?").format(
                id=draft.id, when=when
            ),
            [
                Option(_("Pick up where I left off"), "resume"),
                Option(_("Start a new visit and keep the unfinished one"), "new"),
                Option(_("Throw the unfinished one away and start again"), "discard"),
            ],
        )
        if choice == "resume":
            return interview.run(draft)
        if choice == "discard" and draft.id is not None:
            store.delete(draft.id)
    return interview.run()
