"""The parts of a sheet. Each section takes what the sheet is about and returns its blocks of the
sheet's document (`mbcprep.formats.document`; none when it has nothing to say); a sheet is an
arrangement of sections for its reader (`mbcprep.sheets.sheet.ARRANGEMENTS`).

Whatever a person typed is a text node (`typed`, `typed_paragraphs`, or a string filled into `words`),
so it shows as typed and never changes the layout; a person's own words about the visit carry the
visit's language (`own`). The sheet's own sentences come from the catalogue, marks and all
(`words(_("**With:** {who}"), who=...)`); a heading's `#`s give its level (`heading(_("## Notes"))`).
A sheet filled in by a caregiver speaks of the patient by name ("How Ana feels right now").

A section, for example (a list of the medicines, with what each is for):

    def medicine_list(s: SheetFacts) -> list[Block]:
        if not s.context.medicines:
            return []
        items = [
            Item(words(_("**{name}**, for {what}"), name=typed(m.name), what=typed(m.what_for)))
            for m in s.context.medicines
        ]
        return [heading(_("## My medicines")), Bullets(tuple(items))]

A table is `Table(header, rows)` with a cell as a tuple of nodes; a question to tick is
`Item(parts, box=False)` in a `Numbered(..., spaced=True)` list, a line to write on `WriteLine()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from mbcprep.formats.document import (
    SIGNS,
    Block,
    Bullets,
    Inline,
    Item,
    Numbered,
    Paragraph,
    Rule,
    Strong,
    Table,
    Text,
    WriteLine,
    heading,
    joined,
    lines,
    typed,
    typed_lines,
    typed_paragraphs,
    words,
)
from mbcprep.i18n import N_, _, long_date
from mbcprep.model.care import TeamMember
from mbcprep.model.content import Content
from mbcprep.model.record import sheet_cells
from mbcprep.model.visit import OTHER_SYMPTOM, ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.sheets.context import SheetContext, SheetOptions
from mbcprep.sheets.languages import own_language

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
    def patient(self) -> Text:
        """How the sheet names the patient when a caregiver filled it in."""
        return typed(self.visit.patient_name) if self.visit.patient_name.strip() else Text(_("the person I care for"))

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


Section = Callable[[SheetFacts], list[Block]]


def own(s: SheetFacts, text: str) -> Text:
    """One line of a person's own words (a question, an answer, a symptom or a note they typed): in
    the language the visit was prepared in."""
    return typed(text, own_language(s.visit))


def visit_date_words(iso: str) -> str:
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return _("date not set")


def header(s: SheetFacts) -> list[Block]:
    visit = s.visit
    facts = []
    if visit.with_whom.strip():
        facts.append(words(_("**With:** {who}"), who=typed(visit.with_whom)))
    facts += where_and_phone(s)
    facts.append(words(_("**Kind of visit:** {kind}"), kind=typed(kind_label(s))))
    facts.append(filled_by(s))
    return [title(s, mine=not s.for_caregiver), Paragraph(lines(*facts))]


def title(s: SheetFacts, *, mine: bool, name: str = "") -> Block:
    """The sheet's first line: "My visit: <date>" on the patient's own sheet, else "Visit for Ana
    Ruiz: <date>" with the `name` the person chose to show (the doctor's page), or "Visit for Ana:
    <date>" when a caregiver named the patient, or "Visit: <date>"; the date with its time when known."""
    when = visit_date_words(s.visit.visit_date)
    if s.visit.visit_time and s.visit.visit_date:
        # Translators: a visit's day and time ("Friday 15 January 2027 at 14:30").
        when = _("{date} at {time}").format(date=when, time=s.visit.visit_time)
    if mine:
        return heading(_("# My visit: {date}"), date=when)
    if name.strip():
        return heading(_("# Visit for {name}: {date}"), name=typed(name), date=when)
    if s.for_caregiver and s.visit.patient_name.strip():
        return heading(_("# Visit for {name}: {date}"), name=s.patient, date=when)
    return heading(_("# Visit: {date}"), date=when)


def filled_by(s: SheetFacts) -> tuple[Inline, ...]:
    if not s.for_caregiver:
        return words(_("**Filled in by:** the patient"))
    if s.visit.patient_name.strip():
        return words(_("**Filled in by:** a caregiver, for {name}"), name=s.patient)
    return words(_("**Filled in by:** a caregiver"))


def question_text(s: SheetFacts, q: VisitQuestion) -> tuple[Inline, ...]:
    """A question as a sheet shows it (the person's own words when they typed it, the bank's in the
    sheet's language), marked when it has waited more than one visit."""
    text = question_of(s, q)
    if q.carried >= CARRIED_MARK:
        return words(_("{question} *(asked before, not yet answered)*"), question=text)
    return (text,)


def where_and_phone(s: SheetFacts) -> list[tuple[Inline, ...]]:
    """Where the visit is (the place given for it, else where the team member it is with is seen) and
    the number to call, from the care team member it is with."""
    out = []
    if s.place.strip():
        out.append(words(_("**Where:** {place}"), place=typed(s.place)))
    met = s.met
    if met is not None and met.phone.strip():
        out.append(words(_("**Phone:** {phone}"), phone=typed(met.phone)))
    return out


def kind_label(s: SheetFacts) -> str:
    kinds = s.content.kinds
    return kinds[s.visit.kind].label if s.visit.kind in kinds else s.visit.kind


def changes(s: SheetFacts) -> list[Block]:
    """What changed since the last visit: sentences made elsewhere, shown as they come."""
    said = [c for c in s.context.changes if c.strip()]
    if not said:
        return []
    return [heading(_("## What changed since last time")), Bullets(tuple(Item((typed(c),)) for c in said))]


def outcome_words(outcome: str) -> str:
    return {
        "answered": _("Answered"),
        "partly": _("Partly answered"),
        "not": _("Not answered yet"),
    }.get(outcome, "")


def after_visit(s: SheetFacts) -> list[Block]:
    """What became of each question, what the person was told and the next visit's date: shown once
    the visit is debriefed (or any question has an outcome)."""
    if not s.debriefed:
        return []
    items = []
    for q in told_about(s.visit):
        line = words(_("**{outcome}:** {question}"), outcome=outcome_words(q.outcome), question=question_of(s, q))
        items.append(Item(lines(line, (own(s, q.answer),)) if q.answer.strip() else line))
    out: list[Block] = [Bullets(tuple(items))] if items else []
    out += told_and_next(s)
    return [heading(_("## After the visit")), *out] if out else []


def question_of(s: SheetFacts, q: VisitQuestion) -> Text:
    """The words of a question, the person's own in the visit's language."""
    return own(s, q.text) if q.question_id is None else typed(q.text)


def told_about(visit: Visit) -> list[VisitQuestion]:
    """The questions with an outcome, the three to ask first first."""
    return [q for q in [*visit.first_questions(), *(q for q in visit.questions if q.rank is None)] if q.outcome]


def told_and_next(s: SheetFacts) -> list[Block]:
    """What the person was told at the visit, and the next visit's date."""
    visit = s.visit
    out: list[Block] = []
    if visit.told.strip():
        said = _("**What we were told:**") if s.for_caregiver else _("**What I was told:**")
        out += [Paragraph(words(said)), *typed_paragraphs(visit.told, own_language(visit))]
    if visit.next_visit:
        out.append(Paragraph(words(_("**Next visit:** {date}"), date=visit_date_words(visit.next_visit))))
    return out


def _question_entry(s: SheetFacts, q: VisitQuestion, *, why: bool) -> Item:
    """A question with a box to tick, why to ask it (when `why`) and a line to write the answer on."""
    parts = [question_text(s, q)]
    if why and q.why:
        parts.append(words(_("*Why ask:* {why}"), why=typed(q.why)))
    parts.append(words(_("Answer: {line}"), line=WriteLine()))
    return Item(lines(*parts), box=False)


def first_questions(s: SheetFacts) -> list[Block]:
    """The three to ask first, each with room for the answer."""
    first = s.visit.first_questions()
    if not first:
        return []
    entries = tuple(_question_entry(s, q, why=True) for q in first)
    return [heading(_("## Ask these first")), Numbered(entries, spaced=True)]


def other_questions(s: SheetFacts) -> list[Block]:
    """The rest, in the order the person put them, numbered on from the first ones; without the "why
    ask" lines, which the three to ask first keep (so a typical visit prints on three pages)."""
    visit = s.visit
    if not visit.questions:
        return [heading(_("## My questions")), Paragraph(words(_("No questions chosen yet.")))]
    rest = [q for q in visit.questions if q.rank is None]
    if not rest:
        return []
    start = len(visit.first_questions())
    entries = tuple(_question_entry(s, q, why=False) for q in rest)
    return [
        heading(_("## My other questions") if start else _("## My questions")),
        Numbered(entries, start + 1, spaced=True),
    ]


def symptom_name(s: SheetFacts, x: SymptomScore) -> Text:
    """A symptom's name: the person's own words for one of their own, else the bank's."""
    return own(s, x.name) if x.symptom_id == OTHER_SYMPTOM else typed(x.name)


def shown_symptoms(visit: Visit) -> list[SymptomScore]:
    """The symptoms a sheet lists: those scored or with a note, and what a person typed about how they
    feel even without either ("tiene fiebre de 38,5" with Enter at its score is still said)."""
    return [
        x
        for x in visit.symptoms
        if x.score is not None or x.note.strip() or (x.symptom_id == OTHER_SYMPTOM and x.name.strip())
    ]


def symptoms(s: SheetFacts) -> list[Block]:
    scored = shown_symptoms(s.visit)
    if not scored:
        return []
    out: list[Block]
    if s.for_caregiver:
        out = [
            heading(_("## How {name} feels right now"), name=s.patient),
            Paragraph(words(_("Scores given by a caregiver. 0 means none, 10 means as bad as it can be."))),
        ]
    else:
        out = [
            heading(_("## How I feel right now")),
            Paragraph(words(_("0 means none, 10 means as bad as it can be."))),
        ]
    header = ((Text(_("Symptom")),), (Text(_("Score")),), (Text(_("Note")),))
    rows = tuple(
        ((symptom_name(s, x),), _cell("" if x.score is None else str(x.score)), _cell_of(own(s, x.note)))
        for x in scored
    )
    return [*out, Table(header, rows)]


def _cell(text: str) -> tuple[Inline, ...]:
    return (Text(text),) if text else ()


def _cell_of(text: Text) -> tuple[Inline, ...]:
    return (text,) if text.text else ()


def answer_words(c: ConsiderationAnswer, content: Content | None = None) -> str:
    """A checklist answer as the sheet says it; a 0-10 answer with what its two ends mean."""
    if c.score is None:
        return c.answer
    item = content.considerations.get(c.consideration_id) if content else None
    if item is not None and item.low and item.high:
        return _("{score} out of 10 (0 = {low}; 10 = {high})").format(score=c.score, low=item.low, high=item.high)
    return _("{score} out of 10").format(score=c.score)


def what_matters(s: SheetFacts) -> list[Block]:
    answered = [c for c in s.visit.considerations if answer_words(c).strip()]
    if not answered:
        return []
    title = (
        heading(_("## What matters to {name}"), name=s.patient)
        if s.for_caregiver
        else heading(_("## What matters to me"))
    )
    items = [Item(lines((typed(c.prompt),), (Strong((typed(answer_words(c, s.content)),)),))) for c in answered]
    return [title, Bullets(tuple(items))]


def notes(s: SheetFacts) -> list[Block]:
    if not s.visit.notes.strip():
        return []
    return [heading(_("## Notes")), *typed_paragraphs(s.visit.notes, own_language(s.visit))]


def is_note_to_self(line: str) -> bool:
    """Whether a line of the notes starts with "me:" (in the chosen language too): a note to oneself,
    kept on one's own sheet only ("me: ask about a parking pass")."""
    # Translators: what a line of the notes starts with to stay on the person's own sheet; the English
    # "me:" works as well.
    marks = {"me:", _("me:").casefold()}
    start = line.strip().casefold()
    return any(start.startswith(mark) for mark in marks)


def notes_for_others(notes: str) -> str:
    """The notes without the notes to oneself, for a sheet someone else reads: a line that starts
    with "me:" is left out, and so is what follows a "me:" inside a line (the notes are typed on one
    line: "Bring the pill box. me: ask about a parking pass" gives "Bring the pill box.")."""
    import re

    marks = sorted({"me:", _("me:").casefold()}, key=len, reverse=True)
    private = re.compile(r"(?:^|(?<=\s))(?:" + "|".join(re.escape(m) for m in marks) + ")", re.IGNORECASE)
    kept = []
    for line in typed_lines(notes):
        if is_note_to_self(line):
            continue
        found = private.search(line)
        shared = line[: found.start()].rstrip() if found else line
        if shared.strip():
            kept.append(shared)
    return "\n".join(kept)


def dont_wait(s: SheetFacts) -> list[Block]:
    """The signs that cannot wait for a visit, by how soon to get help (from data/urgent.yaml): each
    level with its help line ("If you cannot reach anyone, go to an emergency room"), each sign with
    what to do now when it says."""
    content = s.content
    if not content.warning_signs:
        return []
    out: list[Block] = [heading(_(SIGNS_HEADING), look=SIGNS)]
    for member in [m for m in s.context.team if m.after_hours]:
        who = joined([(typed(x),) for x in sheet_cells(member) if x.strip()], (Text("; "),))
        out.append(Paragraph(words(_("**When the office is closed, call:** {who}"), who=who)))
    for level in content.urgent_levels.values():
        signs = [w for w in content.warning_signs.values() if w.level == level.id]
        if not signs:
            continue
        label: tuple[Inline, ...] = (Strong((typed(level.label),)),)
        out.append(Paragraph(lines(label, (typed(level.help),)) if level.help else label))
        items = [Item(lines((typed(w.text),), (typed(w.advice),)) if w.advice else (typed(w.text),)) for w in signs]
        out.append(Bullets(tuple(items)))
    return out


def footer(s: SheetFacts) -> list[Block]:
    said = _(
        "Made with mbcprep on {day}. This sheet is to help you talk with your care team. It is not medical "
        "advice: your doctors and nurses know your situation best."
    )
    return [Rule(), Paragraph(words(said, day=s.made_on.isoformat()))]
