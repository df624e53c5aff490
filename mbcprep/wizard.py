"""The `new-visit` interview (and `edit`), written against the small Prompter interface.

Progress is saved as a draft after every answer, so Ctrl-C, Ctrl-D or a closed terminal keeps
what was typed, and the next `new-visit` offers to pick it up.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from mbcprep import content as content_mod
from mbcprep.errors import InterviewStopped, UsageError, VisitChangedElsewhere
from mbcprep.inputs import DATE_HINT, clean_text, parse_date, parse_score
from mbcprep.models import (
    FILLED_BY,
    OTHER_SYMPTOM,
    OWN_TOPIC,
    TOP_COUNT,
    ConsiderationAnswer,
    Content,
    Question,
    SymptomScore,
    Visit,
    VisitQuestion,
)
from mbcprep.prompter import Option, Prompter
from mbcprep.signals import held_stop_signals
from mbcprep.store import KeptEdit, Store
from mbcprep.text import one_line

STEPS = ("details", "symptoms", "questions", "first", "matters", "notes", "review")
ASK_EACH_SYMPTOM = 9  # the first nine listed symptoms are asked one by one; the rest are offered as a list
SUGGESTED_MAX = 12
SEARCH_MAX = 15
ORDINALS = ("first", "second", "third")
SKIP = ""  # the value of a "Skip this one" option
HIGH_SCORE = 8
CALL_NOW = (
    "If something is this bad right now, you do not have to wait for your visit. You can call your care team today."
)


def _symptom_key(symptom: SymptomScore) -> str:
    return f"{OTHER_SYMPTOM}:{symptom.name}" if symptom.symptom_id == OTHER_SYMPTOM else symptom.symptom_id


def _score_or_blank(answer: str) -> str | None:
    if not answer.strip():
        return None
    try:
        parse_score(answer)
    except UsageError as exc:
        return str(exc)
    return None


class Interview:
    def __init__(
        self, prompter: Prompter, content: Content, store: Store, today: date | None = None, *, autosave: bool = True
    ) -> None:
        self.p = prompter
        self.autosave = autosave
        self.content = content
        self.store = store
        self.today = today or date.today()
        self.show_sensitive: bool | None = None
        self.mentioned_calling = False
        self.touched = False

    # --- running -----------------------------------------------------------------------------

    def run(self, visit: Visit | None = None) -> Visit:
        """Ask every step from where `visit` (a draft) stopped; return the saved, ready visit."""
        if visit is None:
            visit = Visit(uuid=str(uuid.uuid4()), kind="routine")
        else:
            self.touched = True
        start = STEPS.index(visit.draft_step) if visit.draft_step in STEPS else 0
        if start == 0:
            self.p.say("Let's get ready for your visit. Skip anything you like; Ctrl-C stops and keeps your answers.")
        try:
            for step in STEPS[start:]:
                visit.draft_step = step
                self.step(step, visit)
                if step != "review":
                    self.checkpoint(visit, STEPS[STEPS.index(step) + 1])
        except (KeyboardInterrupt, EOFError):
            if visit.status == "ready" and visit.id is not None:  # stopped just after the final save
                raise InterviewStopped(visit.id, "saved") from None
            if not self.touched:
                raise InterviewStopped(None, "nothing") from None
            self.checkpoint(visit, visit.draft_step)
            raise InterviewStopped(visit.id, "draft") from None
        return visit

    def step(self, name: str, visit: Visit) -> None:
        steps: dict[str, Callable[[Visit], None]] = {
            "details": self.ask_details,
            "symptoms": self.ask_symptoms,
            "questions": self.ask_questions,
            "first": self.ask_first,
            "matters": self.ask_what_matters,
            "notes": self.ask_notes,
            "review": self.review,
        }
        steps[name](visit)

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
            try:
                parse_date(answer, self.today)
            except UsageError:
                return f"Please type {DATE_HINT}."
            return None

        answer = self.p.ask_text(
            "When is the visit?", default=visit.visit_date, hint=f"Type {DATE_HINT}.", validate=valid_date
        )
        self.touched = True
        visit.visit_date = parse_date(answer, self.today)
        visit.with_whom = self.p.ask_text(
            "Who is it with? (a name, or press Enter to skip)", default=visit.with_whom
        ).strip()
        visit.kind = self.p.choose(
            "What kind of visit is it?",
            [Option(k.label, k.id, k.help) for k in self.content.kinds.values()],
            default=visit.kind,
        )
        visit.filled_by = self.p.choose(
            "Who is filling this in?",
            [Option("I am the patient", "patient"), Option("I am a caregiver, relative or friend", "caregiver")],
            default=visit.filled_by if visit.filled_by in FILLED_BY else "patient",
        )

    def ask_symptoms(self, visit: Visit) -> None:
        """Scores for right now. Enter keeps what was there; only clearing a score removes it."""
        if not self.p.confirm("Note how you feel right now? (about a minute)", default=True):
            return
        self.p.say("Score each from 0 (none) to 10 (as bad as it can be). Enter skips one.")
        before = {_symptom_key(s): s for s in visit.symptoms}
        scores: dict[str, SymptomScore] = dict(before)
        listed = list(self.content.symptoms.values())

        def ask(key: str, symptom_id: str, name: str, hint: str, *, keep_unscored: bool = False) -> None:
            old = scores.get(key)
            default = "" if old is None or old.score is None else str(old.score)
            answer = self.p.ask_text(f"{name} right now (0-10):", default=default, hint=hint, validate=_score_or_blank)
            note = old.note if old else ""
            if answer.strip():
                score = parse_score(answer)
                scores[key] = SymptomScore(symptom_id, name, score, note)
                self.mention_calling_now(score)
            elif keep_unscored:
                scores[key] = SymptomScore(symptom_id, name, None, note)
            else:
                scores.pop(key, None)
            visit.symptoms = self._ordered_symptoms(scores)
            self.checkpoint(visit)

        for symptom in listed[:ASK_EACH_SYMPTOM]:
            ask(symptom.id, symptom.id, symptom.name, symptom.help)
        more = listed[ASK_EACH_SYMPTOM:]
        if more:
            picked = self.p.choose_many(
                "Is anything on this list bothering you too?",
                [Option(s.name, s.id, s.help, checked=s.id in scores) for s in more],
                hint="Pick any that apply, or just press Enter.",
            )
            for symptom in more:
                if symptom.id in picked:
                    ask(symptom.id, symptom.id, symptom.name, symptom.help)
                else:
                    scores.pop(symptom.id, None)
        for key, old in list(scores.items()):
            if old.symptom_id == OTHER_SYMPTOM:
                ask(key, OTHER_SYMPTOM, old.name, "", keep_unscored=True)
        while name := clean_text(self.p.ask_text("Anything else bothering you? (a word or two, or Enter)")):
            ask(f"{OTHER_SYMPTOM}:{name}", OTHER_SYMPTOM, name, "", keep_unscored=True)
        visit.symptoms = self._ordered_symptoms(scores)

    def _ordered_symptoms(self, scores: dict[str, SymptomScore]) -> list[SymptomScore]:
        """Listed symptoms in the list's order, then the person's own, in the order they came."""
        order = {sid: n for n, sid in enumerate(self.content.symptoms)}
        return sorted(scores.values(), key=lambda s: order.get(s.symptom_id, len(order)))

    def mention_calling_now(self, score: int | None) -> None:
        """Once per interview, after a high score: there is no need to wait for the visit."""
        if score is not None and score >= HIGH_SCORE and not self.mentioned_calling:
            self.mentioned_calling = True
            self.p.say(CALL_NOW)

    def ask_questions(self, visit: Visit) -> None:
        content = self.content
        if self.show_sensitive is None:
            if any(q.sensitive for q in content.questions.values()):
                self.p.say(
                    "Some questions are about the future, such as how long treatment may help, "
                    "or planning for the end of life. They stay hidden unless you want them."
                )
                self.show_sensitive = self.p.confirm("Show those questions too?", default=False)
            else:
                self.show_sensitive = False
        kind_label = content.kinds[visit.kind].label if visit.kind in content.kinds else "this"
        self.p.say(f"Here are some questions for a visit about: {kind_label}.")
        self.pick(visit, self.suggested(visit), "Suggested questions: tick any you want to ask")
        while True:
            action = self.p.choose(
                f"You have {len(visit.questions)} question(s). What next?",
                [
                    Option("See more questions by topic", "topic"),
                    Option("Search for a word", "search"),
                    Option("Write my own question", "own"),
                    Option("Done with questions", "done"),
                ],
            )
            if action == "done":
                break
            if action == "topic":
                topic = self.p.choose(
                    "Which topic?",
                    [
                        Option(f"{t.label} ({n})", t.id, t.help)
                        for t in content.topics.values()
                        if (n := len(self.find(topic=t.id)))
                    ]
                    + [Option("Back", None)],
                )
                if topic is not None:
                    self.pick(
                        visit, self.find(topic=topic), f"{content.topics[topic].label}: pick any you want to ask."
                    )
            elif action == "search":
                words = self.p.ask_text("Word to look for (or press Enter to go back):").strip()
                if words:
                    found = self.find(words=words)[:SEARCH_MAX]
                    if found:
                        self.pick(visit, found, f"Questions with '{words}': pick any you want to ask.")
                    elif not self.show_sensitive and content_mod.count_hidden(self.content, words=words):
                        self.p.say(
                            "The only questions with that word are about the future, which you chose not to see."
                            " Try another word, or write your own."
                        )
                    else:
                        self.p.say("No question has that word. Try another word, or write your own.")
            elif action == "own":
                text = self.p.ask_text("Type your question (or press Enter to go back):").strip()
                if text:
                    visit.questions.append(VisitQuestion(text=text, topic=OWN_TOPIC))
            self.checkpoint(visit)
        self.offer_glossary(visit)

    def find(self, **filters: str) -> list[Question]:
        return content_mod.find_questions(self.content, include_sensitive=bool(self.show_sensitive), **filters)

    def suggested(self, visit: Visit) -> list[Question]:
        """Up to SUGGESTED_MAX questions for this kind of visit, taken in turn from each topic.

        Topics that hold most questions for this kind come first; questions for caregivers are
        suggested (first) only when a caregiver is filling it in.
        """
        by_topic: dict[str, list[Question]] = {}
        for q in self.find(kind=visit.kind) if visit.kind in self.content.kinds else []:
            by_topic.setdefault(q.topic, []).append(q)
        caregiver = visit.filled_by == "caregiver"
        if not caregiver:
            by_topic.pop("caregivers", None)
        order = sorted(by_topic, key=lambda t: (not (caregiver and t == "caregivers"), -len(by_topic[t])))
        out: list[Question] = []
        while len(out) < SUGGESTED_MAX and any(by_topic.values()):
            for topic in order:
                if by_topic[topic] and len(out) < SUGGESTED_MAX:
                    out.append(by_topic[topic].pop(0))
        return out

    def pick(self, visit: Visit, offered: list[Question], message: str) -> None:
        """Let the person tick questions from `offered`; unticking removes one already chosen."""
        if not offered:
            return
        chosen_ids = {q.question_id for q in visit.questions}
        picked = set(
            self.p.choose_many(
                message,
                [Option(q.text, q.id, self.why_and_words(q), checked=q.id in chosen_ids) for q in offered],
                hint="The line under the list says why you might ask each one.",
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
        terms = content_mod.terms_in(self.content, question.text)
        if not terms:
            return question.why
        return f"{question.why} ({terms[0].term}: {terms[0].meaning})"

    def offer_glossary(self, visit: Visit) -> None:
        terms = []
        for vq in visit.questions:
            for term in content_mod.terms_in(self.content, vq.text):
                if term not in terms:
                    terms.append(term)
        if not terms:
            return
        names = ", ".join(t.term for t in terms[:4]) + (" and others" if len(terms) > 4 else "")
        self.p.say(f"Your questions use some medical words: {names}.")
        if self.p.confirm("See what they mean?", default=False):
            for term in terms:
                self.p.say(f"{term.term}: {term.meaning}")

    def ask_first(self, visit: Visit) -> None:
        for q in visit.questions:
            q.rank = None
        if len(visit.questions) <= TOP_COUNT:
            for n, q in enumerate(visit.questions, 1):
                q.rank = n
            return
        self.p.say("Pick the three questions you most want to ask. They go at the top of your sheet.")
        for n in range(1, TOP_COUNT + 1):
            options = [Option(q.text, i) for i, q in enumerate(visit.questions) if q.rank is None]
            if n > 1:
                options.append(Option("That is enough", None))
            picked = self.p.choose(f"Which question to ask {ORDINALS[n - 1]}?", options)
            if picked is None:
                break
            visit.questions[picked].rank = n
            self.checkpoint(visit)

    def ask_what_matters(self, visit: Visit) -> None:
        if not self.content.considerations:
            return
        if not self.p.confirm("Think about what matters most to you? (every part optional)", default=True):
            return
        before = {c.consideration_id: c for c in visit.considerations}
        answers: dict[str, ConsiderationAnswer] = dict(before)
        for c in self.content.considerations.values():
            old = before.get(c.id)
            answer: str | None
            if c.answer == "choice":
                answer = (
                    self.p.choose(
                        c.prompt,
                        [Option(choice, choice, c.help) for choice in c.choices]
                        + [Option("Skip this one", SKIP, c.help)],
                        default=old.answer if old else SKIP,  # Enter alone skips: nothing is chosen for you
                    )
                    or None
                )
            elif c.answer == "scale":
                got = self.p.ask_text(
                    f"{c.prompt} (0-10)",
                    default=old.answer.split()[0] if old and old.answer else "",
                    hint=f"0 = {c.low}; 10 = {c.high}. Press Enter to skip.",
                    validate=_score_or_blank,
                )
                answer = f"{parse_score(got)} out of 10" if got.strip() else None
            else:
                got = self.p.ask_text(
                    c.prompt, default=old.answer if old else "", hint=f"{c.help} Press Enter to skip."
                )
                answer = got.strip() or None
            if answer is None:
                answers.pop(c.id, None)
            else:
                answers[c.id] = ConsiderationAnswer(c.id, c.prompt, answer)
            visit.considerations = [answers[i] for i in self.content.considerations if i in answers]
            self.checkpoint(visit)

    def ask_notes(self, visit: Visit) -> None:
        visit.notes = self.p.ask_text(
            "Any notes for yourself or the team? (press Enter to skip)", default=visit.notes
        ).strip()

    def review(self, visit: Visit) -> None:
        while True:
            for line in summary_lines(visit, self.content):
                self.p.say(line)
            action = self.p.choose(
                "Ready to save?",
                [
                    Option("Save this visit", "save"),
                    Option("Change the date, doctor or kind of visit", "details"),
                    Option("Change how I feel", "symptoms"),
                    Option("Change my questions", "questions"),
                    Option("Change the three to ask first", "first"),
                    Option("Change what matters to me", "matters"),
                    Option("Change my notes", "notes"),
                ],
            )
            if action == "save":
                break
            self.step(action, visit)
            if action == "questions":
                self.ask_first(visit)
            self.checkpoint(visit, "review")
        finish(self.p, self.store, visit)


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
        what = "draft" if visit.status == "draft" else "visit"
        prompter.say(
            f"Visit {exc.visit_id} was also changed in another window, so this one is kept"
            f" separately as {what} {visit.id}. Nothing was lost."
        )
        return visit


def move_questions(prompter: Prompter, visit: Visit) -> None:
    """`edit`: move questions up or down the list, one at a time, until the person is done."""
    while True:
        if len(visit.questions) < 2:
            prompter.say("There is nothing to move: the list has fewer than two questions.")
            return
        picked = prompter.choose(
            "Which question do you want to move?",
            [Option(f"{n}. {q.text}", i) for n, (i, q) in enumerate(enumerate(visit.questions), 1)]
            + [Option("Done moving", None)],
        )
        if picked is None:
            return
        where = prompter.choose(
            "Move it where?",
            [
                Option("To the top", "top"),
                Option("Up one", "up"),
                Option("Down one", "down"),
                Option("To the end", "end"),
            ],
        )
        question = visit.questions.pop(picked)
        last = len(visit.questions)
        to = {"top": 0, "up": max(0, picked - 1), "down": min(last, picked + 1), "end": last}[where]
        visit.questions.insert(to, question)


def keep_first_in_order(visit: Visit) -> None:
    """After questions are added or removed: the ones still chosen to ask first keep their order,
    renumbered 1, 2, 3; with three questions or fewer, all of them are first."""
    ranked = sorted((q for q in visit.questions if q.rank is not None), key=lambda q: q.rank or 0)
    for n, q in enumerate(ranked, 1):
        q.rank = n
    if len(visit.questions) <= TOP_COUNT:
        for q in visit.questions:
            if q.rank is None:
                ranked.append(q)
                q.rank = len(ranked)


def summary_lines(visit: Visit, content: Content) -> list[str]:
    kind = content.kinds[visit.kind].label if visit.kind in content.kinds else visit.kind
    lines = [
        "",
        f"Date: {visit.visit_date or 'not set'}   With: {one_line(visit.with_whom, 24) or '-'}   Kind: {kind}",
        f"Questions: {len(visit.questions)}   Symptoms noted: {len(visit.symptoms)}"
        f"   What matters: {len(visit.considerations)}   Notes: {'yes' if visit.notes else 'none'}",
    ]
    for q in visit.first_questions():
        lines.append(f"  {q.rank}. {one_line(q.text, 72)}")
    return lines


def start_new_visit(prompter: Prompter, content: Content, store: Store, today: date | None = None) -> Visit:
    """`new-visit`: offer to resume a draft, then run the interview."""
    draft = store.latest_draft()
    interview = Interview(prompter, content, store, today)
    if draft is not None:
        when = draft.visit_date or draft.created_at[:10]
        choice = prompter.choose(
            f"You have an unfinished visit (visit {draft.id}, {when}). What would you like to do?",
            [
                Option("Pick up where I left off", "resume"),
                Option("Start a new visit and keep the unfinished one", "new"),
                Option("Throw the unfinished one away and start again", "discard"),
            ],
        )
        if choice == "resume":
            return interview.run(draft)
        if choice == "discard" and draft.id is not None:
            store.delete(draft.id)
    return interview.run()


def edit_visit(prompter: Prompter, content: Content, store: Store, visit: Visit) -> Visit:
    """`edit`: change questions, their order, scores and notes, then save in one go.

    The saved visit is only changed by "Save and finish". Until then every change is kept aside, so
    Ctrl-C or a closed terminal loses nothing: the next `edit` of this visit offers to pick it up.
    """
    assert visit.id is not None
    visit_id = visit.id
    kept_id: int | None = None
    kept_aside = store.kept_edits(visit_id)
    if kept_aside:
        choice = prompter.choose(
            "You have unsaved changes to this visit from last time. What would you like to do?"
            if len(kept_aside) == 1
            else f"You have unsaved changes to this visit from {len(kept_aside)} windows. What would you like to do?",
            [
                *_pick_up_options(visit, kept_aside),
                Option("Start from the saved visit, and keep those changes aside", "saved"),
                Option("Throw them away and start from the saved visit", "discard"),
            ],
        )
        if choice == "discard":
            store.drop_kept_edits(visit_id)
        elif choice != "saved":
            picked = next(k for k in kept_aside if k.id == choice)
            visit, kept_id = picked.visit, picked.id
    interview = Interview(prompter, content, store, autosave=False)
    changed = kept_id is not None
    try:
        while True:
            for line in summary_lines(visit, content):
                prompter.say(line)
            action = prompter.choose(
                "What would you like to change?",
                [
                    Option("Add questions", "add"),
                    Option("Remove questions", "remove"),
                    Option("Move a question up or down the list", "order"),
                    Option("Choose the three to ask first", "first"),
                    Option("Change how I feel (symptom scores)", "symptoms"),
                    Option("Change what matters to me", "matters"),
                    Option("Change my notes", "notes"),
                    Option("Change the date, doctor or kind of visit", "details"),
                    Option("Save and finish", "save"),
                    Option("Leave without saving", "quit"),
                ],
            )
            if action == "save":
                break
            if action == "quit":
                if kept_id is not None:
                    store.drop_kept_edit(kept_id)
                raise InterviewStopped(visit_id, "unchanged")
            if action == "add":
                interview.ask_questions(visit)
            elif action == "remove":
                if not visit.questions:
                    prompter.say("There are no questions to remove.")
                    continue
                drop = set(
                    prompter.choose_many(
                        "Tick the questions to remove:", [Option(q.text, i) for i, q in enumerate(visit.questions)]
                    )
                )
                visit.questions = [q for i, q in enumerate(visit.questions) if i not in drop]
            elif action == "order":
                move_questions(prompter, visit)
            else:
                interview.step(action, visit)
            if action in ("add", "remove"):
                keep_first_in_order(visit)
            kept_id = store.keep_edit(visit, kept_id)
            changed = True
    except (KeyboardInterrupt, EOFError):
        if changed or interview.touched:
            store.keep_edit(visit, kept_id)
            raise InterviewStopped(visit_id, "edit-draft") from None
        raise InterviewStopped(visit_id, "unchanged") from None
    with held_stop_signals() as arrived:
        saved = save_keeping_both(prompter, store, visit)
        if kept_id is not None:
            store.drop_kept_edit(kept_id)  # the changes now live in the saved visit
    if arrived:
        raise InterviewStopped(saved.id, "saved")
    return saved


def _pick_up_options(saved: Visit, kept_aside: list[KeptEdit]) -> list[Option]:
    """One line for each window's kept-aside changes: when, and what they change, so two of them
    can be told apart."""
    labels = [f"from {_when(k.updated_at)} ({_what_changed(saved, k.visit)})" for k in kept_aside]
    if len(set(labels)) < len(labels):
        labels = [f"{label}, number {n}" for n, label in enumerate(labels, 1)]
    return [Option(f"Pick up my unsaved changes {label}", k.id) for label, k in zip(labels, kept_aside, strict=True)]


def _what_changed(saved: Visit, changed: Visit) -> str:
    parts = [
        (
            "date, doctor or kind",
            (saved.visit_date, saved.with_whom, saved.kind) != (changed.visit_date, changed.with_whom, changed.kind),
        ),
        ("questions", saved.questions != changed.questions),
        ("how I feel", saved.symptoms != changed.symptoms),
        ("what matters", saved.considerations != changed.considerations),
        ("notes", saved.notes != changed.notes),
    ]
    named = [name for name, differs in parts if differs]
    return ", ".join(named) if named else "nothing yet"


def _when(stamp: str) -> str:
    """A kept-aside time as a person reads it: 'Monday 30 November at 14:05' in local time."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return "an earlier session"
    return f"{moment:%A} {moment.day} {moment:%B} at {moment:%H:%M}"


def offer_export(prompter: Prompter, visit: Visit, write: Callable[[Visit], object]) -> object | None:
    """After saving: offer to write the sheet now."""
    if prompter.confirm("Make the sheet to take with you now?", default=True):
        return write(visit)
    prompter.say(f"You can make it later with: mbcprep export {visit.id}")
    return None
