"""A sheet as Markdown: the "md" format, and the sheet `mbcprep show` draws.

Rendered from the sheet's document (`formats.document`). Every text node is escaped here, at the
end, and only here: whatever a person typed shows as the literal text, and never changes the
structure of the sheet or adds HTML, a link or an image.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mbcprep.formats import document as doc
from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

# The marks Markdown reads as structure inside a line are escaped with a backslash; the rest of
# the punctuation stays readable in the raw file (a trend's "2 -> 6" among it: with every "<"
# escaped, a ">" can close nothing).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<&|~#])")
# What could open a block at the start of a line (list, quote, ordered list, setext underline).
_LINE_START = re.compile(r"^([-+=>])|^(\d+)([.)])")
_AUTOLINK = re.compile(r"(?i)(?<![\w\\])(https?:|ftp:|www\.|mailto:)|(?<=\w)@(?=\w)")
WRITE_LINE = "____________________________________________"  # a line to write an answer on
HARD_BREAK = "  \n"


def escape(text: str) -> str:
    """One line of user text, safe anywhere inline (list items, table cells, after a label)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = " ".join(text.split("\n"))
    return _escaped(text.strip(), line_start=True)


def _escaped(text: str, *, line_start: bool) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", printable(text))
    # GitHub-style viewers turn bare web and mail addresses into links; an escape stops that.
    text = _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def render_markdown(document: doc.Document) -> str:
    """The document as Markdown: its blocks with a blank line between them."""
    return "\n\n".join(_block(b) for b in document.blocks) + "\n"


def render_markdown_sheet(job: Job) -> str:
    """The "md" format."""
    return render_markdown(job.sheet())


def _block(block: doc.Block) -> str:
    if isinstance(block, doc.Heading):
        return "#" * block.level + " " + _inline(block.parts)
    if isinstance(block, doc.Paragraph):
        return _inline(block.parts)
    if isinstance(block, doc.Bullets):
        return _items([("- ", item) for item in block.items], "  ", block.spaced)
    if isinstance(block, doc.Numbered):
        # The lines after an item's first sit three spaces in, as a number under 10 leaves them.
        return _items([(f"{n}. ", item) for n, item in enumerate(block.items, block.start)], "   ", block.spaced)
    if isinstance(block, doc.Table):
        rule = "| " + " | ".join("---" for _ in block.header) + " |"
        return "\n".join([_row(block.header), rule, *(_row(row) for row in block.rows)])
    if isinstance(block, doc.Rule):
        return "---"
    raise TypeError(f"not a block: {block!r}")


def _row(cells: Sequence[tuple[doc.Inline, ...]]) -> str:
    return "| " + " | ".join(_inline(cell) for cell in cells) + " |"


def _items(items: list[tuple[str, doc.Item]], indent: str, spaced: bool) -> str:
    out = []
    for marker, item in items:
        box = "" if item.box is None else ("[x] " if item.box else "[ ] ")
        out.append(marker + box + _inline(item.parts).replace(HARD_BREAK, HARD_BREAK + indent))
    return ("\n\n" if spaced else "\n").join(out)


def _inline(parts: Sequence[doc.Inline], line_start: bool = True) -> str:
    """Nodes as Markdown. At the start of a line (until something shows), a text loses its leading
    blanks (four would make code) and what could open a block is escaped."""
    out = []
    for node in parts:
        if isinstance(node, doc.LineBreak):
            out.append(HARD_BREAK)
            line_start = True
            continue
        if isinstance(node, doc.Text):
            shown = _escaped(node.text.lstrip(" \t") if line_start else node.text, line_start=line_start)
        elif isinstance(node, (doc.Strong, doc.Emphasis)):
            inner = _inline(node.parts, line_start)
            mark = "**" if isinstance(node, doc.Strong) else "*"
            shown = f"{mark}{inner}{mark}" if inner.strip() else inner  # "****" would be a rule
        elif isinstance(node, doc.WriteLine):
            shown = WRITE_LINE
        else:
            raise TypeError(f"not an inline node: {node!r}")
        out.append(shown)
        line_start = line_start and not shown
    return "".join(out)
