"""The parts of a sheet. Each section takes what the sheet is about and returns its Markdown lines
(none when it has nothing to say); a sheet is an arrangement of sections for its reader.

Whatever a person typed goes through `escape`, so it shows as typed and never changes the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from mbcprep.formats.markdown import escape, escape_block
from mbcprep.i18n import _, long_date
from mbcprep.model.content import OWN_TOPIC
from mbcprep.model.visit import ConsiderationAnswer, Visit

ANSWER_LINE = "____________________________________________"


@dataclass(frozen=True)
class SheetFacts:
    """What every section may draw on."""

    visit: Visit
    kind_labels: Mapping[str, str]
    topic_labels: Mapping[str, str]
    made_on: date


Section = Callable[[SheetFacts], list[str]]


def visit_date_words(iso: str) -> str:
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return _("date not set")


def heading(s: SheetFacts) -> list[str]:
    visit = s.visit
    facts = [_("**Kind of visit:** {kind}").format(kind=escape(s.kind_labels.get(visit.kind, visit.kind)))]
    if visit.with_whom.strip():
        facts.insert(0, _("**With:** {who}").format(who=escape(visit.with_whom)))
    by = _("a caregiver") if visit.filled_by == "caregiver" else _("the patient")
    facts.append(_("**Filled in by:** {who}").format(who=by))
    return [_("# My visit: {date}").format(date=visit_date_words(visit.visit_date)), "", "  \n".join(facts), ""]


def first_questions(s: SheetFacts) -> list[str]:
    first = s.visit.first_questions()
    if not first:
        return []
    return [_("## Ask these first"), "", *(f"{n}. {escape(q.text)}" for n, q in enumerate(first, 1)), ""]


def questions(s: SheetFacts) -> list[str]:
    visit = s.visit
    if not visit.questions:
        return [_("## My questions"), "", _("No questions chosen yet."), ""]
    out = [_("## My questions"), ""]
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(visit.questions):
        groups.setdefault(q.topic, []).append(i)
    for topic in sorted(groups, key=lambda t: (t == OWN_TOPIC, list(groups).index(t))):
        label = _("My own questions") if topic == OWN_TOPIC else s.topic_labels.get(topic, topic)
        out += [f"### {escape(label)}", ""]
        for i in groups[topic]:
            q = visit.questions[i]
            mark = _(" (ask first)") if q.rank else ""
            out.append(f"- [ ] {escape(q.text)}{mark}  ")
            if q.why:
                out.append("  " + _("*Why ask:* {why}").format(why=escape(q.why)) + "  ")
            out.append("  " + _("Answer: {line}").format(line=ANSWER_LINE))
            out.append("")
    return out


def symptoms(s: SheetFacts) -> list[str]:
    scored = [x for x in s.visit.symptoms if x.score is not None or x.note.strip()]
    if not scored:
        return []
    out = [
        _("## How I feel right now"),
        "",
        _("0 means none, 10 means as bad as it can be."),
        "",
        "| {} | {} | {} |".format(_("Symptom"), _("Score"), _("Note")),
        "| --- | --- | --- |",
    ]
    for x in scored:
        score = "" if x.score is None else str(x.score)
        out.append(f"| {escape(x.name)} | {score} | {escape(x.note)} |")
    return [*out, ""]


def answer_words(c: ConsiderationAnswer) -> str:
    """A checklist answer as the sheet says it."""
    if c.score is not None:
        return _("{score} out of 10").format(score=c.score)
    return c.answer


def what_matters(s: SheetFacts) -> list[str]:
    answered = [c for c in s.visit.considerations if answer_words(c).strip()]
    if not answered:
        return []
    out = [_("## What matters to me"), ""]
    for c in answered:
        out.append(f"- {escape(c.prompt)}  \n  **{escape(answer_words(c))}**")
    return [*out, ""]


def notes(s: SheetFacts) -> list[str]:
    if not s.visit.notes.strip():
        return []
    return [_("## Notes"), "", escape_block(s.visit.notes), ""]


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
