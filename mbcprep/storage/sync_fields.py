"""The journal state of what is shared: each field of each shared record, with its heads (the values
that show, first the one that shows; two when computers wrote at once) in the `sync_fields` table,
and what the person sees of it (who wrote, who added a record, what to choose between)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from mbcprep.storage.database import Database

if TYPE_CHECKING:  # loaded when the journal is read, not by every command that opens the file
    from mbcprep.model.merge import Head

VISITS = "visits"
DELETED = "_deleted"
ADDED_BY = "_by"


class Writer(NamedTuple):
    """A computer that writes into the shared folder, as `share status` lists it."""

    computer: str
    name: str
    segments: int
    last_written: str
    this_one: bool


def kinds() -> dict[str, tuple[type, str]]:
    """Each kind of record shared: its class and table (the visits, and every kept list)."""
    from mbcprep.model.registry import RECORD_LISTS
    from mbcprep.model.visit import Visit

    return {VISITS: (Visit, "visits"), **{k.key: (k.cls, k.table) for k in RECORD_LISTS}}


class SharedVersionsTable(Database):
    """What the person sees of the journal state, mixed into the store (through `SyncTable`)."""

    def sharing_computer(self) -> str:
        found = self.read("SELECT computer FROM sync_self", plain=True)
        return str(found[0][0]) if found else ""

    def writers(self) -> list[Writer]:
        """Each computer that wrote in the folder (as far as read here), with its latest name."""
        me = self.sharing_computer()
        found = self.read(
            "SELECT computer, COUNT(*), MAX(written_at),"
            " (SELECT name FROM sync_segments s2 WHERE s2.computer = s.computer ORDER BY seq DESC LIMIT 1)"
            " FROM sync_segments s GROUP BY computer ORDER BY MIN(written_at)",
            plain=True,
        )
        return [Writer(c, name, n, last, c == me) for c, n, last, name in found]

    def added_by(self, kind: str, uuid: str) -> str:
        """The name of the computer a record was added on ("" when not shared, or added before)."""
        found = self.read(
            "SELECT heads FROM sync_fields WHERE kind = ? AND uuid = ? AND field = ?",
            (kind, uuid, ADDED_BY),
            plain=True,
        )
        if not found:
            return ""
        from mbcprep.model.merge import Head, first_added

        computer = first_added([Head.from_json(h) for h in json.loads(found[0][0])]).value
        name = self.read(
            "SELECT name FROM sync_segments WHERE computer = ? ORDER BY seq DESC LIMIT 1", (computer,), plain=True
        )
        return str(name[0][0]) if name else ""

    def choose(self, kind: str, uuid: str, fields: list[str]) -> None:
        """The person chose between values written at once: the fields' values here are written again,
        replacing every value they were chosen from, on every computer."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO sync_dirty (kind, uuid) VALUES (?, ?)", (kind, uuid))
            db.executemany(
                "INSERT OR IGNORE INTO sync_chosen (kind, uuid, field) VALUES (?, ?, ?)",
                [(kind, uuid, name) for name in fields],
            )

    def conflict_count(self) -> int:
        """How many records hold a field written on two computers at once, not chosen between yet."""
        from mbcprep.model.merge import Head

        found = self.read("SELECT kind, uuid, field, heads FROM sync_fields WHERE heads LIKE '[[%],[%'", plain=True)
        return len(
            {
                (kind, uuid)
                for kind, uuid, name, text in found
                if clash(name, [Head.from_json(h) for h in json.loads(text)])
            }
        )

    def conflicts(self, kind: str, uuid: str) -> dict[str, list[tuple[str, Any]]]:
        """The fields of a record written on two computers at once: each value, with the name of the
        computer that wrote it, the one that shows first."""
        out: dict[str, list[tuple[str, Any]]] = {}
        found = self.read(
            "SELECT field, heads FROM sync_fields WHERE kind = ? AND uuid = ? AND heads LIKE '[[%],[%'",
            (kind, uuid),
            plain=True,
        )
        if not found:
            return out
        from mbcprep.model.merge import Head

        names = dict(self.read("SELECT computer, name FROM sync_segments ORDER BY seq", plain=True))
        for name, text in found:
            heads = [Head.from_json(h) for h in json.loads(text)]
            if clash(name, heads):
                out[name] = [(names.get(h.computer, h.computer), h.value) for h in heads]
        return out


def clash(name: str, heads: list[Head]) -> bool:
    """Whether the person has to choose between the values of a field (mbcprep's own, such as who
    added a record or when, are never asked about: the one that shows first stays)."""
    from mbcprep.model.merge import disagree

    return len(heads) > 1 and not name.startswith("_") and name != "created_at" and disagree(heads)


def rows_of(db: sqlite3.Connection, kind: str, uuids: list[str]) -> Iterator[tuple[str, str, str]]:
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        yield from db.execute(
            f"SELECT uuid, field, heads FROM sync_fields WHERE kind = ? AND uuid IN ({','.join('?' * len(chunk))})",
            (kind, *chunk),
        )
