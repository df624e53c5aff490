"""Markdown escaping: whatever a person typed shows as the literal text, and never changes the
structure of a sheet or adds HTML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

# The marks Markdown reads as structure inside a line are escaped with a backslash; the rest of
# the punctuation stays readable in the raw file.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
# What could open a block at the start of a line (list, ordered list, setext underline).
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_AUTOLINK = re.compile(r"(?i)(?<![\w\\])(https?:|ftp:|www\.|mailto:)|(?<=\w)@(?=\w)")


def escape(text: str) -> str:
    """One line of user text, safe anywhere inline (list items, table cells, after a label)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = " ".join(text.split("\n"))
    text = _INLINE_SPECIAL.sub(r"\\\1", text.strip())
    # GitHub-style viewers turn bare web and mail addresses into links; an escape stops that.
    text = _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def escape_block(text: str) -> str:
    """Several lines of user text as separate paragraphs, none of them able to start a block."""
    lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]
    return "\n\n".join(escape(ln) for ln in lines)


def render_markdown_sheet(job: Job) -> str:
    """The "md" format: the sheet itself, as the sections wrote it."""
    return job.sheet()
