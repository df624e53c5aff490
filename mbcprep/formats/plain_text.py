"""A sheet as plain text, for an email, a phone or a screen reader: the same sheet as the Markdown,
with none of its marks.

Headings are lines of words, list items start with "- " (or their number), questions to tick with
"[ ] ", and each table row is one line: "Pain: 3 (at night)". What a person typed shows exactly as
they typed it (a text node of the document, `formats.document`), but for control characters and
the marks that turn text around, shown as U+FFFD: nothing in the file can move a terminal's cursor
or change its colours. The lines to write an answer on are left out: read aloud they would be a long
run of "underscore", and in an email there is nothing to write on; "Answer:" stays, to type after.
Long lines are wrapped at WIDTH characters, at spaces, each continuation indented like the text of
its first line (a list item's under its words): e-mail programs show lines as they are sent, and
refuse lines over 998 bytes. A word longer than the width (an address to copy) stays whole, unless
it is over MAX_LINE_BYTES itself; then it is cut there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mbcprep.formats import document as doc
from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

WIDTH = 78  # what e-mail has long used, and an easy line to read
MAX_LINE_BYTES = 900  # well under e-mail's limit of 998 bytes a line


def render_text(document: doc.Document, width: int | None = WIDTH) -> str:
    """The sheet's `document` (as `sheets.sheet.build_sheet` makes it) as plain text, its lines
    wrapped at `width` (None: lines as long as their paragraphs, for tests of what shows)."""
    writer = _Writer(width)
    for block in document.blocks:
        writer.block(block)
    return "\n".join(writer.lines).strip("\n") + "\n"


def fold(prefix: str, indent: str, line: str, width: int) -> list[str]:
    """`prefix + line`, wrapped at `width` at spaces, the lines after the first starting with
    `indent`; then any line still over MAX_LINE_BYTES (one very long word) cut to fit."""
    import textwrap

    if len(prefix) + len(line) <= width:
        return [prefix + line]
    wrapped = textwrap.wrap(
        line,
        width,
        initial_indent=prefix,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
        expand_tabs=False,
        replace_whitespace=False,
    ) or [prefix]
    return [piece for long in wrapped for piece in _cut(long, indent)]


def _cut(line: str, indent: str) -> list[str]:
    """A line of at most MAX_LINE_BYTES bytes of UTF-8, or pieces of it that are (after the first,
    each starting with `indent`)."""
    if len(line.encode("utf-8")) <= MAX_LINE_BYTES:
        return [line]
    pieces, piece, size = [], "", 0
    for ch in line:
        more = len(ch.encode("utf-8"))
        if size + more > MAX_LINE_BYTES:
            pieces.append(piece)
            piece, size = indent, len(indent.encode("utf-8"))
        piece += ch
        size += more
    return [*pieces, piece]


def render_text_sheet(job: Job) -> str:
    """The "txt" format."""
    return render_text(job.sheet())


def _words(parts: Sequence[doc.Inline]) -> str:
    return printable(doc.plain_words(parts))


class _Writer:
    def __init__(self, width: int | None = WIDTH) -> None:
        self.width = width
        self.lines: list[str] = []
        self.gap = False  # a blank line before the next line, whatever it is

    def block(self, block: doc.Block) -> None:
        if isinstance(block, (doc.Heading, doc.Paragraph)):
            self.put(_words(block.parts).split("\n"), gap=True)
        elif isinstance(block, (doc.Bullets, doc.Numbered)):
            self.gap = True
            first = block.start if isinstance(block, doc.Numbered) else None
            for n, item in enumerate(block.items, first or 0):
                marker = "- " if first is None else f"{n}. "
                if item.box is not None:  # a numbered item keeps its number; a bullet gives way to the box
                    marker = ("" if first is None else marker) + ("[x] " if item.box else "[ ] ")
                self.put(_words(item.parts).split("\n"), gap=block.spaced, marker=marker)
            self.gap = True
        elif isinstance(block, doc.Table):
            self.gap = True
            for row in block.rows:  # the header row is left out: each line says what it is
                self.put([_row_line([" ".join(_words(c).split("\n")).strip(" ") for c in row])], gap=False)
            self.gap = True
        elif isinstance(block, doc.Rule):
            self.gap = True

    def put(self, lines: list[str], *, gap: bool, marker: str = "") -> None:
        if (gap or self.gap) and self.lines and self.lines[-1]:
            self.lines.append("")
        self.gap = False
        indent = " " * len(marker)
        for n, line in enumerate(lines):
            prefix = marker if n == 0 else indent
            if not line.strip(" \t"):
                self.lines.append("")
            elif self.width is None:
                self.lines.append((prefix + line).rstrip(" \t"))
            else:
                self.lines += [ln.rstrip(" \t") for ln in fold(prefix, indent, line, self.width)]


def _row_line(cells: list[str]) -> str:
    """A table row as one line: "Pain: 3 (at night)"."""
    line = cells[0] if cells else ""
    if len(cells) > 1 and cells[1]:
        line += f": {cells[1]}"
    rest = [c for c in cells[2:] if c]
    if rest:
        line += " ({})".format("; ".join(rest))
    return line
