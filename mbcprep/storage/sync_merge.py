"""Merging a segment of the journal in: each field by `mbcprep.model.merge`, then the records whose
latest values changed written back into their tables (in bulk for a computer that joins with years
of records; a record its table refuses kept in the journal state, never half written)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mbcprep.errors import UsageError
from mbcprep.storage.database import Database, now_iso
from mbcprep.storage.sync_fields import ADDED_BY, DELETED, VISITS, clash, kinds, rows_of

if TYPE_CHECKING:  # loaded when a segment is merged, not by every command that opens the file
    from mbcprep.formats import journal
    from mbcprep.model.merge import Head

# More new records than this in one segment are inserted in one statement.
BULK = 50
# Each field's heads as one canonical text (the same values make the same text on every computer).
_HEADS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass
class SyncReport:
    """What one sync did."""

    written: int = 0  # changes this computer wrote to its journal
    read: int = 0  # segments of other computers read
    waiting: list[str] = field(default_factory=list)  # segment files left for later
    conflicts: int = 0  # records now holding two values written at once


class MergeTable(Database):
    """Merging segments in and writing the records back, mixed into the store (through `SyncTable`)."""

    def _apply(
        self, db: sqlite3.Connection, segment: journal.Segment, report: SyncReport, *, fresh: bool = False
    ) -> None:
        """Merge a segment's changes in and write back the records whose latest values changed. A
        `fresh` segment was just made from this computer's own records: only those where another
        computer's value still shows first are written back."""
        from mbcprep.model.merge import Head, merged

        db.execute(
            "INSERT INTO sync_segments (computer, seq, name, written_at, seen) VALUES (?, ?, ?, ?, ?)",
            (segment.computer, segment.seq, segment.name, segment.written_at, json.dumps(segment.seen)),
        )
        seen_cache: dict[tuple[str, int], dict[str, int]] = {(segment.computer, segment.seq): segment.seen}

        def seen_of(computer: str, seq: int) -> dict[str, int]:
            if (computer, seq) not in seen_cache:
                got = db.execute(
                    "SELECT seen FROM sync_segments WHERE computer = ? AND seq = ?", (computer, seq)
                ).fetchone()
                seen_cache[(computer, seq)] = json.loads(got[0]) if got else {}
            return seen_cache[(computer, seq)]

        known = kinds()
        by_kind: dict[str, list[journal.Change]] = {}
        for change in segment.changes:
            by_kind.setdefault(change.kind, []).append(change)
        for kind, changes in by_kind.items():
            uuids = sorted({c.uuid for c in changes})
            heads: dict[str, dict[str, list[Head]]] = {}
            for uuid, name, text in rows_of(db, kind, uuids):
                heads.setdefault(uuid, {})[name] = [Head.from_json(h) for h in json.loads(text)]
            touched: set[str] = set()
            stored: list[tuple[str, str, str, str]] = []
            for change in changes:
                fields = heads.setdefault(change.uuid, {})
                for name, value in change.fields.items():
                    new = Head(segment.clock, segment.computer, segment.seq, value)
                    before = fields.get(name, [])
                    after = merged(before, new, seen_of)
                    if after is not before:
                        fields[name] = after
                        stored.append((kind, change.uuid, name, _HEADS.encode([h.to_json() for h in after])))
                        if not fresh or after[0] is not new or name == DELETED:
                            touched.add(change.uuid)
            db.executemany("INSERT OR REPLACE INTO sync_fields (kind, uuid, field, heads) VALUES (?, ?, ?, ?)", stored)
            if kind not in known:  # a kind of record a newer mbcprep keeps: written once this one knows it
                continue
            if kind != VISITS and len(touched) > BULK:
                touched -= self._insert_new(db, kind, touched, heads)
            for uuid in sorted(touched):
                if any(clash(name, h) for name, h in heads[uuid].items()):
                    report.conflicts += 1
                self._write_back(db, kind, uuid, {name: h[0].value for name, h in heads[uuid].items()})

    def _insert_new(
        self, db: sqlite3.Connection, kind: str, touched: set[str], heads: dict[str, dict[str, list[Head]]]
    ) -> set[str]:
        """Insert in one go the records of `kind` not here yet (a computer joining a folder reads years
        of diary at once): the uuids inserted. When one of them cannot be kept, none is, and each is
        then written one by one."""
        from mbcprep.model.record import from_record

        cls, table = kinds()[kind]
        uuids = sorted(touched)
        present: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            sql = f"SELECT uuid FROM {table} WHERE uuid IN ({','.join('?' * len(chunk))})"
            present |= {r[0] for r in db.execute(sql, chunk)}
        records = []
        for uuid in uuids:
            values = {name: h[0].value for name, h in heads[uuid].items()}
            if uuid in present or values.get(DELETED):
                continue
            try:
                records.append(from_record(cls, {k: v for k, v in values.items() if not k.startswith("_")}, kind))
            except UsageError:
                continue
        db.execute("SAVEPOINT insert_new")
        try:
            self.records(kind).insert_all_in(db, records)  # type: ignore[attr-defined]
        except (UsageError, sqlite3.IntegrityError):
            db.execute("ROLLBACK TO insert_new")
            records = []
        db.execute("RELEASE insert_new")
        return {r.uuid for r in records}

    def _write_back(self, db: sqlite3.Connection, kind: str, uuid: str, values: dict[str, Any]) -> None:
        """Put the latest values of one record in its table (or take it out, when deleted). A record
        its table refuses is left in the journal state, never half written, and never stops the rest."""
        db.execute("SAVEPOINT write_back")
        try:
            self._write_back_now(db, kind, uuid, values)
        except (UsageError, sqlite3.IntegrityError):
            db.execute("ROLLBACK TO write_back")
        db.execute("RELEASE write_back")

    def _write_back_now(self, db: sqlite3.Connection, kind: str, uuid: str, values: dict[str, Any]) -> None:
        from mbcprep.model.record import from_record

        cls, table = kinds()[kind]
        if values.get(DELETED):
            db.execute(f"DELETE FROM {table} WHERE uuid = ?", (uuid,))
            if _kept_once(db, table):  # (deleted here already, when this computer deleted it)
                self._bring_back_hidden(db, kind, table)
            return
        data = {k: v for k, v in values.items() if not k.startswith("_")}
        if kind == VISITS:
            from mbcprep.formats.backup import visit_from_record

            visit = visit_from_record(data, kind)  # (one not whole yet waits for the rest)
            found = db.execute("SELECT id, revision FROM visits WHERE uuid = ?", (uuid,)).fetchone()
            visit.updated_at = now_iso()
            # A new revision, so an `edit` open meanwhile keeps its changes aside instead of overwriting.
            self.write_visit(db, visit, found[1] + 1 if found else 0)  # type: ignore[attr-defined]
            return
        record = from_record(cls, data, kind)
        try:
            self.records(kind).save_in(db, record)  # type: ignore[attr-defined]
        except UsageError:
            self._take_the_place(db, kind, table, record)

    def _take_the_place(self, db: sqlite3.Connection, kind: str, table: str, record: Any) -> None:
        """Two computers kept a second of what is kept once (a diary score for the same day and
        symptom): the one added first holds the place on every computer; the other stays in the
        journal state (never lost) and comes back if the first is deleted."""
        rivals = _rivals(db, table, record)
        mine = self._added_order(db, kind, record.uuid)
        if rivals and all(mine < self._added_order(db, kind, r) for r in rivals):
            for rival in rivals:
                db.execute(f"DELETE FROM {table} WHERE uuid = ?", (rival,))
            self.records(kind).save_in(db, record)  # type: ignore[attr-defined]

    def _added_order(self, db: sqlite3.Connection, kind: str, uuid: str) -> tuple[Any, ...]:
        from mbcprep.model.merge import Head, first_added

        found = db.execute(
            "SELECT heads FROM sync_fields WHERE kind = ? AND uuid = ? AND field = ?", (kind, uuid, ADDED_BY)
        ).fetchone()
        head = first_added([Head.from_json(h) for h in json.loads(found[0])]) if found else None
        return (*(head.order if head else (0, 0, "")), uuid)

    def write_back_unwritten(self, db: sqlite3.Connection) -> None:
        """After a migration: write the records in the journal state that are not in their tables (of
        a kind this mbcprep did not know yet, say)."""
        for kind, (_cls, table) in kinds().items():
            self._bring_back_hidden(db, kind, table)

    def _bring_back_hidden(self, db: sqlite3.Connection, kind: str, table: str) -> None:
        """Write back the records kept only in the journal state (see `_take_the_place`)."""
        hidden = [
            r[0]
            for r in db.execute(
                f"SELECT DISTINCT uuid FROM sync_fields WHERE kind = ? AND uuid NOT IN (SELECT uuid FROM {table})",
                (kind,),
            )
        ]
        for uuid in hidden:
            values = {name: json.loads(text)[0][4] for _u, name, text in rows_of(db, kind, [uuid])}
            if not values.get(DELETED):
                self._write_back(db, kind, uuid, values)


def _unique_columns(db: sqlite3.Connection, table: str) -> list[list[str]]:
    """The columns of each index that keeps something once in `table`, other than its uuid."""
    out = []
    for _seq, name, unique, origin, *_rest in db.execute(f"PRAGMA index_list({table})").fetchall():
        if unique and origin == "c":
            out.append([r[2] for r in db.execute(f'PRAGMA index_info("{name}")').fetchall()])
    return out


def _kept_once(db: sqlite3.Connection, table: str) -> bool:
    return bool(_unique_columns(db, table))


def _rivals(db: sqlite3.Connection, table: str, record: Any) -> list[str]:
    """The uuids of the rows that hold the place `record` would take."""
    from mbcprep.storage import rows

    by_column = {d.column: d.name for d in rows.columns(type(record))}
    found: set[str] = set()
    for columns in _unique_columns(db, table):
        where = " AND ".join(f"{c} = ?" for c in columns)
        values = tuple(getattr(record, by_column[c]) for c in columns)
        found |= {
            r[0] for r in db.execute(f"SELECT uuid FROM {table} WHERE {where} AND uuid != ?", (*values, record.uuid))
        }
    return sorted(found)
