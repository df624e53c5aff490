"""A sheet for the room: its sections, arranged for its reader, rendered as Markdown.

These are pure functions from data to text; writing a file is `files.write_private_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.sheets import sections
from mbcprep.sheets.sections import Section, SheetFacts

# The person's own sheet: the three to ask first once, then the rest in the order they chose, room
# to write the answers, how they feel and what matters to them, and the signs that cannot wait.
FOR_ME: tuple[Section, ...] = (
    sections.heading,
    sections.first_questions,
    sections.other_questions,
    sections.symptoms,
    sections.what_matters,
    sections.notes,
    sections.dont_wait,
    sections.footer,
)


def render_sheet(visit: Visit, content: Content, made_on: date, arrangement: Sequence[Section] = FOR_ME) -> str:
    facts = SheetFacts(visit, content, made_on)
    lines: list[str] = []
    for section in arrangement:
        lines += section(facts)
    return "\n".join(lines)
