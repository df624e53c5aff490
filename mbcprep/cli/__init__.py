"""The command line: each command parses its options, calls one core function, and prints the result.

`app` (in `mbcprep.cli.app`) holds the shared options; each module here adds one group of commands.
`load_commands(name)` brings in only the module that holds the command typed (the others cost a
person's time at every start); `load_commands()` brings them all.
"""

from __future__ import annotations

import importlib
from typing import Any

# The modules that add commands, in the order their commands are listed in --help.
MODULES = ("care", "content", "data", "demo", "diary", "preferences", "profile", "sheets", "visits")
# Which module adds each command or group typed first on the line (a test holds it to the modules).
COMMAND_MODULES = {
    "new-visit": "visits",
    "visits": "visits",
    "show": "visits",
    "edit": "visits",
    "delete": "visits",
    "debrief": "visits",
    "diary": "diary",
    "trends": "diary",
    "export": "sheets",
    "import": "sheets",
    "questions": "content",
    "checklist": "content",
    "urgent": "content",
    "glossary": "content",
    "bank": "content",
    "data": "data",
    "settings": "preferences",
    "treatments": "care",
    "meds": "care",
    "team": "care",
    "results": "care",
    "demo": "demo",
    "profile": "profile",
}


def load_commands(name: str | None = None) -> Any:
    """The app with the command `name` in it (every command when `name` is not one: for help and
    suggestions)."""
    from mbcprep.cli.app import app

    module = COMMAND_MODULES.get(name or "")
    for each in (module,) if module else MODULES:
        importlib.import_module(f"mbcprep.cli.{each}")
    return app


__all__ = ["COMMAND_MODULES", "MODULES", "load_commands"]
