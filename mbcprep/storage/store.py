"""The store: the open data file with a repository for each of its tables.

Use `Store.open(folder)`; close it with `close()` or `with`. Everything else about the file (its
verdict, transactions, migrations) is in `mbcprep.storage.database`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mbcprep.storage.kept_edits import KeptEditsTable
from mbcprep.storage.visits import VisitsTable
from mbcprep.storage.written_files import WrittenFilesTable, record_written_in


class Store(VisitsTable, KeptEditsTable, WrittenFilesTable):
    """All reads and writes of mbcprep's data."""

    def after_migration(self, db: sqlite3.Connection, backup: Path | None) -> None:
        self.reseal_visits(db)
        for found in self.own_backups_on_disk():
            record_written_in(db, found, "backup")
        if backup is not None:
            record_written_in(db, backup, "backup")
