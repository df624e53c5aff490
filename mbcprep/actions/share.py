"""`mbcprep share`: join this computer to a folder a sync tool keeps in step, say who wrote there,
bring this computer up to date, stop. The journal itself is `mbcprep.storage.sync`."""

from __future__ import annotations

import os
import re
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.formats import household
from mbcprep.i18n import _
from mbcprep.settings import Settings
from mbcprep.storage.sync import JOURNAL_DIR, Sharing, SyncReport
from mbcprep.storage.sync_fields import Writer

# Folders that a cloud service copies to its servers: what is shared there unencrypted can be read there.
CLOUD_FOLDER = re.compile(
    r"dropbox|onedrive|icloud|mobile\s+documents|nextcloud|owncloud|google\s*drive|box\s+sync", re.IGNORECASE
)
MAX_NAME = 60


@dataclass
class Status:
    sharing: Sharing | None
    writers: list[Writer] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    problem: str = ""
    conflicts: int = 0
    encrypted: bool = False  # the folder's segments are encrypted with the household's key
    locked_here: bool = False  # this computer's data is locked (so what it writes there is encrypted)


def shares_encrypted(settings: Settings) -> bool:
    """Whether what this computer shares is encrypted: so it is when its data is locked."""
    from mbcprep.actions.lock import is_locked

    return is_locked(settings)


def cloud_service(folder: Path) -> bool:
    """Whether `folder` looks like one a cloud service syncs (its path names Dropbox, OneDrive, iCloud...)."""
    return CLOUD_FOLDER.search(str(folder)) is not None


def default_name() -> str:
    import platform

    return platform.node().split(".")[0] or _("this computer")


def check_name(name: str) -> str:
    from mbcprep.text import one_line

    cleaned = one_line(name, MAX_NAME).strip()
    if not cleaned:
        raise UsageError(_('--name needs a name for this computer, such as "James\'s laptop".'))
    return cleaned


def shared_folder(text: str, data_folder: Path) -> Path:
    """The folder typed, checked: there, a folder, and neither inside the data folder nor holding it
    (the data file itself must never be in a folder a sync tool copies)."""
    from mbcprep.files import typed_path

    if not text.strip():
        raise UsageError(_("Give the folder to share, such as ~/Sync/family."))
    folder = typed_path(text).expanduser().resolve()
    if not folder.is_dir():
        raise UsageError(
            _("{folder} is not a folder. Make it first (or choose the one your sync tool keeps in step).").format(
                folder=folder
            )
        )
    data = data_folder.resolve()
    if folder == data or data in folder.parents or folder in data.parents:
        raise UsageError(
            _(
                "{folder} holds mbcprep's data folder or is inside it. Choose a folder of its own: mbcprep keeps"
                " its data file out of the shared folder, so a sync tool can never break it."
            ).format(folder=folder)
        )
    return folder


def join(settings: Settings, folder: Path, name: str) -> tuple[Sharing, SyncReport]:
    journal = folder / JOURNAL_DIR
    try:
        journal.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("Could not make a folder in {folder} ({reason}).").format(folder=folder, reason=exc.strerror)
        ) from None
    with settings.open_store() as store:
        key = store.household_key(journal)  # refuses a computer not locked an encrypted folder
        if key is not None:
            # A passphrase that does not open the folder's key is refused before anything changes; a
            # locked computer makes the key when the folder has none, so it is encrypted from now on.
            key()
        now = store.sharing()
        if now is not None and now.folder != folder:
            raise UsageError(
                _(
                    "This computer already shares {folder}. To share another folder, stop first: 'mbcprep share leave'."
                ).format(folder=now.folder)
            )
        if now is None:
            sharing = store.join(folder, name)
        else:
            store.rename(name)
            sharing = Sharing(now.computer, name, folder)
        report = store.sync()
    return sharing, report


def sync(settings: Settings) -> SyncReport:
    with settings.open_store() as store:
        if store.sharing() is None:
            raise UsageError(_("This computer shares no folder yet. Start with 'mbcprep share FOLDER'."))
        return store.sync()


def status(settings: Settings) -> Status:
    with settings.open_store() as store:
        sharing = store.sharing()
        if sharing is None:
            return Status(None)
        found = Status(sharing)
        try:
            report = store.sync()
            found.waiting, found.conflicts = report.waiting, store.conflict_count()
        except UsageError as exc:
            found.problem = str(exc)
        found.writers = store.writers()
        found.encrypted = household.is_encrypted(sharing.journal)
        found.locked_here = store.locked()
    return found


def leave(settings: Settings) -> Sharing:
    with settings.open_store() as store:
        if store.sharing() is None:
            raise UsageError(_("This computer shares no folder, so there is nothing to stop."))
        with suppress(UsageError):
            store.sync()  # what was changed here last goes to the others first
        sharing = store.leave()
    assert sharing is not None
    return sharing


def is_private(path: Path) -> bool:
    try:
        return not (path.stat().st_mode & 0o077)
    except OSError:
        return True


def own_files_private(sharing: Sharing) -> bool:
    """Whether this computer's segments are still 0600 (a sync tool may change what it copies)."""
    prefix = sharing.computer + "-"
    try:
        names = [n for n in os.listdir(sharing.journal) if n.startswith(prefix)]
    except OSError:
        return True
    return all(is_private(sharing.journal / n) for n in names)
