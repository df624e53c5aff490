"""The command line: each command parses its options, calls one core function, and prints the result.

`COMMAND_MODULES` names each command (or group of commands) typed first on the line, and the
module here that adds it, in the order `mbcprep --help` lists them. Adding a command is one line
there (and the command itself, in that module, on `mbcprep.cli.app.app` or a group of its own).
Only the module of the command typed is imported (`mbcprep.cli.group`); `mbcprep --help` brings
in all of them, and a mistyped command none (the names here are enough to say there is no such
command).

`read_command_line` reads the program's own options (`GLOBAL_OPTIONS`), typed before or after
the command, before anything else is loaded: the language and plain mode must be known before
any text is made, and the interview starts without Typer. Click reads the rest.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# The command (or group) typed first on the line -> the module in mbcprep/cli/ that adds it.
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
    "demo": "demo",
    "lock": "lock",
    "unlock": "lock",
    "share": "share",
}
MODULES = tuple(dict.fromkeys(COMMAND_MODULES.values()))  # every module that adds commands

# The program's own options, taken before or after the command (never after `--`): each takes a
# value but `--plain`. Their help is the root command's (`mbcprep.cli.app.root`).
GLOBAL_OPTIONS = ("--data-dir", "--bank", "--lang", "--plain")
FLAGS = ("--plain",)


@dataclass
class CommandLine:
    """A command line, read: the program's own options, and the rest for Click."""

    front: list[str] = field(default_factory=list)  # the program's own options, each with its value
    rest: list[str] = field(default_factory=list)  # the command and its own words, in order
    values: dict[str, list[str | None]] = field(default_factory=dict)  # None: no value after it

    @property
    def argv(self) -> list[str]:
        """What Click reads: the program's own options first, then the command."""
        return self.front + self.rest

    @property
    def command(self) -> str | None:
        """The command typed; None when another option comes first (--help, --version)."""
        return self.rest[0] if self.rest and not self.rest[0].startswith("-") else None

    def first(self, option: str) -> str | None:
        given = self.values.get(option)
        return given[0] if given else None

    def given(self, option: str) -> bool:
        return option in self.values

    @property
    def plain(self) -> bool:
        return self.given("--plain")

    @property
    def banks(self) -> list[str]:
        return [bank or "" for bank in self.values.get("--bank", ())]

    def interview(self) -> Any:
        """The Settings for `mbcprep [--data-dir PATH] [--bank PATH]... new-visit` and nothing else:
        the interview starts without Typer, whose start-up would make a person wait for the first
        question. Anything else, `--help` included, goes through Typer."""
        from mbcprep.settings import Settings

        if self.rest != ["new-visit"] or len(self.values.get("--data-dir", ())) > 1:
            return None
        taken = [v for option, values in self.values.items() if option not in FLAGS for v in values]
        if any(v is None or not v.strip() for v in taken):
            return None
        return Settings(data_dir=self.first("--data-dir"), banks=tuple(self.banks))


def read_command_line(args: Sequence[str]) -> CommandLine:
    """`mbcprep new-visit --data-dir X` means `mbcprep --data-dir X new-visit`: the program's own
    options are taken wherever they were typed (never after `--`) and put first."""
    line = CommandLine()
    n = 0
    while n < len(args):
        token = args[n]
        if token == "--":
            line.rest += args[n:]
            break
        name, equals, value = token.partition("=")
        if name not in GLOBAL_OPTIONS or (equals and name in FLAGS):
            line.rest.append(token)
            n += 1
            continue
        if name in FLAGS:
            line.front.append(token)
            line.values.setdefault(name, []).append("")
            n += 1
            continue
        if equals:
            line.front.append(token)
            line.values.setdefault(name, []).append(value)
            n += 1
        elif n + 1 < len(args):
            line.front += [token, args[n + 1]]
            line.values.setdefault(name, []).append(args[n + 1])
            n += 2
        else:  # no value after it: Click says so
            line.front.append(token)
            line.values.setdefault(name, []).append(None)
            n += 1
    return line


def load_commands(name: str | None = None) -> Any:
    """The Typer app with the command `name` in it (every command when `name` is None or not one:
    for help and suggestions)."""
    from mbcprep.cli.app import app

    module = COMMAND_MODULES.get(name or "")
    for each in (module,) if module else MODULES:
        importlib.import_module(f"mbcprep.cli.{each}")
    return app


__all__ = ["COMMAND_MODULES", "FLAGS", "GLOBAL_OPTIONS", "MODULES", "CommandLine", "load_commands", "read_command_line"]
