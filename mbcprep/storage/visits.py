"""The visits table and its parts (questions, symptoms, what matters), mapped from the declaration
of `Visit` by `mbcprep.storage.rows`. Each visit is sealed with a checksum of its record; a visit
read back that no longer matches it comes back with `intact` False."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from mbcprep.errors import UsageError, VisitChangedElsewhere
from mbcprep.i18n import _
from mbcprep.model.record import check_limits
from mbcprep.model.visit import Visit
from mbcprep.storage import rows
from mbcprep.storage.database import Database, now_iso

# The visit's own columns; `id` is given by SQLite and `revision` counts saves (both are this
# computer's bookkeeping, declared last); `checksum` is the store's own.
_COLUMNS = rows.columns(Visit, skip=("id", "revision"))
_ALL_COLUMNS = rows.column_list(Visit)
assert [d.name for d in rows.columns(Visit)][len(_COLUMNS) :] == ["id", "revision"]


@dataclass(frozen=True)
class VisitSummary:
    """A visit as the list of visits shows it, without its parts."""

    id: int
    uuid: str
    visit_date: str
    kind: str
    with_whom: str
    status: str
    question_count: int
    debriefed: bool = False
    visit_time: str = ""  # HH:MM, "" when not known
    place: str = ""


def visit_checksum(visit: Visit) -> str:
    """A hash of everything the data file holds of a visit: its row and its parts' rows, in order."""
    parts: list[object] = [rows.values(visit, _COLUMNS)]
    for d in rows.child_lists(Visit):
        fields = rows.columns(d.spec.item)
        parts.append([rows.values(item, fields) for item in getattr(visit, d.name)])
    return _seal(parts)


def seal(parts: list[object]) -> str:
    """A checksum of stored values (a flag counts as the 0 or 1 SQLite gives back)."""
    return _seal(parts)


def sealed_text(canonical: str) -> str:
    """The checksum of the canonical JSON text of stored values."""
    return _sealed_text(canonical)


def _seal(parts: list[object]) -> str:
    return _sealed_text(json.dumps(parts, ensure_ascii=False, separators=(",", ":")))


def _sealed_text(canonical: str) -> str:
    from mbcprep.digest import sha256

    return sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# Inside SQLite, on a row's checksum and its sealed text's UTF-8 bytes: 1 when the checksum is not the
# seal of that text (`_sealed_text`). Only the answer comes back to SQLite, never a seal's text.
UNSEALED_FUNCTION = "mbcprep_unsealed"


def unsealed(sealed_sql: str) -> str:
    """The WHERE clause of the rows sealed with a checksum that is not the seal of `sealed_sql` (the
    SQL of its sealed text, as `array_sql` makes it)."""
    return f"WHERE checksum != '' {and_unsealed(sealed_sql)}"


def and_unsealed(sealed_sql: str) -> str:
    """The end of an SQL condition that holds for a row whose checksum is not the seal of `sealed_sql`
    (after `checksum != ''`: a row without a checksum is not sealed)."""
    return f"AND {UNSEALED_FUNCTION}(checksum, CAST({sealed_sql} AS BLOB))"


def damaged_ids(database: Database, sql: str) -> list[int]:
    """The first column of `sql`, a query whose WHERE clause is `unsealed(...)`: rows are held to their
    checksum inside SQLite, so thousands are checked without a Python value of each."""
    add_seal_function(database)
    return [r[0] for r in database.read(sql, plain=True)]


def add_seal_function(database: Database) -> None:
    """`UNSEALED_FUNCTION` in the connection's SQL."""
    from hashlib import sha256

    def unsealed_by(checksum: object, text: bytes) -> bool:
        return checksum != sha256(text).hexdigest()[:32]

    database.db.create_function(UNSEALED_FUNCTION, 2, unsealed_by, deterministic=True)


def _items_sql(d: Any, value_sql: str) -> str:
    """The SQL of a visit's list `d` (a child list of `Visit`): each item's `value_sql`, in order,
    joined by commas ("" for none)."""
    items = (
        f"SELECT group_concat(x, ',') FROM (SELECT {value_sql} AS x FROM {d.spec.table}"
        " WHERE visit_id = visits.id ORDER BY position)"
    )
    return f"coalesce(({items}), '')"


def _sealed_sql() -> str:
    """The SQL of the text a visit is sealed with (`seal`, as `load_visits` holds it): its own stored
    values, then each of its lists' stored values, all as compact JSON arrays."""
    from mbcprep.storage.json_sql import array_sql

    parts = [array_sql(_COLUMNS)]
    parts += [f"'[' || {_items_sql(d, array_sql(rows.columns(d.spec.item)))} || ']'" for d in rows.child_lists(Visit)]
    return "'[' || " + " || ',' || ".join(parts) + " || ']'"


class VisitsTable(Database):
    """Reading and writing visits."""

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
                self.write_visit(db, visit, revision)
        except BaseException:
            visit.created_at, visit.updated_at = created, updated
            raise
        visit.revision = revision
        visit.intact = True
        return visit

    def write_visit(self, db: sqlite3.Connection, visit: Visit, revision: int = 0) -> None:
        check_limits(visit)  # what is saved must come back from a backup
        names = [d.column for d in _COLUMNS] + ["revision", "checksum"]
        row = (*rows.values(visit, _COLUMNS), revision, visit_checksum(visit))
        found = db.execute("SELECT id FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone()
        if found:
            visit.id = found[0]
            rows.update(db, "visits", names, row, "id", visit.id)
            rows.delete_children(db, Visit, visit.id, "visit_id")
        else:
            visit.id = rows.insert(db, "visits", names, [row]).lastrowid
        assert visit.id is not None
        rows.write_children(db, visit, visit.id, "visit_id")

    def reseal_visits(self, db: sqlite3.Connection) -> None:
        """Seal every visit anew (a migration may change what a visit's record holds)."""
        for visit in self.load_visits():
            db.execute("UPDATE visits SET checksum = ? WHERE id = ?", (visit_checksum(visit), visit.id))

    def resolve(self, ref: str) -> int:
        """Turn what a person typed (`3`, `latest`, a uuid) into a visit id."""
        ref = ref.strip()
        if ref.lower() == "latest":
            # The visit made most recently: what a person who just made one means. A draft only if
            # there is no finished visit at all.
            found = self.read("SELECT id FROM visits ORDER BY status = 'ready' DESC, id DESC LIMIT 1")
            if not found:
                raise UsageError(_("There are no visits yet. Start one with 'mbcprep new-visit'."))
            return int(found[0]["id"])
        if ref.isascii() and ref.isdigit() and len(ref) <= 18:
            found = self.read("SELECT id FROM visits WHERE id = ?", (int(ref),))
            if not found:
                raise UsageError(_("There is no visit '{id}'. 'mbcprep visits' lists them.").format(id=int(ref)))
        else:
            found = self.read("SELECT id FROM visits WHERE uuid = ?", (ref,))
            if not found:
                raise UsageError(_("There is no visit with that id. 'mbcprep visits' lists them."))
        return int(found[0]["id"])

    def get(self, ref: str) -> Visit:
        visit_id = self.resolve(ref)
        visits = self.load_visits("WHERE id = ?", (visit_id,))
        if not visits:
            raise UsageError(_("There is no visit '{id}'. 'mbcprep visits' lists them.").format(id=visit_id))
        return visits[0]

    def load_visits(self, where: str = "", args: tuple[object, ...] = ()) -> list[Visit]:
        """Visits with all their parts, in one query a table whatever their number, all from one
        state of the file. Each is checked against the checksum saved with it, from the very values
        read (a visit whose values no longer match comes back with `intact` False)."""
        own = len(_COLUMNS)  # the visit's own values come first; its id and revision after them
        make_visit = rows.builder(Visit)
        visits: dict[int, Visit] = {}
        sealed: dict[int, tuple[str, list[object]]] = {}
        with self.snapshot():
            for r in self.read(f"SELECT {_ALL_COLUMNS}, checksum FROM visits {where} ORDER BY id", args, plain=True):
                visit = make_visit(r[:-1])
                visits[visit.id] = visit
                sealed[visit.id] = (r[-1], [r[:own]])
            if not visits:
                return []
            part_where = where.replace("id", "visit_id", 1) if where else ""
            for d in rows.child_lists(Visit):
                make_item = rows.builder(d.spec.item)
                sql = f"SELECT visit_id, {rows.column_list(d.spec.item)} FROM {d.spec.table} {part_where}"
                parts: dict[int, list[object]] = {visit_id: [] for visit_id in visits}
                for r in self.read(sql + " ORDER BY visit_id, position", args, plain=True):
                    if r[0] in visits:
                        getattr(visits[r[0]], d.name).append(make_item(r[1:]))
                        parts[r[0]].append(r[1:])
                for visit_id, found in parts.items():
                    sealed[visit_id][1].append(found)
        for visit_id, visit in visits.items():
            checksum, values = sealed[visit_id]
            visit.intact = not checksum or checksum == _seal(values)
        return list(visits.values())

    def all_visits(self) -> list[Visit]:
        return self.load_visits()

    def damaged_visits(self) -> list[int]:
        """The ids of the visits whose stored values no longer match their checksum: the text
        `load_visits` seals, made and held to the checksum inside SQLite, no visit made."""
        return damaged_ids(self, f"SELECT id FROM visits {unsealed(_sealed_sql())} ORDER BY id")

    def visit_json_lines(self, *, check: bool = True) -> tuple[list[str], list[int]]:
        """Every visit as the compact JSON line a backup holds, made by SQLite from the declaration of
        `Visit` without making an object of each (the text `to_record` and `json.dumps` make: a test
        holds it to that), with the ids of visits whose values no longer match their checksum. Each
        visit is checked as `load_visits` checks it, from the very values read, in one query (unless
        not `check`: then none is said to be damaged)."""
        from mbcprep.storage.json_sql import members_sql, object_sql, runs_of

        parts = [
            members_sql(run)
            if isinstance(run, tuple)  # the visit's own fields that come between its lists
            else f"'{json.dumps(run.key)}:[' || {_items_sql(run, object_sql(run.spec.item))} || ']'"
            for run in runs_of(Visit)
        ]
        line = "'{' || " + " || ',' || ".join(parts) + " || '}'"
        if not check:
            return [r[0] for r in self.read(f"SELECT {line} FROM visits ORDER BY id", plain=True)], []
        add_seal_function(self)
        found = self.read(
            f"SELECT {line}, CASE WHEN checksum != '' {and_unsealed(_sealed_sql())} THEN id END"
            " FROM visits ORDER BY id",
            plain=True,
        )
        return [r[0] for r in found], [r[1] for r in found if r[1] is not None]

    def summaries(self) -> list[VisitSummary]:
        found = self.read(
            "SELECT v.id, v.uuid, v.visit_date, v.kind, v.with_whom, v.status, v.debriefed_at != '' AS debriefed,"
            " v.visit_time, v.place, (SELECT COUNT(*) FROM visit_questions q WHERE q.visit_id = v.id) AS n"
            " FROM visits v ORDER BY v.visit_date, v.id"
        )
        return [
            VisitSummary(
                r["id"],
                r["uuid"],
                r["visit_date"],
                r["kind"],
                r["with_whom"],
                r["status"],
                r["n"],
                bool(r["debriefed"]),
                r["visit_time"],
                r["place"],
            )
            for r in found
        ]

    def previous_visit(self, before: date, not_uuid: str = "") -> Visit | None:
        """The last finished visit dated before `before` (other than `not_uuid`): the one to compare
        with and to carry unanswered questions from."""
        found = self.read(
            "SELECT id FROM visits WHERE status = 'ready' AND visit_date != '' AND visit_date < ? AND uuid != ?"
            " ORDER BY visit_date DESC, id DESC LIMIT 1",
            (before.isoformat(), not_uuid),
        )
        return self.get(str(found[0]["id"])) if found else None

    def next_visit(self, today: date) -> Visit | None:
        """The soonest visit dated today or later (a draft or ready): the one being got ready for."""
        found = self.read(
            "SELECT id FROM visits WHERE visit_date != '' AND visit_date >= ? ORDER BY visit_date, id LIMIT 1",
            (today.isoformat(),),
        )
        return self.get(str(found[0]["id"])) if found else None

    def drafts(self) -> list[tuple[int, str, str]]:
        """Each unfinished visit's id, date ("" when none was given yet) and the moment it was begun,
        the one changed last first."""
        found = self.read(
            "SELECT id, visit_date, created_at FROM visits WHERE status = 'draft' ORDER BY updated_at DESC, id DESC"
        )
        return [(int(r["id"]), str(r["visit_date"]), str(r["created_at"])) for r in found]

    def latest_draft(self) -> Visit | None:
        found = self.read("SELECT id FROM visits WHERE status = 'draft' ORDER BY updated_at DESC, id DESC LIMIT 1")
        return self.get(str(found[0]["id"])) if found else None

    def delete(self, visit_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM visits WHERE id = ?", (visit_id,))

    def import_visits(self, visits: list[Visit]) -> tuple[int, int]:
        """Add visits whose uuid is not here yet, all in one transaction: (added, skipped)."""
        with self.transaction() as db:
            return self.import_visits_in(db, visits)

    def import_visits_in(self, db: sqlite3.Connection, visits: list[Visit]) -> tuple[int, int]:
        added = skipped = 0
        for visit in visits:
            if db.execute("SELECT 1 FROM visits WHERE uuid = ?", (visit.uuid,)).fetchone():
                skipped += 1
                continue
            visit.id = None
            self.write_visit(db, visit)
            added += 1
        return added, skipped

    def counts(self) -> tuple[int, int]:
        found = self.read("SELECT status, COUNT(*) AS n FROM visits GROUP BY status")
        got = {r["status"]: r["n"] for r in found}
        return got.get("ready", 0), got.get("draft", 0)
