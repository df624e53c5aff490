"""The sheet's document (mbcprep/formats/document.py): what a person typed is a text node, and stays
one in every format.

1. On the sheet of any visit, whatever is typed in any field is the words of text nodes only: the
   document has the same shape (the same blocks, marks, boxes and lines) as the sheet of a visit with
   plain words there.
2. Any document at all, with any text in its nodes, renders as:
   - HTML with only the page's own elements and attributes, the same as for plain words, and its
     text escaped (read back, the words are the text);
   - plain text with no control character or terminal escape, only the words;
   - Markdown whose structure (blocks and inline marks) is that of plain words, read back as the text.
3. The helpers a section builds with: `words` reads marks only in the template, never in what fills it.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mbcprep.formats.document import (
    Bullets,
    Document,
    Emphasis,
    Heading,
    Inline,
    Item,
    LineBreak,
    Numbered,
    Paragraph,
    Rule,
    Strong,
    Table,
    Text,
    WriteLine,
    heading,
    typed,
    typed_paragraphs,
    words,
)
from mbcprep.formats.html import render_html
from mbcprep.formats.markdown import render_markdown
from mbcprep.formats.plain_text import render_text
from mbcprep.sheets.context import READERS, SheetOptions
from mbcprep.sheets.sheet import build_sheet
from mbcprep.text import UNSAFE, printable
from tests.profiles import examples
from tests.test_html import HOSTILE, Page, assert_only_allowed, care_context, every_field, told_and_answered
from tests.test_properties import CONTENT, MADE_ON, SNIPPETS, baseline_of, make_visit, text_strategy

FAST = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
md = MarkdownIt("commonmark").enable("table")


def shape(node: Any) -> Any:
    """A document, a block or a node with every text node's words left out: what typed text must
    never change."""
    if isinstance(node, Text):
        return ("text", node.lang)
    if isinstance(node, (tuple, list)):
        return tuple(shape(n) for n in node)
    if is_dataclass(node):
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in fields(node)))
    return node


def texts(node: Any) -> list[str]:
    """The words of every text node, in order."""
    if isinstance(node, Text):
        return [node.text]
    if isinstance(node, (tuple, list)):
        return [t for n in node for t in texts(n)]
    if is_dataclass(node):
        return [t for f in fields(node) for t in texts(getattr(node, f.name))]
    return []


def plain_words_instead(node: Any) -> Any:
    """The same document with plain words ("x") in every text node that shows any."""
    if isinstance(node, Text):
        return replace(node, text="x" if printable(node.text).strip() else node.text)
    if isinstance(node, tuple):
        return tuple(plain_words_instead(n) for n in node)
    if is_dataclass(node):
        return replace(node, **{f.name: plain_words_instead(getattr(node, f.name)) for f in fields(node)})
    return node


def is_in_order(words: str, text: str) -> bool:
    """Whether the characters of `words` are in `text`, in the same order (other things between)."""
    rest = iter(text)
    return all(ch in rest for ch in words)


# --- 1. a sheet's typed words are text nodes ------------------------------------------------------------


def sheet_of(reader: str, text: str) -> Document:
    visit = told_and_answered(every_field(text), text)
    options = SheetOptions(scores=True, notes=True, message=text, after_visit=True)
    return build_sheet(visit, CONTENT, MADE_ON, reader, care_context(text), options)


def plain_sheet_of(reader: str, text: str) -> Document:
    lines = [ln for ln in re.split(r"\r\n?|\n", text) if ln.strip()]
    plain = "\n".join("plain" for _ in lines) or "plain"
    visit = told_and_answered(baseline_of(every_field(text)), plain)
    options = SheetOptions(scores=True, notes=True, message=plain, after_visit=True)
    return build_sheet(visit, CONTENT, MADE_ON, reader, care_context("plain"), options)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("text", [*HOSTILE, "**", "*x*", "{who}", "{0}", "[ ] ___"])
def test_typed_text_is_only_ever_the_words_of_text_nodes(reader: str, text: str) -> None:
    made = sheet_of(reader, text)
    assert shape(made) == shape(plain_sheet_of(reader, text))
    for line in [ln for ln in re.split(r"\r\n?|\n", text) if ln.strip()]:
        assert typed(line).text in texts(made), line


@FAST
@given(text=text_strategy().filter(str.strip), reader=st.sampled_from(READERS))
def test_any_typed_text_leaves_the_sheet_s_shape_alone(text: str, reader: str) -> None:
    assert shape(sheet_of(reader, text)) == shape(plain_sheet_of(reader, text))


# --- 2. any document, in every format --------------------------------------------------------------------

LANGS = st.sampled_from(["", "en", "es", "pt-BR"])
ANY_TEXT = text_strategy()


def text_nodes(*, made_by_typed: bool = False) -> st.SearchStrategy[Text]:
    """Text nodes with any text at all, or (`made_by_typed`) as a section makes a person's: `typed`."""
    if made_by_typed:
        return st.builds(typed, ANY_TEXT, LANGS)
    return st.builds(Text, ANY_TEXT, LANGS)


def inlines(*, made_by_typed: bool = False, depth: int = 1) -> st.SearchStrategy[tuple[Inline, ...]]:
    """A line's nodes. Made as sections make them (`made_by_typed`): runs of typed text, strong or
    emphasised typed text, and lines to write on, a space or a line break between two."""
    text = text_nodes(made_by_typed=made_by_typed)
    run: st.SearchStrategy[Inline] = text | st.just(WriteLine())
    if depth:
        inner = inlines(made_by_typed=made_by_typed, depth=depth - 1).filter(bool)
        run = run | st.builds(Strong, inner) | st.builds(Emphasis, inner)
    if not made_by_typed:
        return st.lists(run | st.just(LineBreak()), max_size=4).map(tuple)
    between = st.sampled_from([Text(" "), LineBreak()])
    return st.lists(st.tuples(between, run), max_size=4).map(lambda pairs: tuple(n for pair in pairs for n in pair)[1:])


def documents(*, made_by_typed: bool = False) -> st.SearchStrategy[Document]:
    line = inlines(made_by_typed=made_by_typed)
    cell = st.lists(text_nodes(made_by_typed=made_by_typed), max_size=1).map(tuple)
    items = st.lists(st.builds(Item, line, st.sampled_from([None, False, True])), min_size=1, max_size=3).map(tuple)
    block = st.one_of(
        st.builds(Heading, st.integers(1, 2), st.tuples(text_nodes(made_by_typed=made_by_typed))),
        st.builds(Paragraph, line),
        st.builds(Bullets, items, st.booleans()),
        st.builds(Numbered, items, st.integers(1, 12), st.booleans()),
        st.integers(1, 3).flatmap(
            lambda n: st.builds(
                Table, st.tuples(*[cell] * n), st.lists(st.tuples(*[cell] * n), min_size=1, max_size=3).map(tuple)
            )
        ),
        st.just(Rule()),
    )
    return st.lists(block, max_size=6).map(lambda blocks: Document(tuple(blocks)))


DOCUMENTS = documents()


def collapse(text: str) -> str:
    return " ".join(text.split())


def no_space(text: str) -> str:
    return "".join(text.replace("\u2011", "-").split())  # a month's hyphen does not break on a page


@FAST
@given(DOCUMENTS)
def test_html_of_any_document_has_only_the_page_s_elements_and_shows_the_text(made: Document) -> None:
    found = Page(render_html(made, title="t", lang="en"))
    assert_only_allowed(found)
    assert found.elements == Page(render_html(plain_words_instead(made), title="t", lang="en")).elements
    assert no_space("".join(found.visible)) == no_space(printable("".join(texts(made))))


def shown_in_text(made: Document) -> str:
    """The words plain text shows: every text node's but a table's header cells (each row says
    what it is)."""
    kept = [replace(b, header=()) if isinstance(b, Table) else b for b in made.blocks]
    return printable("".join(texts(kept)))


@FAST
@given(DOCUMENTS)
def test_plain_text_of_any_document_is_its_words_and_no_terminal_escape(made: Document) -> None:
    for width in (None, 78):
        text = render_text(made, width)
        assert not UNSAFE.search(text.replace("\n", "")), repr(text)
        assert "\x1b" not in text and "\r" not in text
        assert is_in_order(no_space(shown_in_text(made)), no_space(text))
    assert "____" not in render_text(made) or "____" in shown_in_text(made)  # no line to write on


@FAST
@given(documents(made_by_typed=True))
def test_markdown_of_a_document_has_the_structure_of_plain_words(made: Document) -> None:
    text = render_markdown(made)
    plain = render_markdown(plain_words_instead(made))
    tokens, base = md.parse(text), md.parse(plain)
    assert [(t.type, t.tag) for t in tokens] == [(t.type, t.tag) for t in base]
    marks = {"em_open", "strong_open", "link_open", "image", "code_inline", "html_inline", "s_open"}
    kinds = [c.type for t in tokens for c in t.children or [] if c.type in marks]
    assert kinds == [c.type for t in base for c in t.children or [] if c.type in marks]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_snippet_in_a_text_node_reads_back_from_the_markdown_as_itself(snippet: str) -> None:
    text = typed(f"a {snippet} b")
    made = Document((Paragraph((text,)),))
    (inline,) = [t for t in md.parse(render_markdown(made)) if t.type == "inline"]
    shown = "".join(c.content for c in inline.children or [] if c.type in ("text", "text_special"))
    assert shown == text.text


# --- 3. building ---------------------------------------------------------------------------------------


def test_words_reads_marks_in_the_template_only() -> None:
    made = words("**With:** {who} *({note})*", who="**Dr** *Lee*", note=typed("a\nb  {x}"))
    assert made == (
        Strong((Text("With:"),)),
        Text(" "),
        Text("**Dr** *Lee*"),
        Text(" "),
        Emphasis((Text("("), Text("a b  {x}"), Text(")"))),
    )


def test_words_shows_a_mark_left_open_as_it_is() -> None:
    assert words("a ** b") == (Text("a "), Text("**"), Text(" b"))


def test_a_heading_s_level_is_its_marks_and_its_look_is_kept() -> None:
    assert heading("## Don't wait", look="signs") == Heading(2, (Text("Don't wait"),), "signs")
    assert heading("# Visit for {name}", name=typed("Ana *")) == Heading(1, (Text("Visit for "), Text("Ana *")))


def test_typed_text_is_one_line_of_safe_characters() -> None:
    assert typed("  a\r\nb\tc\x1b[31m  ", "es") == Text("a b c\ufffd[31m", "es")
    assert typed_paragraphs("one\r\n\n  \ntwo\rthree", "en") == [
        Paragraph((Text("one", "en"),)),
        Paragraph((Text("two", "en"),)),
        Paragraph((Text("three", "en"),)),
    ]


def test_the_html_page_marks_a_passage_in_another_language_and_refuses_a_tag_that_is_not_one() -> None:
    made = Document((Paragraph((Text("hola", "es"), Text(" and "), Text("hello", "en"))),))
    assert '<p><span lang="es">hola</span> and hello</p>' in render_html(made, title="t", lang="en")
    with pytest.raises(ValueError):
        render_html(Document((Paragraph((Text("x", 'en" onload="y'),)),)), title="t")


def test_a_blank_strong_leaves_no_rule_in_the_markdown() -> None:
    made = Document((Paragraph((Strong((Text(""),)),)), Paragraph((Text("x"),))))
    assert "hr" not in [t.type for t in md.parse(render_markdown(made))]


def test_a_trend_s_arrow_stays_as_typed_in_the_markdown_file_and_opens_no_quote() -> None:
    made = Document(
        (
            Bullets((Item((Text("CA 15-3 32 -> 40 -> 48 U/mL"),)), Item((Text("> 6 mm"),)))),
            Paragraph((Text("a <b>x</b> > y"),)),
        )
    )
    raw = render_markdown(made)
    assert "32 -> 40 -> 48" in raw and "\\>" not in raw.replace("\\> 6", "")
    assert "blockquote_open" not in [t.type for t in md.parse(raw)]
    assert "html_inline" not in [c.type for t in md.parse(raw) for c in t.children or []]


def test_a_month_or_a_day_in_the_html_never_breaks_at_its_hyphens() -> None:
    made = Document((Paragraph((Text("Made 2026-12-08, since 2026-09, page 3-4"),)),))
    page = render_html(made, title="t")
    assert "2026\u201112\u201108" in page and "2026\u201109" in page and "3-4" in page


def test_the_doctest_in_the_module_holds() -> None:
    import doctest

    from mbcprep.formats import document

    assert doctest.testmod(document).failed == 0


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c"])
def test_notes_part_only_where_enter_was_pressed_on_every_reader_s_sheet(separator: str) -> None:
    """The doctor's and the family's sheets once split the notes at any line separator Python knows
    (a NEL, U+2028...), where one's own sheet showed it as U+FFFD: one note read two ways."""
    visit = make_visit(notes=f"a{separator}b\nc")
    for reader in READERS:
        made = build_sheet(visit, CONTENT, MADE_ON, reader, options=SheetOptions(notes=True))
        start = next(i for i, b in enumerate(made.blocks) if isinstance(b, Heading) and "Notes" in texts(b)[0])
        notes = [texts(b) for b in made.blocks[start + 1 : start + 3]]
        assert notes == [["a\ufffdb"], ["c"]], reader


@pytest.mark.parametrize(
    "parts",
    [
        (Text(""), Text(" "), Text("-")),  # a bullet, once: " -"
        (Text(" "), Text(" "), Text("  "), Text("x")),  # code, once: four blanks
        (Strong((Text(""),)), Text(" "), Text("1.")),
        (Text("a"), LineBreak(), Text(""), Text(" "), Text("# b")),
    ],
)
def test_what_opens_a_line_is_escaped_after_anything_that_shows_nothing(parts: tuple[Inline, ...]) -> None:
    """Found by the property above: a line's first text was escaped as a line's start, and the next
    was not, even when the first showed nothing."""
    made = Document((Paragraph(parts),))
    assert [t.type for t in md.parse(render_markdown(made))] == ["paragraph_open", "inline", "paragraph_close"]
