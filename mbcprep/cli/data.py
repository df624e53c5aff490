"""Commands for the saved data as a whole: data where, check, backup, delete."""

import sys
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import data_app, settings_of
from mbcprep.cli.output import out, warn_damaged, warn_damaged_records
from mbcprep.i18n import _, ngettext


@data_app.command("where", help=_("Print the folder where your visits are kept."))
def data_where(ctx: typer.Context) -> None:
    out(settings_of(ctx).folder)


@data_app.command("check", help=_("Check that your saved data can be read (changes nothing)."))
def data_check(ctx: typer.Context) -> None:
    from mbcprep.storage.maintenance import check_data

    report = check_data(settings_of(ctx).folder)
    out(_("Folder: {folder}").format(folder=report.folder))
    if not report.exists:
        out(_("No data yet: nothing has been saved."))
    elif report.problem:
        out(report.problem, err=True)
        raise typer.Exit(1)
    else:
        out(
            _("Data file: {path} (version {version}), readable.").format(
                path=report.database, version=report.schema_version
            )
        )
        out(
            _("Visits: {ready} ready, {drafts} unfinished. Backups: {backups}.").format(
                ready=report.visits, drafts=report.drafts, backups=report.backups
            )
        )
        if report.locked and not (report.damaged_visits or report.damaged_records):
            out(_("Locked with a passphrase; every page matches its check (HMAC)."))
    warn_damaged(report.damaged_visits)
    warn_damaged_records(report.damaged_records)
    if not report.private:
        out(_("Warning: some files can be read by other accounts on this computer."), err=True)
    if report.damaged_visits or report.damaged_records:
        raise typer.Exit(1)


@data_app.command("backup", help=_("Make a safe copy of all your data."))
def data_backup(
    ctx: typer.Context,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar=_("PATH"), help=_("Where to write the copy."))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Replace the file if it is already there."))] = False,
) -> None:
    from mbcprep.actions.data import backup

    out(_("Saved a copy to {path}").format(path=backup(settings_of(ctx), output, force=force)))


@data_app.command("delete", help=_("Delete every visit, draft and backup: leave this computer clean."))
def data_delete(
    ctx: typer.Context, yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask first."))] = False
) -> None:
    from mbcprep.errors import UsageError
    from mbcprep.storage.maintenance import delete_all_data

    folder = settings_of(ctx).folder
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(_("Deleting everything needs a yes: add --yes, or run it in a terminal."))
        from mbcprep.interview.commands import confirm_delete_everything

        if not confirm_delete_everything(folder):
            out(_("Kept. Nothing was deleted."))
            return
    report = delete_all_data(folder)
    out(
        ngettext(
            "Deleted {n} file of mbcprep's from {folder}.",
            "Deleted {n} files of mbcprep's from {folder}.",
            len(report.removed),
        ).format(n=len(report.removed), folder=folder)
    )
    if not report.had_data:
        out(
            _("There is no mbcprep data file in {folder}; files mbcprep cannot prove it made were left.").format(
                folder=folder
            )
        )
    for path, why in report.left[:10]:
        out(_("Left {path}: {why}.").format(path=path, why=why))
    if len(report.left) > 10:
        more = len(report.left) - 10
        out(
            ngettext(
                "... and {n} more file that mbcprep did not make.",
                "... and {n} more files that mbcprep did not make.",
                more,
            ).format(n=more)
        )
    if report.locked:
        out(
            _(
                "Your data was locked, so the sheets and backups mbcprep wrote outside this folder are not"
                " listed; look for them where you saved them."
            )
        )
    if report.elsewhere:
        out(
            _(
                "mbcprep also wrote these sheets and backups elsewhere. They are still there;"
                " delete them yourself if you wish:"
            )
        )
        for path in report.elsewhere:
            out(f"  {path}")
