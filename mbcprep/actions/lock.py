"""`mbcprep lock` and `mbcprep unlock`: the data folder locked with a passphrase, or opened again.

The passphrase itself is never kept: it makes a key (`mbcprep.storage.cipher`), and the files are
converted on disk by `mbcprep.storage.locking`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.paths import DB_NAME
from mbcprep.settings import Settings
from mbcprep.storage import cipher


@dataclass
class LockDone:
    """What `lock` or `unlock` changed: the files converted, and the encrypted backup written."""

    converted: list[Path] = field(default_factory=list)
    backup: Path | None = None
    already: bool = False  # it was already so (only leftovers of a run cut short were finished)


def is_locked(settings: Settings) -> bool:
    return cipher.is_locked(settings.folder / DB_NAME)


def _refuse_in_demo() -> None:
    from mbcprep import files

    if files.writes_go_to() is not None:
        raise UsageError(_("The demo's made-up visits are never locked."))


def lock(
    settings: Settings, new_passphrase: str | None, *, backup_to: str | None = None, force: bool = False
) -> LockDone:
    """Lock the data file and every backup mbcprep made of it. `new_passphrase` is None when the
    data is already locked (then only what a run cut short left plain is locked). With `backup_to`,
    an encrypted backup of everything (the same passphrase) is written first."""
    _refuse_in_demo()
    folder = settings.folder
    with settings.open_store() as store:  # refuses a damaged or newer file; brings an old one up to date
        already = cipher.is_cipher_connection(store.db)
    done = LockDone(already=already)
    path = folder / DB_NAME
    if already:
        salt = cipher.salt_of(path)
        key = cipher.key_for(path)
    else:
        if not new_passphrase:
            raise UsageError(_("No passphrase was typed, so nothing was locked."))
        if backup_to:
            done.backup = write_encrypted_backup(settings, backup_to, new_passphrase, force=force)
        salt = os.urandom(cipher.SALT_BYTES)
        key = cipher.derive(new_passphrase, salt)
    from mbcprep.storage.locking import lock_files

    done.converted = lock_files(folder, key, salt)
    return done


def unlock(settings: Settings) -> LockDone:
    """Put the data file and its backups back as plain files (the passphrase is asked to open them)."""
    _refuse_in_demo()
    folder = settings.folder
    path = folder / DB_NAME
    with settings.open_store() as store:
        locked = cipher.is_cipher_connection(store.db)
    from mbcprep.storage.locking import unlock_files

    if not locked:  # only a marker left by an `unlock` cut short, which goes
        return LockDone(unlock_files(folder, b""), already=True)
    return LockDone(unlock_files(folder, cipher.key_for(path)))


def write_encrypted_backup(settings: Settings, output: str, passphrase: str, *, force: bool) -> Path:
    """A full backup (`export --all`) locked with `passphrase`, in the age format."""
    from mbcprep.actions.sheets import export

    made = export(
        settings,
        None,
        all_visits=True,
        fmt="json",
        output=output,
        force=force,
        encrypt_with=lambda: passphrase,
    )
    assert made.path is not None
    return made.path
