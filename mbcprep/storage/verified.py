"""Remembering that every page of the data file was found sound, so an unchanged file is not checked
page by page again at every start (with years of diary days that check is most of a command's time).

What is remembered is what the file system says of the file (size, times, inode) when it was last
checked. It is used only when nothing could have changed since: the file looks exactly the same, no
journal is waiting beside it, and the check happened long enough after the last change that a change
within the clock's step cannot hide (as git does for its index). Whatever the memory says, the first
write of every open checks every page first (`Database.transaction`), so a file damaged inside is
never changed; `mbcprep data check` always checks everything.

A full backup (`export --all`) that found every seal sound adds that to the note: the next one of the
same, unchanged file reads the records without holding each to its seal again (a third of its time
with ten years of diary days). Any save changes the file, and so makes the note no longer its own.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import suppress
from pathlib import Path

from mbcprep.paths import CACHE_DIR

CHECKED_NAME = "checked.json"
SETTLED_NS = 2_000_000_000  # a file last changed this long ago cannot change unseen in the same tick
_JOURNALS = ("-journal", "-wal")


def _seen(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "ino": st.st_ino}


def unchanged_since_checked(folder: Path, path: Path) -> bool:
    return checked_schema(folder, path) is not None


def checked_schema(folder: Path, path: Path) -> int | None:
    """The schema's version counter (SQLite's `schema_version`) the file had when every page was last
    found sound, if the file looks exactly as it did then; else None. The opener compares it inside
    its snapshot: a schema changed between this look and the snapshot is then checked in full."""
    note = _note_of_this_file(folder, path)
    schema = note.get("schema") if note else None
    return schema if isinstance(schema, int) else None


def seals_sound(folder: Path, path: Path) -> bool:
    """Whether every record's and visit's seal was found sound with the file exactly as it is now
    (`remember_sealed`). Asked inside a read snapshot, which no save can change while it lasts."""
    note = _note_of_this_file(folder, path)
    return bool(note and note.get("sealed") is True)


def remember_sealed(folder: Path, path: Path) -> None:
    """Note that every seal of `path` was just found sound, when the note of its pages is of the file
    exactly as it is now (so it was settled then); called inside the read snapshot that checked them."""
    from mbcprep import files
    from mbcprep.errors import MbcprepError

    note = _note_of_this_file(folder, path)
    if note is None or note.get("sealed") is True:
        return
    with suppress(OSError, ValueError, MbcprepError):
        text = json.dumps({**note, "sealed": True}) + "\n"
        files.write_private_text(folder / CACHE_DIR / CHECKED_NAME, text, force=True)


def _note_of_this_file(folder: Path, path: Path) -> dict[str, object] | None:
    """The note, if it is of the file as it is now: the same name, size, times and inode, and no
    journal beside it (a save under way, or cut off)."""
    try:
        remembered = json.loads((folder / CACHE_DIR / CHECKED_NAME).read_text(encoding="utf-8"))
        if not isinstance(remembered, dict) or any(os.path.lexists(f"{path}{suffix}") for suffix in _JOURNALS):
            return None
        seen = {"file": path.name, **_seen(path)}
        if any(remembered.get(k) != v for k, v in seen.items()):
            return None
        return remembered
    except (OSError, ValueError):
        return None


def remember_checked(folder: Path, path: Path, schema: int) -> None:
    """Note that every page of `path` was just found sound, its schema at version counter `schema`;
    nothing is noted for a file changed too recently, and a note that cannot be written is simply not
    kept."""
    from mbcprep import files
    from mbcprep.errors import MbcprepError
    from mbcprep.paths import ensure_private_dir

    try:
        seen = _seen(path)
        if time.time_ns() - max(seen["mtime_ns"], seen["ctime_ns"]) < SETTLED_NS:
            return
        note = {"file": path.name, **seen, "schema": schema}
        target = folder / CACHE_DIR / CHECKED_NAME
        if target.exists() and json.loads(target.read_text(encoding="utf-8")) == note:
            return
        ensure_private_dir(folder / CACHE_DIR)
        files.write_private_text(target, json.dumps(note) + "\n", force=True)
    except (OSError, ValueError, MbcprepError):
        return
