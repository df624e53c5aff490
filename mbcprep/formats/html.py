"""A sheet as one print-ready HTML page: rendered from the sheet's document, self-contained.

The page holds everything it needs: inline CSS, no script, no link, no image, no font or file from
anywhere, so it opens offline and tells nobody it was opened. A Content-Security-Policy in the page
says so to the browser too: nothing may load, and only the page's own style (by its hash) applies.

What a person typed reaches the page as text only: it is a text node of the document
(`formats.document`), and the renderer escapes every character that means something in HTML.
Elements carry no attributes but the page's own classes, an ordered list's start number, a header
cell's scope and the language of a passage.

For print: large type (14 pt body), room to write under each question, boxes to tick drawn with
borders (browsers print borders, but not always backgrounds or form controls), headings kept with
what follows them, and a question, a table or a short part never split across two pages; a long
part (many questions, the warning signs) flows on from one page to the next rather than leaving
a page mostly empty. The signs that cannot wait stand in a box, in two columns.

The page's parts: the title and what follows it is the header; each level-2 heading starts a
section (with the class its heading's `look` gives); what follows the sheet's last rule is the
footer, without the rule itself.

For every reader (WCAG 2.2 AA, checked with axe-core in tests/test_accessible_pages.py): the page's
language, a title, header cells that say what they head, black on white, and the language of a
person's own words when the sheet is in another one.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mbcprep.digest import sha256
from mbcprep.formats import document as doc
from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_CLASS = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A part of the sheet with more list items than this may break across pages (see the print style).
FLOWS_FROM = 5
# A number and its unit ("1500 mg", "38 C", "2 kg") are never parted at the end of a line.
_UNIT = re.compile(r"(\d) (?=[^\W\d_]{1,3}\b)")
_MONTH = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")  # nor is a month or a day, "2026-02-14", at a hyphen

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


def render_html(document: doc.Document, *, title: str, lang: str = "en", compact: bool = False) -> str:
    """One self-contained HTML5 page of a sheet's document (as `sheets.sheet.build_sheet` makes it).

    `title` is the page's title (its text is escaped); `lang` a language tag such as "en" or "pt-BR";
    `compact` sets the same type closer, for the doctor's one-page sheet. A part whose heading has a
    `look` gets it as its class (`document.SIGNS` boxes the signs that cannot wait); a person's own words in
    another language than the page's are marked with theirs.
    """
    if not _LANG.fullmatch(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    writer = _Writer(lang)
    parts = []
    for kind, blocks in _chunks(document.blocks):
        names = _classes_of(kind, blocks)
        opening = f'<{kind} class="{" ".join(names)}">' if names else f"<{kind}>"
        parts.append(f"{opening}\n{''.join(writer.block(b) for b in blocks)}</{kind}>\n")
    style = page_style(compact=compact)
    style_hash = base64.b64encode(sha256(style.encode("utf-8")).digest()).decode("ascii")
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
    """The "html" format: the page of the sheet, titled by its first heading; closer set for the doctor
    and for a trial team (each one printed page)."""
    document = job.sheet()
    return render_html(document, title=document.title(), lang=job.language, compact=job.reader in ("doctor", "trial"))


# What html.escape(text, quote=True) replaces, each character once (without loading `html`, which
# reads its table of every named character for unescaping).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _unbroken(found: re.Match[str]) -> str:
    return found[0].replace("-", "\u2011")  # a hyphen that does not break


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _classes_of(kind: str, blocks: Sequence[doc.Block]) -> list[str]:
    """A part's classes: the look its heading gives, and `flows` when it is long or only paragraphs."""
    if kind != "section":
        return []
    names = []
    first = blocks[0] if blocks else None
    if isinstance(first, doc.Heading) and first.look:
        if not _CLASS.fullmatch(first.look):
            raise ValueError("not a class name")
        names.append(first.look)
    lists = [b for b in blocks if isinstance(b, (doc.Bullets, doc.Numbered))]
    paragraphs_only = not lists and not any(isinstance(b, doc.Table) for b in blocks)
    if paragraphs_only or sum(len(b.items) for b in lists) > FLOWS_FROM:
        names.append("flows")  # paragraphs keep three lines together on each side of a break
    return names


def _chunks(blocks: Sequence[doc.Block]) -> list[tuple[str, list[doc.Block]]]:
    """The page's parts: the title block as a header, each level-2 part as a section, and what
    follows the last rule of the sheet (its footer) as a footer, without the rule itself."""
    last_rule = max((i for i, b in enumerate(blocks) if isinstance(b, doc.Rule)), default=None)
    out: list[tuple[str, list[doc.Block]]] = []
    for i, block in enumerate(blocks):
        if i == last_rule:
            out.append(("footer", []))
            continue
        starts = isinstance(block, doc.Heading) and block.level in (1, 2)
        if not out or (starts and out[-1][0] != "footer"):
            out.append(("header" if starts and block.level == 1 else "section", []))  # type: ignore[union-attr]
        out[-1][1].append(block)
    return [(kind, chunk) for kind, chunk in out if chunk]


class _Writer:
    """The HTML of blocks and their nodes, for a page in `lang`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def block(self, block: doc.Block) -> str:
        if isinstance(block, doc.Heading):
            return f"<h{block.level}>{self.inline(block.parts)}</h{block.level}>\n"
        if isinstance(block, doc.Paragraph):
            return f"<p>{self.inline(block.parts)}</p>\n"
        if isinstance(block, doc.Bullets):
            return "<ul>\n" + self.items(block.items, block.spaced) + "</ul>\n"
        if isinstance(block, doc.Numbered):
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{start}>\n" + self.items(block.items, block.spaced) + "</ol>\n"
        if isinstance(block, doc.Table):
            head = "".join(f'<th scope="col">{self.inline(c)}</th>\n' for c in block.header)
            rows = "".join(
                "<tr>\n" + "".join(f"<td>{self.inline(c)}</td>\n" for c in r) + "</tr>\n" for r in block.rows
            )
            return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
        if isinstance(block, doc.Rule):
            return "<hr>\n"
        raise TypeError(f"not a block: {block!r}")

    def items(self, items: Sequence[doc.Item], spaced: bool) -> str:
        out = []
        for item in items:
            opening, box = "<li>", ""
            if item.box is not None:  # a box to tick, drawn with borders so that it prints
                opening = '<li class="task">'
                box = f'<span class="box{" checked" if item.box else ""}" aria-hidden="true"></span>'
            words = box + self.inline(item.parts)
            out.append(f"{opening}\n<p>{words}</p>\n</li>\n" if spaced else f"{opening}{words}</li>\n")
        return "".join(out)

    def inline(self, parts: Sequence[doc.Inline]) -> str:
        out = []
        for node in parts:
            if isinstance(node, doc.Text):
                out.append(self.text(node))
            elif isinstance(node, doc.Strong):
                out.append(f"<strong>{self.inline(node.parts)}</strong>")
            elif isinstance(node, doc.Emphasis):
                out.append(f"<em>{self.inline(node.parts)}</em>")
            elif isinstance(node, doc.LineBreak):
                out.append("<br>\n")
            elif isinstance(node, doc.WriteLine):
                out.append('<span class="write" aria-hidden="true"></span>')
        return "".join(out)

    def text(self, node: doc.Text) -> str:
        shown = _escape(_MONTH.sub(_unbroken, _UNIT.sub("\\1\u00a0", printable(node.text))))
        if not node.lang or node.lang == self.lang:
            return shown
        if not _LANG.fullmatch(node.lang):
            raise ValueError(f"not a language tag: {node.lang!r}")
        return f'<span lang="{node.lang}">{shown}</span>'
