"""A sheet as plain text, for an email, a phone or a screen reader: the same sheet as the Markdown,
with none of its marks.

Headings are lines of words, list items start with "- " (or their number), questions to tick with
"[ ] ", and each table row is one line: "Pain: 3 (at night)". What a person typed shows exactly as
they typed it: the Markdown's backslash escapes are gone (the text is read from the parsed sheet,
not from its source). The lines to write an answer on are left out: read aloud they would be a long
run of "underscore", and in an email there is nothing to write on; "Answer:" stays, to type after.
Long lines are wrapped at WIDTH characters, at spaces, each continuation indented like the text of
its first line (a list item's under its words): e-mail programs show lines as they are sent, and
refuse lines over 998 bytes. A word longer than the width (an address to copy) stays whole, unless
it is over MAX_LINE_BYTES itself; then it is cut there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mbcprep.formats.sheet_tokens import CHECKBOX, sheet_tokens

if TYPE_CHECKING:
    from markdown_it.token import Token

    from mbcprep.formats.registry import Job

_SHOWN = ("text", "text_special", "code_inline", "html_inline")
WIDTH = 78  # what e-mail has long used, and an easy line to read
MAX_LINE_BYTES = 900  # well under e-mail's limit of 998 bytes a line


def render_text(markdown: str, width: int | None = WIDTH) -> str:
    """The sheet in `markdown` (as `sheets.sheet.render_sheet` makes it) as plain text, its lines
    wrapped at `width` (None: lines as long as their paragraphs, for tests of what shows)."""
    return _Writer(width).write(sheet_tokens(markdown))


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


class _Writer:
    def __init__(self, width: int | None = WIDTH) -> None:
        self.width = width
        self.lines: list[str] = []
        self.indents: list[str] = []  # for each open list item or quote: the indent of its lines
        self.numbers: list[int | None] = []  # for each open list: the next number, None if bulleted
        self.marker: str | None = None  # the start of a list item, waiting for its first line
        self.gap = False  # a blank line before the next line, whatever it is
        self.row: list[str] | None = None
        self.in_head = False

    def write(self, tokens: Sequence[Token]) -> str:
        for i, token in enumerate(tokens):
            self.token(tokens, i, token)
        return "\n".join(self.lines).strip("\n") + "\n"

    def token(self, tokens: Sequence[Token], i: int, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start") if kind == "ordered_list_open" else None
            self.numbers.append(None if kind == "bullet_list_open" else int(start or 1))
            self.gap = self.gap or len(self.numbers) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.numbers.pop()
            self.gap = self.gap or not self.numbers
        elif kind == "list_item_open":
            number = self.numbers[-1]
            self.marker = "- " if number is None else f"{number}. "
            if number is not None:
                self.numbers[-1] = number + 1
            self.indents.append(self.indent() + " " * len(self.marker))
        elif kind in ("list_item_close", "blockquote_close"):
            self.indents.pop()
        elif kind == "blockquote_open":
            self.indents.append(self.indent() + "  ")
            self.gap = True
        elif kind == "inline":
            self.inline(tokens[i - 1], token)
        elif kind in ("code_block", "fence"):
            self.block(token.content.rstrip("\n").split("\n"), gap=True)
        elif kind == "hr":
            self.gap = True
        elif kind == "thead_open":
            self.in_head = True
        elif kind == "thead_close":
            self.in_head = False
        elif kind in ("table_open", "table_close"):
            self.gap = True
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            if not self.in_head:
                self.block([_row_line(self.row)], gap=False)
            self.row = None

    def indent(self) -> str:
        return self.indents[-1] if self.indents else ""

    def inline(self, opener: Token, token: Token) -> None:
        text, box = _inline_text(token.children or [])
        if self.row is not None:
            self.row.append(" ".join(text.split("\n")).strip(" "))
            return
        if box is not None and self.marker is not None:
            self.indents[-1] = self.indents[-1][: -len(self.marker)]
            number = self.marker if self.marker[:1].isdigit() else ""  # a numbered item keeps its number
            self.marker = number + ("[x] " if box else "[ ] ")
            self.indents[-1] += " " * len(self.marker)
        tight = opener.type == "paragraph_open" and opener.hidden
        self.block(text.split("\n"), gap=not tight)

    def block(self, lines: list[str], *, gap: bool) -> None:
        if (gap or self.gap) and self.lines and self.lines[-1]:
            self.lines.append("")
        self.gap = False
        for n, line in enumerate(lines):
            if n == 0 and self.marker is not None:
                outer = self.indents[-2] if len(self.indents) > 1 else ""
                prefix, self.marker = outer + self.marker, None
            else:
                prefix = self.indent()
            if not line.strip(" \t"):
                self.lines.append("")
            elif self.width is None:
                self.lines.append((prefix + line).rstrip(" \t"))
            else:
                self.lines += [ln.rstrip(" \t") for ln in fold(prefix, self.indent(), line, self.width)]


def _inline_text(children: Sequence[Token]) -> tuple[str, bool | None]:
    """What a reader sees of a line: its text with line breaks, and whether it starts with a box
    to tick (None: no box; True: ticked)."""
    parts: list[str] = []
    box: bool | None = None
    for child in children:
        if child.type == CHECKBOX:
            box = bool(child.meta.get("checked"))
        elif child.type in _SHOWN:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts), box


def _row_line(cells: list[str]) -> str:
    """A table row as one line: "Pain: 3 (at night)"."""
    line = cells[0] if cells else ""
    if len(cells) > 1 and cells[1]:
        line += f": {cells[1]}"
    rest = [c for c in cells[2:] if c]
    if rest:
        line += " ({})".format("; ".join(rest))
    return line
