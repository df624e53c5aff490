"""A sheet as a small document: what the sheet sections build, and what each format renders.

A document is a list of blocks (headings, paragraphs, lists, tables, a rule before the footer); a
block holds inline nodes (text, strong, emphasis, a line break, a line to write on). Text a person
typed is a `Text` node and stays one: no format ever reads it as markup, so nothing is escaped to
be parsed back. Each format escapes for itself, at the end (`formats.markdown` with backslashes,
`formats.html` as HTML; `formats.plain_text` shows it as it is), and every renderer shows control
characters and the marks that turn text around as U+FFFD (`mbcprep.text.printable`).

A section builds its blocks with the helpers below. The sheet's own sentences come from the
catalogue and may mark words as strong (`**With:**`) or emphasis (`*Why ask:*`); `words` reads those
marks in the template only, and fills its placeholders with nodes, never with parsed text:

    >>> from mbcprep.formats.document import Paragraph, heading, typed, words
    >>> blocks = [
    ...     heading("## Medicines now"),
    ...     Paragraph(words("**With:** {who}", who=typed("Dr *Lee* <b>"))),
    ... ]
    >>> blocks[1].parts
    (Strong(parts=(Text(text='With:', lang=''),)), Text(text=' ', lang=''), Text(text='Dr *Lee* <b>', lang=''))

A person's own words in the language the visit was prepared in carry it (`typed(text, lang="en")`):
an HTML page in another language marks them, so a screen reader reads them in the right voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Union

# --- inline nodes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Words shown as they are. `lang`: the language of a person's own words ("" for the sheet's)."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class Strong:
    """Words in bold."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    """Words in italics."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """The next words start a new line of the same paragraph or list item."""


@dataclass(frozen=True)
class WriteLine:
    """A line to write an answer on, on paper (left out of plain text, where there is nothing to write on)."""


Inline = Union[Text, Strong, Emphasis, LineBreak, WriteLine]

# --- blocks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is the sheet's title, level 2 starts a part of it. `look` names how the
    part it starts stands out on a page (SIGNS: in a box, in two columns); "" for none."""

    level: int
    parts: tuple[Inline, ...]
    look: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of words."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Item:
    """A list item; `box` is a box to tick before it (None: no box; True: ticked)."""

    parts: tuple[Inline, ...]
    box: bool | None = None


@dataclass(frozen=True)
class Bullets:
    """A list with bullets; `spaced` puts a blank line (or some room) between its items."""

    items: tuple[Item, ...]
    spaced: bool = False


@dataclass(frozen=True)
class Numbered:
    """A numbered list, from `start`."""

    items: tuple[Item, ...]
    start: int = 1
    spaced: bool = False


@dataclass(frozen=True)
class Table:
    """One row of header cells on top, then the rows; a cell is a tuple of inline nodes."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]


@dataclass(frozen=True)
class Rule:
    """A line across: the last one on a sheet starts its footer."""


Block = Union[Heading, Paragraph, Bullets, Numbered, Table, Rule]


@dataclass(frozen=True)
class Document:
    """A whole sheet: its blocks, in order."""

    blocks: tuple[Block, ...]

    def title(self) -> str:
        """The words of the first heading ("" when there is none)."""
        first = next((b for b in self.blocks if isinstance(b, Heading)), None)
        return plain_words(first.parts) if first is not None else ""


SIGNS = "signs"  # the look of the part that holds the signs that cannot wait

# --- building -------------------------------------------------------------------------------------

_CR = re.compile(r"\r\n?")


def typed(text: str, lang: str = "") -> Text:
    """One line of what a person typed, as it shows on a sheet: line breaks and tabs as spaces,
    unsafe characters as U+FFFD, trimmed."""
    from mbcprep.text import printable

    one = printable(_CR.sub("\n", text).replace("\t", " "))
    return Text(" ".join(one.split("\n")).strip(), lang)


def typed_lines(text: str) -> list[str]:
    """The lines of what a person typed, split where they pressed Enter (CR, LF or both), and only
    there: any other line separator is a character shown as U+FFFD (`mbcprep.text`)."""
    return _CR.sub("\n", text).split("\n")


def typed_paragraphs(text: str, lang: str = "") -> list[Paragraph]:
    """Several lines a person typed (notes, a message): a paragraph for each line that is not blank."""
    return [Paragraph((typed(line, lang),)) for line in typed_lines(text) if line.strip()]


Fill = Union[str, Inline, Sequence[Inline]]
_MARK = re.compile(r"\*\*|\*|\{(\w+)\}")


def words(template: str, **values: Fill) -> tuple[Inline, ...]:
    """The sheet's own sentence `template` (from the catalogue) as nodes: `**strong**` and `*emphasis*`
    read as such, each `{name}` filled with its value (a string is a `Text`, never read for marks)."""
    stack: list[tuple[str, list[Inline]]] = [("", [])]
    at = 0
    for found in _MARK.finditer(template):
        _add_text(stack[-1][1], template[at : found.start()])
        at = found.end()
        if found[1] is not None:
            stack[-1][1].extend(_nodes(values[found[1]]))
        elif stack[-1][0] == found[0]:  # the mark that closes the one open
            mark, parts = stack.pop()
            stack[-1][1].append(Strong(tuple(parts)) if mark == "**" else Emphasis(tuple(parts)))
        else:
            stack.append((found[0], []))
    _add_text(stack[-1][1], template[at:])
    while len(stack) > 1:  # a mark left open is shown as it is
        mark, parts = stack.pop()
        stack[-1][1].extend([Text(mark), *parts])
    return tuple(stack[0][1])


def _add_text(parts: list[Inline], text: str) -> None:
    if text:
        parts.append(Text(text))


def _nodes(value: Fill) -> list[Inline]:
    if isinstance(value, str):
        return [Text(value)] if value else []
    if isinstance(value, (Text, Strong, Emphasis, LineBreak, WriteLine)):
        return [value]
    return list(value)


def heading(template: str, look: str = "", **values: Fill) -> Heading:
    """A heading from the catalogue's `## Words` (its `#`s give the level), filled as `words` does."""
    level = len(template) - len(template.lstrip("#"))
    return Heading(level, words(template[level:].lstrip(" "), **values), look)


def joined(pieces: Iterable[Sequence[Inline]], between: Sequence[Inline]) -> tuple[Inline, ...]:
    """Several runs of nodes, with `between` (a separator, a line break) between each two."""
    out: list[Inline] = []
    for n, piece in enumerate(pieces):
        if n:
            out += between
        out += piece
    return tuple(out)


def lines(*pieces: Sequence[Inline]) -> tuple[Inline, ...]:
    """Runs of nodes, each on a line of its own (a paragraph's or a list item's lines)."""
    return joined(pieces, (LineBreak(),))


def plain_words(parts: Iterable[Inline]) -> str:
    """What a reader sees of some nodes: their words, a line break as a newline."""
    out = []
    for node in parts:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Strong, Emphasis)):
            out.append(plain_words(node.parts))
        elif isinstance(node, LineBreak):
            out.append("\n")
    return "".join(out)
