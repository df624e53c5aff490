"""Changes an interrupted `edit` kept aside, one row for each window, so none overwrites another's."""

from __future__ import annotations

import json
from dataclasses import dataclass

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.model.record import to_record
from mbcprep.model.visit import Visit
from mbcprep.storage.database import Database, now_iso


@dataclass(frozen=True)
class KeptEdit:
    """Changes one `edit` window kept aside, and when."""

    id: int
    visit: Visit
    updated_at: str


class KeptEditsTable(Database):
    def keep_edit(self, visit: Visit, kept_id: int | None = None) -> int:
        """Keep one window's unsaved changes aside; returns the number to update them under. Each
        window keeps its own: another window's changes, or a save of the visit, never replace them."""
        from mbcprep.formats.backup import FORMAT_VERSION

        # The revision the changes started from goes with them, so finishing a picked-up edit still
        # notices a save made from another window in the meantime. The record is written as a backup
        # writes it, with its format version, so a later mbcprep reads it as it reads an old backup.
        payload = json.dumps(
            {**to_record(visit), "local_revision": visit.revision, "format_version": FORMAT_VERSION},
            ensure_ascii=False,
        )
        with self.transaction() as db:
            if kept_id is not None:
                cur = db.execute(
                    "UPDATE kept_edits SET payload = ?, updated_at = ? WHERE id = ?", (payload, now_iso(), kept_id)
                )
                if cur.rowcount:
                    return kept_id
            cur = db.execute(
                "INSERT INTO kept_edits (visit_id, payload, updated_at) VALUES (?, ?, ?)",
                (visit.id, payload, now_iso()),
            )
            return int(cur.lastrowid or 0)

    def kept_edits(self, visit_id: int) -> list[KeptEdit]:
        """Every window's kept-aside changes to this visit, oldest first. Unreadable ones are skipped:
        the saved visit itself is untouched, so nothing is lost."""
        from mbcprep.formats.backup import visit_from_record

        out = []
        found = self.read("SELECT id, payload, updated_at FROM kept_edits WHERE visit_id = ? ORDER BY id", (visit_id,))
        for row in found:
            try:
                data = json.loads(row["payload"])
                if not isinstance(data, dict):
                    continue
                revision = data.pop("local_revision", 0)
                version = data.pop("format_version", 1)
                visit = visit_from_record(data, _("unsaved changes"), version if isinstance(version, int) else 1)
            except (ValueError, UsageError):
                continue
            visit.id = visit_id
            visit.revision = revision if isinstance(revision, int) else 0
            out.append(KeptEdit(int(row["id"]), visit, str(row["updated_at"])))
        return out

    def drop_kept_edit(self, kept_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM kept_edits WHERE id = ?", (kept_id,))

    def drop_kept_edits(self, visit_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM kept_edits WHERE visit_id = ?", (visit_id,))
