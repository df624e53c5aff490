"""A data folder with no data file yet (a person's first `new-visit`): there is no draft to pick up and
no visit before, so the interview's first question is asked before the file is made. The store opens,
making the file, at the first use that needs it (after the first answer); nothing is made when the
person stops at the first question.

Only this folder's own state decides: anything at the data file's place (a file, a link, a journal
left beside it) or a folder this account cannot write into takes the usual way, `Store.open`, which
checks it and says what is wrong before anything is asked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mbcprep.paths import DB_NAME, ensure_private_dir

if TYPE_CHECKING:
    from mbcprep.model.visit import Visit
    from mbcprep.storage.store import Store

_BESIDE = ("", "-journal", "-wal", "-shm")  # the data file, and what SQLite keeps beside it
# Less free room than this on the disk: the usual way, which says the disk is full before anything is
# asked, rather than after the first answer (when that answer could not be kept).
ROOM_NEEDED = 1 << 20


def open_store(folder: Path) -> Store:
    """The store of `folder`, opened now; or, when the folder has no data file yet, one that opens
    when first needed."""
    ensure_private_dir(folder)
    path = folder / DB_NAME
    if (
        any(os.path.lexists(f"{path}{suffix}") for suffix in _BESIDE)
        or not os.access(folder, os.W_OK | os.X_OK)
        or _free_room(folder) < ROOM_NEEDED
    ):
        from mbcprep.storage.store import Store

        return Store.open(folder)
    return cast("Store", StoreWhenNeeded(folder))


def _free_room(folder: Path) -> int:
    try:
        found = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows): the usual check, when the file is made
        return ROOM_NEEDED
    return found.f_bavail * found.f_frsize


class StoreWhenNeeded:
    """Answers what an empty store answers (no draft, no visit before) without making the file; any
    other use opens the store and goes to it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._store: Store | None = None
        self._follows: Callable[[], None] | None = None

    def opened(self) -> Store:
        if self._store is None:
            from mbcprep.storage.store import Store

            self._store = Store.open(self.folder)
            if self._follows is not None:
                self._store.follow_replacements(self._follows)
        return self._store

    def follow_replacements(self, tell: Callable[[], None]) -> None:
        """As `Database.follow_replacements`, once the store is opened (opening it no sooner)."""
        self._follows = tell
        if self._store is not None:
            self._store.follow_replacements(tell)

    def latest_draft(self) -> Visit | None:
        return None if self._store is None else self._store.latest_draft()

    def drafts(self) -> list[tuple[int, str, str]]:
        return [] if self._store is None else self._store.drafts()

    def previous_visit(self, *args: Any, **kwargs: Any) -> Visit | None:
        return None if self._store is None else self._store.previous_visit(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.opened(), name)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> StoreWhenNeeded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
