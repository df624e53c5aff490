"""A sheet's Markdown read back as tokens, for the formats made from it (HTML, plain text).

One parser for all of them, so they agree on what the sheet says:

- CommonMark with tables; raw HTML off (`<b>` is text), and no links, images, autolinks or link
  reference definitions: `[a](b)` and `<http://x>` stay the text they are. Nothing in a sheet
  can point anywhere.
- Backslash escapes stay apart from the rest of the text (`text_special` tokens), so what a person
  typed can be told from what the sheet itself wrote: only the sheet's own `[ ] ` at the start of a
  list item becomes a checkbox, and only its own run of underscores becomes a line to write on.
- Control characters and the marks that turn text around are shown as U+FFFD (`mbcprep.text`),
  whatever wrote the Markdown.

markdown-it is imported when a sheet is read, never when this module is: most commands never need it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mbcprep.text import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Token types added here, for the renderers.
CHECKBOX = "checkbox"  # meta {"checked": bool}; the first child of a task item's text
WRITE_LINE = "write_line"  # a line to write an answer on (the sheet's run of underscores)

_TASK = re.compile(r"\[([ xX])\] ")
_WRITE = re.compile(r"_{3,}")
# Attributes the sheet's own Markdown can give an element; any other is dropped.
_KEPT_ATTRIBUTES = {"ol": {"start"}}


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    options = {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False}
    md = MarkdownIt("commonmark", options).enable("table")
    md.disable(["link", "image", "autolink", "html_inline", "html_block", "reference", "text_join"])
    return md


def sheet_tokens(markdown: str) -> list[Token]:
    """The block tokens of `markdown`, with checkboxes and write-on lines as tokens of their own."""
    tokens = parser().parse(printable(markdown))
    for i, token in enumerate(tokens):
        kept = _KEPT_ATTRIBUTES.get(token.tag, set())
        token.attrs = {k: v for k, v in token.attrs.items() if k in kept}
        if token.type == "inline" and token.children is not None:
            token.children = _write_lines(token.children)
            in_item = i >= 2 and tokens[i - 1].type == "paragraph_open" and tokens[i - 2].type == "list_item_open"
            if in_item and _checkbox(token):
                tokens[i - 2].meta["task"] = True
    return tokens


def _checkbox(inline: Token) -> bool:
    """Turn a leading `[ ] ` or `[x] ` the sheet wrote (not one a person typed, which is escaped)
    into a CHECKBOX token."""
    from markdown_it.token import Token

    children = inline.children or []
    first = children[0] if children else None
    found = _TASK.match(first.content) if first is not None and first.type == "text" else None
    if first is None or found is None:
        return False
    box = Token(CHECKBOX, "", 0)
    box.meta = {"checked": found[1] != " "}
    rest = first.content[found.end() :]
    inline.children = [box, *([_text(rest)] if rest else []), *children[1:]]
    return True


def _write_lines(children: list[Token]) -> list[Token]:
    """Each run of three or more underscores the sheet wrote becomes a WRITE_LINE token."""
    from markdown_it.token import Token

    out: list[Token] = []
    for child in children:
        if child.type != "text" or not _WRITE.search(child.content):
            out.append(child)
            continue
        parts = _WRITE.split(child.content)
        for n, part in enumerate(parts):
            if n:
                out.append(Token(WRITE_LINE, "", 0))
            if part:
                out.append(_text(part))
    return out


def _text(content: str) -> Token:
    from markdown_it.token import Token

    token = Token("text", "", 0)
    token.content = content
    return token
