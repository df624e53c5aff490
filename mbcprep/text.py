"""Text on its way to a person: one policy for what may reach a terminal or a file they open.

Control characters (C0 and C1, but for newline and tab) and the marks that turn text around
(right-to-left overrides, embeddings and isolates) can clear a screen, change a window's title or
hide words. So can the invisible format and separator characters: the line and paragraph
separators (U+2028, U+2029, which some programs take as a new line and others do not), the
direction marks (U+200E, U+200F, U+061C), zero-width spaces and joiners that are not part of a
script or an emoji (U+200B, U+2060-U+2064, U+FEFF), and the rest of their kind (U+180E,
U+206A-U+206F, U+FFF9-U+FFFB). Wherever text reaches a terminal, a sheet or a JSON file, each of
them is shown as the replacement character U+FFFD instead (JSON keeps them exactly, written as
\\uXXXX escapes). U+200C and U+200D stay: scripts and emoji need them, and they move nothing.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
# An id, of a question, a topic, a kind of visit, a symptom: lowercase words joined by hyphens.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 60
# The invisible format and separator characters (see above), but the joiners U+200C and U+200D.
_INVISIBLE = "\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
# C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides and isolates, and
# the invisible characters.
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_INVISIBLE}]")
# What JSON output escapes on top of what json.dumps already escapes (it leaves C1 and bidi marks raw).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u202a-\u202e\u2066-\u2069{_INVISIBLE}]")
_JSON_UNSAFE_CHARS = tuple(
    chr(c)
    for c in (
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *(0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF),
        *range(0x2060, 0x2065),
        *range(0x206A, 0x2070),
        *range(0xFFF9, 0xFFFC),
    )
)


# What stands for a character an output cannot take (an ASCII-only terminal or pipe): its letter
# without accents ("falló" -> "fallo"), the nearest plain mark, or else "?".
NEAREST = "mbcprep-nearest"
_PLAIN_MARKS = {"¿": "?", "¡": "!", "•": "*", "→": "->", "←": "<-", "–": "-", "—": "-", "‘": "'", "’": "'",
                "“": '"', "”": '"', "«": '"', "»": '"', "·": ".", "×": "x"}  # fmt: skip
_PLAIN_MARKS.update(zip("▁▂▃▄▅▆▇█", "_.,-=+*#", strict=True))  # a trend's chart, low to high


def nearest(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler (see NEAREST): what an output cannot take, shown as near as it can."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    out = []
    for ch in error.object[error.start : error.end]:
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        for choice in (bare, _PLAIN_MARKS.get(ch, "")):
            try:
                if choice and choice.encode(error.encoding):
                    out.append(choice)
                    break
            except UnicodeEncodeError:
                continue
        else:
            out.append("?")
    return "".join(out), error.end


def printable(text: str) -> str:
    """`text` with every unsafe character shown as U+FFFD; newlines and tabs stay."""
    return UNSAFE.sub(REPLACEMENT, text)


_FOLD = re.compile(r"\s\s|[^\S ]|^\s|\s$")  # white space that folding would change


def one_line(text: str, width: int | None = None) -> str:
    """Printable text on one line (runs of white space folded), cut to `width` with an ellipsis."""
    if UNSAFE.search(text):
        text = printable(text)
    if _FOLD.search(text):
        text = " ".join(text.split())
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


def wrap(text: str, width: int, indent: str = "", *, first: str | None = None) -> str:
    """Printable text wrapped at word boundaries, line by line; a long word (a file path) stays whole
    so it can be copied. `first` is the first line's indent, when it differs from the others'."""
    import textwrap

    return "\n".join(
        textwrap.fill(
            line,
            width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        if line.strip()
        else ""
        for line in printable(text).split("\n")
    )


_QUOTED_COMMAND = re.compile(r"'mbcprep [^'\n]*'")
_HELD = "\u00a0"  # a space no line is broken at (textwrap breaks only at ASCII white space)


def fit_to_screen(text: str, stream: Any) -> str:
    """`text` wrapped at word boundaries to the width of the terminal `stream` writes to: a message the
    terminal splits mid-word is hard to read, and a command in it cannot be copied whole. Unchanged
    when `stream` is not a terminal (a pipe or a file gets each message on one line)."""
    try:
        if not stream.isatty():
            return text
    except (AttributeError, ValueError, OSError):
        return text
    import shutil

    width = shutil.get_terminal_size().columns
    if all(len(line) <= width for line in text.split("\n")):
        return text
    # A command named in the message ("run 'mbcprep new-visit'") stays on one line, to be copied whole.
    held = _QUOTED_COMMAND.sub(lambda m: m[0].replace(" ", _HELD), text)
    return "\n".join(line if len(line) <= width else wrap(line, width) for line in held.split("\n")).replace(_HELD, " ")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, saying how much was left out (for long notes shown in a terminal)."""
    from mbcprep.i18n import ngettext, number

    if len(text) <= limit:
        return text
    more = len(text) - limit
    return text[:limit] + ngettext(
        "... ({count} more character, see the sheet)", "... ({count} more characters, see the sheet)", more
    ).format(count=number(more))


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON for a terminal or a file: exactly the data, with nothing in it a terminal would act on."""
    import json

    return json_safe(json.dumps(data, ensure_ascii=False, indent=indent))


def json_safe(dumped: str) -> str:
    """JSON text with the characters a terminal would act on written as \\u escapes. Looking for
    each such character in turn is several times quicker than the pattern over megabytes of text
    that holds none (the usual case)."""
    found = "\x7f" in dumped if dumped.isascii() else any(ch in dumped for ch in _JSON_UNSAFE_CHARS)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped) if found else dumped
