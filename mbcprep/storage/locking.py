"""`mbcprep lock` and `unlock` on disk: the data file, and every backup mbcprep made of it, turned
into a locked file (SQLCipher) or back.

Each file is converted into a new private file beside it, under a lock that keeps every other window
out; the new file is synced, then renamed over the old one, so a kill at any moment leaves the old
file or the new one, complete. When a plain file is replaced, its old bytes are overwritten with
zeros before they are let go (what a disk keeps elsewhere is beyond any program: see the README).
The data file goes first when locking and last when unlocking, so a `lock` or `unlock` cut short is
finished by running it again.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mbcprep import files
from mbcprep.errors import StoreError
from mbcprep.i18n import _
from mbcprep.paths import BACKUP_DIR, DB_NAME
from mbcprep.storage import cipher
from mbcprep.storage.database import (
    BUSY_TIMEOUT_MS,
    SQLITE_FULL,
    busy_verdict,
    is_busy,
    is_our_database,
    is_our_locked_copy,
)
from mbcprep.storage.written_files import BACKUP_NAME

CRASH_ENV = "MBCPREP_TEST_CRASH_AT"  # tests only: "STEP" or "STEP#N", the step at which to kill this process
_passed: dict[str, int] = {}


def crash_point(step: str) -> None:
    """For the crash tests: SIGKILL this very process the Nth time (the first, unless "#N" says)
    it reaches the named step of a conversion."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    name, _, nth = wanted.partition("#")
    if name != step:
        return
    _passed[step] = _passed.get(step, 0) + 1
    if _passed[step] == int(nth or 1):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def own_backups(folder: Path, *, locked: bool) -> list[Path]:
    """The backups mbcprep made in backups/, plain ones or locked ones."""
    backups = folder / BACKUP_DIR
    if backups.is_symlink() or not backups.is_dir():
        return []
    files.remove_stale_temps(backups)
    data = folder / DB_NAME
    return sorted(
        p
        for p in backups.iterdir()
        if BACKUP_NAME.fullmatch(p.name) and (is_our_locked_copy(p, data) if locked else is_our_database(p))
    )


def lock_files(folder: Path, key: bytes, salt: bytes) -> list[Path]:
    """Lock the (plain) data file, then every plain backup of it; what was converted."""
    data = folder / DB_NAME
    done = []
    if not cipher.is_locked(data):
        convert(data, source_key=None, target_key=key, salt=salt, before_replace=lambda: cipher.write_marker(folder))
        done.append(data)
    cipher.remember(salt, key)
    for n, backup in enumerate(own_backups(folder, locked=False)):
        crash_point(f"backup-{n}")
        convert(backup, source_key=None, target_key=key, salt=salt)
        done.append(backup)
    return done


def unlock_files(folder: Path, key: bytes) -> list[Path]:
    """Unlock every locked backup, then the data file, then take the marker away."""
    data = folder / DB_NAME
    done = []
    for n, backup in enumerate(own_backups(folder, locked=True)):
        crash_point(f"backup-{n}")
        convert(backup, source_key=key, target_key=None)
        done.append(backup)
    if cipher.is_locked(data):
        convert(data, source_key=key, target_key=None)
        done.append(data)
    crash_point("before-marker")
    marker = folder / cipher.MARKER_NAME
    if marker.is_file() and not marker.is_symlink():
        marker.unlink()
    return done


@contextmanager
def _told_plainly(path: Path) -> Iterator[None]:
    """What SQLite or the disk reported while converting, as one sentence (the file is as it was)."""
    try:
        yield
    except sqlite3.Error as exc:
        if is_busy(exc):
            raise StoreError(busy_verdict(path).problem, "busy") from None
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL or "full" in str(exc).lower():
            raise StoreError(
                _("The disk is full, so nothing was changed. Your saved visits are safe."), "disk"
            ) from None
        raise StoreError(
            _("The data file {path} could not be converted, so it was left as it was.").format(path=path), "damaged"
        ) from None
    except OSError as exc:
        raise StoreError(
            _("Could not write in {folder} ({reason}).").format(folder=path.parent, reason=exc.strerror), "disk"
        ) from None


def convert(
    source: Path,
    *,
    source_key: bytes | None,
    target_key: bytes | None,
    salt: bytes | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Put a converted copy of `source` in its place: locked with `target_key` (and `salt`), or plain
    when it is None. Other windows wait (or are told the file is busy) until it is done."""
    with _told_plainly(source):
        _convert(source, source_key, target_key, salt, before_replace)


def _convert(
    source: Path,
    source_key: bytes | None,
    target_key: bytes | None,
    salt: bytes | None,
    before_replace: Callable[[], None] | None,
) -> None:
    sc = cipher.library()
    tmp = files.private_temp_beside(source)
    old_fd: int | None = None
    try:
        db = sc.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute("PRAGMA cipher_log_level = NONE")
            if source_key is not None:
                db.execute(f'PRAGMA key = "{cipher.raw_key(source_key)}"')
            db.execute("PRAGMA temp_store = MEMORY")
            db.execute(
                "ATTACH DATABASE ? AS converted KEY ?",
                (str(tmp), cipher.raw_key(target_key, salt) if target_key is not None else ""),
            )
            db.execute("PRAGMA converted.journal_mode = OFF")  # a half-made copy is simply thrown away
            # Exclusive from here until closed: no other window reads or changes the old file, nor
            # writes to it after it is replaced.
            db.execute("PRAGMA main.locking_mode = EXCLUSIVE")
            db.execute("BEGIN EXCLUSIVE")
            db.execute("COMMIT")
            crash_point("locked-out")
            version = int(db.execute("PRAGMA main.user_version").fetchone()[0])
            app_id = int(db.execute("PRAGMA main.application_id").fetchone()[0])
            db.execute("BEGIN IMMEDIATE")
            db.execute("SELECT sqlcipher_export('converted')")
            db.execute(f"PRAGMA converted.user_version = {version}")
            db.execute(f"PRAGMA converted.application_id = {app_id}")
            db.execute("COMMIT")
            _same_computer(db, source, tmp)
            db.execute("DETACH DATABASE converted")
            crash_point("exported")
            _fsync(tmp)
            crash_point("synced")
            if before_replace is not None:
                before_replace()
                crash_point("marked")
            if source_key is None:
                old_fd = os.open(source, os.O_RDWR)  # the plain bytes, to overwrite once replaced
            os.replace(tmp, source)
            _fsync_folder(source.parent)
            crash_point("replaced")
        finally:
            db.close()
    finally:
        if os.path.lexists(tmp):
            tmp.unlink()
    if old_fd is not None:
        _overwrite_and_close(old_fd)


def _same_computer(db: Any, source: Path, tmp: Path) -> None:
    """A computer that shares a folder stays the same computer there once its file is converted: the
    converted file notes its own identity on disk (kept when renamed into place), where the old one
    was noted, so sharing does not take it for a copy from elsewhere (`mbcprep.storage.sync`)."""
    from mbcprep.storage.sync import file_id

    if db.execute("SELECT 1 FROM converted.sqlite_master WHERE type = 'table' AND name = 'sync_self'").fetchone():
        db.execute("UPDATE converted.sync_self SET file_id = ? WHERE file_id = ?", (file_id(tmp), file_id(source)))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _overwrite_and_close(fd: int) -> None:
    """Zeros over a replaced plain file's bytes, synced, before its space is let go."""
    try:
        size = os.fstat(fd).st_size
        block = bytes(1 << 20)
        os.lseek(fd, 0, os.SEEK_SET)
        written = 0
        while written < size:
            written += os.write(fd, block[: min(len(block), size - written)])
        os.fsync(fd)
        crash_point("overwritten")
    except OSError:
        pass
    finally:
        os.close(fd)
