"""The visit store: one SQLite file in the data folder.

Every change is one transaction. The schema has a version (`PRAGMA user_version`) and ordered
migrations; the file is backed up before a migration, and a file from a newer mbcprep, a damaged
file or a file that is not ours is reported and left exactly as it is.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from mbcprep import files
from mbcprep.errors import StoreError, UsageError, VisitChangedElsewhere
from mbcprep.inputs import quoted_if_id
from mbcprep.models import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.paths import BACKUP_DIR, DB_NAME, ensure_private_dir

APPLICATION_ID = 0x4D424350  # "MBCP": marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): that commits first, which would break the one-transaction rule.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_to_1(db: sqlite3.Connection) -> None:
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


def _migrate_to_2(db: sqlite3.Connection) -> None:
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


def _migrate_to_3(db: sqlite3.Connection) -> None:
    # Counts the saves of each visit, so a save notices another window's save in between.
    db.execute("ALTER TABLE visits ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Append only; never edit one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2, _migrate_to_3]
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


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _damaged(path: Path) -> StoreError:
    return StoreError(
        f"The data file {path} looks damaged or is not an mbcprep file, so nothing was changed. "
        "Run 'mbcprep data check' for details."
    )


def _is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock (longer than the busy timeout)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _busy_or_damaged(path: Path, exc: sqlite3.Error) -> str:
    if _is_busy(exc):
        return (
            f"Another program (perhaps another mbcprep window) is using the data file {path} right now. "
            "Please try again in a moment."
        )
    return f"The data file {path} looks damaged."


def _connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads. Read-only, unless a save was cut off mid-commit: then SQLite must be
    allowed to roll that save back from its journal (restoring the last finished state) before anyone can read."""
    journal = path.with_name(path.name + "-journal")
    mode = "rw" if journal.exists() else "ro"
    return sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def inspect_file(path: Path) -> tuple[str, int]:
    """Read-only look at the data file: (problem or "", schema version). Never writes."""
    if not path.exists():
        return "", 0
    if not path.is_file():
        return f"The data file {path} is not an ordinary file, so mbcprep cannot use it.", 0
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return f"The data file {path} cannot be read ({exc.strerror}).", 0
    if len(head) == 0:
        return "", 0  # created but never written (for example a save killed at its first moment)
    if not head.startswith(SQLITE_MAGIC):
        return f"The data file {path} is not an mbcprep data file (or it is damaged).", 0
    try:
        db = _connect_for_reading(path)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return _busy_or_damaged(path, exc), 0
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        return f"The data file {path} is not an mbcprep data file.", version
    if version > SCHEMA_VERSION:
        return (
            f"The data file {path} was written by a newer version of mbcprep. "
            "Please update mbcprep to use it; nothing was changed.",
            version,
        )
    return "", version


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
        problem, version = inspect_file(path)
        if problem:
            settled = "newer" in problem or "try again" in problem
            raise StoreError(
                problem + ("" if settled else " It was left as it is. Run 'mbcprep data check' for details.")
            )
        try:
            if not path.exists():
                with suppress(FileExistsError):  # another window created it a moment ago
                    files.create_private_empty(path)
            elif (mode := path.stat().st_mode & 0o777) & 0o077:
                with suppress(OSError):  # only ever take permissions away; read-only stays read-only
                    path.chmod(mode & 0o700)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except OSError as exc:
            raise StoreError(f"Cannot use the data file {path} ({exc.strerror or exc}).") from None
        except sqlite3.Error:
            raise _damaged(path) from None
        store = cls(folder, db)
        try:
            if version > 0 and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                db.close()
                raise StoreError(
                    f"The data file {path} is damaged inside, so mbcprep will not read or change it. "
                    "It was left as it is. Run 'mbcprep data check' for details."
                )
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = FULL")
            if version < SCHEMA_VERSION:
                store._migrate(version)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise store._translate(exc) from None
        return store

    def _migrate(self, version: int) -> None:
        if version > 0:
            ensure_private_dir(self.folder / BACKUP_DIR)
            self.backup(self.folder / BACKUP_DIR / f"before-v{SCHEMA_VERSION}-{timestamp()}.sqlite3")
        with self.transaction():
            # Someone else may have migrated while we waited for the lock.
            current = self.db.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS[current:]:
                step(self.db)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _translate(self, exc: sqlite3.Error) -> StoreError:
        if _is_busy(exc):
            return StoreError("Another mbcprep window is busy with your data; please try again in a moment.")
        text = str(exc).lower()
        if "disk is full" in text or "disk i/o" in text:
            return StoreError("The disk is full or failing, so the change was not saved; your earlier visits are safe.")
        if "readonly" in text or "read-only" in text:
            return StoreError(f"The data file {self.path} cannot be written to (it is read-only).")
        return _damaged(self.path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved, or none of it."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise self._translate(exc) from None

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            self.db.row_factory = sqlite3.Row
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
        except sqlite3.Error as exc:
            visit.created_at, visit.updated_at = created, updated
            raise self._translate(exc) from None
        except BaseException:
            visit.created_at, visit.updated_at = created, updated
            raise
        visit.revision = revision
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
        )
        found = db.execute("SELECT id FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone()
        if found:
            visit.id = found[0]
            db.execute(
                "UPDATE visits SET status=?, visit_date=?, kind=?, with_whom=?, filled_by=?, notes=?,"
                " draft_step=?, created_at=?, updated_at=?, revision=? WHERE id=?",
                (*row, visit.id),
            )
            for table in ("visit_questions", "visit_symptoms", "visit_considerations", "edit_drafts"):
                db.execute(f"DELETE FROM {table} WHERE visit_id = ?", (visit.id,))
        else:
            cur = db.execute(
                "INSERT INTO visits (status, visit_date, kind, with_whom, filled_by, notes, draft_step,"
                " created_at, updated_at, revision, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
        else:
            rows = self._read("SELECT id FROM visits WHERE uuid = ?", (ref,))
        if not rows:
            raise UsageError(f"There is no visit {quoted_if_id(ref, 'with that id')}. 'mbcprep visits' lists them.")
        return int(rows[0]["id"])

    def get(self, ref: str) -> Visit:
        return self._load(self.resolve(ref))

    def _load(self, visit_id: int) -> Visit:
        visits = self._load_many("WHERE id = ?", (visit_id,))
        if not visits:
            raise UsageError(f"There is no visit {visit_id}.")
        return visits[0]

    def _load_many(self, where: str = "", args: tuple[object, ...] = ()) -> list[Visit]:
        """Visits with all their parts, in four queries whatever their number."""
        visits: dict[int, Visit] = {}
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

    # --- changes kept aside by an interrupted `edit` ----------------------------------------

    def save_edit_draft(self, visit: Visit) -> None:
        import json

        # The revision the changes started from goes with them, so finishing a picked-up edit still
        # notices a save made from another window in the meantime.
        payload = json.dumps({**visit.to_dict(), "local_revision": visit.revision}, ensure_ascii=False)
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO edit_drafts (visit_id, payload, updated_at) VALUES (?, ?, ?)",
                (visit.id, payload, now_iso()),
            )

    def edit_draft(self, visit_id: int) -> Visit | None:
        import json

        from mbcprep.importing import visit_from_dict

        rows = self._read("SELECT payload FROM edit_drafts WHERE visit_id = ?", (visit_id,))
        if not rows:
            return None
        try:
            data = json.loads(rows[0]["payload"])
            revision = data.pop("local_revision", 0) if isinstance(data, dict) else 0
            visit = visit_from_dict(data, "unsaved changes")
        except (ValueError, UsageError):
            return None  # unreadable: the saved visit itself is untouched, so nothing is lost
        visit.id = visit_id
        visit.revision = revision if isinstance(revision, int) else 0
        return visit

    def drop_edit_draft(self, visit_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM edit_drafts WHERE visit_id = ?", (visit_id,))

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

    # --- the file as a whole ---------------------------------------------------------------

    def backup(self, dest: Path, *, force: bool = False) -> Path:
        """A consistent copy of the data file (SQLite's backup API), written 0600."""
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
            if tmp.exists():
                tmp.unlink()
        return dest

    def counts(self) -> tuple[int, int]:
        rows = self._read("SELECT status, COUNT(*) AS n FROM visits GROUP BY status")
        got = {r["status"]: r["n"] for r in rows}
        return got.get("ready", 0), got.get("draft", 0)


def check_data(folder: Path) -> DataReport:
    """Look at the data without changing it."""
    path = folder / DB_NAME
    problem, version = inspect_file(path)
    ready = drafts = 0
    if not problem and path.exists():
        try:
            db = _connect_for_reading(path)
            try:
                result = db.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    problem = f"The data file {path} is damaged (SQLite reports: {_clip(str(result))})."
                elif version:
                    got = dict(db.execute("SELECT status, COUNT(*) FROM visits GROUP BY status").fetchall())
                    ready, drafts = got.get("ready", 0), got.get("draft", 0)
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            problem = _busy_or_damaged(path, exc)
    backups_dir = folder / BACKUP_DIR
    backups = len(list(backups_dir.glob("*.sqlite3"))) if backups_dir.is_dir() else 0
    private = _is_private(folder)
    return DataReport(folder, path, path.exists(), problem, version, ready, drafts, backups, private)


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


def delete_all_data(folder: Path) -> int:
    """Remove every file mbcprep keeps in `folder`: visits, drafts and backups. Returns files removed.

    Only mbcprep's own files are touched, so a data folder pointed at a shared place stays safe.
    """
    if not folder.is_dir():
        return 0
    if (folder / DB_NAME).is_symlink():
        target = os.path.realpath(folder / DB_NAME)
        raise UsageError(
            f"The data file in {folder} is a link to {target}. Nothing was deleted: "
            "delete that file yourself if you mean to."
        )
    ours = [folder / (DB_NAME + suffix) for suffix in ("", "-journal", "-wal", "-shm")]
    ours += sorted(folder.glob(".*.tmp")) + sorted(folder.glob(".*.tmp-journal"))
    backups_dir = folder / BACKUP_DIR
    if backups_dir.is_dir():
        for pattern in ("*.sqlite3", "*.sqlite3-journal", ".*.tmp", ".*.tmp-journal"):
            ours += sorted(backups_dir.glob(pattern))
    removed = 0
    for path in ours:
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed += 1
    for empty in (backups_dir, folder):
        with suppress(OSError):  # not empty: it holds files that are not ours
            empty.rmdir()
    return removed


def timestamp() -> str:
    """For file names: UTC time and this process, so two windows never pick the same name."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
