"""Where mbcprep keeps its files. Every path the program writes to by itself starts here."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "MBCPREP_HOME"
DB_NAME = "mbcprep.sqlite3"
BACKUP_DIR = "backups"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `--data-dir`, else $MBCPREP_HOME, else the platform's user data folder."""
    chosen = override if override else os.environ.get(HOME_ENV)
    if chosen:
        return Path(os.path.expanduser(os.fspath(chosen))).resolve()
    import platformdirs

    return Path(platformdirs.user_data_path("mbcprep", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and any missing parents, each 0700 whatever the umask) and make it 0700."""
    from mbcprep.errors import UsageError

    try:
        missing = [p for p in (path, *path.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)
        if not path.is_dir():
            raise UsageError(f"The data folder {path} is not a folder.")
        if path.stat().st_mode & 0o777 != 0o700:
            path.chmod(0o700)
    except FileExistsError:
        raise UsageError(f"The data folder {path} is not a folder.") from None
    except OSError as exc:
        raise UsageError(f"Cannot use the data folder {path} ({exc.strerror or exc}).") from None
    return path


def shipped_data_dir() -> Path:
    """The folder holding the shipped YAML, in a wheel install and in an editable one."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    # Editable install or a source checkout: data/ sits beside the package.
    return Path(__file__).resolve().parent.parent / "data"
