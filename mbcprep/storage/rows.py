"""Records to rows and back, in one place, from their declarations (`mbcprep.model.record`).

A record's own columns are its declared fields that are stored and are not lists; each list field
names the table its items are kept in, one row an item, with the parent's id and the item's position.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from mbcprep.model.record import Declared, declared

_COLUMNS: dict[tuple[type, tuple[str, ...]], tuple[Declared, ...]] = {}


def columns(cls: type, *, skip: tuple[str, ...] = ()) -> tuple[Declared, ...]:
    """The fields of `cls` kept in its own row (lists have tables of their own)."""
    found = _COLUMNS.get((cls, skip))
    if found is None:
        found = _COLUMNS[(cls, skip)] = tuple(
            d for d in declared(cls) if d.spec.stored and d.spec.kind != "list" and d.name not in skip
        )
    return found


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


_BUILDERS: dict[type, Callable[[Sequence[Any]], Any]] = {}


def builder(cls: type) -> Callable[[Sequence[Any]], Any]:
    """Make a record from the values of `columns(cls)`, in that order: positionally when they are the
    first fields of the dataclass (quick for thousands of rows), else by name."""
    found = _BUILDERS.get(cls)
    if found is None:
        names = [d.name for d in columns(cls)]
        init = [f.name for f in dataclasses.fields(cls) if f.init]
        if names == init[: len(names)]:
            found = lambda values: cls(*values)  # noqa: E731
        else:
            found = lambda values: cls(**dict(zip(names, values, strict=True)))  # noqa: E731
        _BUILDERS[cls] = found
    return found


def column_list(cls: type) -> str:
    return ", ".join(d.column for d in columns(cls))


_READERS: dict[type, tuple[tuple[str, str], ...]] = {}


def from_row(cls: type, row: sqlite3.Row) -> Any:
    """A record from its row: every stored field, by its column."""
    pairs = _READERS.get(cls)
    if pairs is None:
        pairs = _READERS[cls] = tuple((d.name, d.column) for d in columns(cls))
    return cls(**{name: row[column] for name, column in pairs})


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
