"""The sheets, exports and backups mbcprep wrote, so `mbcprep data delete` can say where they are, and
the backups of the data file itself."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import suppress
from pathlib import Path

from mbcprep import files
from mbcprep.errors import StoreError
from mbcprep.paths import BACKUP_DIR
from mbcprep.storage import cipher
from mbcprep.storage.database import Database, is_our_database, is_our_locked_copy, now_iso

# The names mbcprep gives the backups it makes in the data folder's backups/ folder.
BACKUP_NAME = re.compile(r"(mbcprep|before-v\d{1,4})-\d{8}T\d{6}Z-\d{1,10}\.sqlite3")


class WrittenFilesTable(Database):
    def record_written(self, path: Path, what: str, visit_uuid: str | None = None) -> None:
        """Remember a sheet, export or backup this program wrote (and the visit a sheet shows). Only
        bookkeeping: a data file that cannot be written to does not stop the export. Written again
        where the newest one of its kind (and visit) already is, nothing needs remembering, so the
        data file is left as it was (and need not be checked again before the next change)."""
        with suppress(StoreError):
            newest = self.read(
                "SELECT path FROM written_files WHERE what = ? AND visit_uuid IS ?"
                " ORDER BY written_at DESC, rowid DESC LIMIT 1",
                (what, visit_uuid),
            )
            if newest and newest[0]["path"] == _stored_path(path):
                return
            with self.transaction() as db:
                record_written_in(db, path, what, visit_uuid)

    def sheet_of(self, visit_uuid: str) -> Path | None:
        """The last sheet made of this visit that is still where it was written."""
        found = self.read(
            "SELECT path FROM written_files WHERE visit_uuid = ? AND what = 'sheet'"
            " ORDER BY written_at DESC, rowid DESC",
            (visit_uuid,),
        )
        return next((Path(r["path"]) for r in found if Path(r["path"]).is_file()), None)

    def written_files(self) -> list[tuple[Path, str]]:
        found = self.read("SELECT path, what FROM written_files ORDER BY written_at, path")
        return [(Path(r["path"]), str(r["what"])) for r in found]

    def own_backups_on_disk(self) -> list[Path]:
        """The backups in the data folder's backups/ that mbcprep named and marked as its own."""
        folder = self.folder / BACKUP_DIR
        if folder.is_symlink() or not folder.is_dir():
            return []
        return sorted(
            p
            for p in folder.iterdir()
            if BACKUP_NAME.fullmatch(p.name) and (is_our_database(p) or is_our_locked_copy(p, self.path))
        )

    def backup(self, dest: Path, *, force: bool = False) -> Path:
        """A consistent copy of the data file (SQLite's backup API), written 0600, and remembered. A
        locked file is copied as it is, locked, while a read lock keeps it still."""
        if cipher.is_cipher_connection(self.db):
            with self.snapshot():
                self.read("SELECT count(*) FROM sqlite_master")  # takes the read lock
                self.copy_file_to(dest, force=force, before_update=False)
            self.record_written(dest, "backup")
            return dest
        tmp = files.private_temp_beside(dest)
        try:
            target = sqlite3.connect(tmp)
            try:
                self.db.backup(target)
            finally:
                target.close()
            files.move_into_place(tmp, dest, force=force)
        except sqlite3.Error as exc:
            raise self.translate(exc) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                if os.path.lexists(leftover):
                    leftover.unlink()
        self.record_written(dest, "backup")
        return dest


def record_written_in(db: sqlite3.Connection, path: Path, what: str, visit_uuid: str | None = None) -> None:
    db.execute(
        "INSERT OR REPLACE INTO written_files (path, what, written_at, visit_uuid) VALUES (?, ?, ?, ?)",
        (_stored_path(path), what, now_iso(), visit_uuid),
    )


def _stored_path(path: Path) -> str:
    return os.fsdecode(path.absolute())
