"""The formats `mbcprep export` writes, one entry each: its name, the other words `--format` takes,
the file endings that choose it, its renderer and what is said after saving it.

Adding a format is one module (its renderer: a function from a `Job` to text) and one `register`
line here (see ARCHITECTURE.md, "How do I add a format"). A renderer is named "module:function" and
imported only when its format is made, so this list costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any

from mbcprep.i18n import N_, _

if TYPE_CHECKING:
    from mbcprep.formats.document import Document
    from mbcprep.model.content import Content
    from mbcprep.model.visit import Visit


def _no_sheet() -> Document:
    from mbcprep.formats.document import Document

    return Document(())


@dataclass(frozen=True)
class Job:
    """What a renderer is given: the visits (for a sheet, with the bank's words in the chosen
    language), who the sheet is for, and what the sheet shows beside them, made only when asked."""

    visits: list[Visit]
    made_on: date
    reader: str = "me"  # "me", "doctor" or "family"
    language: str = "en"
    records: dict[str, list[Any]] | None = None  # a full backup: the lists kept beside the visits
    content: Content | None = None  # the content in the chosen language (None for a backup)
    sheet: Callable[[], Document] = field(default=_no_sheet)  # the visits' sheet (formats.document)
    place: Callable[[Visit], str] = field(default=lambda visit: "")  # where a visit is, when known
    lab_codes: Mapping[str, str] = field(default_factory=dict)  # a summary: each listed lab's LOINC code, by id


@dataclass(frozen=True)
class Format:
    """One format of `export`: its names, file endings, renderer and the sentence said after saving."""

    name: str  # what --format takes, and the ending of the file made when no name is given
    renderer: str  # "module:function", a function from a `Job` to the text of the file
    help: str  # what it is, for --format's help ("html (to print)"), marked with N_
    aliases: tuple[str, ...] = ()  # other words --format takes ("htm")
    suffixes: tuple[str, ...] = ()  # file endings that choose it (".html", ".htm")
    saved: str = ""  # the sentence said after a file is saved, marked with N_ ("" for none)
    sheet: bool = True  # made from the sheet, in the chosen language; False: the records as kept (a backup)
    exact_bytes: bool = False  # written to the screen byte for byte (a calendar's lines end in CRLF)
    accepts: tuple[str, ...] = ()  # other file endings it may be written to, without choosing it (".json")
    whole: bool = False  # made of everything kept (`--all`), never of one visit

    def render(self, job: Job) -> str:
        module, function = self.renderer.split(":")
        made: str = getattr(import_module(module), function)(job)
        return made


FORMATS: dict[str, Format] = {}  # by name, in the order they are registered (and listed in help)


def register(entry: Format) -> Format:
    FORMATS[entry.name] = entry
    return entry


register(
    Format(
        "md",
        "mbcprep.formats.markdown:render_markdown_sheet",
        N_("md (the sheet)"),
        aliases=("markdown",),
        suffixes=(".md", ".markdown"),
    )
)
register(
    Format(
        "html",
        "mbcprep.formats.html:render_html_sheet",
        N_("html (to print)"),
        aliases=("htm",),
        suffixes=(".html", ".htm"),
        saved=N_("Open it in a web browser to print it, or to save it as a PDF."),
    )
)
register(
    Format(
        "txt",
        "mbcprep.formats.plain_text:render_text_sheet",
        N_("txt (for an email or a phone)"),
        aliases=("text",),
        suffixes=(".txt",),
    )
)
register(
    Format(
        "json",
        "mbcprep.formats.backup:render_backup_job",
        N_("json (a full backup)"),
        suffixes=(".json",),
        sheet=False,
    )
)
register(
    Format(
        "ics",
        "mbcprep.formats.calendar:render_calendar",
        N_("ics (a calendar event)"),
        aliases=("ical",),
        suffixes=(".ics",),
        exact_bytes=True,  # what it holds is said by `mbcprep export`, which counts the questions
    )
)


register(
    Format(
        "fhir",
        "mbcprep.formats.fhir:render_fhir",
        N_("fhir (a health summary for a patient portal or a doctor's system, with --all)"),
        accepts=(".json",),
        saved=N_(
            "It is a health summary in the HL7 FHIR format, for a patient portal or a doctor's system."
            " It holds private details: share it only with people you trust."
        ),
        sheet=False,
        whole=True,
    )
)


def named(word: str) -> Format | None:
    """The format `word` names (its name or one of its aliases, in any case), or None."""
    word = word.strip().lower()
    return FORMATS.get(word) or next((f for f in FORMATS.values() if word in f.aliases), None)


def by_suffix(suffix: str) -> Format | None:
    """The format a file ending chooses (".htm" -> html), or None."""
    suffix = suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


def get_format(name: str) -> Format:
    return FORMATS[name]


def names() -> tuple[str, ...]:
    return tuple(FORMATS)


def help_text() -> str:
    """What each format is, for --format's help: "md (the sheet), html (to print), ..."."""
    return ", ".join(_(f.help) for f in FORMATS.values())


def saved_sentence(name: str) -> str:
    """What is said after a file of format `name` is saved ("" for nothing more)."""
    said = FORMATS[name].saved
    return _(said) if said else ""
