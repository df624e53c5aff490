"""The plain-text sheet: for an email, a phone or a screen reader. The same sheet as the Markdown,
with none of its marks, and whatever a person typed shown exactly as typed."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from mbcprep.formats import document as doc
from mbcprep.formats.plain_text import render_text
from mbcprep.model.visit import Visit
from mbcprep.text import printable
from tests.profiles import examples
from tests.test_properties import CLEAN, SNIPPETS, WORDS, document, make_visit, text_strategy

FAST = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])

PLAIN = """\
Visit: Friday 15 January 2027

With: Dr Rivera
Kind of visit: Test or scan results
Filled in by: a caregiver

Ask these first

1. [ ] How will I know it works?
       Why ask: Ask this if ...
       Answer:

2. [ ] Can I still travel in May?
       Answer:

How the person I care for feels right now

Scores given by a caregiver. 0 means none, 10 means as bad as it can be.

Pain: 4
itchy skin: 3 (at night)

What matters to the person I care for

- How should we talk?
  straight facts

Notes

Bring the scan disc.

Made with mbcprep on 2026-11-23. This sheet is to help you talk with your care team. It is not medical \
advice: your doctors and nurses know your situation best.
"""

_MARKER = re.compile(r"^(?:(?:\d+\.|-) )?(?:\[[ x]\] )?")


def text_of(visit: Visit) -> str:
    """The plain text with lines as long as their paragraphs: what shows, line for line."""
    return render_text(document(visit), width=None)


def test_the_sheet_as_plain_text() -> None:
    assert text_of(make_visit()) == PLAIN


def test_the_sheet_as_sent_wraps_its_long_lines() -> None:
    wrapped = PLAIN.replace(
        "with your care team. It is not medical advice:", "with your care\nteam. It is not medical advice:"
    )
    wrapped = wrapped.replace("know your situation best.", "know your situation\nbest.")
    assert render_text(document(make_visit())) == wrapped


def assert_wrapped_well(visit: Visit) -> None:
    """Wrapped at 78 (a longer line is one word), never a line over 998 bytes, and the same words
    in the same order as the lines before wrapping; a list item's lines stay under its words."""
    whole, wrapped = text_of(visit), render_text(document(visit))
    assert "".join(wrapped.split()) == "".join(whole.split())
    for line in wrapped.split("\n"):
        assert len(line.encode("utf-8")) <= 998
        words = _MARKER.sub("", line.strip()).split(" ")  # a list item's number and box are not words
        assert len(line) <= 78 or len(words) == 1 or len(line.encode("utf-8")) > 850, line


@pytest.mark.parametrize("long", ["word " * 300, "x" * 5000 + " after", "é" * 2000, "a\n" + "b c " * 400])
def test_long_lines_are_wrapped_at_a_readable_width(long: str) -> None:
    visit = make_visit(notes=long, own=long, answer=long, note=long)
    assert_wrapped_well(visit)
    lines = render_text(document(visit)).split("\n")
    first = next(n for n, ln in enumerate(lines) if ln.startswith("2. [ ] "))
    assert lines[first + 1].startswith("       ") and lines[first + 1].strip()  # under the question's words


def words(text: str) -> tuple[doc.Text]:
    return (doc.Text(text),)


def test_no_markdown_mark_is_left() -> None:
    text = text_of(make_visit(notes="one\ntwo"))
    for mark in ("#", "**", "*", "\\", "|", "`", "___", "---", "](", "- [ ]", "&"):
        assert mark not in text, mark


def test_lists_tables_and_rules_of_any_document() -> None:
    text, box, line = doc.Text, doc.Item, doc.LineBreak()
    made = doc.Document(
        (
            doc.Numbered((box(words("a")), box(words("b"), box=True)), start=3),
            doc.Bullets((box(words("c"), box=False), box((text("d"), line, doc.Strong(words("e")))))),
            doc.Table(
                (words("A"), words("B"), words("C")), ((words("x"), (), words("z")), (words("y"), words("2"), ()))
            ),
            doc.Rule(),
            doc.Paragraph((text("end "), doc.Emphasis(words("now")), text(" "), doc.WriteLine())),
        )
    )
    assert render_text(made) == "3. a\n4. [x] b\n\n[ ] c\n- d\n  e\n\nx (z)\ny: 2\n\nend now\n"


# --- what a person typed shows as typed -------------------------------------------------------------


def one_line(text: str) -> str:
    """How a one-line field shows (as on the Markdown sheet): line breaks and tabs as spaces, trimmed,
    controls and bidi overrides as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return printable(" ".join(text.split("\n"))).strip()


def note_lines(text: str) -> list[str]:
    return [one_line(ln) for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]


def section(lines: list[str], title: str, end: str) -> list[str]:
    start = lines.index(title) + 2
    return lines[start : lines.index(end, start)]


def assert_shows_as_typed(with_whom: str, notes: str, own: str, name: str, note: str, answer: str) -> None:
    visit = make_visit(with_whom=with_whom, notes=notes, own=own, name=name, note=note, answer=answer, score=5)
    lines = text_of(visit).split("\n")  # not splitlines(): U+2028 in a field is not a line break here
    assert ("With: " + one_line(with_whom) in lines) == bool(one_line(with_whom))
    feel = "How the person I care for feels right now"
    matters = "What matters to the person I care for"
    assert section(lines, "Ask these first", feel) == [
        "1. [ ] How will I know it works?",
        "       Why ask: Ask this if ...",
        "       Answer:",
        "",
        f"2. [ ] {one_line(own)}",
        "       Answer:",
        "",
    ]
    row = f"{one_line(name)}: 5" + (f" ({one_line(note)})" if one_line(note) else "")
    assert section(lines, feel, matters)[2:] == ["Pain: 4", row, ""]
    assert section(lines, matters, "Notes" if note_lines(notes) else lines[-2]) == [
        "- How should we talk?",
        f"  {one_line(answer)}",
        "",
    ]
    if note_lines(notes):
        shown = [ln for ln in section(lines, "Notes", lines[-2]) if ln]
        assert shown == note_lines(notes)


def every_field(text: str) -> tuple[str, str, str, str, str, str]:
    return (text, text, text, text, text, text)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:x)",
    "https://evil.example",
    "**bold** _em_ `code`",
    "| a | b |",
    "&amp; &lt; &#x41;",
    "\\ \\\\ \\* \\|",
    "[ ] not a box",
    "___ not a line",
    "1. not a list",
    "- not a bullet",
    "# not a heading",
    "a  b   c",
    "a\x1b[31mb\x07c\u202ed",
    "שלום مرحبا 123",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_shows_as_typed(text: str) -> None:
    assert_shows_as_typed(*every_field(text))


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_snippet_in_every_field_shows_as_typed(snippet: str) -> None:
    for text in (snippet, f"a {snippet} b", f"{snippet}x{snippet}"):
        if text.strip() and one_line(text):
            assert_shows_as_typed(*every_field(text))


@FAST
@given(with_whom=CLEAN, notes=CLEAN, own=WORDS, name=WORDS, note=text_strategy(), answer=WORDS)
def test_any_text_shows_as_typed(with_whom: str, notes: str, own: str, name: str, note: str, answer: str) -> None:
    assert_shows_as_typed(with_whom, notes, own, name, note, answer)
    assert_wrapped_well(make_visit(with_whom=with_whom, notes=notes, own=own, name=name, note=note, answer=answer))
