"""Records to rows and back, in one place, from their declarations (`mbcprep.model.record`).

A record's own columns are its declared fields that are stored and are not lists; each list field
names the table its items are kept in, one row an item, with the parent's id and the item's position.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from mbcprep.model.record import Declared, declared


def columns(cls: type, *, skip: tuple[str, ...] = ()) -> tuple[Declared, ...]:
    """The fields of `cls` kept in its own row (lists have tables of their own)."""
    return tuple(d for d in declared(cls) if d.spec.stored and d.spec.kind != "list" and d.name not in skip)


def child_lists(cls: type) -> tuple[Declared, ...]:
    """The list fields of `cls`, each kept in its own table."""
    return tuple(d for d in declared(cls) if d.spec.kind == "list")


def values(obj: Any, fields: Sequence[Declared]) -> tuple[Any, ...]:
    return tuple(getattr(obj, d.name) for d in fields)


def insert(db: sqlite3.Connection, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> Any:
    """INSERT rows naming their columns; returns the cursor (for lastrowid)."""
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    if len(rows) == 1:
        return db.execute(sql, rows[0])
    return db.executemany(sql, rows)


def update(db: sqlite3.Connection, table: str, names: Sequence[str], row: tuple[Any, ...], key: str, at: Any) -> None:
    assignments = ", ".join(f"{n} = ?" for n in names)
    db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", (*row, at))


def from_row(cls: type, row: sqlite3.Row, **extra: Any) -> Any:
    """A record from its row: every stored field, by its column."""
    return cls(**{d.name: row[d.column] for d in columns(cls)}, **extra)


def write_children(db: sqlite3.Connection, parent: Any, parent_id: int, parent_key: str) -> None:
    """The items of every list field of `parent`, in their tables, in order."""
    for d in child_lists(type(parent)):
        fields = columns(d.spec.item)
        names = [parent_key, "position", *(f.column for f in fields)]
        rows = [(parent_id, n, *values(item, fields)) for n, item in enumerate(getattr(parent, d.name))]
        if rows:
            insert(db, d.spec.table, names, rows)


def delete_children(db: sqlite3.Connection, cls: type, parent_id: int, parent_key: str) -> None:
    for d in child_lists(cls):
        db.execute(f"DELETE FROM {d.spec.table} WHERE {parent_key} = ?", (parent_id,))
