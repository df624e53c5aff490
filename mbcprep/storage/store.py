"""The store: the open data file with a repository for each of its tables.

Use `Store.open(folder)`; close it with `close()` or `with`. Everything else about the file (its
verdict, transactions, migrations) is in `mbcprep.storage.database`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mbcprep.storage.diary import DiaryTable
from mbcprep.storage.kept_edits import KeptEditsTable
from mbcprep.storage.records import RecordTable
from mbcprep.storage.results import ResultsTable
from mbcprep.storage.sync import SyncTable
from mbcprep.storage.treatment_trends import TreatmentTrendsTable
from mbcprep.storage.visits import VisitsTable
from mbcprep.storage.written_files import WrittenFilesTable, record_written_in

if TYPE_CHECKING:
    from mbcprep.model.care import Medicine, TeamMember, Treatment
    from mbcprep.model.diary import DiaryEntry

# The lists kept beside the visits (their records' declarations) load when first used: a command
# that only lists visits, or the interview's first question, does without them.


class Store(VisitsTable, DiaryTable, ResultsTable, TreatmentTrendsTable, KeptEditsTable, WrittenFilesTable, SyncTable):
    """All reads and writes of mbcprep's data."""

    @classmethod
    def open(cls, folder: Path) -> Store:
        store = super().open(folder)
        store.sync_quietly()
        return store

    def close(self) -> None:
        self.sync_quietly()
        super().close()

    def sync_quietly(self) -> None:
        """When this computer shares a folder, bring it up to date (and write what changed here) before
        and after each command. A folder that cannot be reached now only waits: `mbcprep share status`
        says why, and nothing here is lost."""
        from contextlib import suppress

        from mbcprep.errors import StoreError, UsageError

        with suppress(StoreError, UsageError, OSError):
            self.sync_if_shared()

    def records(self, key: str) -> RecordTable[Any]:
        """The table of one of the lists kept beside the visits (`mbcprep.model.registry`)."""
        from mbcprep.model.registry import BY_KEY

        kept = BY_KEY[key]
        return RecordTable(self, kept.cls, kept.table)

    @property
    def diary(self) -> RecordTable[DiaryEntry]:
        return self.records("diary")

    @property
    def treatments(self) -> RecordTable[Treatment]:
        return self.records("treatments")

    @property
    def medicines(self) -> RecordTable[Medicine]:
        return self.records("medicines")

    @property
    def team(self) -> RecordTable[TeamMember]:
        return self.records("care_team")

    def all_records_joined(self, separator: str, *, check: bool = True) -> tuple[dict[str, str], list[tuple[str, int]]]:
        """Every kept list, its records' JSON objects joined by `separator` (see `RecordTable.joined_json`),
        and the (list, number) of each record that no longer matches its checksum, all in one reading
        (unless not `check`: then none is said to be damaged)."""
        from mbcprep.model.registry import RECORD_LISTS

        joined, damaged = {}, []
        with self.snapshot():
            for kept in RECORD_LISTS:
                table = self.records(kept.key)
                joined[kept.key], bad = table.checked_json(separator) if check else (table.joined_json(separator), [])
                damaged += [(kept.key, n) for n in bad]
        return joined, damaged

    def backup_json(self, separator: str) -> tuple[list[str], list[int], dict[str, str], list[tuple[str, int]]]:
        """What a full backup holds, from one state of the file: each visit's JSON line and each kept
        list's records joined by `separator`, and which visits and records no longer match their
        checksums. Every seal is checked, unless every one was found sound in this very state of the
        file by the backup before (`mbcprep.storage.verified`); when all are, that is noted."""
        from mbcprep.storage import verified

        with self.snapshot():
            self.read("SELECT count(*) FROM sqlite_master", plain=True)  # the snapshot holds the file from here
            check = not verified.seals_sound(self.folder, self.path)
            lines, damaged = self.visit_json_lines(check=check)
            records, damaged_records = self.all_records_joined(separator, check=check)
            if check and not damaged and not damaged_records:
                verified.remember_sealed(self.folder, self.path)
        return lines, damaged, records, damaged_records

    def import_everything(self, visits: list[Any], records: dict[str, list[Any]]) -> dict[str, tuple[int, int]]:
        """Visits and every kept list from a backup, all in one transaction: (added, skipped) for each,
        under "visits" and each list's key. Nothing here is changed or removed."""
        from mbcprep.model.registry import RECORD_LISTS

        counts: dict[str, tuple[int, int]] = {}
        with self.transaction() as db:
            counts["visits"] = self.import_visits_in(db, visits)
            for kept in RECORD_LISTS:
                counts[kept.key] = self.records(kept.key).import_in(db, records.get(kept.key, []))
        return counts

    def diary_clashes(self, entries: list[DiaryEntry]) -> list[tuple[DiaryEntry, DiaryEntry]]:
        """(the one here, the one given) for each entry whose day and symptom already has a different
        score or note here under another uuid: an import keeps the one here and says so."""
        clashes = []
        with self.snapshot():
            for entry in entries:
                for here in self.diary.all(
                    "WHERE day = ? AND key = ? AND uuid != ?", (entry.day, entry.key, entry.uuid)
                ):
                    if (here.score, here.note) != (entry.score, entry.note):
                        clashes.append((here, entry))
        return clashes

    def after_migration(self, db: sqlite3.Connection, backup: Path | None) -> None:
        self.reseal_visits(db)
        if db.execute("SELECT 1 FROM sync_self").fetchone():
            self.ensure_triggers(db)  # a table a migration added is shared too
            self.write_back_unwritten(db)
        from mbcprep.model.registry import RECORD_LISTS

        for kept in RECORD_LISTS:
            self.records(kept.key).reseal(db)
        for found in self.own_backups_on_disk():
            record_written_in(db, found, "backup")
        if backup is not None:
            record_written_in(db, backup, "backup")
