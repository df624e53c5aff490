"""The parts of a sheet. Each section takes what the sheet is about and returns its Markdown lines
(none when it has nothing to say); a sheet is an arrangement of sections for its reader.

Whatever a person typed goes through `escape`, so it shows as typed and never changes the layout.
A sheet filled in by a caregiver speaks of the patient by name ("How Ana feels right now").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from mbcprep.formats.markdown import escape, escape_block
from mbcprep.i18n import N_, _, long_date
from mbcprep.model.care import TeamMember
from mbcprep.model.content import Content
from mbcprep.model.record import sheet_cells
from mbcprep.model.visit import ConsiderationAnswer, Visit, VisitQuestion
from mbcprep.sheets.context import SheetContext, SheetOptions

ANSWER_LINE = "____________________________________________"
SIGNS_HEADING = N_("## Don't wait for your visit")
CARRIED_MARK = 2  # a question carried to this many visits or more says it has waited
OUTCOMES = ("answered", "partly", "not")


@dataclass(frozen=True)
class SheetFacts:
    """What every section may draw on."""

    visit: Visit
    content: Content
    made_on: date
    context: SheetContext = field(default_factory=SheetContext)
    options: SheetOptions = field(default_factory=SheetOptions)

    @property
    def for_caregiver(self) -> bool:
        return self.visit.filled_by == "caregiver"

    @property
    def patient(self) -> str:
        """How the sheet names the patient when a caregiver filled it in."""
        return escape(self.visit.patient_name) if self.visit.patient_name.strip() else _("the person I care for")

    @property
    def met(self) -> TeamMember | None:
        """The member of the care team the visit is with, when "with" names one."""
        who = _folded_name(self.visit.with_whom)
        if not who:
            return None
        return next((m for m in self.context.team if _folded_name(m.name) == who), None)

    @property
    def place(self) -> str:
        """Where the visit is: the place given for it, else where the team member it is with is seen."""
        if self.visit.place.strip():
            return self.visit.place
        met = self.met
        return met.place if met is not None else ""

    @property
    def debriefed(self) -> bool:
        return bool(self.visit.debriefed_at) or any(q.outcome for q in self.visit.questions)


def _folded_name(name: str) -> str:
    """A name as compared: "Dr. Rivera" and "dr rivera" are one."""
    return " ".join(name.replace(".", " ").casefold().split())


Section = Callable[[SheetFacts], list[str]]


def visit_date_words(iso: str) -> str:
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return _("date not set")


def heading(s: SheetFacts) -> list[str]:
    visit = s.visit
    facts = [_("**Kind of visit:** {kind}").format(kind=escape(kind_label(s)))]
    if visit.with_whom.strip():
        facts[:0] = [_("**With:** {who}").format(who=escape(visit.with_whom)), *where_and_phone(s)]
    facts.append(filled_by(s))
    return [title(s, mine=not s.for_caregiver), "", "  \n".join(facts), ""]


def title(s: SheetFacts, *, mine: bool) -> str:
    """The sheet's first line: "My visit: <date>" on the patient's own sheet, else "Visit for Ana:
    <date>" when a caregiver named the patient, or "Visit: <date>"."""
    when = visit_date_words(s.visit.visit_date)
    if mine:
        return _("# My visit: {date}").format(date=when)
    if s.for_caregiver and s.visit.patient_name.strip():
        return _("# Visit for {name}: {date}").format(name=s.patient, date=when)
    return _("# Visit: {date}").format(date=when)


def filled_by(s: SheetFacts) -> str:
    if not s.for_caregiver:
        return _("**Filled in by:** the patient")
    if s.visit.patient_name.strip():
        return _("**Filled in by:** a caregiver, for {name}").format(name=s.patient)
    return _("**Filled in by:** a caregiver")


def question_text(q: VisitQuestion) -> str:
    """A question as a sheet shows it (escaped), marked when it has waited more than one visit."""
    if q.carried >= CARRIED_MARK:
        return _("{question} *(asked before, not yet answered)*").format(question=escape(q.text))
    return escape(q.text)


def where_and_phone(s: SheetFacts) -> list[str]:
    """Where the visit is and the number to call, from the care team member it is with."""
    met = s.met
    if met is None:
        return []
    out = []
    if met.place.strip():
        out.append(_("**Where:** {place}").format(place=escape(met.place)))
    if met.phone.strip():
        out.append(_("**Phone:** {phone}").format(phone=escape(met.phone)))
    return out


def kind_label(s: SheetFacts) -> str:
    kinds = s.content.kinds
    return kinds[s.visit.kind].label if s.visit.kind in kinds else s.visit.kind


def changes(s: SheetFacts) -> list[str]:
    """What changed since the last visit: sentences made elsewhere, shown as they come."""
    said = [c for c in s.context.changes if c.strip()]
    if not said:
        return []
    return [_("## What changed since last time"), "", *(f"- {escape(c)}" for c in said), ""]


def outcome_words(outcome: str) -> str:
    return {
        "answered": _("Answered"),
        "partly": _("Partly answered"),
        "not": _("Not answered yet"),
    }.get(outcome, "")


def after_visit(s: SheetFacts) -> list[str]:
    """What became of each question, what the person was told and the next visit's date: shown once
    the visit is debriefed (or any question has an outcome)."""
    if not s.debriefed:
        return []
    visit = s.visit
    out = [_("## After the visit"), ""]
    for q in told_about(visit):
        line = _("**{outcome}:** {question}").format(outcome=outcome_words(q.outcome), question=escape(q.text))
        out.append(f"- {line}" + ("  " if q.answer.strip() else ""))
        if q.answer.strip():
            out.append("  " + escape(q.answer))
    if told_about(visit):
        out.append("")
    out += told_and_next(s)
    return out if len(out) > 2 else []


def told_about(visit: Visit) -> list[VisitQuestion]:
    """The questions with an outcome, the three to ask first first."""
    return [q for q in [*visit.first_questions(), *(q for q in visit.questions if q.rank is None)] if q.outcome]


def told_and_next(s: SheetFacts) -> list[str]:
    """What the person was told at the visit, and the next visit's date."""
    visit = s.visit
    out = []
    if visit.told.strip():
        said = _("**What we were told:**") if s.for_caregiver else _("**What I was told:**")
        out += [said, "", escape_block(visit.told), ""]
    if visit.next_visit:
        out += [_("**Next visit:** {date}").format(date=visit_date_words(visit.next_visit)), ""]
    return out


def _question_entry(n: int, q: VisitQuestion, *, why: bool) -> list[str]:
    out = [f"{n}. [ ] {question_text(q)}  "]
    if why and q.why:
        out.append("   " + _("*Why ask:* {why}").format(why=escape(q.why)) + "  ")
    out += ["   " + _("Answer: {line}").format(line=ANSWER_LINE), ""]
    return out


def first_questions(s: SheetFacts) -> list[str]:
    """The three to ask first, each with room for the answer."""
    first = s.visit.first_questions()
    if not first:
        return []
    out = [_("## Ask these first"), ""]
    for n, q in enumerate(first, 1):
        out += _question_entry(n, q, why=True)
    return out


def other_questions(s: SheetFacts) -> list[str]:
    """The rest, in the order the person put them, numbered on from the first ones; without the "why
    ask" lines, which the three to ask first keep (so a typical visit prints on three pages)."""
    visit = s.visit
    if not visit.questions:
        return [_("## My questions"), "", _("No questions chosen yet."), ""]
    rest = [q for q in visit.questions if q.rank is None]
    if not rest:
        return []
    start = len(visit.first_questions())
    out = [_("## My other questions") if start else _("## My questions"), ""]
    for n, q in enumerate(rest, start + 1):
        out += _question_entry(n, q, why=False)
    return out


def symptoms(s: SheetFacts) -> list[str]:
    scored = [x for x in s.visit.symptoms if x.score is not None or x.note.strip()]
    if not scored:
        return []
    if s.for_caregiver:
        out = [
            _("## How {name} feels right now").format(name=s.patient),
            "",
            _("Scores given by a caregiver. 0 means none, 10 means as bad as it can be."),
        ]
    else:
        out = [_("## How I feel right now"), "", _("0 means none, 10 means as bad as it can be.")]
    out += ["", "| {} | {} | {} |".format(_("Symptom"), _("Score"), _("Note")), "| --- | --- | --- |"]
    for x in scored:
        score = "" if x.score is None else str(x.score)
        out.append(f"| {escape(x.name)} | {score} | {escape(x.note)} |")
    return [*out, ""]


def answer_words(c: ConsiderationAnswer, content: Content | None = None) -> str:
    """A checklist answer as the sheet says it; a 0-10 answer with what its two ends mean."""
    if c.score is None:
        return c.answer
    item = content.considerations.get(c.consideration_id) if content else None
    if item is not None and item.low and item.high:
        return _("{score} out of 10 (0 = {low}; 10 = {high})").format(score=c.score, low=item.low, high=item.high)
    return _("{score} out of 10").format(score=c.score)


def what_matters(s: SheetFacts) -> list[str]:
    answered = [c for c in s.visit.considerations if answer_words(c).strip()]
    if not answered:
        return []
    title = _("## What matters to {name}").format(name=s.patient) if s.for_caregiver else _("## What matters to me")
    out = [title, ""]
    for c in answered:
        out.append(f"- {escape(c.prompt)}  \n  **{escape(answer_words(c, s.content))}**")
    return [*out, ""]


def notes(s: SheetFacts) -> list[str]:
    if not s.visit.notes.strip():
        return []
    return [_("## Notes"), "", escape_block(s.visit.notes), ""]


def is_note_to_self(line: str) -> bool:
    """Whether a line of the notes starts with "me:" (in the chosen language too): a note to oneself,
    kept on one's own sheet only ("me: ask about a parking pass")."""
    # Translators: what a line of the notes starts with to stay on the person's own sheet; the English
    # "me:" works as well.
    marks = {"me:", _("me:").casefold()}
    start = line.strip().casefold()
    return any(start.startswith(mark) for mark in marks)


def notes_for_others(notes: str) -> str:
    """The notes without the notes to oneself, for a sheet someone else reads."""
    return "\n".join(line for line in notes.splitlines() if not is_note_to_self(line))


def dont_wait(s: SheetFacts) -> list[str]:
    """The signs that cannot wait for a visit, by how soon to get help (from data/urgent.yaml): each
    level with its help line ("If you cannot reach anyone, go to an emergency room"), each sign with
    what to do now when it says."""
    content = s.content
    if not content.warning_signs:
        return []
    out = [_(SIGNS_HEADING), ""]
    for member in [m for m in s.context.team if m.after_hours]:
        who = "; ".join(escape(x) for x in sheet_cells(member) if x.strip())
        out += [_("**When the office is closed, call:** {who}").format(who=who), ""]
    for level in content.urgent_levels.values():
        signs = [w for w in content.warning_signs.values() if w.level == level.id]
        if not signs:
            continue
        out.append(f"**{escape(level.label)}**  ")
        if level.help:
            out.append(escape(level.help))
        out += [f"- {escape(w.text)}  \n  {escape(w.advice)}" if w.advice else f"- {escape(w.text)}" for w in signs]
        out.append("")
    return out


def footer(s: SheetFacts) -> list[str]:
    return [
        "---",
        "",
        _(
            "Made with mbcprep on {day}. This sheet is to help you talk with your care team. It is not medical "
            "advice: your doctors and nurses know your situation best."
        ).format(day=s.made_on.isoformat()),
        "",
    ]
