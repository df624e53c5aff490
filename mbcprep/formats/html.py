"""A sheet as one print-ready HTML page: made from the same Markdown as the sheet, self-contained.

The page holds everything it needs: inline CSS, no script, no link, no image, no font or file from
anywhere, so it opens offline and tells nobody it was opened. A Content-Security-Policy in the page
says so to the browser too: nothing may load, and only the page's own style (by its hash) applies.

What a person typed reaches the page as text only: the Markdown escapes it (`formats.markdown`),
the parser here takes no raw HTML, links or images (`formats.sheet_tokens`), and the renderer
escapes every character that means something in HTML. Elements carry no attributes but the page's
own classes and an ordered list's start number.

For print: large type (14 pt body), room to write under each question, boxes to tick drawn with
borders (browsers print borders, but not always backgrounds or form controls), headings kept with
what follows them, and a question, a table or a short list never split across two pages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mbcprep.formats.sheet_tokens import CHECKBOX, WRITE_LINE, parser, sheet_tokens
from mbcprep.text import printable

if TYPE_CHECKING:
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token

    from mbcprep.formats.registry import Job

_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")

STYLE = """
@page { margin: 16mm 15mm; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 44em; padding: 1.2em 1em 2em;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: 14pt; line-height: 1.5; color: #000; background: #fff; overflow-wrap: break-word;
}
h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 .5em; }
h2 { font-size: 1.3em; line-height: 1.3; margin: 1.3em 0 .5em; padding-bottom: .1em; border-bottom: 2px solid #000; }
h3 { font-size: 1.1em; margin: 1.1em 0 .4em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 .3em; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 .7em; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 1em; padding-left: 1.8em; }
li { margin: 0 0 .5em; break-inside: avoid; page-break-inside: avoid; }
li > p { margin: 0; }
li.task { list-style: none; position: relative; margin-bottom: 1.2em; }
.box {
  position: absolute; left: -1.6em; top: .22em; box-sizing: border-box;
  width: 1.05em; height: 1.05em; border: 2px solid #000; border-radius: 2px;
}
.box.checked::after {
  content: ""; position: absolute; left: .28em; top: .04em; width: .28em; height: .56em;
  border: solid #000; border-width: 0 .14em .14em 0; transform: rotate(45deg);
}
.write { display: block; height: 3.4em; border-bottom: 1px solid #000; }
.write::before { content: ""; display: block; height: 1.7em; border-bottom: 1px solid #888; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: .3em .6em; text-align: left; vertical-align: top; }
section > ol { break-inside: avoid; page-break-inside: avoid; }
pre { white-space: pre-wrap; font-size: 1em; }
code { font-size: 1em; }
hr { border: 0; border-top: 1px solid #000; margin: 1.5em 0; }
footer {
  margin-top: 2em; padding-top: .6em; border-top: 1px solid #000; break-inside: avoid; page-break-inside: avoid;
}
@media print {
  body { max-width: none; padding: 0; }
  h2 { margin-top: 1em; }
  section, header { break-inside: avoid; page-break-inside: avoid; }
  section + section { break-before: auto; page-break-before: auto; }
}
""".strip()

# The doctor's sheet: the same 14 pt type, set closer and in a narrower face (Arial's widths, found on
# nearly every computer), so a typical visit fits one printed page.
COMPACT_STYLE = """
@page { margin: 10mm; }
body {
  font-family: Arial, "Liberation Sans", Helvetica, "Nimbus Sans", system-ui, sans-serif;
  line-height: 1.2; padding-top: 0; padding-bottom: 0;
}
h1 { font-size: 1.25em; margin: 0 0 .1em; }
h2 { font-size: 1em; margin: .35em 0 .05em; padding-bottom: 0; border-bottom-width: 1px; }
p { margin: 0 0 .2em; }
ul, ol { margin: 0 0 .2em; padding-left: 1.5em; }
li { margin: 0; }
table { margin: .1em 0 .25em; }
th, td { padding: .05em .3em; }
footer { margin-top: .3em; padding-top: .1em; }
@media print {
  h2 { margin-top: .35em; }
}
""".strip()


def page_style(*, compact: bool = False) -> str:
    """The page's whole style sheet: the sheet's, and with `compact` the closer setting after it."""
    return f"{STYLE}\n{COMPACT_STYLE}" if compact else STYLE


def render_html(markdown: str, *, title: str, lang: str = "en", compact: bool = False) -> str:
    """One self-contained HTML5 page of a sheet's Markdown (as `sheets.sheet.render_sheet` makes it).

    `title` is the page's title (its text is escaped); `lang` a language tag such as "en" or "pt-BR";
    `compact` sets the same type closer, for the doctor's one-page sheet.
    """
    if not _LANG.fullmatch(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    renderer = _renderer()
    options = parser().options
    parts = []
    for kind, chunk in _chunks(sheet_tokens(markdown)):
        body = renderer.render(chunk, options, {})
        parts.append(f"<{kind}>\n{body}</{kind}>\n")
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
    return render_html(markdown, title=title, lang=job.language, compact=job.reader == "doctor")


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


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
            assert CHECKBOX in self.rules and WRITE_LINE in self.rules
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

        def fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
            return f"<pre><code>{_escape(tokens[idx].content)}</code></pre>\n"

    return SheetRenderer()
