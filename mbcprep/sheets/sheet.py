"""A sheet for the room: its sections, arranged for its reader, rendered as Markdown.

These are pure functions from data to text; writing a file is `files.write_private_text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from mbcprep.model.visit import Visit
from mbcprep.sheets import sections
from mbcprep.sheets.sections import Section, SheetFacts

FOR_ME: tuple[Section, ...] = (
    sections.heading,
    sections.first_questions,
    sections.questions,
    sections.symptoms,
    sections.what_matters,
    sections.notes,
    sections.footer,
)


def render_sheet(
    visit: Visit,
    kind_labels: Mapping[str, str],
    topic_labels: Mapping[str, str],
    made_on: date,
    arrangement: Sequence[Section] = FOR_ME,
) -> str:
    facts = SheetFacts(visit, kind_labels, topic_labels, made_on)
    lines: list[str] = []
    for section in arrangement:
        lines += section(facts)
    return "\n".join(lines)
