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

PREFERENCES_NAME = "settings.json"
LANGUAGES = ("en", "es")


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
        lang=lang if lang in LANGUAGES else None,
    )


def save_preferences(folder: Path, preferences: Preferences) -> Path:
    """Write the choices (atomically, 0600), making the data folder if it is not there yet."""
    from mbcprep import files
    from mbcprep.paths import ensure_private_dir

    ensure_private_dir(folder)
    chosen = {k: v for k, v in asdict(preferences).items() if v is not None}
    return files.write_private_text(folder / PREFERENCES_NAME, json.dumps(chosen, indent=2) + "\n", force=True)
