"""Looking after the data folder as a whole: `mbcprep data check` and `mbcprep data delete`."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep import files
from mbcprep.content.cache import CACHE_NAME
from mbcprep.errors import StoreError, UsageError
from mbcprep.i18n import _
from mbcprep.model.registry import RECORD_LISTS
from mbcprep.paths import BACKUP_DIR, CACHE_DIR, DB_NAME
from mbcprep.preferences import PREFERENCES_NAME, written_by_mbcprep
from mbcprep.storage import cipher
from mbcprep.storage.database import (
    busy_verdict,
    connect,
    damaged_verdict,
    diagnose,
    is_busy,
    is_our_database,
    is_our_locked_copy,
)
from mbcprep.storage.migrations import SCHEMA_VERSION
from mbcprep.storage.store import Store
from mbcprep.storage.verified import CHECKED_NAME
from mbcprep.storage.written_files import BACKUP_NAME


@dataclass(frozen=True)
class DataReport:
    """What `mbcprep data check` tells."""

    folder: Path
    database: Path
    exists: bool
    problem: str
    schema_version: int
    visits: int
    drafts: int
    backups: int
    private: bool
    damaged_visits: list[int] = field(default_factory=list)
    # (list, number) of each diary entry, treatment, medicine or care team member that no longer matches its checksum
    damaged_records: list[tuple[str, int]] = field(default_factory=list)
    locked: bool = False  # locked with a passphrase: every page was checked against its HMAC


@dataclass
class DeleteReport:
    """What `mbcprep data delete` did: what it removed, what it left (and why), and the sheets and
    backups it wrote elsewhere, which it leaves where they are."""

    removed: list[Path] = field(default_factory=list)
    left: list[tuple[Path, str]] = field(default_factory=list)
    elsewhere: list[Path] = field(default_factory=list)
    had_data: bool = True  # False: the folder held no data file of mbcprep's
    locked: bool = False  # the data file was locked: the files it wrote elsewhere could not be listed


def check_data(folder: Path) -> DataReport:
    """Look at the data without changing it: the same verdict every command gives, then the counts
    and every visit's checksum."""
    path = folder / DB_NAME
    verdict = diagnose(path)
    problem, ready, drafts, damaged = verdict.problem, 0, 0, []
    damaged_records: list[tuple[str, int]] = []
    if not verdict.reason and path.exists() and verdict.version:
        try:
            db = connect(path)
            try:
                store = Store(folder, db)
                ready, drafts = store.counts()
                if verdict.version == SCHEMA_VERSION:
                    damaged = store.damaged_visits()
                    damaged_records = [
                        (kept.key, n) for kept in RECORD_LISTS for n in store.records(kept.key).damaged()
                    ]
            finally:
                db.close()
        except (sqlite3.DatabaseError, StoreError) as exc:
            problem = (
                busy_verdict(path) if isinstance(exc, sqlite3.Error) and is_busy(exc) else damaged_verdict(path)
            ).problem
    backups_dir = folder / BACKUP_DIR
    backups = len(list(backups_dir.glob("*.sqlite3"))) if backups_dir.is_dir() else 0
    private = _is_private(folder)
    exists = os.path.lexists(path)
    return DataReport(
        folder,
        path,
        exists,
        problem,
        verdict.version,
        ready,
        drafts,
        backups,
        private,
        damaged,
        damaged_records,
        locked=verdict.locked,
    )


def _is_private(folder: Path) -> bool:
    """Whether no file or folder in `folder` can be read by other accounts. Each is looked at once: a
    file that is gone by then (SQLite's journal, made and removed on each save of another window)
    is gone, not an error."""
    for path in _everything_in(folder):
        try:
            mode = os.stat(path).st_mode
        except OSError:  # gone since it was listed, or a link that leads nowhere: nothing to read
            continue
        if (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and mode & 0o077:
            return False
    return True


def _everything_in(folder: Path) -> Iterator[str]:
    """`folder` and every path under it; a folder that vanishes while it is walked is skipped."""
    yield str(folder)
    for top, dirs, names in os.walk(folder):  # errors (a folder gone since it was listed) are skipped
        for name in (*dirs, *names):
            yield os.path.join(top, name)


# --- leaving a computer clean ------------------------------------------------------------------------


def delete_all_data(folder: Path) -> DeleteReport:
    """Remove every file mbcprep can prove it made in `folder`: its data file (and SQLite's files beside
    it), the backups it named and recorded in backups/, and the temporary files killed runs left.

    Nothing else is touched: no file of another program, nothing through a link, no folder that
    still holds anything. The report says what was left and why, and where the sheets and backups
    mbcprep wrote outside the folder are (those are left too).
    """
    report = DeleteReport()
    if not folder.is_dir():
        return report
    data = folder / DB_NAME
    if data.is_symlink():
        target = os.path.realpath(data)
        raise UsageError(
            _(
                "The data file in {folder} is a link to {target}. Nothing was deleted: "
                "delete that file yourself if you mean to."
            ).format(folder=folder, target=target)
        )
    # A locked file's list of what it wrote elsewhere is not read: the passphrase may be the very
    # thing forgotten, and deleting must not need it.
    report.locked = cipher.is_locked(data)
    recorded = set() if report.locked else _recorded_files(folder)
    ours: list[Path] = []
    data_is_ours = not os.path.lexists(data) or (
        data.is_file() and (data.stat().st_size == 0 or is_our_database(data) or report.locked)
    )
    if os.path.lexists(data):
        if data_is_ours:
            ours.append(data)
        else:
            report.left.append((data, _("it is not an mbcprep data file")))
    for suffix in ("-journal", "-wal", "-shm"):
        side = folder / (DB_NAME + suffix)
        if os.path.lexists(side):
            if data_is_ours and _is_plain_file(side):
                ours.append(side)
            else:
                report.left.append((side, _("it belongs to a data file that is not mbcprep's")))
    backups_dir = folder / BACKUP_DIR
    if backups_dir.is_symlink():
        report.left.append((backups_dir, _("it is a link to another folder, and mbcprep never deletes through a link")))
    elif backups_dir.is_dir():
        for path in sorted(backups_dir.iterdir()):
            named = BACKUP_NAME.fullmatch(path.name) or path.absolute() in recorded
            if (named and (is_our_database(path) or is_our_locked_copy(path, data))) or files.is_stale_temp(
                path, old_names=True
            ):
                ours.append(path)
            else:
                report.left.append((path, _("mbcprep did not make it")))
    cache_dir = folder / CACHE_DIR
    if cache_dir.is_dir() and not cache_dir.is_symlink():
        from mbcprep.content.labs import COPY_NAME

        for path in sorted(cache_dir.iterdir()):
            named = CACHE_NAME.fullmatch(path.name) or COPY_NAME.fullmatch(path.name) or path.name == CHECKED_NAME
            if (named and _is_plain_file(path)) or files.is_stale_temp(path):
                ours.append(path)
            else:
                report.left.append((path, _("mbcprep did not make it")))
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and files.is_stale_temp(path, old_names=True):
            ours.append(path)
    marker = folder / cipher.MARKER_NAME
    if _is_plain_file(marker) and cipher.marker_is_ours(marker):
        ours.append(marker)
    settings_file = folder / PREFERENCES_NAME
    beside_data = os.path.lexists(data) and data_is_ours
    report.had_data = beside_data
    if _is_plain_file(settings_file) and written_by_mbcprep(settings_file, beside_data=beside_data):
        ours.append(settings_file)
    for path in ours:
        try:
            path.unlink()
            report.removed.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.left.append((path, _("it could not be removed ({reason})").format(reason=exc.strerror)))
    left_names = {p for p, _ in report.left}
    for path in sorted(folder.iterdir()):
        if path not in left_names and path not in (backups_dir, cache_dir):
            report.left.append((path, _("mbcprep did not make it")))
    for made in (backups_dir, cache_dir):
        with suppress(OSError):  # not empty: it holds files that are not ours
            made.rmdir()
    if _may_remove_folder(folder):
        with suppress(OSError):
            folder.rmdir()
    report.elsewhere = sorted(p for p in recorded if os.path.lexists(p) and folder not in p.parents)
    return report


def _recorded_files(folder: Path) -> set[Path]:
    """The files the data file says mbcprep wrote; none if it cannot be read."""
    path = folder / DB_NAME
    if diagnose(path).reason or not is_our_database(path):
        return set()
    try:
        db = connect(path)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] < 4:
                return set()
            return {Path(r[0]) for r in db.execute("SELECT path FROM written_files")}
        finally:
            db.close()
    except sqlite3.Error:
        return set()


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _may_remove_folder(folder: Path) -> bool:
    """An emptied data folder is removed, but never the home folder or a folder above it."""
    home = Path.home().resolve()
    real = folder.resolve()
    return real != home and real not in home.parents and real != Path(real.anchor)
