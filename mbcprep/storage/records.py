"""A table of flat records (no list fields), each with a `uuid` and a local `id`, mapped from its
declaration by `mbcprep.storage.rows`: the diary, and the other records kept beside the visits.

Each record is sealed with a checksum of its stored values, as a visit is; `all(checked=True)` and
`damaged` tell a record that no longer matches it (changed on disk, not by mbcprep)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.model.record import check_limits
from mbcprep.storage import rows
from mbcprep.storage.database import Database, now_iso
from mbcprep.storage.visits import add_seal_function, and_unsealed, damaged_ids, seal, unsealed


def record_seal(values: Sequence[Any]) -> str:
    """The checksum of a record's stored values, as read back from SQLite (a flag as 0 or 1)."""
    return seal([[int(v) if isinstance(v, bool) else v for v in values]])


R = TypeVar("R")


class RecordTable(Generic[R]):
    def __init__(self, database: Database, cls: type[R], table: str) -> None:
        self.database = database
        self.cls = cls
        self.table = table
        self.fields = rows.columns(cls, skip=("id",))
        self.names = [d.column for d in self.fields]
        self.sealed_names = [*self.names, "checksum"]
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
        values = self.sealed_values(record)
        found = db.execute(f"SELECT id FROM {self.table} WHERE uuid = ?", (rec.uuid,)).fetchone()
        try:
            if found:
                rec.id = found[0]
                rows.update(db, self.table, self.sealed_names, values, "id", rec.id)
            else:
                rec.id = rows.insert(db, self.table, self.sealed_names, [values]).lastrowid
        except sqlite3.IntegrityError:  # a second of what is kept once: the caller asks before saving
            raise UsageError(_("There is already one of these for that day; nothing was changed.")) from None
        rec.intact = True
        return record

    def insert_all_in(self, db: sqlite3.Connection, records: list[R]) -> None:
        """Insert records none of which is here yet, in one statement (for thousands at once). Raises
        UsageError or sqlite3.IntegrityError, having inserted nothing, when one cannot be kept."""
        stamp = now_iso()
        values = []
        for record in records:
            rec: Any = record
            check_limits(record)
            if self.stamped:
                rec.created_at = rec.created_at or stamp
                rec.updated_at = stamp
            values.append(self.sealed_values(record))
        if values:
            rows.insert(db, self.table, self.sealed_names, values)

    def sealed_values(self, record: R) -> tuple[Any, ...]:
        """The record's stored values and, last, its checksum."""
        values = rows.values(record, self.fields)
        return (*values, record_seal(values))

    def reseal(self, db: sqlite3.Connection) -> None:
        """Seal every record anew (a migration may change what a record's row holds)."""
        sql = f"SELECT id, {', '.join(self.names)} FROM {self.table}"
        for row in db.execute(sql).fetchall():
            db.execute(f"UPDATE {self.table} SET checksum = ? WHERE id = ?", (record_seal(row[1:]), row[0]))

    def damaged(self) -> list[int]:
        """The numbers of the records whose stored values no longer match their checksum."""
        return damaged_ids(self.database, f"SELECT id FROM {self.table} {unsealed(self._sealed_sql())} ORDER BY id")

    def _sealed_sql(self) -> str:
        """The sealed text made by SQLite (the very text `record_seal` hashes: a test holds them to each
        other), to be held to its checksum there, so years of diary days are checked without a Python
        value of each: only the numbers of damaged ones come back."""
        from mbcprep.storage.json_sql import array_sql

        return f"'[' || {array_sql(self.fields)} || ']'"

    def all(
        self, where: str = "", args: tuple[object, ...] = (), order: str = "id", *, checked: bool = False
    ) -> list[R]:
        """The records; with `checked`, each is held to its checksum (`intact` False when it no longer
        matches), from the very values read."""
        make = rows.builder(self.cls)
        if not checked:
            sql = f"SELECT {rows.column_list(self.cls)} FROM {self.table} {where} ORDER BY {order}"
            return [make(r) for r in self.database.read(sql, args, plain=True)]
        sql = f"SELECT {rows.column_list(self.cls)}, checksum FROM {self.table} {where} ORDER BY {order}"
        out = []
        for r in self.database.read(sql, args, plain=True):
            record: Any = make(r[:-1])
            record.intact = not r[-1] or r[-1] == record_seal(rows.values(record, self.fields))
            out.append(record)
        return out

    def joined_json(self, separator: str) -> str:
        """Every record as the compact JSON object a backup holds, in id order, joined by `separator`
        ("" when there are none): made by SQLite from the declaration (`mbcprep.storage.json_sql`) in
        one piece, so tens of thousands of diary days never become Python strings one by one. The
        aggregate takes the rows in the order the subquery gives them (SQLite does not merge such a
        subquery into its aggregate); a test holds the text and its order to Python's writer."""
        from mbcprep.storage.json_sql import object_sql

        sql = f"SELECT group_concat(x, ?) FROM (SELECT {object_sql(self.cls)} AS x FROM {self.table} ORDER BY id)"
        return str(self.database.read(sql, (separator,), plain=True)[0][0] or "")

    def checked_json(self, separator: str) -> tuple[str, list[int]]:
        """`joined_json` and `damaged` together, in one reading of the table: each row's JSON object
        and its seal are made from the same values, so a full backup reads years of diary once."""
        from mbcprep.storage.json_sql import object_sql

        add_seal_function(self.database)
        sql = (
            f"SELECT group_concat(x, ?), group_concat(bad) FROM (SELECT {object_sql(self.cls)} AS x,"
            f" CASE WHEN checksum != '' {and_unsealed(self._sealed_sql())} THEN id END AS bad"
            f" FROM {self.table} ORDER BY id)"
        )
        text, damaged = self.database.read(sql, (separator,), plain=True)[0]
        return str(text or ""), [int(n) for n in damaged.split(",")] if damaged else []

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
                rows.insert(db, self.table, self.sealed_names, [self.sealed_values(record)])
            except sqlite3.IntegrityError:  # only that statement is undone; the transaction goes on
                skipped += 1
                continue
            added += 1
        return added, skipped
