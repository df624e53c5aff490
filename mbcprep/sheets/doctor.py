"""The doctor's sheet: one printed page for a typical visit, what matters most first.

Who, when and what kind of visit on two lines; what changed and the symptoms scored 4 or more at
the top; the questions numbered, the three to ask first first, without the "why ask" lines meant
for the patient; the medicines taken now and the treatment history as compact tables; the notes;
what matters to the patient, a line each. No boxes or lines to write on: the doctor reads it. Notes
to oneself (a line starting "me:") stay off it.
"""

from __future__ import annotations

from typing import Any

from mbcprep.formats.markdown import escape, escape_block
from mbcprep.i18n import _, ngettext
from mbcprep.model.record import sheet_cells, sheet_columns
from mbcprep.sheets import sections
from mbcprep.sheets.sections import (
    OUTCOMES,
    SheetFacts,
    answer_words,
    kind_label,
    notes_for_others,
    outcome_words,
    question_text,
    title,
)

HIGH_SCORE = 4  # moderate or worse on a 0-10 scale: these come first, in bold


def heading(s: SheetFacts) -> list[str]:
    visit = s.visit
    facts = []
    if visit.with_whom.strip():
        facts.append(_("**With:** {who}").format(who=escape(visit.with_whom)))
    facts.append(_("**Kind of visit:** {kind}").format(kind=escape(kind_label(s))))
    return [title(s, mine=False), "", " · ".join(facts), ""]


def symptoms(s: SheetFacts) -> list[str]:
    """Every score on a line or two under the heading: those of 4 or more first, highest first and in
    bold; a note in brackets after its score."""
    scored = [x for x in s.visit.symptoms if x.score is not None or x.note.strip()]
    if not scored:
        return []
    high = sorted((x for x in scored if (x.score or 0) >= HIGH_SCORE), key=lambda x: -(x.score or 0))
    low = [x for x in scored if (x.score or 0) < HIGH_SCORE]
    items = []
    for x in [*high, *low]:
        item = (
            escape(x.name) if x.score is None else _("{symptom} {score}").format(symptom=escape(x.name), score=x.score)
        )
        if x in high:
            item = f"**{item}**"
        items.append(_("{symptom} ({note})").format(symptom=item, note=escape(x.note)) if x.note.strip() else item)
    said = (
        _("**Symptoms, 0-10 (scored by a caregiver):** {symptoms}")
        if s.for_caregiver
        else _("**Symptoms, 0-10:** {symptoms}")
    )
    return [said.format(symptoms=" · ".join(items)), ""]


def questions(s: SheetFacts) -> list[str]:
    visit = s.visit
    if not visit.questions:
        return []
    first = visit.first_questions()
    ordered = [*first, *(q for q in visit.questions if q.rank is None)]
    head = _("## Questions (the first three matter most)") if first else _("## Questions")
    return [head, "", *(f"{n}. {question_text(q)}" for n, q in enumerate(ordered, 1)), ""]


def medicines(s: SheetFacts) -> list[str]:
    return care_table(_("## Medicines now"), s.context.medicines)


def treatments(s: SheetFacts) -> list[str]:
    """The treatment history, first to latest, one row each; months as YYYY-MM to keep it narrow."""
    return care_table(_("## Treatment history"), s.context.treatments)


def care_table(head: str, records: list[Any]) -> list[str]:
    """Records as a compact table: the columns and cells their declaration gives (`sheet` in
    `mbcprep.model.care`); nothing when there are none."""
    if not records:
        return []
    columns = sheet_columns(type(records[0]))
    out = [
        head,
        "",
        "| " + " | ".join(_(h) for h, _fields in columns) + " |",
        "| " + " | ".join("---" for _c in columns) + " |",
    ]
    out += ["| " + " | ".join(escape(c) for c in sheet_cells(r)) + " |" for r in records]
    return [*out, ""]


def notes(s: SheetFacts) -> list[str]:
    """The notes, but the notes to oneself (a line starting "me:")."""
    shared = notes_for_others(s.visit.notes)
    if not shared.strip():
        return []
    head = _("## Notes from the caregiver") if s.for_caregiver else _("## Notes from the patient")
    return [head, "", escape_block(shared), ""]


def what_matters(s: SheetFacts) -> list[str]:
    """A line for each answer: the question, then the answer in bold."""
    answered = [c for c in s.visit.considerations if answer_words(c).strip()]
    if not answered:
        return []
    out = [_("## What matters to the patient"), ""]
    out += [f"- {escape(c.prompt)} **{escape(answer_words(c, s.content))}**" for c in answered]
    return [*out, ""]


def after_visit(s: SheetFacts) -> list[str]:
    """What came of the visit in a line: the questions above by number, under each outcome ("Answered:
    questions 1, 2 · Not answered yet: question 4"); then what was told and the next visit."""
    if not s.debriefed:
        return []
    visit = s.visit
    ordered = [*visit.first_questions(), *(q for q in visit.questions if q.rank is None)]
    parts = []
    for outcome in OUTCOMES:
        numbers = [n for n, q in enumerate(ordered, 1) if q.outcome == outcome]
        if numbers:
            which = ngettext("question {numbers}", "questions {numbers}", len(numbers))
            said = which.format(numbers=", ".join(str(n) for n in numbers))
            parts.append(_("**{outcome}:** {questions}").format(outcome=outcome_words(outcome), questions=said))
    out = [_("## After the visit"), ""]
    if parts:
        out += [" · ".join(parts), ""]
    out += sections.told_and_next(s)
    return out if len(out) > 2 else []


def footer(s: SheetFacts) -> list[str]:
    return [
        "---",
        "",
        _("Made with mbcprep on {day}. Not medical advice.").format(day=s.made_on.isoformat()),
        "",
    ]
