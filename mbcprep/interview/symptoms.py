"""The step about how the person feels: what bothers them, each scored 0-10 with a word about it."""

from __future__ import annotations

from mbcprep.errors import UsageError
from mbcprep.i18n import N_, _
from mbcprep.inputs import clean_text, means_nothing, parse_score
from mbcprep.interview.conversation import Conversation
from mbcprep.model.visit import OTHER_SYMPTOM, SymptomScore, Visit
from mbcprep.prompts.base import Option

NOTHING = ""  # the value of "Nothing bothers me right now"
NOTE_FROM = 4  # a score from here on asks for a word about it (for the Note column of the sheet)
# The note of words typed as a symptom that match the crisis sign (thoughts of self-harm): they are
# not scored, and the note puts them on both sheets (a symptom with neither score nor note is left off).
NOT_SCORED = N_("No score asked: please talk about this at the visit.")


def is_waiting(symptom: SymptomScore) -> bool:
    """A listed symptom picked but not scored yet (nor given a note): what a draft stopped before."""
    return symptom.symptom_id != OTHER_SYMPTOM and symptom.score is None and not symptom.note


def score_or_blank(answer: str) -> str | None:
    if not answer.strip():
        return None
    try:
        parse_score(answer)
    except UsageError as exc:
        return str(exc)
    return None


class SymptomSteps(Conversation):
    def ask_symptoms(self, visit: Visit) -> None:
        """Pick what bothers the person from one list, then score each (0-10) with a word about it.
        What was picked is kept in the draft before the scores are asked (unscored until scored), so
        that a visit picked up after Ctrl-C can score the rest instead of dropping it unsaid."""
        listed = list(self.content.symptoms.values())
        scores: dict[str, SymptomScore] = {s.key: s for s in visit.symptoms}
        waiting = {key for key, s in scores.items() if is_waiting(s)}
        if self.resumed_at == "symptoms" and visit.symptoms:
            choice = self._picked_up(visit, waiting)
            if choice == "keep":
                if waiting:  # picked, never scored: left out, as Enter at its score leaves it out
                    visit.set_symptoms([s for s in visit.symptoms if s.key not in waiting], list(self.content.symptoms))
                    self.checkpoint(visit)
                return
            if choice == "rest":
                self.p.say(_("Score each from 0 (none) to 10 (as bad as it can be). Enter skips one."))
                for symptom in listed:
                    if symptom.id in waiting:
                        self.score_symptom(visit, scores, symptom.id, symptom.name, symptom.help)
                self._anything_else(visit, scores)
                return
        ask_first = self.voice(
            visit,
            _("Note how you feel right now? (about a minute)"),
            _("Note how {name} is feeling right now? (about a minute)"),
        )
        if not self.p.confirm(ask_first, default=True):
            return
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
        for symptom in listed:  # kept, unscored, until scored (or skipped with Enter)
            if symptom.id in picked and symptom.id not in scores:
                scores[symptom.id] = SymptomScore(symptom.id, symptom.name)
        visit.set_symptoms(scores.values(), list(self.content.symptoms))
        self.checkpoint(visit)
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
        self._anything_else(visit, scores)

    def _picked_up(self, visit: Visit, waiting: set[str]) -> str:
        """What the person wants done with the symptoms of a visit picked up: "rest" (score those
        picked but not scored yet), "keep" or "change"."""
        kept = [s for s in visit.symptoms if s.key not in waiting]
        noted = [f"{s.name} {s.score}" if s.score is not None else s.name for s in kept]
        if noted:
            self.p.say(_("Noted so far: {symptoms}.").format(symptoms=", ".join(noted)))
        options = [Option(_("Keep these and go on"), "keep"), Option(_("Change them"), "change")]
        if waiting:
            rest = ", ".join(s.name for s in visit.symptoms if s.key in waiting)
            self.p.say(_("Still to score: {symptoms}.").format(symptoms=rest))
            options = [
                Option(_("Score those and go on"), "rest"),
                Option(_("Leave those out and go on"), "keep"),
                Option(_("Change them"), "change"),
            ]
        return str(self.p.choose(_("What would you like to do?"), options, default=options[0].value))

    def _anything_else(self, visit: Visit, scores: dict[str, SymptomScore]) -> None:
        """The person's own words for what else bothers them, each scored like the listed ones."""
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
            # The score is kept before its note is asked: Ctrl-C at the note keeps the score given.
            scores[key] = SymptomScore(symptom_id, name, score, note)
            visit.set_symptoms(scores.values(), list(self.content.symptoms))
            self.checkpoint(visit)
            about = name.lower() if name[:1].isupper() and name[1:2].islower() else name
            if note:  # Enter keeps it, as the prompter says under the question: not "Enter to skip"
                ask = _("Anything to add about {symptom}? (when, where, what helps)").format(symptom=about)
            else:
                ask = _("Anything to add about {symptom}? (when, where, what helps; Enter to skip)").format(
                    symptom=about
                )
            note = self.p.ask_text(ask, default=note).strip()
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
