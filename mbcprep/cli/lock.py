"""Commands that lock the data folder with a passphrase, and open it again: lock, unlock."""

from datetime import date
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _, ngettext

NO_INPUT_HELP = _("Ask nothing: the passphrase is read from the file MBCPREP_PASSPHRASE_FILE names.")


@app.command("lock", help=_("Lock your data with a passphrase: nobody without it can read it."))
def lock(
    ctx: typer.Context,
    backup: Annotated[
        Optional[str],
        typer.Option(
            "--backup",
            metavar=_("PATH"),
            help=_("Also write an encrypted backup of everything here first (it opens with the same passphrase)."),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Replace the backup file if it is already there."))] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT_HELP)] = False,
) -> None:
    from mbcprep.actions.lock import is_locked
    from mbcprep.actions.lock import lock as lock_data
    from mbcprep.passphrase import may_ask, new_passphrase

    settings = settings_of(ctx)
    if is_locked(settings):
        done = lock_data(settings, None)
        out(_("Your data is already locked."))
        _say_converted(len(done.converted), locked=True)
        return
    out(
        _(
            "Before you lock: if the passphrase is forgotten, nobody can open your data again, mbcprep"
            " included. Write it down and keep it somewhere safe, away from this computer."
        )
    )
    if backup is None and not no_input and may_ask():
        backup = _offer_backup()
    passphrase = new_passphrase()
    done = lock_data(settings, passphrase, backup_to=backup, force=force)
    out(_("Locked. mbcprep now asks the passphrase once each time it starts."))
    if done.backup is not None:
        out(_("Encrypted backup saved to {path} ('mbcprep import' or 'age -d' opens it).").format(path=done.backup))
    _say_converted(len(done.converted) - 1, locked=True)
    out(
        _(
            "Sheets you save or print are not locked, as they are meant to be printed; and copies made"
            " before today outside the data folder stay as they were. See 'What the lock protects' in the README."
        )
    )


def _offer_backup() -> Optional[str]:
    from mbcprep.prompts import make_prompter

    prompter = make_prompter()
    if not prompter.confirm(
        _("Write an encrypted backup at the same time, in case the passphrase is ever lost here?"), default=True
    ):
        return None
    default = f"~/mbcprep-backup-{date.today().isoformat()}.age"
    return prompter.ask_text(_("Where should it go? (Enter for {path})").format(path=default), default=default)


def _say_converted(backups: int, *, locked: bool) -> None:
    if backups <= 0:
        return
    if locked:
        line = ngettext(
            "{n} backup in the data folder was locked too.", "{n} backups in the data folder were locked too.", backups
        )
    else:
        line = ngettext(
            "{n} backup in the data folder was unlocked too.",
            "{n} backups in the data folder were unlocked too.",
            backups,
        )
    out(line.format(n=backups))


@app.command("unlock", help=_("Take the passphrase away: your data is kept as a plain file again."))
def unlock(
    ctx: typer.Context,
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT_HELP)] = False,
) -> None:
    from mbcprep.actions.lock import unlock as unlock_data

    done = unlock_data(settings_of(ctx))
    if done.already:
        out(_("Your data is not locked."))
        return
    out(_("Unlocked: your data is a plain file again, readable by your account without a passphrase."))
    _say_converted(len(done.converted) - 1, locked=False)
