"""`mbcprep share`: keep one record of care on several computers through a folder a sync tool
(Syncthing, Nextcloud, a Dropbox folder) keeps in step."""

import sys
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _, ngettext

ACTIONS = ("status", "sync", "leave")


@app.command(
    "share",
    help=_(
        "Share your data with the family's other computers through a folder a sync tool keeps in step"
        " (Syncthing, Nextcloud, a Dropbox folder). 'mbcprep share FOLDER' joins it;"
        " 'share status' says which computers wrote there and when; 'share sync' brings this computer up"
        " to date now (every command does it by itself); 'share leave' stops."
    ),
    short_help=_("Share your data with the family's other computers."),
)
def share(
    ctx: typer.Context,
    what: Annotated[
        str, typer.Argument(metavar=_("FOLDER|status|sync|leave"), help=_("The folder to share, or what to do."))
    ],
    name: Annotated[
        Optional[str],
        typer.Option(
            "--name", metavar=_("NAME"), help=_("This computer's name, shown on what it adds (\"James's laptop\").")
        ),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_("Ask nothing."))] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help=_("Share even into a folder a cloud service copies (with --no-input)."))
    ] = False,
) -> None:
    from mbcprep.actions import share as actions

    settings = settings_of(ctx)
    if what in ACTIONS:
        {"status": _status, "sync": _sync, "leave": _leave}[what](settings)
        return
    from mbcprep.errors import UsageError

    folder = actions.shared_folder(what, settings.folder)
    chosen = actions.check_name(name) if name is not None else actions.default_name()
    if actions.cloud_service(folder) and not actions.shares_encrypted(settings):
        warning = _(
            "{folder} looks like a folder a cloud service copies to its servers. Your visits and diary would be"
            " stored there unencrypted, where the service could read them."
        ).format(folder=folder)
        if no_input or not sys.stdin.isatty():
            if not yes:
                raise UsageError(warning + " " + _("To share there anyway, add --yes."))
            out(warning, err=True)
        else:
            from mbcprep.prompts import make_prompter

            out(warning)
            if not make_prompter().confirm(_("Share there anyway?"), default=False):
                out(_("Nothing was shared."))
                return
    sharing, report = actions.join(settings, folder, chosen)
    out(_('This computer shares {folder} as "{name}".').format(folder=sharing.folder, name=sharing.name))
    if actions.shares_encrypted(settings):
        out(_("What it shares there is encrypted with your passphrase, the household's."))
    _said(report)
    out(_("Every mbcprep command now brings this computer up to date first."))
    out(_("'mbcprep share status' says which computers wrote there."))


def _said(report: object) -> None:
    from mbcprep.storage.sync import SyncReport

    assert isinstance(report, SyncReport)
    if report.written:
        out(
            ngettext("Wrote {n} change for the others.", "Wrote {n} changes for the others.", report.written).format(
                n=report.written
            )
        )
    if report.read:
        out(
            ngettext(
                "Read {n} file of changes from the others.", "Read {n} files of changes from the others.", report.read
            ).format(n=report.read)
        )
    if not report.written and not report.read:
        out(_("Nothing new: this computer is up to date."))
    if report.waiting:
        out(
            ngettext(
                "{n} file is not whole yet (the sync tool may still be copying it); it will be read next time.",
                "{n} files are not whole yet (the sync tool may still be copying them); they will be read next time.",
                len(report.waiting),
            ).format(n=len(report.waiting))
        )
    if report.conflicts:
        out(
            _(
                "Some answers were changed on two computers at the same time. Both are kept:"
                " 'mbcprep edit' lets you choose."
            )
        )


def _sync(settings: object) -> None:
    from mbcprep.actions import share as actions

    _said(actions.sync(settings))  # type: ignore[arg-type]


def _leave(settings: object) -> None:
    from mbcprep.actions import share as actions

    sharing = actions.leave(settings)  # type: ignore[arg-type]
    out(
        _(
            "This computer no longer shares {folder}. Your data stays here; what this computer wrote stays in"
            " the folder for the others (delete it from the folder when no computer shares it any more)."
        ).format(folder=sharing.folder)
    )


def _status(settings: object) -> None:
    from mbcprep.actions import share as actions
    from mbcprep.i18n import moment_words

    found = actions.status(settings)  # type: ignore[arg-type]
    if found.sharing is None:
        out(_("This computer shares no folder. 'mbcprep share FOLDER' starts."))
        return
    out(_('This computer shares {folder} as "{name}".').format(folder=found.sharing.folder, name=found.sharing.name))
    if found.problem:
        out(found.problem, err=True)
    if found.encrypted:
        out(_("The shared files are encrypted with the household's passphrase: the folder's host reads nothing."))
    elif found.locked_here:
        out(_("The shared files are not encrypted yet: this computer encrypts them from its next change."))
    else:
        out(_("The shared files are not encrypted ('mbcprep lock' on every computer sharing encrypts them)."))
    for writer in found.writers:
        who = _("{name} (this computer)").format(name=writer.name) if writer.this_one else writer.name
        line = ngettext(
            "{name}: {n} file, the last on {when}", "{name}: {n} files, the last on {when}", writer.segments
        )
        out(line.format(name=who, n=writer.segments, when=moment_words(writer.last_written, writer.last_written)))
    if not found.writers:
        out(_("No computer has written there yet."))
    if found.waiting:
        out(
            ngettext(
                "{n} file is not whole yet (the sync tool may still be copying it).",
                "{n} files are not whole yet (the sync tool may still be copying them).",
                len(found.waiting),
            ).format(n=len(found.waiting))
        )
    if found.conflicts:
        out(
            ngettext(
                "{n} record was changed on two computers at the same time; both versions are kept.",
                "{n} records were changed on two computers at the same time; both versions are kept.",
                found.conflicts,
            ).format(n=found.conflicts)
        )
    if not actions.own_files_private(found.sharing):
        out(_("Warning: other accounts on this computer can read the files this computer wrote there."), err=True)
