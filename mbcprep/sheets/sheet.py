"""A sheet for the room: its sections, arranged for its reader, built into one document
(`mbcprep.formats.document`) that each format renders (Markdown, HTML, plain text).

These are pure functions from data to a document or text; writing a file is `files.write_private_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mbcprep.formats.document import Block, Document
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.sheets import doctor, family, sections, trial
from mbcprep.sheets.context import SheetContext, SheetOptions
from mbcprep.sheets.sections import Section, SheetFacts

# The person's own sheet: what changed, the three to ask first once (with why to ask them), then the rest
# in the order they chose, room to write the answers, how they feel and what matters to them, and the
# signs that cannot wait.
FOR_ME: tuple[Section, ...] = (
    sections.header,
    sections.changes,
    sections.first_questions,
    sections.other_questions,
    sections.after_visit,
    sections.symptoms,
    sections.what_matters,
    sections.notes,
    sections.dont_wait,
    sections.footer,
)

# One printed page for the doctor: what changed and the high scores first, the questions without
# coaching, medicines and treatment history, notes, what matters, in a few lines each.
FOR_DOCTOR: tuple[Section, ...] = (
    doctor.header,
    sections.changes,
    doctor.symptoms,
    doctor.questions,
    doctor.medicines,
    doctor.treatments,
    doctor.notes,
    doctor.what_matters,
    doctor.after_visit,
    doctor.footer,
)

# For the people at home: when and where, what the person wants them to know, what to bring; what was
# said at the visit, scores and notes only when the person chooses.
FOR_FAMILY: tuple[Section, ...] = (
    family.header,
    family.message,
    family.after_visit,
    family.to_bring,
    family.changes,
    family.symptoms,
    family.notes,
    sections.dont_wait,
    sections.footer,
)

# One printed page for a clinical trial team (or a trial navigator): the subtype, the biomarkers with
# their dates, where it has spread, each line of treatment, the ECOG estimate, how to use the page.
FOR_TRIAL: tuple[Section, ...] = (
    trial.header,
    trial.cancer,
    trial.biomarkers,
    trial.sites,
    trial.treatments,
    trial.labs,
    trial.ecog,
    trial.how_to_use,
    trial.footer,
)

ARRANGEMENTS: dict[str, tuple[Section, ...]] = {
    "me": FOR_ME,
    "doctor": FOR_DOCTOR,
    "family": FOR_FAMILY,
    "trial": FOR_TRIAL,
}


def build_sheet(
    visit: Visit,
    content: Content,
    made_on: date,
    arrangement: Sequence[Section] | str = FOR_ME,
    context: SheetContext | None = None,
    options: SheetOptions | None = None,
) -> Document:
    """The sheet of `visit` for its reader, as a document: `arrangement` is a reader ("me", "doctor",
    "family") or a list of sections."""
    if isinstance(arrangement, str):
        arrangement = ARRANGEMENTS[arrangement]
    facts = SheetFacts(visit, content, made_on, context or SheetContext(), options or SheetOptions())
    blocks: list[Block] = []
    for section in arrangement:
        blocks += section(facts)
    return Document(tuple(blocks))


def render_sheet(visit: Visit, content: Content, made_on: date, *rest: Any, **chosen: Any) -> str:
    """The sheet of `visit` for its reader as Markdown (the "md" format); the rest as `build_sheet`."""
    from mbcprep.formats.markdown import render_markdown

    return render_markdown(build_sheet(visit, content, made_on, *rest, **chosen))
