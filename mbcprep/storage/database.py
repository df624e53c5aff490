"""The data file: opening it, the one verdict on it, transactions, and migrating it.

Every change is one transaction. `diagnose` gives the one verdict every command and `mbcprep data
check` share: a file that is not mbcprep's, is damaged, was changed by another program or was written
by a newer mbcprep is reported and left exactly as it is. A migration takes the write lock, backs the
file up once, and runs the named migrations of `mbcprep.storage.migrations` in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from mbcprep import files
from mbcprep.errors import StoreError
from mbcprep.i18n import _
from mbcprep.paths import BACKUP_DIR, DB_NAME, account_name, ensure_private_dir
from mbcprep.storage import cipher, verified
from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION, expected_schema, schema_of

APPLICATION_ID = 0x4D424350  # "MBCP": marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
# SQLite's primary result codes (the sqlite3 module names them only from Python 3.11).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14

D = TypeVar("D", bound="Database")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


_LAST_STAMP: list[datetime] = []


def timestamp() -> str:
    """For file names: UTC time and this process, so two windows never pick the same name (and one
    process asking twice in a second gets the next second, not the same name)."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    if _LAST_STAMP and now <= _LAST_STAMP[0]:
        now = _LAST_STAMP[0] + timedelta(seconds=1)
    _LAST_STAMP[:] = [now]
    return now.strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


def refuse_unless_own(path: Path) -> None:
    """The data file must be this account's own and private, as ssh wants a key file: one owned by
    another account is refused, never written; one others may open (in a private folder of this
    account's, so nobody else could reach it) is made private, and refused if that cannot be done.
    Permissions are only ever taken away: read-only stays read-only."""
    import errno

    from mbcprep.errors import UsageError

    info = path.stat()
    if info.st_uid != os.geteuid():
        raise UsageError(
            _(
                "The data file {path} belongs to another account, so mbcprep will not write your data in it."
                " If it is yours, make it yours first: chown {user} {path}"
            ).format(path=path, user=account_name())
        )
    mode = info.st_mode & 0o777
    if mode & 0o077:
        try:
            path.chmod(mode & 0o700)
        except OSError as exc:
            if exc.errno != errno.EROFS:
                raise UsageError(
                    _(
                        "Other accounts can read the data file {path}, and mbcprep could not make it private."
                        " Make it private first: chmod 600 {path}"
                    ).format(path=path)
                ) from None


# --- the one verdict on a data file -----------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether the data file can be used: `reason` is "" when it can, else a code
    ("special", "link", "unreadable", "foreign", "damaged", "newer", "busy") and `problem` says it.
    `locked`: the file is locked with a passphrase (`mbcprep.storage.cipher`)."""

    reason: str = ""
    problem: str = ""
    version: int = 0
    locked: bool = False

    @property
    def settled(self) -> bool:
        """Whether there is nothing more to learn from `mbcprep data check`."""
        return self.reason in ("newer", "busy")


def damaged_verdict(path: Path) -> Verdict:
    return Verdict("damaged", _("The data file {path} looks damaged or is not an mbcprep file.").format(path=path))


def _code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code for an error (Python 3.11 and newer tell it)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock (longer than the busy timeout)."""
    return _code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) or any(word in str(exc).lower() for word in ("locked", "busy"))


def busy_verdict(path: Path) -> Verdict:
    return Verdict(
        "busy",
        _(
            "Another program (perhaps another mbcprep window) is using the data file {path} right now. "
            "Please try again in a moment."
        ).format(path=path),
    )


def diagnose_file(path: Path) -> Verdict:
    """What can be told without SQLite: is it there, an ordinary file, ours by its first bytes?"""
    if not os.path.lexists(path):
        return Verdict()
    if path.is_symlink() and not path.exists():
        return Verdict(
            "link",
            _("The data file {path} is a link to a file that is not there, so mbcprep cannot use it.").format(
                path=path
            ),
        )
    if not path.is_file():
        return Verdict(
            "special", _("The data file {path} is not an ordinary file, so mbcprep cannot use it.").format(path=path)
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return Verdict(
            "unreadable", _("The data file {path} cannot be read ({reason}).").format(path=path, reason=exc.strerror)
        )
    if len(head) == 0:
        return Verdict()  # created but never written (for example a first open killed at its first moment)
    if not head.startswith(SQLITE_MAGIC):
        if cipher.head_is_locked(head, path.parent):
            return Verdict(locked=True)
        return Verdict(
            "foreign", _("The data file {path} is not an mbcprep data file (or it is damaged).").format(path=path)
        )
    return Verdict()


def diagnose_db(db: sqlite3.Connection, path: Path, *, deep: bool = True, schema: int | None = None) -> Verdict:
    """The verdict on an open data file: ours, not newer, the schema its version says, not damaged
    (with `deep`, every page is checked). Read in one snapshot, so another window migrating the file
    meanwhile cannot confuse it. Without `deep` (a file unchanged since its last full check, which
    held its schema too: `mbcprep.storage.verified`) the schema is not worked out again, unless its
    version counter inside the snapshot is not `schema`, the one noted then."""
    try:
        db.execute("BEGIN")
        try:
            return _verdict_now(db, path, deep, schema)
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        return busy_verdict(path) if is_busy(exc) else damaged_verdict(path)


def _verdict_now(db: sqlite3.Connection, path: Path, deep: bool = True, schema: int | None = None) -> Verdict:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or schema_of(db)):
        return Verdict("foreign", _("The data file {path} is not an mbcprep data file.").format(path=path), version)
    if version > SCHEMA_VERSION:
        return Verdict(
            "newer",
            _(
                "The data file {path} was written by a newer version of mbcprep. "
                "Please update mbcprep to use it; nothing was changed."
            ).format(path=path),
            version,
        )
    # The expected schema is made by running every migration in memory: a few milliseconds a command.
    same_schema = not deep and schema is not None and db.execute("PRAGMA schema_version").fetchone()[0] == schema
    if version < 0 or (not same_schema and schema_of(db) != expected_schema(version)):
        return Verdict(
            "damaged",
            _("The data file {path} has been changed by another program or is damaged.").format(path=path),
            version,
        )
    if deep and version > 0 and not pages_are_sound(db):
        return damaged_inside(path, version)
    return Verdict(version=version)


def pages_are_sound(db: sqlite3.Connection) -> bool:
    if cipher.is_cipher_connection(db) and not cipher.cipher_pages_sound(db):
        return False
    return bool(db.execute("PRAGMA quick_check").fetchone()[0] == "ok")


def damaged_inside(path: Path, version: int = 0) -> Verdict:
    return Verdict(
        "damaged",
        _("The data file {path} is damaged inside, so mbcprep will not read or change it.").format(path=path),
        version,
    )


def connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing file, which lets SQLite roll back a save cut off mid-commit (restoring
    the last finished state) before anything is read."""
    # Opened read-write even to look: SQLite checks CHECK constraints only then, and every command must
    # reach the same verdict. Nothing is written unless asked; a write-protected file opens read-only.
    # A locked file is opened with its key (asked once per command: `mbcprep.storage.cipher`).
    return cipher.connect(path, read_write_only=True, timeout=BUSY_TIMEOUT_MS / 1000)


def diagnose(path: Path) -> Verdict:
    """The one verdict on the data file at `path`, without changing it."""
    verdict = diagnose_file(path)
    if verdict.reason or not path.exists() or path.stat().st_size == 0:
        return verdict
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        return busy_verdict(path) if is_busy(exc) else damaged_verdict(path)
    try:
        return replace(diagnose_db(db, path), locked=verdict.locked)
    finally:
        db.close()


def refused(verdict: Verdict) -> StoreError:
    tail = "" if verdict.settled else " " + _("It was left as it is. Run 'mbcprep data check' for details.")
    return StoreError(verdict.problem + tail, verdict.reason)


def is_our_database(path: Path) -> bool:
    """An ordinary file (not a link) that starts as an mbcprep data file does: SQLite's header with
    mbcprep's application id in it."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            return False
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    return head.startswith(SQLITE_MAGIC) and len(head) >= 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID


def is_our_locked_copy(path: Path, data_file: Path) -> bool:
    """A locked copy of the locked data file `data_file` (a backup mbcprep made): an ordinary file
    that starts with the same random salt, which nothing else could."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or not cipher.is_locked(data_file):
            return False
        salt = cipher.salt_of(data_file)
        return len(salt) == cipher.SALT_BYTES and cipher.salt_of(path) == salt
    except OSError:
        return False


def _lenient_text(raw: bytes) -> str:
    """Text columns that hold bytes that are not UTF-8 (damage) are read with U+FFFD, not refused,
    so every visit can still be got out; the checksum then tells that the visit is damaged."""
    return raw.decode("utf-8", "replace")


class Database:
    """The open data file. `Store` adds a repository for each table on top of it."""

    def __init__(self, folder: Path, db: sqlite3.Connection) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.db = db
        self.row_class = cipher.row_class(db)
        # The file this connection opened: a file put in its place since (by `mbcprep lock` or `unlock`
        # in another window) is never written through the old one.
        self.file_id = cipher.same_file_id(self.path)
        # Whether every page was checked in this open. A file unchanged since its last full check is
        # opened without one (see mbcprep.storage.verified); the first write then checks it first.
        self.pages_checked = True
        # Set by `follow_replacements`: what to tell before a file put in this one's place is opened.
        self.follows: Callable[[], None] | None = None

    @classmethod
    def open(cls: type[D], folder: Path) -> D:
        ensure_private_dir(folder)
        path = folder / DB_NAME
        verdict = diagnose_file(path)
        if verdict.reason:
            raise refused(verdict)
        try:
            if not path.exists():
                with suppress(FileExistsError):  # another window created it a moment ago
                    files.create_private_empty(path)
            else:
                refuse_unless_own(path)
            db = cipher.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        except OSError as exc:
            raise StoreError(
                _("Cannot use the data file {path} ({reason}).").format(path=path, reason=exc.strerror or exc),
                "unreadable",
            ) from None
        except sqlite3.Error as exc:
            raise refused(busy_verdict(path) if is_busy(exc) else damaged_verdict(path)) from None
        store = cls(folder, db)
        schema = verified.checked_schema(folder, path)
        deep = schema is None
        verdict = diagnose_db(db, path, deep=deep, schema=schema)
        if verdict.reason:
            db.close()
            raise refused(verdict)
        store.pages_checked = deep
        if deep and verdict.version > 0:
            verified.remember_checked(folder, path, db.execute("PRAGMA schema_version").fetchone()[0])
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = FULL")
            if verdict.version < SCHEMA_VERSION:
                store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise store.translate(exc) from None
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self: D) -> D:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- migrating ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        """Bring the file up to SCHEMA_VERSION. The write lock is taken first, so when several
        windows open an old file at once, one backs it up and migrates and the others find it done."""
        with self.transaction() as db:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current >= SCHEMA_VERSION:
                return
            if schema_of(db) != expected_schema(current):
                raise refused(
                    Verdict(
                        "damaged",
                        _("The data file {path} has been changed by another program or is damaged.").format(
                            path=self.path
                        ),
                    )
                )
            backup = None
            if current > 0:
                backups = ensure_private_dir(self.folder / BACKUP_DIR)
                backup = backups / f"before-v{SCHEMA_VERSION}-{timestamp()}.sqlite3"
                self.copy_file_to(backup)
            for step in MIGRATIONS[current:]:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.after_migration(db, backup)

    def after_migration(self, db: sqlite3.Connection, backup: Path | None) -> None:
        """What the tables do once the schema is new, in the migration's transaction."""

    def copy_file_to(self, dest: Path, *, force: bool = False, before_update: bool = True) -> None:
        """Copy the file as it is while this connection holds a lock (nobody can change it, and
        SQLite's backup API would wait for that very lock). A locked file's copy stays locked."""
        tmp, fd = files.private_temp_and_fd(dest)
        try:
            with os.fdopen(fd, "wb") as out, self.path.open("rb") as source:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            files.move_into_place(tmp, dest, force=force)
        except OSError as exc:
            if not before_update:
                raise StoreError(
                    _("Could not make the backup ({reason}).").format(reason=exc.strerror), "disk"
                ) from None
            raise StoreError(
                _("Could not make a backup before updating the data file ({reason}); nothing was changed.").format(
                    reason=exc.strerror
                ),
                "disk",
            ) from None
        finally:
            if os.path.lexists(tmp):
                tmp.unlink()

    # --- reading and writing -------------------------------------------------------------------

    def translate(self, exc: sqlite3.Error) -> StoreError:
        """One plain sentence for what SQLite reported."""
        if cipher.same_file_id(self.path) != self.file_id:
            return self.replaced()  # what was read here is the old file, let go by `lock` or `unlock`
        code = _code(exc)
        text = str(exc).lower()
        if is_busy(exc):
            return StoreError(_("Another mbcprep window is busy with your data; please try again in a moment."), "busy")
        if code == SQLITE_FULL or "disk is full" in text:
            return StoreError(_("The disk is full, so nothing was changed. Your saved visits are safe."), "disk")
        if code == SQLITE_IOERR or "disk i/o" in text:
            return StoreError(_("The disk is failing or was removed, so the change was not saved."), "disk")
        if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in text or "read-only" in text:
            return StoreError(
                _(
                    "The data file {path} or its folder is read-only, so nothing was changed. "
                    "Your saved visits can still be read."
                ).format(path=self.path),
                "read-only",
            )
        return refused(damaged_verdict(self.path))

    def replaced(self) -> StoreError:
        return StoreError(
            _(
                "The data file was locked, unlocked or deleted in another window meanwhile, so nothing was saved"
                " here; please run the command again."
            ),
            "replaced",
        )

    def follow_replacements(self, tell: Callable[[], None]) -> None:
        """From now on, when another window locks or unlocks the data file, `tell` it, open the file
        put in its place (asking its passphrase when it is locked) and go on there, instead of
        refusing: for a long session, such as the interview, whose answers would otherwise be lost. A
        file deleted meanwhile stays deleted: that is still refused."""
        self.follows = tell

    def _followed(self) -> bool:
        """Whether the file put in this one's place was opened (when following, and it is there)."""
        if self.follows is None or not self.path.exists():
            return False
        self.follows()
        self.take_over(type(self).open(self.folder))
        return True

    def take_over(self, other: Database) -> None:
        """Read and write from now on through `other`, the file opened again in this one's place (after
        `mbcprep lock` or `unlock` in another window); this one's connection is closed."""
        self.db.close()
        self.db, self.row_class = other.db, other.row_class
        self.file_id, self.pages_checked = other.file_id, other.pages_checked

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved, or none of it. SQLite rolls some failures back
        by itself (a full disk); then there is nothing left to roll back, and the real error is told."""
        self._begin_writing()
        if not self.pages_checked:  # never change a file damaged inside: look at every page first
            try:
                sound = pages_are_sound(self.db)
            except sqlite3.DatabaseError:
                sound = False
            if not sound:
                self._rollback()
                raise refused(damaged_inside(self.path))
            self.pages_checked = True
        try:
            yield self.db
        except sqlite3.Error as exc:
            self._rollback()
            raise self.translate(exc) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self.translate(exc) from None

    def _begin_writing(self, *, again: bool = True) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            error = self.translate(exc)
            if again and error.reason == "replaced" and self._followed():
                return self._begin_writing(again=False)
            raise error from None
        if cipher.same_file_id(self.path) != self.file_id:
            self._rollback()
            if again and self._followed():
                return self._begin_writing(again=False)
            raise self.replaced()
        return None

    def _rollback(self) -> None:
        if self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the file, even while other windows save."""
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise self.translate(exc) from None
        try:
            yield
        finally:
            self._rollback()

    def read(self, sql: str, args: tuple[object, ...] = (), *, plain: bool = False, again: bool = True) -> list[Any]:
        """Rows by column name (`sqlite3.Row`), or as plain tuples, quicker by the thousand."""
        try:
            self.db.row_factory = None if plain else self.row_class
            try:
                return self.db.execute(sql, args).fetchall()
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc).lower():
                    raise
                self.db.text_factory = _lenient_text
                return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            error = self.translate(exc)
            if again and error.reason == "replaced" and self._followed():
                return self.read(sql, args, plain=plain, again=False)
            raise error from None
