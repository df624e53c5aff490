"""Looking after the data as a whole: `mbcprep data backup`. (`data check` and `data delete` are in
`mbcprep.storage.maintenance`.)"""

from __future__ import annotations

from pathlib import Path

from mbcprep import files
from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.paths import BACKUP_DIR, ensure_private_dir, refuse_inside_data_folder
from mbcprep.settings import Settings


def backup(settings: Settings, output: str | None, *, force: bool) -> Path:
    from mbcprep.storage.database import timestamp

    folder = settings.folder
    if output is not None and files.names_the_screen(output):
        raise UsageError(_("A backup is a database file; give a file name with -o, not - (the screen)."))
    if output is not None and not output.strip():
        raise UsageError(_("-o needs a file name."))
    with settings.open_store() as store:
        if output:
            dest = files.typed_path(output)
            refuse_inside_data_folder(dest, folder, allowed=folder / BACKUP_DIR)
        else:
            dest = ensure_private_dir(folder / BACKUP_DIR) / f"mbcprep-{timestamp()}.sqlite3"
            files.remove_stale_temps(dest.parent, old_names=True)  # copies killed runs left half-made
        return store.backup(dest, force=force)
