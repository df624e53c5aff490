"""A sheet as one print-ready HTML page: made from the same Markdown as the sheet, self-contained.

The page holds everything it needs: inline CSS, no script, no link, no image, no font or file from
anywhere, so it opens offline and tells nobody it was opened. A Content-Security-Policy in the page
says so to the browser too: nothing may load, and only the page's own style (by its hash) applies.

What a person typed reaches the page as text only: the Markdown escapes it (`formats.markdown`),
the parser here takes no raw HTML, links or images (`formats.sheet_tokens`), and the renderer
escapes every character that means something in HTML. Elements carry no attributes but the page's
own classes, an ordered list's start number, a header cell's scope and the language of a passage.

For print: large type (14 pt body), room to write under each question, boxes to tick drawn with
borders (browsers print borders, but not always backgrounds or form controls), headings kept with
what follows them, and a question, a table or a short part never split across two pages; a long
part (many questions, the warning signs) flows on from one page to the next rather than leaving
a page mostly empty. The signs that cannot wait stand in a box, in two columns.

For every reader (WCAG 2.2 AA, checked with axe-core in tests/test_accessible_pages.py): the page's
language, a title, header cells that say what they head, black on white, and the language of a
person's own words when the sheet is in another one.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mbcprep.formats.sheet_tokens import CHECKBOX, WRITE_LINE, parser, sheet_tokens
from mbcprep.text import printable

LANG_OPEN, LANG_CLOSE = "lang_open", "lang_close"  # token types: a passage in another language

if TYPE_CHECKING:
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token

    from mbcprep.formats.registry import Job

_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_CLASS = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A part of the sheet with more list items than this may break across pages (see the print style).
FLOWS_FROM = 5
SIGNS = "signs"  # the class of the part that holds the signs that cannot wait
_TASK_MARK = re.compile(r"^\[[ xX]\] ")
# A number and its unit ("1500 mg", "38 C", "2 kg") are never parted at the end of a line.
_UNIT = re.compile(r"(\d) (?=[^\W\d_]{1,3}\b)")
_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b")  # nor is a month, "2026-02", at its hyphen

# Margins of 8 mm top and bottom (as on the doctor's page) and 10 mm at the sides: inside what printers
# print, and room for the own sheet in Spanish, with every sign in its box, on three Letter pages.
STYLE = """
@page { margin: 8mm 10mm; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 44em; padding: 1.2em 1em 2em;
  font-family: Arial, "Liberation Sans", Helvetica, "Nimbus Sans", system-ui, "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: 14pt; line-height: 1.4; color: #000; background: #fff; overflow-wrap: break-word;
}
h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 .5em; }
h2 { font-size: 1.3em; line-height: 1.3; margin: 1.1em 0 .4em; padding-bottom: .1em; border-bottom: 2px solid #000; }
h3 { font-size: 1.1em; margin: 1.1em 0 .4em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 .3em; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 .7em; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 1em; padding-left: 1.8em; }
li { margin: 0 0 .5em; break-inside: avoid; page-break-inside: avoid; }
li > p { margin: 0; }
li.task { list-style: none; position: relative; margin-bottom: .1em; }
.box {
  position: absolute; left: -1.6em; top: .22em; box-sizing: border-box;
  width: 1.05em; height: 1.05em; border: 2px solid #000; border-radius: 2px;
}
.box.checked::after {
  content: ""; position: absolute; left: .28em; top: .04em; width: .28em; height: .56em;
  border: solid #000; border-width: 0 .14em .14em 0; transform: rotate(45deg);
}
.write { display: block; margin-top: -1.4em; height: 3.0em; border-bottom: 1px solid #000; }
.write::before { content: ""; display: block; height: 1.5em; border-bottom: 1px solid #767676; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: .3em .6em; text-align: left; vertical-align: top; }
section > ol { break-inside: avoid; page-break-inside: avoid; }
pre { white-space: pre-wrap; font-size: 1em; }
code { font-size: 1em; }
hr { border: 0; border-top: 1px solid #000; margin: 1.5em 0; }
footer {
  margin-top: .8em; padding-top: .3em; border-top: 1px solid #000; break-inside: avoid; page-break-inside: avoid;
}
section.signs {
  border: 2px solid #000; padding: 0 .6em .2em; margin-top: .6em; font-size: 11pt; line-height: 1.1;
  columns: 2; column-gap: 1.4em;
}
section.signs h2 { margin-top: .3em; border-bottom: 0; column-span: all; }
section.signs p { margin: .2em 0 .05em; }
section.signs ul { margin: 0 0 .2em; padding-left: 1.1em; }
section.signs li { margin: 0 0 .05em; }
@media print {
  body { max-width: none; padding: 0; }
  h2 { margin-top: .6em; }
  section, header { break-inside: avoid; page-break-inside: avoid; }
  section.flows, section.flows > ol, section.flows > ul { break-inside: auto; page-break-inside: auto; }
  section + section { break-before: auto; page-break-before: auto; }
}
""".strip()

# The doctor's sheet: the same 14 pt type, set closer and in a narrower face (Arial's widths, found on
# nearly every computer), so a typical visit fits one printed page.
COMPACT_STYLE = """
@page { margin: 8mm; }
body {
  font-family: Arial, "Liberation Sans", Helvetica, "Nimbus Sans", system-ui, sans-serif;
  line-height: 1.2; padding-top: 0; padding-bottom: 0;
}
h1 { font-size: 1.15em; margin: 0 0 .1em; }
h2 { font-size: 1em; margin: .15em 0 .05em; padding-bottom: 0; border-bottom-width: 1px; }
p { margin: 0 0 .1em; orphans: 2; widows: 2; }
ul, ol { margin: 0 0 .2em; padding-left: 1.2em; }
ol { padding-left: 1.7em; }  /* room for "10." */
li { margin: 0; }
table { margin: .1em 0 .25em; }
th, td { padding: 0 .25em; }
footer { margin-top: .1em; padding-top: 0; }
@media print {
  h2 { margin-top: .15em; }
  section { break-inside: auto; page-break-inside: auto; }
}
""".strip()


def page_style(*, compact: bool = False) -> str:
    """The page's whole style sheet: the sheet's, and with `compact` the closer setting after it."""
    return f"{STYLE}\n{COMPACT_STYLE}" if compact else STYLE


def render_html(
    markdown: str,
    *,
    title: str,
    lang: str = "en",
    compact: bool = False,
    classes: Mapping[str, str] | None = None,
    passages: Mapping[str, str] | None = None,
) -> str:
    """One self-contained HTML5 page of a sheet's Markdown (as `sheets.sheet.render_sheet` makes it).

    `title` is the page's title (its text is escaped); `lang` a language tag such as "en" or "pt-BR";
    `compact` sets the same type closer, for the doctor's one-page sheet. `classes` gives a part of
    the sheet a class, by its heading's Markdown (`SIGNS` boxes the signs that cannot wait);
    `passages` gives the language of a paragraph, list item or table cell in another language than
    the page's, by its whole Markdown (a person's own words).
    """
    for tag in [lang, *(passages or {}).values()]:
        if not _LANG.fullmatch(tag):
            raise ValueError(f"not a language tag: {tag!r}")
    if not all(_CLASS.fullmatch(name) for name in (classes or {}).values()):
        raise ValueError("not a class name")
    renderer = _renderer()
    options = parser().options
    tokens = _mark_languages(sheet_tokens(markdown), passages or {}, lang)
    parts = []
    for kind, chunk in _chunks(tokens):
        body = renderer.render(chunk, options, {})
        names = _classes_of(kind, chunk, classes or {})
        opening = f'<{kind} class="{" ".join(names)}">' if names else f"<{kind}>"
        parts.append(f"{opening}\n{body}</{kind}>\n")
    style = page_style(compact=compact)
    style_hash = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'sha256-{style_hash}'; form-action 'none'; base-uri 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{_escape(' '.join(printable(title).split()))}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{''.join(parts)}"
        "</body>\n"
        "</html>\n"
    )


def render_html_sheet(job: Job) -> str:
    """The "html" format: the page of the sheet, titled by its first line; closer set for the doctor."""
    markdown = job.sheet()
    title = markdown.split("\n", 1)[0].lstrip("# ").replace("\\", "")
    return render_html(
        markdown,
        title=title,
        lang=job.language,
        compact=job.reader == "doctor",
        classes=job.classes(),
        passages=job.passages(),
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _classes_of(kind: str, chunk: Sequence[Token], classes: Mapping[str, str]) -> list[str]:
    """A part's classes: the one its heading is given, and `flows` when it is long or only paragraphs."""
    if kind != "section":
        return []
    names = []
    heading = chunk[1].content if len(chunk) > 1 and chunk[0].type == "heading_open" else None
    if heading is not None and heading in classes:
        names.append(classes[heading])
    paragraphs_only = not any(t.type in ("bullet_list_open", "ordered_list_open", "table_open") for t in chunk)
    if paragraphs_only or sum(t.type == "list_item_open" for t in chunk) > FLOWS_FROM:
        names.append("flows")  # paragraphs keep three lines together on each side of a break
    return names


def _mark_languages(tokens: list[Token], passages: Mapping[str, str], lang: str) -> list[Token]:
    """Each line of a paragraph, list item or table cell that is a passage in another language (after
    a box to tick) gets that language: its words go between LANG_OPEN and LANG_CLOSE tokens."""
    from markdown_it.token import Token

    if not passages:
        return tokens
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        lines = token.content.split("\n")
        marked: list[Token] = []
        line: list[Token] = []
        for child in [*token.children, None]:
            if child is not None and child.type not in ("softbreak", "hardbreak"):
                line.append(child)
                continue
            source = lines[len([t for t in marked if t.type in ("softbreak", "hardbreak")])]
            said_in = passages.get(_TASK_MARK.sub("", source.strip()))
            box = line[:1] if line and line[0].type == CHECKBOX else []
            words = line[len(box) :]
            if said_in is not None and said_in != lang and words:
                opening = Token(LANG_OPEN, "span", 1)
                opening.meta = {"lang": said_in}
                words = [opening, *words, Token(LANG_CLOSE, "span", -1)]
            marked += [*box, *words, *([child] if child is not None else [])]
            line = []
        token.children = marked
    return tokens


def _chunks(tokens: Sequence[Token]) -> list[tuple[str, list[Token]]]:
    """The page's parts: the title block as a header, each `##` part as a section, and what follows
    the last rule of the sheet (its footer) as a footer, without the rule itself."""
    last_rule = max((i for i, t in enumerate(tokens) if t.type == "hr" and t.level == 0), default=None)
    out: list[tuple[str, list[Token]]] = []
    for i, token in enumerate(tokens):
        if i == last_rule:
            out.append(("footer", []))
            continue
        starts = token.type == "heading_open" and token.level == 0 and token.tag in ("h1", "h2")
        if not out or (starts and out[-1][0] != "footer"):
            out.append(("header" if token.tag == "h1" and starts else "section", []))
        out[-1][1].append(token)
    return [(kind, chunk) for kind, chunk in out if chunk]


@lru_cache(maxsize=1)
def _renderer() -> RendererHTML:
    from markdown_it.renderer import RendererHTML

    class SheetRenderer(RendererHTML):
        """markdown-it's HTML, with the sheet's boxes and lines, and a code block without a class."""

        # markdown-it takes each method as the rule for the token type of its name.
        def __init__(self) -> None:
            super().__init__()
            assert all(kind in self.rules for kind in (CHECKBOX, WRITE_LINE, LANG_OPEN, LANG_CLOSE))
            self.rules["text_special"] = self.rules["text"]  # what a backslash escaped: text too

        def list_item_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            token = tokens[idx]
            token.attrs = {"class": "task"} if token.meta.get("task") else {}
            return self.renderToken(tokens, idx, options, env)

        def checkbox(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            checked = " checked" if tokens[idx].meta.get("checked") else ""
            return f'<span class="box{checked}" aria-hidden="true"></span>'

        def write_line(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return '<span class="write" aria-hidden="true"></span>'

        def text(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return _escape(_MONTH.sub("\\1\u2011\\2", _UNIT.sub("\\1\u00a0", tokens[idx].content)))

        def th_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            tokens[idx].attrs = {"scope": "col"}  # a sheet's tables have one row of headers, on top
            return self.renderToken(tokens, idx, options, env)

        def lang_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return f'<span lang="{_escape(tokens[idx].meta["lang"])}">'

        def lang_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return "</span>"

        def fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return f"<pre><code>{_escape(tokens[idx].content)}</code></pre>\n"

    return SheetRenderer()
