"""The doctor's sheet: one printed page for a typical visit, what matters most first.

Who, when and what kind of visit on two lines; what changed and the symptoms scored 4 or more at
the top; the questions numbered, the three to ask first first, without the "why ask" lines meant
for the patient; the medicines taken now and the treatment history as compact tables; the notes;
what matters to the patient, a line each. No boxes or lines to write on: the doctor reads it. Notes
to oneself (a line starting "me:") stay off it.
"""

from __future__ import annotations

from typing import Any

from mbcprep.formats.document import (
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
    heading,
    joined,
    lines,
    typed,
    typed_paragraphs,
    words,
)
from mbcprep.i18n import _, ngettext
from mbcprep.model.record import sheet_cells, sheet_columns
from mbcprep.sheets import sections
from mbcprep.sheets.languages import own_language
from mbcprep.sheets.sections import (
    OUTCOMES,
    SheetFacts,
    answer_words,
    kind_label,
    notes_for_others,
    outcome_words,
    own,
    question_text,
    shown_symptoms,
    symptom_name,
    title,
)

HIGH_SCORE = 4  # moderate or worse on a 0-10 scale: these come first, in bold
DOT = (Text(" · "),)  # between the facts of a line


def header(s: SheetFacts) -> list[Block]:
    visit = s.visit
    facts = []
    if visit.with_whom.strip():
        facts.append(words(_("**With:** {who}"), who=typed(visit.with_whom)))
    facts.append(words(_("**Kind of visit:** {kind}"), kind=typed(kind_label(s))))
    # The name the person chose to show here opens the page (a loose sheet is matched to a chart by
    # it); who the patient is and their cancer follow in the same lines (`profile_facts`).
    person = s.context.profile.profile if s.context.profile is not None else None
    shown = person.name if person is not None and person.name.strip() and person.name_shown_on("doctor") else ""
    return [title(s, mine=False, name=shown), Paragraph(joined([*facts, *profile_facts(s)], DOT))]


def profile_facts(s: SheetFacts) -> list[tuple[Inline, ...]]:
    """Who the patient is and their cancer (`mbcprep profile`), for the lines under the heading: the
    name when the person chose to show it here, the age or date of birth as chosen, the cancer in one
    line ("ER+ PR- HER2-low (1+, liver biopsy 03/2024); bone, liver"), allergies, the ECOG estimate.
    None when no profile is kept."""
    from mbcprep.model.profile_summary import header_lines

    if s.context.profile is None:
        return []
    found = header_lines(s.context.profile, "doctor", s.made_on, name=False)  # the name is in the title
    return [words(_("**{label}:** {words}"), label=label, words=typed(said)) for label, said in found]


def symptoms(s: SheetFacts) -> list[Block]:
    """Every score on a line or two under the heading: those of 4 or more first, highest first and in
    bold; a note in brackets after its score; then the results in brief and the treatment lines."""
    scored = shown_symptoms(s.visit)
    if not scored:
        return [Paragraph(lines(*results(s)))] if results(s) else []
    high = sorted((x for x in scored if (x.score or 0) >= HIGH_SCORE), key=lambda x: -(x.score or 0))
    low = [x for x in scored if (x.score or 0) < HIGH_SCORE]
    items = []
    for x in [*high, *low]:
        name = symptom_name(s, x)
        item: tuple[Inline, ...] = (
            (name,) if x.score is None else words(_("{symptom} {score}"), symptom=name, score=str(x.score))
        )
        if x in high:
            item = (Strong(item),)
        items.append(words(_("{symptom} ({note})"), symptom=item, note=own(s, x.note)) if x.note.strip() else item)
    said = (
        _("**Symptoms, 0-10 (scored by a caregiver):** {symptoms}")
        if s.for_caregiver
        else _("**Symptoms, 0-10:** {symptoms}")
    )
    return [Paragraph(lines(words(said, symptoms=joined(items, DOT)), *results(s)))]


def results(s: SheetFacts) -> list[tuple[Inline, ...]]:
    """The results in brief and a line for each treatment going on (the symptoms before it began and
    since): sentences made by `mbcprep.actions.sheets`, each a line under the symptoms' (no paragraph
    of their own, so the page stays one printed page)."""
    return [(typed(line),) for line in (*s.context.results, *s.context.by_treatment) if line.strip()]


def questions(s: SheetFacts) -> list[Block]:
    visit = s.visit
    if not visit.questions:
        return []
    first = visit.first_questions()
    ordered = [*first, *(q for q in visit.questions if q.rank is None)]
    head = _first_heading(len(first)) if first else _("## Questions")
    return [heading(head), Numbered(tuple(Item(question_text(s, q)) for q in ordered))]


def _first_heading(count: int) -> str:
    """The heading says how many of the questions were chosen to ask first (up to three)."""
    if count == 1:
        return _("## Questions (the first one matters most)")
    if count == 2:
        return _("## Questions (the first two matter most)")
    return _("## Questions (the first three matter most)")


def medicines(s: SheetFacts) -> list[Block]:
    return care_table(_("## Medicines now"), s.context.medicines)


def treatments(s: SheetFacts) -> list[Block]:
    """The treatment history, first to latest, one row each; months as YYYY-MM to keep it narrow."""
    return care_table(_("## Treatment history"), s.context.treatments)


def care_table(head: str, records: list[Any]) -> list[Block]:
    """Records as a compact table: the columns and cells their declaration gives (`sheet` in
    `mbcprep.model.care`); nothing when there are none."""
    if not records:
        return []
    columns = sheet_columns(type(records[0]))
    header = tuple((Text(_(h)),) for h, _fields in columns)
    rows = tuple(tuple(_cell(c) for c in sheet_cells(r)) for r in records)
    return [heading(head), Table(header, rows)]


def _cell(text: str) -> tuple[Inline, ...]:
    shown = typed(text)
    return (shown,) if shown.text else ()


def notes(s: SheetFacts) -> list[Block]:
    """The notes, but the notes to oneself (a line starting "me:")."""
    shared = notes_for_others(s.visit.notes)
    if not shared.strip():
        return []
    head = _("## Notes from the caregiver") if s.for_caregiver else _("## Notes from the patient")
    return [heading(head), *typed_paragraphs(shared, own_language(s.visit))]


def what_matters(s: SheetFacts) -> list[Block]:
    """A line for each answer: the question, then the answer in bold."""
    answered = [c for c in s.visit.considerations if answer_words(c).strip()]
    if not answered:
        return []
    items = [Item((typed(c.prompt), Text(" "), Strong((typed(answer_words(c, s.content)),)))) for c in answered]
    return [heading(_("## What matters to the patient")), Bullets(tuple(items))]


def after_visit(s: SheetFacts) -> list[Block]:
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
            parts.append(words(_("**{outcome}:** {questions}"), outcome=outcome_words(outcome), questions=said))
    out: list[Block] = [Paragraph(joined(parts, DOT))] if parts else []
    out += sections.told_and_next(s)
    return [heading(_("## After the visit")), *out] if out else []


def footer(s: SheetFacts) -> list[Block]:
    return [Rule(), Paragraph(words(_("Made with mbcprep on {day}. Not medical advice."), day=s.made_on.isoformat()))]
