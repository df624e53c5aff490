"""Writing files the person asked for (exports, backups): 0600, no overwrite without force,
never following a symlink into a place the person did not name."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
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


# While a demo runs (`mbcprep demo`): the folder where a file name typed alone and a sheet made
# "here" go, and the one folder every file mbcprep writes must be in (the demo's whole folder, its
# data's backups and settings included). None otherwise.
_writes_only_in: Path | None = None
_writes_within: Path | None = None


@contextmanager
def writes_only_in(folder: Path, within: Path | None = None) -> Iterator[None]:
    """Every file written meanwhile goes in `within` (by default `folder`): anything else is refused,
    and a file name typed without a folder (or a sheet made in the current folder) lands in `folder`."""
    global _writes_only_in, _writes_within
    before = _writes_only_in, _writes_within
    _writes_only_in, _writes_within = folder.resolve(), (within or folder).resolve()
    try:
        yield
    finally:
        _writes_only_in, _writes_within = before


def writes_go_to() -> Path | None:
    """The folder set by `writes_only_in`, or None when files may go anywhere the person says."""
    return _writes_only_in


def typed_path(text: str) -> Path:
    """A path as the person typed it (~ expanded): relative to the current folder, or inside the
    folder set by `writes_only_in`."""
    path = Path(os.path.expanduser(text))
    if _writes_only_in is not None and not path.is_absolute():
        return _writes_only_in / path
    return path


# Names of the standard output: `-o /dev/stdout` means the screen, as `-o -` does (a file is written
# by putting a finished copy in place beside it, which cannot be done in /dev).
_SCREEN_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def names_the_screen(text: str) -> bool:
    """Whether `-o TEXT` means the standard output: "-", or one of its names in /dev and /proc."""
    text = text.strip()
    return text == "-" or os.path.normpath(os.path.expanduser(text)) in _SCREEN_NAMES


def _refuse_outside_allowed(dest: Path) -> None:
    if _writes_within is None:
        return
    where = dest.parent.resolve()
    if where != _writes_within and _writes_within not in where.parents:
        raise UsageError(
            _(
                "A demo writes files only in its own temporary folder: give a file name without a folder,"
                " or -o - to see it on the screen."
            )
        )


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
    _refuse_outside_allowed(dest)
    if not folder.is_dir():
        raise UsageError(_("The folder {folder} does not exist.").format(folder=folder))
    if os.path.exists(dest) and not dest.is_file() and not dest.is_dir():  # a device, a pipe, a socket
        raise UsageError(
            _(
                "{path} is not an ordinary file (a device or a pipe), so mbcprep will not write there: "
                "give a file name."
            ).format(path=dest)
        )
    remove_stale_temps(folder)  # what a killed earlier run left here half-written
    # What secrets.token_hex(4) gives, without loading `secrets` (and `random`, `hmac`) for it.
    tmp = folder / f".{dest.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"
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


def write_private_text(dest: Path, text: str | Sequence[str], *, force: bool = False) -> Path:
    """Write `text` (or its pieces, one after the other) to `dest` as a 0600 file, atomically."""
    if isinstance(text, str):
        return write_private_bytes(dest, text.encode("utf-8"), force=force)
    return write_private_bytes(dest, [piece.encode("utf-8") for piece in text], force=force)


def write_private_bytes(dest: Path, data: bytes | Sequence[bytes], *, force: bool = False) -> Path:
    """Write `data` (or its pieces, one after the other) to `dest` as a 0600 file, atomically."""
    tmp, fd = private_temp_and_fd(dest)
    try:
        try:
            # Write through the descriptor made with O_EXCL|O_NOFOLLOW: never reopen the name, which
            # someone could have swapped for a link in the meantime.
            with os.fdopen(fd, "wb") as fh:
                for piece in (data,) if isinstance(data, bytes) else data:
                    fh.write(piece)
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
        return not process_alive(int(found[1]))
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


def process_alive(pid: int) -> bool:
    """Whether process `pid` may still be running (one we may not ask about counts as running)."""
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
