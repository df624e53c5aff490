"""Choices a person saves once (`mbcprep settings`): plain mode and the language. Kept in a small
JSON file in the data folder (0600), read before anything else at start-up (both change how the
very first line is shown), so it is read with `json` alone, never through the data file.

A file that cannot be read or holds something else is ignored at start-up (mbcprep starts in the
usual way) and reported by `mbcprep settings`, never changed until the person saves a choice.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from mbcprep.languages import codes

PREFERENCES_NAME = "settings.json"


@dataclass(frozen=True)
class Preferences:
    plain: bool | None = None  # None: not chosen (then the terminal and environment decide)
    lang: str | None = None  # None: not chosen (then the environment decides)


def read_preferences(folder: Path) -> Preferences:
    """The saved choices, or none when there is no file or it is not one mbcprep wrote."""
    try:
        with (folder / PREFERENCES_NAME).open("rb") as fh:
            data = json.loads(fh.read(65_536).decode("utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    plain = data.get("plain")
    lang = data.get("lang")
    return Preferences(
        plain=plain if isinstance(plain, bool) else None,
        lang=lang if lang in codes() else None,
    )


def save_preferences(folder: Path, preferences: Preferences) -> Path:
    """Write the choices (atomically, 0600), making the data folder if it is not there yet."""
    from mbcprep import files
    from mbcprep.paths import ensure_private_dir

    ensure_private_dir(folder)
    return files.write_private_text(folder / PREFERENCES_NAME, preferences_text(preferences), force=True)


def preferences_text(preferences: Preferences) -> str:
    """The file's text exactly as mbcprep writes it."""
    chosen = {k: v for k, v in asdict(preferences).items() if v is not None}
    return json.dumps(chosen, indent=2) + "\n"


def written_by_mbcprep(path: Path, *, beside_data: bool) -> bool:
    """Whether `path` holds exactly the text mbcprep writes for the choices it holds: the proof that
    `mbcprep data delete` may remove it. A file with no choice at all ("{}") could be any program's,
    so it counts only beside a data file of mbcprep's."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(4096)
        text = raw.decode("utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or not set(data) <= {"plain", "lang"}:
        return False
    if not data and not beside_data:
        return False
    return text == preferences_text(read_preferences(path.parent))
