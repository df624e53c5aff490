"""The demo's throwaway folder: private (0700), under the system's temporary folder, never inside the
real data folder nor directly in the current folder (in /tmp itself, the demo uses /var/tmp or
/dev/shm instead), and removed when the demo ends, however it ends (exit, an error, Ctrl-C, Ctrl-\\,
a closed terminal, SIGTERM). A demo killed outright (SIGKILL, a power cut) cannot tidy up: the next
demo removes what it left, once the process that made it is gone.

It holds `data/`, the demo's data folder, and `sheets/`, where its sheets and backups go.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.i18n import _

PREFIX = "mbcprep-demo-"
_NAME = re.compile(r"mbcprep-demo-(\d{1,10})-[A-Za-z0-9_]+")  # the process that made it, then mkdtemp's letters


@dataclass(frozen=True)
class DemoFolder:
    root: Path

    @property
    def data(self) -> Path:
        """The demo's data folder (what --data-dir names for its commands)."""
        return self.root / "data"

    @property
    def sheets(self) -> Path:
        """Where the demo's sheets and backups are written."""
        return self.root / "sheets"

    def written(self) -> list[Path]:
        """The files the demo wrote for the person (sheets, backups)."""
        try:
            return sorted(p for p in self.sheets.iterdir() if not p.name.startswith("."))
        except OSError:
            return []


# Where the demo's folder goes when the system's temporary folder is the folder the person is in.
OTHER_BASES = ("/var/tmp", "/dev/shm")


def make_demo_folder(keep_out_of: list[Path], here: Path | None = None) -> DemoFolder:
    """A new, private, empty demo folder under the system's temporary folder (another one when that
    is `here`, the current folder). Refused when that would be inside one of `keep_out_of` (the
    real data folder)."""
    base = Path(tempfile.gettempdir()).resolve()
    for place in keep_out_of:
        place = place.resolve()
        if base == place or place in base.parents:
            raise UsageError(
                _(
                    "The demo makes a temporary folder in {base}, which is inside {folder}: it must not write"
                    " there. Go to another folder first (for example: cd ~), or set TMPDIR to another folder."
                ).format(base=base, folder=place)
            )
    if here is not None and base == here.resolve():
        base = _another_base(base, keep_out_of)
    for swept in {base, Path(tempfile.gettempdir()).resolve()}:
        remove_left_behind(swept)
    try:
        root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))  # 0700, ours alone
        folder = DemoFolder(root)
        for inside in (folder.data, folder.sheets):
            inside.mkdir(mode=0o700)
            inside.chmod(0o700)
    except OSError as exc:
        raise UsageError(
            _("The demo could not make its temporary folder in {folder} ({reason}).").format(
                folder=base, reason=exc.strerror or _("it was refused")
            )
        ) from None
    return folder


def _another_base(here: Path, keep_out_of: list[Path]) -> Path:
    """A temporary folder other than `here` (the current folder) and outside `keep_out_of`."""
    for name in OTHER_BASES:
        base = Path(name).resolve()
        inside = any(base == p.resolve() or p.resolve() in base.parents for p in keep_out_of)
        if base != here and not inside and base.is_dir() and os.access(base, os.W_OK | os.X_OK):
            return base
    raise UsageError(
        _(
            "The demo makes a temporary folder in {base}, the folder you are in, and a demo never writes in"
            " the folder you are in. Go to another folder first (for example: cd ~), or set TMPDIR to"
            " another folder."
        ).format(base=here)
    )


def remove_demo_folder(folder: DemoFolder) -> bool:
    """Remove the folder and everything in it; True when nothing is left."""
    shutil.rmtree(folder.root, ignore_errors=True)  # never follows a link out of the folder
    return not os.path.lexists(folder.root)


def remove_left_behind(base: Path) -> list[Path]:
    """Remove the demo folders of this account that a killed demo left in `base` (only folders named
    as ours, owned by this account, whose demo is no longer running)."""
    from mbcprep.files import process_alive

    removed = []
    try:
        entries = [e for e in os.scandir(base) if e.name.startswith(PREFIX)]
    except OSError:
        return []
    for entry in entries:
        found = _NAME.fullmatch(entry.name)
        if not found:
            continue
        try:
            info = os.lstat(entry.path)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or process_alive(int(found[1])):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed
