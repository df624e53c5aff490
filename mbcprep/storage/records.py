"""A table of flat records (no list fields), each with a `uuid` and a local `id`, mapped from its
declaration by `mbcprep.storage.rows`: the diary, and the other records kept beside the visits."""

from __future__ import annotations

import sqlite3
from typing import Any, Generic, TypeVar

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.model.record import check_limits
from mbcprep.storage import rows
from mbcprep.storage.database import Database, now_iso

R = TypeVar("R")


class RecordTable(Generic[R]):
    def __init__(self, database: Database, cls: type[R], table: str) -> None:
        self.database = database
        self.cls = cls
        self.table = table
        self.fields = rows.columns(cls, skip=("id",))
        self.names = [d.column for d in self.fields]
        self.stamped = {"created_at", "updated_at"} <= {d.name for d in self.fields}

    def save(self, record: R) -> R:
        with self.database.transaction() as db:
            self.save_in(db, record)
        return record

    def save_in(self, db: sqlite3.Connection, record: R) -> R:
        """Insert the record, or replace the one with its uuid."""
        rec: Any = record
        check_limits(record)  # what is saved must come back from a backup
        if self.stamped:
            rec.created_at = rec.created_at or now_iso()
            rec.updated_at = now_iso()
        values = rows.values(record, self.fields)
        found = db.execute(f"SELECT id FROM {self.table} WHERE uuid = ?", (rec.uuid,)).fetchone()
        try:
            if found:
                rec.id = found[0]
                rows.update(db, self.table, self.names, values, "id", rec.id)
            else:
                rec.id = rows.insert(db, self.table, self.names, [values]).lastrowid
        except sqlite3.IntegrityError:  # a second of what is kept once: the caller asks before saving
            raise UsageError(_("There is already one of these for that day; nothing was changed.")) from None
        return record

    def all(self, where: str = "", args: tuple[object, ...] = (), order: str = "id") -> list[R]:
        make = rows.builder(self.cls)
        sql = f"SELECT {rows.column_list(self.cls)} FROM {self.table} {where} ORDER BY {order}"
        return [make(r) for r in self.database.read(sql, args, plain=True)]

    def joined_json(self, separator: str) -> str:
        """Every record as the compact JSON object a backup holds, in id order, joined by `separator`
        ("" when there are none): made by SQLite from the declaration (`mbcprep.storage.json_sql`) in
        one piece, so tens of thousands of diary days never become Python strings one by one. The
        aggregate takes the rows in the order the subquery gives them (SQLite does not merge such a
        subquery into its aggregate); a test holds the text and its order to Python's writer."""
        from mbcprep.storage.json_sql import object_sql

        sql = f"SELECT group_concat(x, ?) FROM (SELECT {object_sql(self.cls)} AS x FROM {self.table} ORDER BY id)"
        return str(self.database.read(sql, (separator,), plain=True)[0][0] or "")

    def get(self, ref: str) -> R:
        ref = ref.strip()
        if ref.isascii() and ref.isdigit() and len(ref) <= 18:
            found = self.all("WHERE id = ?", (int(ref),))
        else:
            found = self.all("WHERE uuid = ?", (ref,))
        if not found:
            raise UsageError(_("There is nothing with that number here."))
        return found[0]

    def delete(self, record_id: int) -> None:
        with self.database.transaction() as db:
            db.execute(f"DELETE FROM {self.table} WHERE id = ?", (record_id,))

    def import_in(self, db: sqlite3.Connection, records: list[R]) -> tuple[int, int]:
        """Add the records whose uuid is not here yet: (added, skipped), inside the caller's transaction.
        A record that would make a second of a kind kept once (a diary score for a day and symptom
        already scored here) is skipped too: what is here stays."""
        added = skipped = 0
        for record in records:
            rec: Any = record
            if db.execute(f"SELECT 1 FROM {self.table} WHERE uuid = ?", (rec.uuid,)).fetchone():
                skipped += 1
                continue
            rec.id = None
            if self.stamped:
                rec.created_at = rec.created_at or now_iso()
                rec.updated_at = rec.updated_at or rec.created_at
            try:
                rows.insert(db, self.table, self.names, [rows.values(record, self.fields)])
            except sqlite3.IntegrityError:  # only that statement is undone; the transaction goes on
                skipped += 1
                continue
            added += 1
        return added, skipped
