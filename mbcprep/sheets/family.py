"""The family's sheet: plain words for the people at home, and for whoever goes along.

When and where the visit is and who it is with; what the person wants them to know; what to bring;
what was said at the visit, once it is told and only when the person chooses (a sensitive question
only when chosen by its id). How the person feels (the scores) and the notes are
private unless the person chooses to share them (`SheetOptions`); so is what changed since the last
visit, which is about the scores. The signs that cannot wait are on it, with who to call at night.
"""

from __future__ import annotations

from dataclasses import replace

from mbcprep.formats.document import (
    Block,
    Bullets,
    Inline,
    Item,
    Paragraph,
    heading,
    lines,
    typed,
    typed_paragraphs,
    words,
)
from mbcprep.i18n import N_, _
from mbcprep.sheets import sections
from mbcprep.sheets.languages import own_language
from mbcprep.sheets.sections import SheetFacts, kind_label, title, where_and_phone

# What to bring to a visit: the medicines or their list (vitamins and herbs too), the insurance card and
# something to write with, after the Agency for Healthcare Research and Quality, "Questions Are the
# Answer: Be Prepared for Medical Appointments", and the MSD Manual (Consumer Version), "Making the
# Most of a Health Care Visit"; the first team's records for a second opinion after Cancer.Net,
# "Seeking a Second Opinion". The snack and the warm layer are our own practical tip.
TO_BRING = (
    N_("The list of medicines, or the medicines themselves in their boxes (vitamins and herbs too)"),
    N_("The insurance card and a photo ID"),
    N_("Something to write with, to note what the care team says"),
    N_("A snack, water, a warm layer and something to pass the time: some visits take hours"),
)
TO_BRING_FOR_KIND = {
    "second-opinion": (
        N_("The records from the first care team: reports of scans, biopsies and blood tests, and the scans on a disc"),
    ),
    "treatment-decision": (
        N_("A second pair of ears: big choices are easier to think over with someone who was there"),
    ),
    "clinical-trial": (N_("The name or number of the trial, if you have it"),),
}


def header(s: SheetFacts) -> list[Block]:
    visit = s.visit
    facts = []
    if visit.with_whom.strip():
        who: tuple[Inline, ...] = (typed(visit.with_whom),)
        met = s.met
        if met is not None and met.role.strip():
            who = words(_("{name}, {role}"), name=who, role=typed(met.role))
        facts += [words(_("**With:** {who}"), who=who), *where_and_phone(s)]
    facts.append(words(_("**Kind of visit:** {kind}"), kind=typed(kind_label(s))))
    return [title(s, mine=not s.for_caregiver), Paragraph(lines(*facts))]


def message(s: SheetFacts) -> list[Block]:
    if not s.options.message.strip():
        return []
    head = _("## What we want you to know") if s.for_caregiver else _("## What I want you to know")
    return [heading(head), *typed_paragraphs(s.options.message)]


def to_bring(s: SheetFacts) -> list[Block]:
    items = [*TO_BRING_FOR_KIND.get(s.visit.kind, ()), *TO_BRING]
    return [heading(_("## What to bring")), Bullets(tuple(Item((typed(_(item)),)) for item in items))]


def after_visit(s: SheetFacts) -> list[Block]:
    """What happened at the visit, only when the person chose it; a sensitive question of the bank
    (prognosis, the end of life) only when chosen by its id."""
    if not s.options.after_visit:
        return []
    hidden = [
        q
        for q in s.visit.questions
        if q.question_id and is_sensitive(s, q.question_id) and q.question_id not in s.options.sensitive
    ]
    if not hidden:
        return sections.after_visit(s)
    shown = replace(s.visit, questions=[q for q in s.visit.questions if not any(q is h for h in hidden)])
    return sections.after_visit(replace(s, visit=shown))


def is_sensitive(s: SheetFacts, question_id: str) -> bool:
    found = s.content.questions.get(question_id)
    return found is None or found.sensitive  # a question the bank no longer has: kept private


def changes(s: SheetFacts) -> list[Block]:
    return sections.changes(s) if s.options.scores else []


def symptoms(s: SheetFacts) -> list[Block]:
    return sections.symptoms(s) if s.options.scores else []


def notes(s: SheetFacts) -> list[Block]:
    """The notes, when the person chooses, but the notes to oneself (a line starting "me:")."""
    shared = sections.notes_for_others(s.visit.notes)
    if not (s.options.notes and shared.strip()):
        return []
    return [heading(_("## Notes")), *typed_paragraphs(shared, own_language(s.visit))]
