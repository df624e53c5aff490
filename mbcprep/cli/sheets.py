"""Commands for sheets and backups of visits: export, import."""

import sys
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out, warn_damaged
from mbcprep.errors import UsageError
from mbcprep.i18n import _, ngettext


@app.command("export", help=_("Make the sheet to take to your visit, a calendar event for it, or a JSON backup."))
def export(
    ctx: typer.Context,
    visit: Annotated[
        Optional[str], typer.Argument(metavar=_("ID|latest"), help=_("Which visit (default latest)."))
    ] = None,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar=_("PATH"), help=_("Where to write; - for the screen."))
    ] = None,
    fmt: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help=_(
                "md (the sheet), html (to print), txt (for an email or a phone), ics (a calendar event) or json"
                " (a full backup). Taken from the ending of the -o file name when not given."
            ),
        ),
    ] = None,
    all_visits: Annotated[bool, typer.Option("--all", help=_("Every visit (with --format json)."))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("Replace the file if it is already there."))] = False,
    reader: Annotated[
        Optional[str],
        typer.Option(
            "--for",
            metavar="me|doctor|family",
            help=_(
                "Who the sheet is for: me (your own, the default), doctor (one page for your care team) or"
                " family (plain words for the people at home)."
            ),
        ),
    ] = None,
    include_scores: Annotated[
        bool, typer.Option("--include-scores", help=_("On the family sheet: how you feel (your scores) too."))
    ] = False,
    include_notes: Annotated[
        bool, typer.Option("--include-notes", help=_("On the family sheet: your notes too."))
    ] = False,
    message: Annotated[
        Optional[str],
        typer.Option("--message", metavar=_("TEXT"), help=_("On the family sheet: what you want them to know.")),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: the family sheet takes only what the options say."))
    ] = False,
) -> None:
    from mbcprep.actions.sheets import choose_reader
    from mbcprep.actions.sheets import export as export_visits
    from mbcprep.inputs import clean_text
    from mbcprep.prompts import needs_terminal
    from mbcprep.sheets.context import SheetOptions

    settings = settings_of(ctx)
    chosen = choose_reader(reader)
    if chosen != "family" and (include_scores or include_notes or message is not None):
        raise UsageError(_("--include-scores, --include-notes and --message are for the family sheet (--for family)."))
    options = SheetOptions(scores=include_scores, notes=include_notes, message=clean_text(message or ""))
    ask = None
    if chosen == "family" and not no_input and not needs_terminal():
        from mbcprep.forms.family import family_choices

        given = {"scores": include_scores, "notes": include_notes, "message": message is not None}
        ask = family_choices(given)
    made = export_visits(
        settings,
        visit,
        all_visits=all_visits,
        fmt=fmt,
        output=output,
        force=force,
        reader=chosen,
        options=options,
        choose=ask,
    )
    warn_damaged(made.damaged)
    if made.text is not None:
        if made.fmt == "ics":  # its lines end in CRLF, as the calendar format says: written as bytes
            sys.stdout.flush()
            sys.stdout.buffer.write(made.text.encode("utf-8"))
        else:
            sys.stdout.write(made.text)
        return
    out(_("Saved {path}").format(path=made.path))
    if made.fmt == "ics" and made.event_questions:
        out(
            ngettext(
                "The calendar event holds the question you ask first. A calendar that keeps a copy online"
                " keeps it too.",
                "The calendar event holds the {count} questions you ask first. A calendar that keeps a copy"
                " online keeps them too.",
                made.event_questions,
            ).format(count=made.event_questions)
        )
    elif made.fmt == "ics":
        out(_("The calendar event holds the day and the kind of visit, and who and where when known; no questions."))
    elif made.fmt == "html":
        out(_("Open it in a web browser to print it, or to save it as a PDF."))


@app.command(
    "import",
    help=_("Bring back visits, diary, treatments, medicines and care team from a JSON backup (what is here stays)."),
)
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar=_("FILE"), help=_("A JSON file from 'mbcprep export --format json'."))],
) -> None:
    from mbcprep.actions.sheets import import_file
    from mbcprep.i18n import ngettext
    from mbcprep.model.registry import RECORD_LISTS

    counts = import_file(settings_of(ctx), file)
    added, skipped = counts["visits"]
    out(
        ngettext(
            "Imported {added} visit; {skipped} already here and skipped.",
            "Imported {added} visits; {skipped} already here and skipped.",
            added,
        ).format(added=added, skipped=skipped)
    )
    for kept in RECORD_LISTS:
        added, skipped = counts[kept.key]
        if added or skipped:
            line = _("{what}: {added} added, {skipped} already here.")
            out(line.format(what=_(kept.many), added=added, skipped=skipped))
