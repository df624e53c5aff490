"""Commands for sheets and backups of visits: export, import."""

import sys
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out, warn_damaged
from mbcprep.i18n import _


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
) -> None:
    from mbcprep.actions.sheets import export as export_visits

    made = export_visits(settings_of(ctx), visit, all_visits=all_visits, fmt=fmt, output=output, force=force)
    warn_damaged(made.damaged)
    if made.text is not None:
        if made.fmt == "ics":  # its lines end in CRLF, as the calendar format says: written as bytes
            sys.stdout.flush()
            sys.stdout.buffer.write(made.text.encode("utf-8"))
        else:
            sys.stdout.write(made.text)
        return
    out(_("Saved {path}").format(path=made.path))
    if made.fmt == "ics":
        out(
            _(
                "The calendar event holds your first three questions. A calendar that keeps a copy online"
                " keeps them too."
            )
        )
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
