"""Sharing through a folder a sync tool keeps in step: this computer's journal, and the others'.

The data file itself never goes in the shared folder. While this computer shares, SQLite triggers
(made from the declarations, so every table of `mbcprep.model.registry.RECORD_LISTS` and the visits
is covered with no code of its own) note each record changed here, whatever wrote it. `sync` then,
in one write transaction:

1. writes what changed here since the last time as the next sealed segment of this computer's
   journal (only the fields that changed; a deletion as `_deleted`);
2. reads every segment in the folder not read yet, in an order that respects what each computer had
   read when it wrote (a segment waits until those are here: nothing is skipped), and merges each
   field by `mbcprep.model.merge`;
3. writes the records whose latest values changed back into their tables.

A segment that is cut short or does not match its checksum is left for a later sync; files that are
not segments (a sync tool's conflict copies, its temp files) are never read.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mbcprep.errors import UsageError
from mbcprep.storage.database import now_iso
from mbcprep.storage.sync_fields import ADDED_BY, DELETED, VISITS, SharedVersionsTable, kinds, rows_of
from mbcprep.storage.sync_merge import MergeTable, SyncReport

if TYPE_CHECKING:  # loaded when the journal is read or written, not by every command that opens the file
    from mbcprep.formats import journal

JOURNAL_DIR = "mbcprep-journal"  # inside the shared folder
# Kept by each computer for itself, never shared: the time of the last save here.
LOCAL_KEYS = frozenset({"updated_at"})
# A listing of the folder made this close to its last change may miss one made in the same tick.
SETTLED_NS = 2_000_000_000


class Sharing(NamedTuple):
    """This computer in a shared folder: its id, the name it goes by there, and the folder. (Named
    tuples here are quicker to make than frozen dataclasses, at every open of the data file.)"""

    computer: str
    name: str
    folder: Path

    @property
    def journal(self) -> Path:
        return self.folder / JOURNAL_DIR


def new_computer_id() -> str:
    import secrets

    return secrets.token_hex(8)


class SyncTable(MergeTable, SharedVersionsTable):
    """This computer's side of sharing, mixed into the store: joining and leaving, and each sync
    (merging in: `MergeTable`; what the person sees: `SharedVersionsTable`)."""

    # --- joining and leaving ------------------------------------------------------------------

    def sharing(self) -> Sharing | None:
        found = self.read("SELECT computer, name, folder FROM sync_self", plain=True)
        return Sharing(found[0][0], found[0][1], Path(found[0][2])) if found else None

    def join(self, folder: Path, name: str) -> Sharing:
        """Start sharing into `folder` under `name`: everything here goes into this computer's first
        segment at the next sync."""
        with self.transaction() as db:
            db.execute("DELETE FROM sync_self")
            for table in ("sync_segments", "sync_fields", "sync_dirty", "sync_chosen"):
                db.execute(f"DELETE FROM {table}")
            db.execute(
                "INSERT INTO sync_self (id, computer, name, folder, joined_at) VALUES (1, ?, ?, ?, ?)",
                (new_computer_id(), name, str(folder), now_iso()),
            )
            self.ensure_triggers(db)
            for kind, (_cls, table) in kinds().items():
                db.execute(f"INSERT OR IGNORE INTO sync_dirty (kind, uuid) SELECT ?, uuid FROM {table}", (kind,))
        sharing = self.sharing()
        assert sharing is not None
        return sharing

    def rename(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sync_self SET name = ?", (name,))

    def leave(self) -> Sharing | None:
        """Stop sharing: this computer keeps its data; what it wrote stays in the folder for the others."""
        sharing = self.sharing()
        with self.transaction() as db:
            for table in ("sync_self", "sync_segments", "sync_fields", "sync_dirty", "sync_chosen"):
                db.execute(f"DELETE FROM {table}")
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"):
                db.execute(f'DROP TRIGGER "{name}"')
        return sharing

    def ensure_triggers(self, db: sqlite3.Connection) -> None:
        """The triggers that note each record changed here: one set a table, made from the declarations."""
        from mbcprep.storage import rows

        have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for kind, (cls, table) in kinds().items():
            if table not in tables:
                continue
            for when, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                name = f"sync_{table}_{when.lower()}"
                if name not in have:
                    db.execute(
                        f"CREATE TRIGGER {name} AFTER {when} ON {table} BEGIN"
                        f" INSERT OR IGNORE INTO sync_dirty (kind, uuid) VALUES ('{kind}', {row}.uuid); END"
                    )
                for d in rows.child_lists(cls):
                    child = d.spec.table
                    name = f"sync_{child}_{when.lower()}"
                    if name not in have and child in tables:
                        db.execute(
                            f"CREATE TRIGGER {name} AFTER {when} ON {child} BEGIN"
                            f" INSERT OR IGNORE INTO sync_dirty (kind, uuid)"
                            f" SELECT '{kind}', uuid FROM {table} WHERE id = {row}.visit_id; END"
                        )

    # --- bringing this computer up to date ----------------------------------------------------

    def sync_if_shared(self) -> SyncReport | None:
        """Sync when this computer shares and something may have changed: nothing here since the last
        segment, and the journal folder not changed since it was last read, costs one query and one stat."""
        found = self.read("SELECT folder, listing FROM sync_self", plain=True)
        if not found:
            return None
        unchanged = found[0][1] and found[0][1] == _listing_mark(Path(found[0][0]) / JOURNAL_DIR)
        if unchanged and not self.read("SELECT 1 FROM sync_dirty LIMIT 1", plain=True):
            return None
        return self.sync()

    def sync(self) -> SyncReport:
        from mbcprep.formats import journal
        from mbcprep.model.merge import tick

        report = SyncReport()
        with self.transaction() as db:
            row = db.execute("SELECT computer, name, folder, clock_ms, clock_n, file_id FROM sync_self").fetchone()
            if row is None:
                return report
            computer, name, folder, clock_ms, clock_n, file_id = row
            if file_id != self._file_id():
                # This data file was copied here from another computer (or put back from a copy): it
                # writes as a computer of its own from now on, so two never write the same file names.
                if file_id:
                    computer = new_computer_id()
                db.execute("UPDATE sync_self SET computer = ?, file_id = ?", (computer, self._file_id()))
            journal_dir = Path(folder) / JOURNAL_DIR
            if not journal_dir.is_dir():
                raise UsageError(_folder_missing(Path(folder)))
            key = self.household_key(journal_dir)
            self.ensure_triggers(db)
            applied = self._applied(db)
            try:
                on_disk = _segments_in(journal_dir)
            except OSError:
                raise UsageError(_folder_missing(Path(folder))) from None
            # What this computer wrote but could not note (a save cut off after the file was written)
            # is read like any other computer's segment first, so its number is never used twice.
            own = {key: path for key, path in on_disk.items() if key[0] == computer}
            clock = self._read_segments(db, own, applied, (clock_ms, clock_n), report, computer, key)
            changes = self._changes_here(db, computer)
            if changes:
                seq = applied.get(computer, 0) + 1
                if (computer, seq) in on_disk:  # its file is there but could not be read: never overwrite it
                    raise UsageError(_folder_problem(journal_dir))
                clock = tick(clock, int(time.time() * 1000))
                segment = journal.Segment(
                    computer=computer,
                    seq=seq,
                    name=name,
                    clock=clock,
                    seen={c: n for c, n in applied.items() if c != computer},
                    written_at=now_iso(),
                    format_version=_format_version(),
                    changes=changes,
                )
                _write_segment(journal_dir / segment.file_name, journal.render(segment, key and key()))
                self._apply(db, segment, report, fresh=True)
                applied[computer] = seq
                report.written = len(changes)
            clock = self._read_segments(db, on_disk, applied, clock, report, computer, key)
            db.execute("DELETE FROM sync_dirty")  # what was written back from the others is not news
            db.execute("DELETE FROM sync_chosen")
            db.execute(
                "UPDATE sync_self SET clock_ms = ?, clock_n = ?, listing = ?",
                (clock[0], clock[1], _listing_mark(journal_dir)),
            )
        return report

    def locked(self) -> bool:
        """Whether the data file is locked with a passphrase: then what goes in the shared folder is
        encrypted too (`mbcprep.formats.household`), never in plain text."""
        from mbcprep.storage import cipher

        return cipher.is_cipher_connection(self.db)

    def household_key(self, journal_dir: Path) -> Callable[[], Any] | None:
        """How this computer gets the household's key for `journal_dir`: None when it shares in plain
        (its data is not locked, nor is the folder encrypted); else a function that opens the key (made
        first when the folder has none) with this command's passphrase, once, when first called. A
        computer not locked is refused an encrypted folder."""
        from mbcprep.formats import household

        if not self.locked():
            if household.is_encrypted(journal_dir):
                raise UsageError(household.plain_into_encrypted())
            return None
        from mbcprep.passphrase import get_passphrase
        from mbcprep.storage import cipher

        whose = cipher.salt_of(self.path)
        return functools.cache(lambda: household.identity(journal_dir, get_passphrase(), whose))

    def _file_id(self) -> str:
        return file_id(self.path)

    def _applied(self, db: sqlite3.Connection) -> dict[str, int]:
        return {c: n for c, n in db.execute("SELECT computer, MAX(seq) FROM sync_segments GROUP BY computer")}

    def _read_segments(
        self,
        db: sqlite3.Connection,
        on_disk: dict[tuple[str, int], Path],
        applied: dict[str, int],
        clock: tuple[int, int],
        report: SyncReport,
        me: str,
        household: Callable[[], Any] | None = None,
    ) -> tuple[int, int]:
        """Apply every segment that can be: each computer's in turn, and each only once what its
        computer had read is here too. The others wait (named in `report.waiting`)."""
        pending: dict[tuple[str, int], journal.Segment | None] = {
            key: None for key in on_disk if key[1] > applied.get(key[0], 0)
        }
        unreadable: set[tuple[str, int]] = set()
        progress = True
        while progress:
            progress = False
            for key in sorted(pending):
                computer, seq = key
                if key in unreadable or seq != applied.get(computer, 0) + 1:
                    continue
                segment = pending[key] or _read_segment(on_disk[key], household)
                if segment is None or segment.format_version > _format_version():
                    unreadable.add(key)
                    continue
                pending[key] = segment
                if any(applied.get(c, 0) < n for c, n in segment.seen.items()):
                    continue
                self._apply(db, segment, report)
                applied[computer] = seq
                clock = max(clock, segment.clock)
                del pending[key]
                report.read += computer != me
                progress = True
        report.waiting = sorted(on_disk[key].name for key in pending)
        return clock

    # --- this computer's changes --------------------------------------------------------------

    def _changes_here(self, db: sqlite3.Connection, computer: str) -> list[journal.Change]:
        """The fields of each record changed here whose values differ from the latest known ones."""
        from mbcprep.formats import journal

        changes: list[journal.Change] = []
        for kind in kinds():
            dirty = [r[0] for r in db.execute("SELECT uuid FROM sync_dirty WHERE kind = ? ORDER BY uuid", (kind,))]
            if not dirty:
                continue
            now = self._records_now(kind)
            known = self._latest(db, kind, dirty)
            chosen: dict[str, set[str]] = {}
            for uuid, name in db.execute("SELECT uuid, field FROM sync_chosen WHERE kind = ?", (kind,)):
                chosen.setdefault(uuid, set()).add(name)
            for uuid in dirty:
                values = now.get(uuid)
                latest = known.get(uuid, {})
                if values is None:
                    if latest and not latest.get(DELETED):
                        changes.append(journal.Change(kind, uuid, {DELETED: True}))
                    continue
                picked = chosen.get(uuid, set())
                fields = {
                    k: v
                    for k, v in values.items()
                    if k not in LOCAL_KEYS and (k not in latest or latest[k] != v or k in picked)
                }
                if not latest:
                    fields[ADDED_BY] = computer
                elif latest.get(DELETED):
                    fields[DELETED] = False  # made again here (an import of a backup, say)
                if fields:
                    changes.append(journal.Change(kind, uuid, fields))
        return changes

    def _records_now(self, kind: str) -> dict[str, dict[str, Any]]:
        """The records of `kind` changed here, as a backup holds them, by uuid."""
        from mbcprep.model.record import to_record

        if kind == VISITS:
            found = self.load_visits(  # type: ignore[attr-defined]
                "WHERE id IN (SELECT v.id FROM visits v, sync_dirty d WHERE d.kind = 'visits' AND d.uuid = v.uuid)"
            )
        else:
            found = self.records(kind).all(  # type: ignore[attr-defined]
                "WHERE uuid IN (SELECT uuid FROM sync_dirty WHERE kind = ?)", (kind,)
            )
        return {r.uuid: to_record(r) for r in found}

    def _latest(self, db: sqlite3.Connection, kind: str, uuids: list[str]) -> dict[str, dict[str, Any]]:
        """The value that shows of each field of these records."""
        out: dict[str, dict[str, Any]] = {}
        for uuid, name, heads in rows_of(db, kind, uuids):
            out.setdefault(uuid, {})[name] = json.loads(heads)[0][4]
        return out

    # --- merging a segment in -----------------------------------------------------------------


def file_id(path: Path) -> str:
    """Which file on disk `path` is (a copy of the data file is another one; a file renamed is not)."""
    info = path.stat()
    return f"{info.st_dev}:{info.st_ino}"


def _format_version() -> int:
    from mbcprep.formats.backup import FORMAT_VERSION

    return FORMAT_VERSION


def _segments_in(journal_dir: Path) -> dict[tuple[str, int], Path]:
    from mbcprep.formats import journal

    out = {}
    with os.scandir(journal_dir) as entries:
        for entry in entries:
            named = journal.parse_name(entry.name)
            if named is not None and entry.is_file(follow_symlinks=False):
                out[named] = Path(entry.path)
    return out


def _read_segment(path: Path, household: Callable[[], Any] | None = None) -> journal.Segment | None:
    from mbcprep.formats import journal

    try:
        if path.stat().st_size > journal.MAX_SEGMENT_BYTES:
            return None
        return journal.parse(path.read_bytes(), path.name, household)
    except OSError:
        return None


def _write_segment(path: Path, data: bytes) -> None:
    from mbcprep import files

    tmp, fd = files.private_temp_and_fd(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        files.move_into_place(tmp, path, force=False)
    except OSError as exc:
        raise UsageError(_folder_problem(path.parent) + f" ({exc.strerror})") from None
    finally:
        if os.path.lexists(tmp):
            tmp.unlink()


def _listing_mark(journal_dir: Path) -> str:
    """The journal folder's last change, to tell with one stat that nothing arrived since ("" when that
    cannot be told: the folder is gone, or changed so lately that a change in the same tick could hide)."""
    try:
        changed = journal_dir.stat().st_mtime_ns
    except OSError:
        return ""
    if time.time_ns() - changed < SETTLED_NS:
        return ""
    return str(changed)


def _folder_missing(folder: Path) -> str:
    from mbcprep.i18n import _

    return _(
        "The shared folder {folder} is not there (is the drive plugged in, or the sync tool running?)."
        " Your data here is safe."
    ).format(folder=folder)


def _folder_problem(folder: Path) -> str:
    from mbcprep.i18n import _

    return _(
        "mbcprep could not write its changes in the shared folder {folder}; they will be written next time."
    ).format(folder=folder)
