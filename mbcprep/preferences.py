"""Choices a person saves once (`mbcprep settings`): plain mode, the language and the time it takes
to get to a visit. Kept in a small
JSON file in the data folder (0600), read before anything else at start-up (both change how the
very first line is shown), so it is read with `json` alone, never through the data file.

A file that cannot be read or holds something else is ignored at start-up (mbcprep starts in the
usual way) and reported by `mbcprep settings`, never changed until the person saves a choice (then
it is kept aside as `settings.json.broken` and a new file is written). It is read only from a
regular file (a pipe of that name never makes mbcprep wait), at most MAX_BYTES, and only as flat as
mbcprep writes it (a deeply nested file is refused before it is parsed).
"""

from __future__ import annotations

import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from mbcprep.i18n import N_, _
from mbcprep.languages import codes

PREFERENCES_NAME = "settings.json"
BROKEN_SUFFIX = ".broken"
MAX_BYTES = 4096  # mbcprep writes some 40 bytes
MAX_BRACKETS = 4  # mbcprep writes one object: {...}

NOT_A_FILE = N_("it is not a plain file")
TOO_BIG = N_("it is far bigger than the file mbcprep writes")
NOT_OURS = N_("it does not hold settings as mbcprep writes them")
UNREADABLE = N_("it cannot be read ({reason})")
TRAVEL_MINUTES = 45  # the time to get to a visit, when it was not chosen: the family sheet says so
MAX_TRAVEL = 600


@dataclass(frozen=True)
class Preferences:
    """The choices saved in the settings file (None: not chosen)."""

    plain: bool | None = None  # None: not chosen (then the terminal and environment decide)
    lang: str | None = None  # None: not chosen (then the environment decides)
    travel: int | None = None  # minutes to get to a visit; None: not chosen (then TRAVEL_MINUTES)


def read_preferences(folder: Path) -> Preferences:
    """The saved choices, or none when there is no file or it is not one mbcprep wrote."""
    return read_checked(folder)[0]


def read_checked(folder: Path) -> tuple[Preferences, str | None]:
    """The saved choices and, when the file is there but cannot be used, why (a sentence's end:
    "it is not a plain file"), in the chosen language."""
    try:
        # O_NONBLOCK: opening a pipe (FIFO) of that name returns at once instead of waiting for a writer.
        fd = os.open(folder / PREFERENCES_NAME, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return Preferences(), None
    except OSError as exc:
        return Preferences(), _(UNREADABLE).format(reason=exc.strerror or exc.__class__.__name__)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return Preferences(), _(NOT_A_FILE)
        raw = os.read(fd, MAX_BYTES + 1)
    except OSError as exc:
        return Preferences(), _(UNREADABLE).format(reason=exc.strerror or exc.__class__.__name__)
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        return Preferences(), _(TOO_BIG)
    if raw.count(b"{") + raw.count(b"[") > MAX_BRACKETS:  # nested deeper than anything mbcprep writes
        return Preferences(), _(NOT_OURS)
    import json

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return Preferences(), _(NOT_OURS)
    if not isinstance(data, dict):
        return Preferences(), _(NOT_OURS)
    plain = data.get("plain")
    lang = data.get("lang")
    travel = data.get("travel")
    found = Preferences(
        plain=plain if isinstance(plain, bool) else None,
        lang=lang if lang in codes() else None,
        travel=travel if is_travel_minutes(travel) else None,
    )
    return found, None  # a key or value this version does not know: perhaps a newer mbcprep's


def is_travel_minutes(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TRAVEL


def travel_minutes(folder: Path) -> tuple[int, bool]:
    """The minutes it takes to get to a visit, and whether the person chose them (else the default)."""
    chosen = read_preferences(folder).travel
    return (TRAVEL_MINUTES, False) if chosen is None else (chosen, True)


def save_preferences(folder: Path, preferences: Preferences) -> Path:
    """Write the choices (atomically, 0600), making the data folder if it is not there yet."""
    from mbcprep import files
    from mbcprep.paths import ensure_private_dir

    ensure_private_dir(folder)
    if read_checked(folder)[1] is not None:  # kept aside, never lost: the person may want to look at it
        os.replace(folder / PREFERENCES_NAME, folder / (PREFERENCES_NAME + BROKEN_SUFFIX))
    return files.write_private_text(folder / PREFERENCES_NAME, preferences_text(preferences), force=True)


def preferences_text(preferences: Preferences) -> str:
    """The file's text exactly as mbcprep writes it."""
    import json

    chosen = {k: v for k, v in asdict(preferences).items() if v is not None}
    return json.dumps(chosen, indent=2) + "\n"


def written_by_mbcprep(path: Path, *, beside_data: bool) -> bool:
    """Whether `path` holds exactly the text mbcprep writes for the choices it holds: the proof that
    `mbcprep data delete` may remove it. A file with no choice at all ("{}") could be any program's,
    so it counts only beside a data file of mbcprep's."""
    import json

    try:
        with path.open("rb") as fh:
            raw = fh.read(4096)
        text = raw.decode("utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or not set(data) <= {"plain", "lang", "travel"}:
        return False
    if not data and not beside_data:
        return False
    return text == preferences_text(read_preferences(path.parent))
