"""The one exit point: the interview starts without Typer; everything else goes through one lazy
command group, which imports only the module of the command typed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mbcprep.cli import read_command_line
from mbcprep.settings import Settings


@pytest.mark.parametrize(
    ("args", "settings"),
    [
        (["new-visit"], Settings()),
        (["new-visit", "--data-dir", "/x", "--plain"], Settings(data_dir="/x")),
        (["--data-dir", "/x", "new-visit"], Settings(data_dir="/x")),
        (
            ["--data-dir=/x", "--bank", "a.yaml", "--bank=b", "new-visit"],
            Settings(data_dir="/x", banks=("a.yaml", "b")),
        ),
    ],
)
def test_the_interview_alone_skips_typer(args: list[str], settings: Settings) -> None:
    assert read_command_line(args).interview() == settings


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
        ["new-visit", "--bank"],
        ["new-visit", "--", "--plain"],
    ],
)
def test_anything_else_goes_through_typer(args: list[str]) -> None:
    assert read_command_line(args).interview() is None


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


ONE_COMMAND = """
import json, sys
from mbcprep.app import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith("mbcprep.cli.") or m.split(".")[0] == "pydantic")
print(json.dumps([code, loaded]), file=sys.stderr)
"""


def _loaded(*args: str, home: Path) -> tuple[int, list[str]]:
    env = {**os.environ, "MBCPREP_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", ONE_COMMAND, *args], capture_output=True, text=True, timeout=60, env=env
    )
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return code, loaded


def test_the_command_word_picks_the_one_module_to_import(tmp_path: Path) -> None:
    """`mbcprep visits` imports mbcprep/cli/visits.py and no other command's module, and no pydantic
    (Typer would import it to check each value: most of a bare Typer app's start-up)."""
    from mbcprep.cli import MODULES

    code, loaded = _loaded("visits", "--json", "--plain", home=tmp_path)
    assert code == 0
    commands = [m for m in loaded if m.rsplit(".", 1)[-1] in MODULES]
    assert commands == ["mbcprep.cli.visits"]
    assert not any(m.startswith("pydantic") for m in loaded)
    code, loaded = _loaded("data", "where", home=tmp_path)
    assert code == 0 and [m for m in loaded if m.rsplit(".", 1)[-1] in MODULES] == ["mbcprep.cli.data"]


def test_help_sees_every_command_and_a_mistyped_one_loads_none(tmp_path: Path) -> None:
    from mbcprep.cli import MODULES

    code, loaded = _loaded("--help", home=tmp_path)
    assert code == 0 and {m.rsplit(".", 1)[-1] for m in loaded} >= set(MODULES)
    code, loaded = _loaded("vists", home=tmp_path)  # the names alone say there is no such command
    assert code == 1 and not {m.rsplit(".", 1)[-1] for m in loaded} & set(MODULES)


def test_help_lists_the_commands_in_the_order_they_are_named(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.cli import COMMAND_MODULES

    shown = cli("--plain", "--help").out.split("Commands:", 1)[1]
    at = [shown.index(f"  {name} ") for name in COMMAND_MODULES]
    assert at == sorted(at)


def test_a_command_named_but_not_added_is_a_clear_mistake(monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.cli import COMMAND_MODULES
    from mbcprep.cli.group import build_command

    monkeypatch.setitem(COMMAND_MODULES, "nothing-here", "visits")
    with pytest.raises(TypeError, match=r"mbcprep\.cli\.visits does not add the command 'nothing-here'"):
        build_command("nothing-here")


def test_values_are_read_as_typer_reads_them_without_pydantic(cli) -> None:  # type: ignore[no-untyped-def]
    """Text, repeated words and switches reach the command as Typer gives them (a list, not a tuple)."""
    ran = cli("new-visit", "--no-input", "--ask", "First?", "--ask", "Second?", "--with", "Dr Lee")
    assert ran.code == 0, ran.err
    shown = cli("show", "latest").out
    assert "First?" in shown and "Second?" in shown and "Dr Lee" in shown


def test_every_module_that_adds_a_command_is_named() -> None:
    """A command added in a module that `COMMAND_MODULES` does not name would never be loaded: each
    module of mbcprep/cli/ that adds to the root app is named there."""
    import re

    from mbcprep.cli import MODULES

    folder = Path(__file__).resolve().parent.parent / "mbcprep" / "cli"
    adding = {
        path.stem
        for path in folder.glob("*.py")
        if re.search(r"^@app\.command\(|^app\.add_typer\(|^@\w+_app\.command\(", path.read_text(), re.M)
    }
    assert "visits" in adding and "data" in adding  # the scan finds them
    assert adding - {"app"} <= set(MODULES)


def test_every_option_takes_a_kind_of_value_read_without_pydantic() -> None:
    """An option of another kind (a number, a path, a choice) would work, but would have Typer import
    pydantic at every start of that command: each option takes text, words or a switch."""
    from mbcprep.cli import COMMAND_MODULES
    from mbcprep.cli.group import _AS_READ, build_command

    def params(command: object) -> list[object]:
        found = list(getattr(command, "params", []))
        for sub in getattr(command, "commands", {}).values():
            found += params(sub)
        return found

    every = [p for name in COMMAND_MODULES for p in params(build_command(name))]
    assert len(every) > 60
    other = [(p.name, p.type_descriptor.annotation) for p in every if p.type_descriptor.annotation not in _AS_READ]
    assert other == []


def test_a_message_to_a_terminal_is_wrapped_at_words_and_to_a_pipe_kept_on_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import os
    import sys

    from mbcprep.cli.output import out

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    said = "Error: mbcprep demo takes --fast, or a command to run on its made-up data, for example: mbcprep demo visits"
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a, **k: os.terminal_size((40, 24)))
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    out(said, err=True)
    lines = screen.getvalue().splitlines()
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines), lines
    assert " ".join(lines) == said  # every word whole, none lost
    assert "mbcprep demo visits" in lines[-1]
    screen.truncate(0)
    screen.seek(0)
    out("Stopped. Your answers are kept as a draft; run 'mbcprep new-visit' to go on.", err=True)
    assert "'mbcprep new-visit'" in screen.getvalue(), "a command named stays whole, to be copied"
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    out(said, err=True)
    assert piped.getvalue() == said + "\n"
