"""The visit store: one SQLite file in the data folder.

Every change is one transaction. The schema has a version (`PRAGMA user_version`) and ordered
migrations; the file is backed up once before a migration, and a file from a newer mbcprep, a
damaged file or a file that is not ours is reported and left exactly as it is. `diagnose` gives the
one verdict every command and `mbcprep data check` share. Each visit carries a checksum of its
record, so damage SQLite cannot see (it keeps none of its own) is reported when the visit is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from mbcprep import files
from mbcprep.errors import StoreError, UsageError, VisitChangedElsewhere
from mbcprep.models import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.paths import BACKUP_DIR, DB_NAME, ensure_private_dir

APPLICATION_ID = 0x4D424350  # "MBCP": marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
# SQLite's primary result codes (the sqlite3 module names them only from Python 3.11).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14
# The names mbcprep gives the backups it makes in the data folder's backups/ folder.
BACKUP_NAME = re.compile(r"(mbcprep|before-v\d{1,4})-\d{8}T\d{6}Z-\d{1,10}\.sqlite3")


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): that commits first, which would break the one-transaction rule.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m001_visits(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('draft', 'ready')),
            visit_date TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            with_whom TEXT NOT NULL DEFAULT '',
            filled_by TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            draft_step TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX visits_by_date ON visits (status, visit_date, id);
        CREATE TABLE visit_questions (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT,
            text TEXT NOT NULL,
            why TEXT NOT NULL DEFAULT '',
            topic TEXT NOT NULL,
            rank INTEGER CHECK (rank IS NULL OR rank BETWEEN 1 AND 3),
            PRIMARY KEY (visit_id, position)
        );
        CREATE TABLE visit_symptoms (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            symptom_id TEXT NOT NULL,
            name TEXT NOT NULL,
            score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (visit_id, position)
        );
        CREATE TABLE visit_considerations (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            consideration_id TEXT NOT NULL,
            prompt TEXT NOT NULL,
            answer TEXT NOT NULL,
            PRIMARY KEY (visit_id, position)
        );
        """,
    )


def m002_edit_drafts(db: sqlite3.Connection) -> None:
    # Changes made in `edit` but not saved yet (kept aside when the edit is interrupted).
    _run_script(
        db,
        """
        CREATE TABLE edit_drafts (
            visit_id INTEGER PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )


def m003_revisions(db: sqlite3.Connection) -> None:
    # Counts the saves of each visit, so a save notices another window's save in between.
    db.execute("ALTER TABLE visits ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


def m004_checksums_kept_edits_written_files(db: sqlite3.Connection) -> None:
    """A checksum for each visit (filled in by the migration runner, which reseals every visit);
    changes kept aside per window rather than one per visit; and the list of files mbcprep wrote."""
    _run_script(
        db,
        """
        ALTER TABLE visits ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
        CREATE TABLE kept_edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        INSERT INTO kept_edits (visit_id, payload, updated_at)
            SELECT visit_id, payload, updated_at FROM edit_drafts ORDER BY visit_id;
        DROP TABLE edit_drafts;
        CREATE TABLE written_files (
            path TEXT PRIMARY KEY,
            what TEXT NOT NULL CHECK (what IN ('backup', 'sheet', 'export')),
            written_at TEXT NOT NULL
        );
        """,
    )


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Append only; never edit one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    m001_visits,
    m002_edit_drafts,
    m003_revisions,
    m004_checksums_kept_edits_written_files,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class VisitSummary:
    id: int
    uuid: str
    visit_date: str
    kind: str
    with_whom: str
    status: str
    question_count: int


@dataclass(frozen=True)
class KeptEdit:
    """Changes one `edit` window kept aside, and when."""

    id: int
    visit: Visit
    updated_at: str


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


@dataclass
class DeleteReport:
    """What `mbcprep data delete` did: what it removed, what it left (and why), and the sheets and
    backups it wrote elsewhere, which it leaves where they are."""

    removed: list[Path] = field(default_factory=list)
    left: list[tuple[Path, str]] = field(default_factory=list)
    elsewhere: list[Path] = field(default_factory=list)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def visit_checksum(visit: Visit) -> str:
    """A hash of everything a visit's record holds, as its backup would write it."""
    canonical = json.dumps(visit.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# --- the one verdict on a data file -----------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether the data file can be used: `reason` is "" when it can, else a code
    ("special", "link", "unreadable", "foreign", "damaged", "newer", "busy") and `problem` says it."""

    reason: str = ""
    problem: str = ""
    version: int = 0

    @property
    def settled(self) -> bool:
        """Whether there is nothing more to learn from `mbcprep data check`."""
        return self.reason in ("newer", "busy")


def _damaged(path: Path, how: str = "looks damaged or is not an mbcprep file") -> Verdict:
    return Verdict("damaged", f"The data file {path} {how}.")


def _is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock (longer than the busy timeout)."""
    return _code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) or any(word in str(exc).lower() for word in ("locked", "busy"))


def _code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code for an error (Python 3.11 and newer tell it)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _busy(path: Path) -> Verdict:
    return Verdict(
        "busy",
        f"Another program (perhaps another mbcprep window) is using the data file {path} right now. "
        "Please try again in a moment.",
    )


def diagnose_file(path: Path) -> Verdict:
    """What can be told without SQLite: is it there, an ordinary file, ours by its first bytes?"""
    if not os.path.lexists(path):
        return Verdict()
    if path.is_symlink() and not path.exists():
        return Verdict("link", f"The data file {path} is a link to a file that is not there, so mbcprep cannot use it.")
    if not path.is_file():
        return Verdict("special", f"The data file {path} is not an ordinary file, so mbcprep cannot use it.")
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return Verdict("unreadable", f"The data file {path} cannot be read ({exc.strerror}).")
    if len(head) == 0:
        return Verdict()  # created but never written (for example a first open killed at its first moment)
    if not head.startswith(SQLITE_MAGIC):
        return Verdict("foreign", f"The data file {path} is not an mbcprep data file (or it is damaged).")
    return Verdict()


def diagnose_db(db: sqlite3.Connection, path: Path) -> Verdict:
    """The verdict on an open data file: ours, not newer, the schema its version says, not damaged.
    Read in one snapshot, so another window migrating the file meanwhile cannot confuse it."""
    try:
        db.execute("BEGIN")
        try:
            return _verdict_now(db, path)
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        return _busy(path) if _is_busy(exc) else _damaged(path)


def _verdict_now(db: sqlite3.Connection, path: Path) -> Verdict:
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = _schema_of(db)
        if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
            return Verdict("foreign", f"The data file {path} is not an mbcprep data file.", version)
        if version > SCHEMA_VERSION:
            return Verdict(
                "newer",
                f"The data file {path} was written by a newer version of mbcprep. "
                "Please update mbcprep to use it; nothing was changed.",
                version,
            )
        if version < 0 or tables != expected_schema(version):
            return Verdict(
                "damaged", f"The data file {path} has been changed by another program or is damaged.", version
            )
        if version > 0:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                return Verdict(
                    "damaged",
                    f"The data file {path} is damaged inside, so mbcprep will not read or change it.",
                    version,
                )
    except sqlite3.DatabaseError as exc:
        return _busy(path) if _is_busy(exc) else _damaged(path)
    return Verdict(version=version)


def _schema_of(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: tuple(c[1] for c in db.execute(f'PRAGMA table_info("{name}")')) for name in names}


_EXPECTED: dict[int, dict[str, tuple[str, ...]]] = {}


def expected_schema(version: int) -> dict[str, tuple[str, ...]]:
    """The tables and columns a file of `version` has: the migrations up to it, run in memory."""
    if version not in _EXPECTED:
        db = sqlite3.connect(":memory:", isolation_level=None)
        for step in MIGRATIONS[: max(version, 0)]:
            step(db)
        _EXPECTED[version] = _schema_of(db)
        db.close()
    return _EXPECTED[version]


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing file, which lets SQLite roll back a save cut off mid-commit (restoring
    the last finished state) before anything is read."""
    # Opened read-write even to look: SQLite checks CHECK constraints only then, and every command must
    # reach the same verdict. Nothing is written unless asked; a write-protected file opens read-only.
    return sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)


def diagnose(path: Path) -> Verdict:
    """The one verdict on the data file at `path`, without changing it."""
    verdict = diagnose_file(path)
    if verdict.reason or not path.exists() or path.stat().st_size == 0:
        return verdict
    try:
        db = _connect(path)
    except sqlite3.Error as exc:
        return _busy(path) if _is_busy(exc) else _damaged(path)
    try:
        return diagnose_db(db, path)
    finally:
        db.close()


def _lenient_text(raw: bytes) -> str:
    """Text columns that hold bytes that are not UTF-8 (damage) are read with U+FFFD, not refused,
    so every visit can still be got out; the checksum then tells that the visit is damaged."""
    return raw.decode("utf-8", "replace")


class Store:
    """All reads and writes of visits. Use `Store.open(folder)`; close with `close()` or `with`."""

    def __init__(self, folder: Path, db: sqlite3.Connection) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.db = db

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path) -> Store:
        ensure_private_dir(folder)
        path = folder / DB_NAME
        verdict = diagnose_file(path)
        if verdict.reason:
            raise _refused(verdict)
        try:
            if not path.exists():
                with suppress(FileExistsError):  # another window created it a moment ago
                    files.create_private_empty(path)
            elif (mode := path.stat().st_mode & 0o777) & 0o077:
                with suppress(OSError):  # only ever take permissions away; read-only stays read-only
                    path.chmod(mode & 0o700)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except OSError as exc:
            raise StoreError(f"Cannot use the data file {path} ({exc.strerror or exc}).", "unreadable") from None
        except sqlite3.Error:
            raise _refused(_damaged(path)) from None
        store = cls(folder, db)
        verdict = diagnose_db(db, path)
        if verdict.reason:
            db.close()
            raise _refused(verdict)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = FULL")
            if verdict.version < SCHEMA_VERSION:
                store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise store._translate(exc) from None
        except BaseException:
            db.close()
            raise
        return store

    def _migrate(self) -> None:
        """Bring the file up to SCHEMA_VERSION. The write lock is taken first, so when several
        windows open an old file at once, one backs it up and migrates and the others find it done."""
        with self.transaction() as db:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current >= SCHEMA_VERSION:
                return
            if _schema_of(db) != expected_schema(current):
                raise StoreError(
                    f"The data file {self.path} has been changed by another program or is damaged. "
                    "It was left as it is. Run 'mbcprep data check' for details.",
                    "damaged",
                )
            backup = None
            if current > 0:
                backup = (
                    ensure_private_dir(self.folder / BACKUP_DIR) / f"before-v{SCHEMA_VERSION}-{timestamp()}.sqlite3"
                )
                self._copy_file_to(backup)
            for step in MIGRATIONS[current:]:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            # Migrations may change what a visit's record holds: seal every visit anew.
            for visit in self._load_many():
                db.execute("UPDATE visits SET checksum = ? WHERE id = ?", (visit_checksum(visit), visit.id))
            for found in self._own_backups_on_disk():
                self._record(db, found, "backup")
            if backup is not None:
                self._record(db, backup, "backup")

    def _copy_file_to(self, dest: Path) -> None:
        """Copy the file as it is while this connection holds the write lock (nobody can change it,
        and SQLite's backup API would wait for that very lock)."""
        tmp, fd = files.private_temp_and_fd(dest)
        try:
            with os.fdopen(fd, "wb") as out, self.path.open("rb") as source:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            files.move_into_place(tmp, dest, force=False)
        except OSError as exc:
            raise StoreError(
                f"Could not make a backup before updating the data file ({exc.strerror}); nothing was changed.",
                "disk",
            ) from None
        finally:
            if os.path.lexists(tmp):
                tmp.unlink()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _translate(self, exc: sqlite3.Error) -> StoreError:
        code = _code(exc)
        text = str(exc).lower()
        if _is_busy(exc):
            return StoreError("Another mbcprep window is busy with your data; please try again in a moment.", "busy")
        if code == SQLITE_FULL or "disk is full" in text:
            return StoreError("The disk is full, so nothing was changed. Your saved visits are safe.", "disk")
        if code == SQLITE_IOERR or "disk i/o" in text:
            return StoreError("The disk is failing or was removed, so the change was not saved.", "disk")
        if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in text or "read-only" in text:
            return StoreError(
                f"The data file {self.path} or its folder is read-only, so nothing was changed. "
                "Your saved visits can still be read.",
                "read-only",
            )
        return _refused(_damaged(self.path))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved, or none of it. SQLite rolls some failures back
        by itself (a full disk); then there is nothing left to roll back, and the real error is told."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        try:
            yield self.db
        except sqlite3.Error as exc:
            self._rollback()
            raise self._translate(exc) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._translate(exc) from None

    def _rollback(self) -> None:
        if self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            self.db.row_factory = sqlite3.Row
            try:
                return self.db.execute(sql, args).fetchall()
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc).lower():
                    raise
                self.db.text_factory = _lenient_text
                return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    # --- visits ----------------------------------------------------------------------------

    def save(self, visit: Visit) -> Visit:
        """Insert or replace a visit (matched by uuid) with all its parts, in one transaction.

        Raises VisitChangedElsewhere, writing nothing, if the visit was saved from another window
        since `visit` was read: the caller decides how to keep both versions.
        """
        stamp = now_iso()
        created, updated = visit.created_at, visit.updated_at
        visit.created_at = visit.created_at or stamp
        visit.updated_at = stamp
        try:
            with self.transaction() as db:
                found = db.execute("SELECT id, revision FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone()
                if found and found[1] != visit.revision:
                    raise VisitChangedElsewhere(found[0])
                revision = found[1] + 1 if found else 0
                self._write(db, visit, revision)
        except BaseException:
            visit.created_at, visit.updated_at = created, updated
            raise
        visit.revision = revision
        visit.intact = True
        return visit

    def _write(self, db: sqlite3.Connection, visit: Visit, revision: int = 0) -> None:
        row = (
            visit.status,
            visit.visit_date,
            visit.kind,
            visit.with_whom,
            visit.filled_by,
            visit.notes,
            visit.draft_step,
            visit.created_at,
            visit.updated_at,
            revision,
            visit_checksum(visit),
        )
        found = db.execute("SELECT id FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone()
        if found:
            visit.id = found[0]
            db.execute(
                "UPDATE visits SET status=?, visit_date=?, kind=?, with_whom=?, filled_by=?, notes=?,"
                " draft_step=?, created_at=?, updated_at=?, revision=?, checksum=? WHERE id=?",
                (*row, visit.id),
            )
            for table in ("visit_questions", "visit_symptoms", "visit_considerations"):
                db.execute(f"DELETE FROM {table} WHERE visit_id = ?", (visit.id,))
        else:
            cur = db.execute(
                "INSERT INTO visits (status, visit_date, kind, with_whom, filled_by, notes, draft_step,"
                " created_at, updated_at, revision, checksum, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*row, visit.uuid),
            )
            visit.id = cur.lastrowid
        db.executemany(
            "INSERT INTO visit_questions VALUES (?,?,?,?,?,?,?)",
            [(visit.id, i, q.question_id, q.text, q.why, q.topic, q.rank) for i, q in enumerate(visit.questions)],
        )
        db.executemany(
            "INSERT INTO visit_symptoms VALUES (?,?,?,?,?,?)",
            [(visit.id, i, s.symptom_id, s.name, s.score, s.note) for i, s in enumerate(visit.symptoms)],
        )
        db.executemany(
            "INSERT INTO visit_considerations VALUES (?,?,?,?,?)",
            [(visit.id, i, c.consideration_id, c.prompt, c.answer) for i, c in enumerate(visit.considerations)],
        )

    def resolve(self, ref: str) -> int:
        """Turn what a person typed (`3`, `latest`, a uuid) into a visit id."""
        ref = ref.strip()
        if ref.lower() == "latest":
            # The visit made most recently: what a person who just made one means. A draft only if
            # there is no finished visit at all.
            rows = self._read("SELECT id FROM visits ORDER BY status = 'ready' DESC, id DESC LIMIT 1")
            if not rows:
                raise UsageError("There are no visits yet. Start one with 'mbcprep new-visit'.")
            return int(rows[0]["id"])
        if ref.isascii() and ref.isdigit() and len(ref) <= 18:
            rows = self._read("SELECT id FROM visits WHERE id = ?", (int(ref),))
            if not rows:
                raise UsageError(f"There is no visit '{int(ref)}'. 'mbcprep visits' lists them.")
        else:
            rows = self._read("SELECT id FROM visits WHERE uuid = ?", (ref,))
            if not rows:
                raise UsageError("There is no visit with that id. 'mbcprep visits' lists them.")
        return int(rows[0]["id"])

    def get(self, ref: str) -> Visit:
        return self._load(self.resolve(ref))

    def _load(self, visit_id: int) -> Visit:
        visits = self._load_many("WHERE id = ?", (visit_id,))
        if not visits:
            raise UsageError(f"There is no visit {visit_id}.")
        return visits[0]

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the file, even while other windows save."""
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        try:
            yield
        finally:
            self._rollback()

    def _load_many(self, where: str = "", args: tuple[object, ...] = ()) -> list[Visit]:
        """Visits with all their parts, in four queries whatever their number. A visit whose record no
        longer matches its checksum comes back with `intact` False."""
        with self._snapshot():
            return self._load_many_now(where, args)

    def _load_many_now(self, where: str, args: tuple[object, ...]) -> list[Visit]:
        visits: dict[int, Visit] = {}
        sealed: dict[int, str] = {}
        for r in self._read(f"SELECT * FROM visits {where} ORDER BY id", args):
            visits[r["id"]] = Visit(
                uuid=r["uuid"],
                visit_date=r["visit_date"],
                kind=r["kind"],
                with_whom=r["with_whom"],
                filled_by=r["filled_by"],
                notes=r["notes"],
                status=r["status"],
                created_at=r["created_at"],
                updated_at=r["updated_at"],
                draft_step=r["draft_step"],
                id=r["id"],
                revision=r["revision"],
            )
            sealed[r["id"]] = r["checksum"]
        if not visits:
            return []
        part_where = where.replace("id", "visit_id", 1) if where else ""
        for q in self._read(f"SELECT * FROM visit_questions {part_where} ORDER BY visit_id, position", args):
            visits[q["visit_id"]].questions.append(
                VisitQuestion(
                    text=q["text"], topic=q["topic"], why=q["why"], question_id=q["question_id"], rank=q["rank"]
                )
            )
        for s in self._read(f"SELECT * FROM visit_symptoms {part_where} ORDER BY visit_id, position", args):
            visits[s["visit_id"]].symptoms.append(
                SymptomScore(symptom_id=s["symptom_id"], name=s["name"], score=s["score"], note=s["note"])
            )
        for c in self._read(f"SELECT * FROM visit_considerations {part_where} ORDER BY visit_id, position", args):
            visits[c["visit_id"]].considerations.append(
                ConsiderationAnswer(consideration_id=c["consideration_id"], prompt=c["prompt"], answer=c["answer"])
            )
        for visit_id, visit in visits.items():
            visit.intact = sealed[visit_id] in ("", None) or sealed[visit_id] == visit_checksum(visit)
        return list(visits.values())

    def all_visits(self) -> list[Visit]:
        return self._load_many()

    def summaries(self) -> list[VisitSummary]:
        rows = self._read(
            "SELECT v.id, v.uuid, v.visit_date, v.kind, v.with_whom, v.status,"
            " (SELECT COUNT(*) FROM visit_questions q WHERE q.visit_id = v.id) AS n"
            " FROM visits v ORDER BY v.visit_date, v.id"
        )
        return [
            VisitSummary(r["id"], r["uuid"], r["visit_date"], r["kind"], r["with_whom"], r["status"], r["n"])
            for r in rows
        ]

    def latest_draft(self) -> Visit | None:
        rows = self._read("SELECT id FROM visits WHERE status = 'draft' ORDER BY updated_at DESC, id DESC LIMIT 1")
        return self._load(int(rows[0]["id"])) if rows else None

    # --- changes kept aside by interrupted `edit` windows ------------------------------------

    def keep_edit(self, visit: Visit, kept_id: int | None = None) -> int:
        """Keep one window's unsaved changes aside; returns the number to update them under. Each
        window keeps its own: another window's changes, or a save of the visit, never replace them."""
        # The revision the changes started from goes with them, so finishing a picked-up edit still
        # notices a save made from another window in the meantime.
        payload = json.dumps({**visit.to_dict(), "local_revision": visit.revision}, ensure_ascii=False)
        with self.transaction() as db:
            if kept_id is not None:
                cur = db.execute(
                    "UPDATE kept_edits SET payload = ?, updated_at = ? WHERE id = ?", (payload, now_iso(), kept_id)
                )
                if cur.rowcount:
                    return kept_id
            cur = db.execute(
                "INSERT INTO kept_edits (visit_id, payload, updated_at) VALUES (?, ?, ?)",
                (visit.id, payload, now_iso()),
            )
            return int(cur.lastrowid or 0)

    def kept_edits(self, visit_id: int) -> list[KeptEdit]:
        """Every window's kept-aside changes to this visit, oldest first. Unreadable ones are skipped:
        the saved visit itself is untouched, so nothing is lost."""
        from mbcprep.importing import visit_from_dict

        out = []
        rows = self._read("SELECT id, payload, updated_at FROM kept_edits WHERE visit_id = ? ORDER BY id", (visit_id,))
        for row in rows:
            try:
                data = json.loads(row["payload"])
                revision = data.pop("local_revision", 0) if isinstance(data, dict) else 0
                visit = visit_from_dict(data, "unsaved changes")
            except (ValueError, UsageError):
                continue
            visit.id = visit_id
            visit.revision = revision if isinstance(revision, int) else 0
            out.append(KeptEdit(int(row["id"]), visit, str(row["updated_at"])))
        return out

    def drop_kept_edit(self, kept_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM kept_edits WHERE id = ?", (kept_id,))

    def drop_kept_edits(self, visit_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM kept_edits WHERE visit_id = ?", (visit_id,))

    def delete(self, visit_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM visits WHERE id = ?", (visit_id,))

    def import_visits(self, visits: list[Visit]) -> tuple[int, int]:
        """Add visits whose uuid is not here yet, all in one transaction: (added, skipped)."""
        added = skipped = 0
        with self.transaction() as db:
            for visit in visits:
                if db.execute("SELECT 1 FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone():
                    skipped += 1
                    continue
                visit.id = None
                self._write(db, visit)
                added += 1
        return added, skipped

    # --- files mbcprep wrote -------------------------------------------------------------------

    def record_written(self, path: Path, what: str) -> None:
        """Remember a sheet, export or backup this program wrote, so `data delete` can say where it is.
        Only bookkeeping: a data file that cannot be written to does not stop the export."""
        with suppress(StoreError), self.transaction() as db:
            self._record(db, path, what)

    @staticmethod
    def _record(db: sqlite3.Connection, path: Path, what: str) -> None:
        db.execute(
            "INSERT OR REPLACE INTO written_files (path, what, written_at) VALUES (?, ?, ?)",
            (os.fsdecode(path.absolute()), what, now_iso()),
        )

    def written_files(self) -> list[tuple[Path, str]]:
        rows = self._read("SELECT path, what FROM written_files ORDER BY written_at, path")
        return [(Path(r["path"]), str(r["what"])) for r in rows]

    def _own_backups_on_disk(self) -> list[Path]:
        folder = self.folder / BACKUP_DIR
        if folder.is_symlink() or not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if BACKUP_NAME.fullmatch(p.name) and is_our_database(p))

    # --- the file as a whole ---------------------------------------------------------------

    def backup(self, dest: Path, *, force: bool = False) -> Path:
        """A consistent copy of the data file (SQLite's backup API), written 0600, and remembered."""
        tmp = files.private_temp_beside(dest)
        try:
            target = sqlite3.connect(tmp)
            try:
                self.db.backup(target)
            finally:
                target.close()
            files.move_into_place(tmp, dest, force=force)
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                if os.path.lexists(leftover):
                    leftover.unlink()
        self.record_written(dest, "backup")
        return dest

    def counts(self) -> tuple[int, int]:
        rows = self._read("SELECT status, COUNT(*) AS n FROM visits GROUP BY status")
        got = {r["status"]: r["n"] for r in rows}
        return got.get("ready", 0), got.get("draft", 0)


def _refused(verdict: Verdict) -> StoreError:
    tail = "" if verdict.settled else " It was left as it is. Run 'mbcprep data check' for details."
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


def check_data(folder: Path) -> DataReport:
    """Look at the data without changing it: the same verdict every command gives, then the counts
    and every visit's checksum."""
    path = folder / DB_NAME
    verdict = diagnose(path)
    problem, ready, drafts, damaged = verdict.problem, 0, 0, []
    if not verdict.reason and path.exists() and verdict.version:
        try:
            db = _connect(path)
            try:
                store = Store(folder, db)
                got = dict(db.execute("SELECT status, COUNT(*) FROM visits GROUP BY status").fetchall())
                ready, drafts = got.get("ready", 0), got.get("draft", 0)
                if verdict.version == SCHEMA_VERSION:
                    damaged = [v.id for v in store.all_visits() if not v.intact and v.id is not None]
            finally:
                db.close()
        except (sqlite3.DatabaseError, StoreError) as exc:
            problem = (_busy(path) if isinstance(exc, sqlite3.Error) and _is_busy(exc) else _damaged(path)).problem
    backups_dir = folder / BACKUP_DIR
    backups = len(list(backups_dir.glob("*.sqlite3"))) if backups_dir.is_dir() else 0
    private = _is_private(folder)
    exists = os.path.lexists(path)
    return DataReport(folder, path, exists, problem, verdict.version, ready, drafts, backups, private, damaged)


def _is_private(folder: Path) -> bool:
    if not folder.exists():
        return True
    if folder.stat().st_mode & 0o077:
        return False
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_mode & 0o077:
            return False
        if path.is_dir() and path.stat().st_mode & 0o077:
            return False
    return True


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
            f"The data file in {folder} is a link to {target}. Nothing was deleted: "
            "delete that file yourself if you mean to."
        )
    recorded = _recorded_files(folder)
    ours: list[Path] = []
    data_is_ours = not os.path.lexists(data) or (data.is_file() and (data.stat().st_size == 0 or is_our_database(data)))
    if os.path.lexists(data):
        if data_is_ours:
            ours.append(data)
        else:
            report.left.append((data, "it is not an mbcprep data file"))
    for suffix in ("-journal", "-wal", "-shm"):
        side = folder / (DB_NAME + suffix)
        if os.path.lexists(side):
            if data_is_ours and _is_plain_file(side):
                ours.append(side)
            else:
                report.left.append((side, "it belongs to a data file that is not mbcprep's"))
    backups_dir = folder / BACKUP_DIR
    if backups_dir.is_symlink():
        report.left.append((backups_dir, "it is a link to another folder, and mbcprep never deletes through a link"))
    elif backups_dir.is_dir():
        for path in sorted(backups_dir.iterdir()):
            named = BACKUP_NAME.fullmatch(path.name) or path.absolute() in recorded
            if (named and is_our_database(path)) or files.is_stale_temp(path, old_names=True):
                ours.append(path)
            else:
                report.left.append((path, "mbcprep did not make it"))
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and files.is_stale_temp(path, old_names=True):
            ours.append(path)
    for path in ours:
        try:
            path.unlink()
            report.removed.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.left.append((path, f"it could not be removed ({exc.strerror})"))
    left_names = {p for p, _ in report.left}
    for path in sorted(folder.iterdir()):
        if path not in left_names and path != backups_dir:
            report.left.append((path, "mbcprep did not make it"))
    with suppress(OSError):  # not empty: it holds files that are not ours
        backups_dir.rmdir()
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
        db = _connect(path)
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


def timestamp() -> str:
    """For file names: UTC time and this process, so two windows never pick the same name."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"
