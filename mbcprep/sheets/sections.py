"""The parts of a sheet. Each section takes what the sheet is about and returns its Markdown lines
(none when it has nothing to say); a sheet is an arrangement of sections for its reader.

Whatever a person typed goes through `escape`, so it shows as typed and never changes the layout.
A sheet filled in by a caregiver speaks of the patient by name ("How Ana feels right now").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from mbcprep.formats.markdown import escape, escape_block
from mbcprep.i18n import _, long_date
from mbcprep.model.content import Content
from mbcprep.model.visit import ConsiderationAnswer, Visit, VisitQuestion

ANSWER_LINE = "____________________________________________"


@dataclass(frozen=True)
class SheetFacts:
    """What every section may draw on."""

    visit: Visit
    content: Content
    made_on: date

    @property
    def for_caregiver(self) -> bool:
        return self.visit.filled_by == "caregiver"

    @property
    def patient(self) -> str:
        """How the sheet names the patient when a caregiver filled it in."""
        return escape(self.visit.patient_name) if self.visit.patient_name.strip() else _("the person I care for")


Section = Callable[[SheetFacts], list[str]]


def visit_date_words(iso: str) -> str:
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return _("date not set")


def heading(s: SheetFacts) -> list[str]:
    visit = s.visit
    kind = s.content.kinds[visit.kind].label if visit.kind in s.content.kinds else visit.kind
    facts = [_("**Kind of visit:** {kind}").format(kind=escape(kind))]
    if visit.with_whom.strip():
        facts.insert(0, _("**With:** {who}").format(who=escape(visit.with_whom)))
    when = visit_date_words(visit.visit_date)
    if s.for_caregiver:
        facts.append(
            _("**Filled in by:** a caregiver, for {name}").format(name=s.patient)
            if visit.patient_name.strip()
            else _("**Filled in by:** a caregiver")
        )
        title = (
            _("# Visit for {name}: {date}").format(name=s.patient, date=when)
            if visit.patient_name.strip()
            else _("# Visit: {date}").format(date=when)
        )
    else:
        facts.append(_("**Filled in by:** the patient"))
        title = _("# My visit: {date}").format(date=when)
    return [title, "", "  \n".join(facts), ""]


def _question_entry(n: int, q: VisitQuestion, *, why: bool) -> list[str]:
    out = [f"{n}. [ ] {escape(q.text)}  "]
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
    """The rest, in the order the person put them, numbered on from the first ones."""
    visit = s.visit
    if not visit.questions:
        return [_("## My questions"), "", _("No questions chosen yet."), ""]
    rest = [q for q in visit.questions if q.rank is None]
    if not rest:
        return []
    start = len(visit.first_questions())
    out = [_("## My other questions") if start else _("## My questions"), ""]
    for n, q in enumerate(rest, start + 1):
        out += _question_entry(n, q, why=True)
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


def dont_wait(s: SheetFacts) -> list[str]:
    """The signs that cannot wait for a visit, by how soon to get help (from data/urgent.yaml)."""
    content = s.content
    if not content.warning_signs:
        return []
    out = [_("## Don't wait for your visit"), ""]
    for level in content.urgent_levels.values():
        signs = [w for w in content.warning_signs.values() if w.level == level.id]
        if not signs:
            continue
        out.append(f"**{escape(level.label)}**  ")
        out += [f"- {escape(w.text)}" for w in signs]
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
