"""The HTML sheet: one self-contained page, rendered from the same document as the other formats.

Read back with Python's own HTML parser: only the elements and attributes the page itself writes,
nothing that loads or links anywhere, and whatever a person typed in any field is visible text
that adds no element.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbcprep.formats.document import Bullets, Document, Heading, Item, Text
from mbcprep.formats.html import COMPACT_STYLE, STYLE, page_style, render_html
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.visit import Visit
from mbcprep.sheets.context import READERS, SheetContext, SheetOptions
from mbcprep.sheets.sheet import build_sheet
from mbcprep.text import printable
from tests.profiles import examples
from tests.test_properties import CONTENT, MADE_ON, SNIPPETS, WORDS, baseline_of, document, make_visit, text_strategy

FAST = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every element the page may have, with the attributes each may carry.
ALLOWED: dict[str, set[str]] = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "http-equiv", "name", "content"},
    "title": set(),
    "style": set(),
    "body": set(),
    "header": set(),
    "section": {"class"},
    "footer": set(),
    **{f"h{n}": set() for n in range(1, 7)},
    "p": set(),
    "br": set(),
    "strong": set(),
    "em": set(),
    "ul": set(),
    "ol": {"start"},
    "li": {"class"},
    "span": {"class", "aria-hidden", "lang"},
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"scope"},
    "td": set(),
    "hr": set(),
    "blockquote": set(),
    "pre": set(),
    "code": set(),
}
CLASSES = {"li": {"task"}, "span": {"box", "box checked", "write"}, "section": {"flows", "signs", "signs flows"}}
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[a](javascript:x)",
    "![i](https://evil.example/i.png)",
    "https://evil.example",
    "<https://evil.example>",
    "www.evil.example",
    "a@evil.example",
    "**bold** _em_ `code`",
    "| a | b |",
    "&amp; &lt; &#x41; &copy",
    "[ ] not a box",
    "___ not a line",
    "# heading\n- item\n> quote",
    "</style><style>@import url(//evil.example)</style>",
    "a\x1b[31mb\x07c\u202ed\x00e",
]


class Page(HTMLParser):
    """What a browser would build from the page: its elements, their attributes, the visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.visible: list[str] = []
        self.title = ""
        self.style = ""
        self.open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))
        if tag not in ("meta", "br", "hr"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        where = self.open[-1] if self.open else ""
        if where == "title":
            self.title += data
        elif where == "style":
            self.style += data
        else:
            self.visible.append(data)

    def text(self) -> str:
        return " ".join("".join(self.visible).split())

    def tags(self) -> Counter[str]:
        return Counter(tag for tag, _ in self.elements)


def page(visit: Visit | None = None) -> Page:
    return Page(render_html(document(visit or make_visit()), title="My visit"))


def assert_only_allowed(found: Page) -> None:
    assert not found.open, found.open
    for tag, attrs in found.elements:
        assert tag in ALLOWED, tag
        for name, value in attrs:
            assert name in ALLOWED[tag], (tag, name)
            if name == "class":
                assert value in CLASSES[tag], (tag, value)
            if name == "aria-hidden":
                assert value == "true"
            if name == "start":
                assert value is not None and value.isdigit()
    assert [tag for tag, _ in found.elements].count("style") == 1
    for _tag, attrs in found.elements:
        for name, value in attrs:
            assert name not in ("href", "src", "style", "action", "srcset") and not name.startswith("on")
            assert not re.search(r"(?i)https?:|//|url\(|javascript:", value or "")
    assert_style_loads_nothing(found.style)


def assert_style_loads_nothing(css: str) -> None:
    assert css in (STYLE, page_style(compact=True))  # the sheet's own style, or the doctor's closer one
    for bad in ("url(", "@import", "http", "//", "attr(", "@font-face", "image-set", "expression("):
        assert bad not in css.lower(), bad


def collapse(text: str) -> str:
    return " ".join(text.split())


def shown(text: str) -> str:
    """How a field shows: controls and bidi overrides as U+FFFD, white space runs as one space."""
    return collapse(printable(text))


# --- the page --------------------------------------------------------------------------------------


def test_the_page_is_one_self_contained_html5_document() -> None:
    text = render_html(document(make_visit()), title="My visit: Friday 15 January 2027", lang="en")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    found = Page(text)
    assert_only_allowed(found)
    assert found.title == "My visit: Friday 15 January 2027"
    assert "script" not in found.tags() and "input" not in found.tags()
    assert found.tags()["header"] == 1 and found.tags()["footer"] == 1 and found.tags()["section"] == 4


def test_nothing_may_load_and_only_the_page_s_own_style_applies() -> None:
    found = page()
    (policy,) = [dict(attrs)["content"] for tag, attrs in found.elements if dict(attrs).get("http-equiv")]
    digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    assert policy is not None
    assert policy.startswith("default-src 'none'; ")
    assert f"style-src 'sha256-{digest}'" in policy


def test_the_sheet_shows_all_its_parts_in_order() -> None:
    words = page().text()
    parts = ["Visit:", "With: Dr Rivera", "Ask these first", "How the person I care for feels right now"]
    parts += ["What matters to the person I care for", "Notes", "Bring the scan disc.", "not medical advice"]
    assert [words.index(p) for p in parts] == sorted(words.index(p) for p in parts)
    assert "Symptom Score Note Pain 4 itchy skin 3 at night" in words
    assert "\\" not in words and "**" not in words and "|" not in words and "___" not in words


def test_every_question_has_a_box_that_prints_and_room_to_write() -> None:
    found = page()
    boxes = [a for t, a in found.elements if t == "span" and ("class", "box") in a]
    lines = [a for t, a in found.elements if t == "span" and ("class", "write") in a]
    tasks = [a for t, a in found.elements if t == "li" and ("class", "task") in a]
    assert len(boxes) == len(lines) == len(tasks) == 2
    css = " ".join(STYLE.split())
    # Drawn with a border, which browsers print; not a form control or a background, which they may not.
    assert re.search(r"\.box \{[^}]*width: [\d.]+em; height: [\d.]+em; border: 2px solid #000;", css)
    assert re.search(r"\.write \{[^}]*height: 3\.\d+em; border-bottom: 1px solid #000;", css)
    assert "display: none" not in css and "visibility" not in css


def words(text: str) -> tuple[Text]:
    return (Text(text),)


def test_a_box_the_document_ticked_shows_ticked() -> None:
    ticked = Document((Bullets((Item(words("done"), box=True), Item(words("to do"), box=False))),))
    found = Page(render_html(ticked, title="t"))
    assert [dict(a)["class"] for t, a in found.elements if t == "span"] == ["box checked", "box"]


def test_the_type_is_large_and_the_page_is_made_for_print() -> None:
    css = " ".join(STYLE.split())
    body = re.search(r"(?<![\w-])body \{([^}]*)\}", css)
    assert body is not None
    size = re.search(r"font-size: ([\d.]+)pt", body[1])
    assert size is not None and float(size[1]) >= 14
    assert re.search(r"line-height: 1\.[4-9]", body[1])
    # The box of signs that cannot wait may be compact (issue 19): 11 pt at the least (it holds 26 signs
    # and each level's help since issue 17), in two columns.
    in_the_box = r"section\.signs[^{]*\{[^}]*\}"
    box = " ".join(re.findall(in_the_box, css))
    assert re.search(r"font-size: 1[1-9]pt", box) and "columns: 2" in box
    for value, unit in re.findall(r"font-size: ([\d.]+)(pt|em|px|%|rem)", re.sub(in_the_box, "", css)):
        assert (unit == "pt" and float(value) >= 14) or (unit == "em" and float(value) >= 1), (value, unit)
    assert "@page { margin:" in css and "@media print" in css
    assert "break-after: avoid" in css and "break-inside: avoid" in css
    # On paper a page ends between two parts of the sheet rather than inside one, where it can.
    assert re.search(r"@media print \{[^@]*section, header \{ break-inside: avoid;", css)


def test_the_doctor_s_closer_page_keeps_the_type_large_and_its_own_style_by_hash() -> None:
    css = " ".join(COMPACT_STYLE.split())
    for value, unit in re.findall(r"font-size: ([\d.]+)(pt|em|px|%|rem)", css):
        assert (unit == "pt" and float(value) >= 14) or (unit == "em" and float(value) >= 1), (value, unit)
    assert re.search(r"line-height: 1\.[2-9]", css)
    assert_style_loads_nothing(page_style(compact=True))
    text = render_html(
        Document((Heading(1, words("x")), Heading(2, words("y")), Bullets((Item(words("z")),)))),
        title="t",
        compact=True,
    )
    found = Page(text)
    assert found.style == page_style(compact=True)
    digest = base64.b64encode(hashlib.sha256(found.style.encode("utf-8")).digest()).decode("ascii")
    assert f"style-src 'sha256-{digest}'" in text


def test_the_title_and_language_are_kept_in_their_place() -> None:
    found = Page(
        render_html(Document((Heading(1, words("x")),)), title='<script>alert(1)</script>" \x1b', lang="pt-BR")
    )
    assert found.title == '<script>alert(1)</script>" \ufffd'
    assert found.elements[0] == ("html", (("lang", "pt-BR"),))
    assert "script" not in found.tags()
    for lang in ("", 'en" onload="x', "en us", "e"):
        with pytest.raises(ValueError):
            render_html(Document((Heading(1, words("x")),)), title="t", lang=lang)


# --- what a person typed --------------------------------------------------------------------------


def every_field(text: str) -> Visit:
    return make_visit(with_whom=text, notes=text, own=text, name=text, note=text, answer=text)


def assert_text_only(visit: Visit, fields: list[str]) -> None:
    found = page(visit)
    base = page(baseline_of(visit))
    assert_only_allowed(found)
    assert found.elements == base.elements  # the same elements, the same attributes, in the same order
    words = found.text()
    for text in fields:
        for line in [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]:
            assert shown(line) in words, line


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_is_visible_text_and_adds_no_element(text: str) -> None:
    assert_text_only(every_field(text), [text])


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_snippet_in_every_field_adds_no_element(snippet: str) -> None:
    text = f"{snippet}x{snippet}" if not snippet.strip() else snippet
    visit = every_field(text)
    assert page(visit).elements == page(baseline_of(visit)).elements


@FAST
@given(with_whom=text_strategy(), notes=text_strategy(), own=WORDS, name=WORDS, note=text_strategy(), answer=WORDS)
def test_any_text_in_any_field_adds_no_element(
    with_whom: str, notes: str, own: str, name: str, note: str, answer: str
) -> None:
    visit = make_visit(with_whom=with_whom, notes=notes, own=own, name=name, note=note, answer=answer)
    found = page(visit)
    assert_only_allowed(found)
    assert found.elements == page(baseline_of(visit)).elements


def test_the_formats_never_load_markdown_it_even_when_they_render() -> None:
    """The sheets are rendered from their document: no Markdown is parsed back, so no parser loads."""
    import subprocess
    import sys

    script = (
        "import sys, datetime\n"
        "from mbcprep.formats.html import render_html\n"
        "from mbcprep.formats.markdown import render_markdown\n"
        "from mbcprep.formats.plain_text import render_text\n"
        "from mbcprep.model.content import Content\n"
        "from mbcprep.model.visit import SymptomScore, Visit, VisitQuestion\n"
        "from mbcprep.sheets.sheet import build_sheet\n"
        "visit = Visit('u', visit_date='2027-01-15', notes='**n**', questions=[VisitQuestion('q?', rank=1)],"
        " symptoms=[SymptomScore('pain', 'Pain', 4, 'at night')])\n"
        "made = build_sheet(visit, Content(), datetime.date(2026, 11, 23))\n"
        "assert render_html(made, title='t') and render_markdown(made) and render_text(made)\n"
        "print('markdown_it' in sys.modules)"
    )
    root = Path(__file__).parent.parent
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True, cwd=root
    )
    assert ran.stdout.strip() == "False"


# --- my care, the answers after the visit, and each reader's sheet ------------------------------------


def _lines(text: str) -> list[str]:
    return [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]


def care_context(text: str) -> SheetContext:
    return SheetContext(
        medicines=[Medicine("m-1", text, text, text, text, "2024-03")],
        treatments=[Treatment("t-1", text, "hormone", "2024-03", "2026-01", "side-effects", text)],
        team=[TeamMember("c-1", text, text, text, text, True)],
        changes=[text],
    )


def told_and_answered(visit: Visit, text: str) -> Visit:
    visit.questions[0].outcome, visit.questions[0].answer = "answered", text
    visit.questions[1].outcome = "partly"
    visit.told, visit.next_visit, visit.debriefed_at = text, "2027-02-12", "2027-01-15T18:00:00+00:00"
    return visit


def reader_page(visit: Visit, reader: str, text: str, block: str | None = None) -> Page:
    """The page of `visit` for `reader` with `text` in every field of my care, and `block` (or `text`)
    as the message to the family, a field of paragraphs."""
    options = SheetOptions(scores=True, notes=True, message=text if block is None else block)
    made = build_sheet(visit, CONTENT, MADE_ON, reader, care_context(text), options)
    return Page(render_html(made, title="t", compact=reader == "doctor"))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_my_care_and_the_answers_is_text_on_every_reader_s_sheet(reader: str, text: str) -> None:
    visit = told_and_answered(every_field(text), text)
    plain = "\n".join("plain" for _ in _lines(text))
    found = reader_page(visit, reader, text)
    base = reader_page(told_and_answered(baseline_of(visit), plain), reader, "Plain", plain)
    assert_only_allowed(found)
    assert found.elements == base.elements
    words = found.text()
    for line in _lines(text):
        assert shown(line) in words, (reader, line)


@FAST
@given(text=text_strategy().filter(str.strip), reader=st.sampled_from(READERS))
def test_any_text_in_my_care_adds_no_element(text: str, reader: str) -> None:
    visit = told_and_answered(make_visit(), text)
    plain = "\n".join("plain" for _ in _lines(text))
    found = reader_page(visit, reader, text)
    assert_only_allowed(found)
    assert found.elements == reader_page(told_and_answered(make_visit(), plain), reader, "plain", plain).elements


def test_the_doctors_numbered_questions_have_room_for_two_digits() -> None:
    """Printed, question 10 lost its "1" to the page edge and read as question 0 (the list's
    numbers stand in its left padding, 1.2em on the closer page)."""
    from mbcprep.formats.html import COMPACT_STYLE

    css = " ".join(COMPACT_STYLE.split())
    # the last rule for `ol` that sets it wins, as in the browser
    paddings = re.findall(r"(?:^|[},] ?)(?:[\w.-]+, )*ol(?:, [\w.-]+)* \{[^}]*padding-left: ([\d.]+)em", css)
    assert paddings and float(paddings[-1]) >= 1.6, paddings
