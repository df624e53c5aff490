"""Writing files the person asked for (exports, backups): 0600, no overwrite without force,
never following a symlink into a place the person did not name."""

from __future__ import annotations

import os
import re
import stat
import time
from contextlib import suppress
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.i18n import _

PRIVATE = 0o600
TEMP_SUFFIX = ".mbcprep-tmp"
# A temporary file of ours: ".NAME.PID-HEX.mbcprep-tmp", and the journal SQLite keeps beside one.
_TEMP = re.compile(r"\..+\.(\d{1,10})-[0-9a-f]{8}\.mbcprep-tmp(-journal)?")
# What mbcprep 0.1 named its temporary files (no process number): only removed once they are old.
_OLD_TEMP = re.compile(r"\..+\.[0-9a-f]{8}\.tmp(-journal)?")
OLD_TEMP_AGE = 3600  # seconds


def create_private_empty(path: Path) -> None:
    os.close(_create_private(path))


def _create_private(path: Path) -> int:
    """A new 0600 file, opened for writing; never an existing file or a symlink."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE)
    os.fchmod(fd, PRIVATE)
    return fd


def private_temp_beside(dest: Path) -> Path:
    """A new, empty, 0600 file in the same folder as `dest`, for writing then renaming."""
    tmp, fd = private_temp_and_fd(dest)
    os.close(fd)
    return tmp


def private_temp_and_fd(dest: Path) -> tuple[Path, int]:
    folder = dest.parent
    if not folder.is_dir():
        raise UsageError(_("The folder {folder} does not exist.").format(folder=folder))
    remove_stale_temps(folder)  # what a killed earlier run left here half-written
    import secrets

    tmp = folder / f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        return tmp, _create_private(tmp)
    except PermissionError:
        raise UsageError(_("You do not have permission to write in {folder}.").format(folder=folder)) from None
    except OSError as exc:
        raise UsageError(
            _("Could not write in {folder} ({reason}).").format(folder=folder, reason=exc.strerror)
        ) from None


def move_into_place(tmp: Path, dest: Path, *, force: bool) -> None:
    """Put a finished temp file at `dest`. Without force, an existing name (even a link) is refused."""
    if force:
        if dest.is_dir():
            raise UsageError(_("{path} is a folder; give a file name.").format(path=dest))
        if os.path.lexists(dest) and not (dest.is_symlink() or dest.is_file()):
            raise UsageError(_("{path} is not an ordinary file, so mbcprep will not replace it.").format(path=dest))
        os.replace(tmp, dest)  # replaces a symlink itself, never what it points to
        return
    try:
        os.link(tmp, dest)  # fails if anything, even a dangling symlink, has that name
    except FileExistsError:
        raise UsageError(_already_there(dest)) from None
    except OSError:
        # Some file systems have no hard links: fall back to an exclusive create.
        if os.path.lexists(dest):
            raise UsageError(_already_there(dest)) from None
        os.replace(tmp, dest)
        return
    tmp.unlink()


def write_private_text(dest: Path, text: str, *, force: bool = False) -> Path:
    """Write `text` to `dest` as a 0600 file, atomically."""
    tmp, fd = private_temp_and_fd(dest)
    try:
        try:
            # Write through the descriptor made with O_EXCL|O_NOFOLLOW: never reopen the name, which
            # someone could have swapped for a link in the meantime.
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise UsageError(_("Could not write {path} ({reason}).").format(path=dest, reason=exc.strerror)) from None
        move_into_place(tmp, dest, force=force)
    finally:
        if os.path.lexists(tmp):
            tmp.unlink()
    return dest


def is_stale_temp(path: Path, *, old_names: bool = False) -> bool:
    """Whether `path` is a temporary file mbcprep made and the program that made it is gone
    (killed in the middle of writing): a regular file of this account, named as ours, whose
    process no longer runs. With `old_names`, also the temporary files of older versions, once an
    hour old."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        return False
    found = _TEMP.fullmatch(path.name)
    if found:
        return not _process_alive(int(found[1]))
    return old_names and bool(_OLD_TEMP.fullmatch(path.name)) and time.time() - info.st_mtime > OLD_TEMP_AGE


def remove_stale_temps(folder: Path, *, old_names: bool = False) -> list[Path]:
    """Remove what killed runs of mbcprep left half-written in `folder` (never anything else)."""
    removed = []
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(".")]
    except OSError:
        return []
    for name in names:
        path = folder / name
        if is_stale_temp(path, old_names=old_names):
            with suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number we cannot ask about: leave it be
    return True


def _already_there(dest: Path) -> str:
    return _("{path} already exists. Use --force to replace it, or -o to pick another name.").format(path=dest)
