"""Where mbcprep keeps its files. Every path the program writes to by itself starts here."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "MBCPREP_HOME"
BANK_ENV = "MBCPREP_BANK"  # custom question banks, os.pathsep-separated (see mbcprep.content.banks)
DB_NAME = "mbcprep.sqlite3"
BACKUP_DIR = "backups"
CACHE_DIR = "cache"  # a checked copy of the shipped content (see mbcprep.content.cache)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `--data-dir`, else $MBCPREP_HOME, else the platform's user data folder."""
    from mbcprep.errors import UsageError
    from mbcprep.i18n import _

    if override is not None and not os.fspath(override).strip():
        raise UsageError(_("--data-dir needs a folder name."))
    from_env = os.environ.get(HOME_ENV, "")
    if override is None and from_env and not from_env.strip():
        raise UsageError(
            _("{setting} is set to blank space; set it to a folder name, or unset it.").format(setting=HOME_ENV)
        )
    chosen = override if override else from_env
    if chosen:
        try:
            return Path(os.path.expanduser(os.fspath(chosen))).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop of symlinks (OSError from Python 3.13)
            raise UsageError(
                _("The data folder {path} cannot be used: it is a loop of links.").format(path=chosen)
            ) from None
    import platformdirs

    return Path(platformdirs.user_data_path("mbcprep", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and any missing parents, each 0700 whatever the umask) and make it private.

    Permissions are only ever taken away, never given: a folder someone made read-only stays so.
    A pre-existing folder that others can open is only made private if it is empty or already
    mbcprep's; a shared folder (say /tmp, or a home folder) is refused, never changed.
    """
    from mbcprep.errors import UsageError
    from mbcprep.i18n import _

    try:
        missing = [p for p in (path, *path.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)
        if not path.is_dir():
            raise UsageError(_("The data folder {path} is not a folder.").format(path=path))
        info = path.stat()
        if info.st_uid != os.geteuid():
            raise UsageError(
                _(
                    "The data folder {path} belongs to another account, so mbcprep will not keep your data"
                    " there. Use a folder of your own, or make this one yours first: chown {user} {path}"
                ).format(path=path, user=account_name())
            )
        mode = info.st_mode & 0o7777
        if mode & 0o077:
            if path not in missing and not _empty_or_ours(path):
                raise UsageError(
                    _(
                        "The folder {path} can be opened by others and holds other files. "
                        "Choose a folder of its own for mbcprep's data (a new one is fine)."
                    ).format(path=path)
                )
            if path not in missing and os.path.lexists(path / DB_NAME):
                # Others could read (or change) the data file while the folder was open: say so, as ssh
                # does with a key file, rather than quietly go on writing private words there.
                raise UsageError(
                    _(
                        "Other accounts can open the data folder {path}, so mbcprep will not write your data"
                        " there. If the folder is yours, make it private first: chmod 700 {path}"
                    ).format(path=path)
                )
            _take_away(path, mode)
    except FileExistsError:
        raise UsageError(_("The data folder {path} is not a folder.").format(path=path)) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symlinks
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _("it cannot be opened")
        raise UsageError(_("Cannot use the data folder {path} ({reason}).").format(path=path, reason=reason)) from None
    return path


def _take_away(path: Path, mode: int) -> None:
    """Make a folder private; a read-only file system is let be (reading still works), anything else
    that keeps it open to others is refused."""
    import errno

    from mbcprep.errors import UsageError
    from mbcprep.i18n import _

    try:
        path.chmod(mode & 0o700)
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return
        raise UsageError(
            _(
                "Other accounts can open the data folder {path}, and mbcprep could not make it private."
                " Make it private first: chmod 700 {path}"
            ).format(path=path)
        ) from None


def account_name() -> str:
    """This account's user name, for the `chown` a message suggests."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return str(os.geteuid())


def _empty_or_ours(folder: Path) -> bool:
    names = {p.name for p in folder.iterdir()}
    return not names or DB_NAME in names or names <= {BACKUP_DIR, CACHE_DIR}


def shipped_data_dir() -> Path:
    """The folder holding the shipped YAML, in a wheel install and in an editable one."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    # Editable install or a source checkout: data/ sits beside the package.
    return Path(__file__).resolve().parent.parent / "data"


def refuse_inside_data_folder(dest: Path, folder: Path, allowed: Path | None = None) -> None:
    """Exports and backups never land on mbcprep's own files (only `allowed`, the backups folder)."""
    from mbcprep.errors import UsageError
    from mbcprep.i18n import _

    where = dest.resolve().parent if not dest.is_dir() else dest.resolve()
    inside = where == folder.resolve() or folder.resolve() in where.parents
    if inside and not (allowed and where == allowed.resolve()):
        raise UsageError(_("Please choose a place outside mbcprep's data folder ({folder}).").format(folder=folder))
