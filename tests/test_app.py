"""The one exit point: the interview starts without Typer; everything else goes through it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mbcprep.app import interview_only
from mbcprep.settings import Settings


@pytest.mark.parametrize(
    ("args", "settings"),
    [
        (["new-visit"], Settings()),
        (["--data-dir", "/x", "new-visit"], Settings(data_dir="/x")),
        (
            ["--data-dir=/x", "--bank", "a.yaml", "--bank=b", "new-visit"],
            Settings(data_dir="/x", banks=("a.yaml", "b")),
        ),
    ],
)
def test_the_interview_alone_skips_typer(args: list[str], settings: Settings) -> None:
    assert interview_only(args) == settings


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["new-visit", "--help"],
        ["new-visit", "--no-input"],
        ["--help", "new-visit"],
        ["--version", "new-visit"],
        ["--data-dir", "", "new-visit"],
        ["--data-dir", "a", "--data-dir", "b", "new-visit"],
        ["--data-dir"],
        ["visits"],
        ["new-visit", "new-visit"],
    ],
)
def test_anything_else_goes_through_typer(args: list[str]) -> None:
    assert interview_only(args) is None


FAST = """
import sys
from mbcprep.app import main
code = main(["new-visit"])
print("code", code, "typer" in sys.modules, file=sys.stderr)
"""


def test_the_interview_without_a_terminal_says_so_without_loading_typer() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FAST], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: new-visit asks questions, so it needs a terminal.")
    assert lines[-1] == "code 1 False"


def test_each_command_is_loaded_from_the_module_that_adds_it() -> None:
    """`load_commands(name)` imports one module; the map it reads must name the right one."""
    import sys

    from mbcprep.cli import COMMAND_MODULES, MODULES, load_commands

    app = load_commands()
    found = {c.name: c.callback.__module__ for c in app.registered_commands}
    found |= {
        g.name: (g.typer_instance.registered_callback or g.typer_instance.registered_commands[0]).callback.__module__
        for g in app.registered_groups
    }
    expected = {name: f"mbcprep.cli.{module}" for name, module in COMMAND_MODULES.items()}
    assert found == expected | {"data": "mbcprep.cli.data", "bank": "mbcprep.cli.content"}
    assert set(COMMAND_MODULES.values()) == set(MODULES)
    assert all(f"mbcprep.cli.{m}" in sys.modules for m in MODULES)
