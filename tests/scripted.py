"""People the tests script: one answering the interview in this process, one typing at a terminal.

- `ScriptedPrompter` answers from a script, and fails loudly on any prompt it was not told about.
- `Terminal` runs the installed `mbcprep` in an 80x24 pseudo-terminal with pexpect and presses keys
  as a person would (the `terminal` fixture starts one; tests/conftest.py loads this module as a
  plugin, so every test file has it). What a run saved is read back in this process (`visits`,
  `saved_visit`, `read_json`): the terminal is what needs a real program, the reading back does not.

Each run's raw output is kept in the test's tmp folder (terminal-N.log) for debugging.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest

from mbcprep.model.content import Content
from mbcprep.prompts.base import NO_DEFAULT, Option, Validator


class Interrupt:
    """Put this in a script to press Ctrl-C at that prompt."""


CTRL_C = Interrupt()


class Maybe:
    """An answer for a prompt that may or may not come (it depends on the content)."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer


class UnexpectedPrompt(AssertionError):
    pass


class ScriptedPrompter:
    """Each answer is a pair (words expected in the prompt, answer).

    - ask_text: the answer is the typed text ("" keeps the default, like pressing Enter).
    - choose: the answer is an option value, or a callable picking from the options.
    - choose_many: a list of values to tick (others keep their checked state off).
    - confirm: True/False.
    """

    def __init__(self, script: Sequence[tuple[str, Any]]) -> None:
        self.script = list(script)
        self.said: list[str] = []
        self.asked: list[str] = []
        self.offered: dict[str, list[Option]] = {}

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        if not self.script:
            raise UnexpectedPrompt(f"no scripted answer left for prompt: {message!r}")
        expect, answer = self.script.pop(0)
        while isinstance(answer, Maybe) and expect.lower() not in message.lower() and self.script:
            expect, answer = self.script.pop(0)  # an optional prompt that did not come
        if isinstance(answer, Maybe):
            answer = answer.answer
        if expect.lower() not in message.lower():
            raise UnexpectedPrompt(f"expected a prompt with {expect!r}, got {message!r}")
        if answer is CTRL_C:
            raise KeyboardInterrupt
        return answer

    def say(self, text: str) -> None:
        self.said.append(text)

    def progress(self, step: int, steps: int, title: str) -> None:
        self.said.append(f"Step {step} of {steps}: {title}")

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        answer = self._next(message)
        answer = default if answer == "" else answer
        if validate is not None:
            problem = validate(answer)
            if problem:
                raise UnexpectedPrompt(f"scripted answer {answer!r} to {message!r} was refused: {problem}")
        return str(answer)

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        self.offered[message] = list(options)
        answer = self._next(message)
        if callable(answer):
            answer = answer(options)
        values = [o.value for o in options]
        if answer not in values:
            raise UnexpectedPrompt(f"{answer!r} is not one of the options for {message!r}: {values}")
        return answer

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        self.offered[message] = list(options)
        answer = self._next(message)
        if callable(answer):
            answer = answer(options)
        values = [o.value for o in options]
        for value in answer:
            if value not in values:
                raise UnexpectedPrompt(f"{value!r} is not offered for {message!r}")
        return list(answer)

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        return bool(self._next(message))

    def ask_secret(self, message: str) -> str:
        return str(self._next(message))

    def done(self) -> None:
        assert not self.script, f"scripted answers never asked for: {self.script}"


# --- a person at a real terminal ----------------------------------------------------------------------

# --- the keys a person presses: every keystroke the tests send is named here ------------------------

KEY_UP = "\x1b[A"
KEY_DOWN = "\x1b[B"
KEY_ENTER = "\r"
KEY_SPACE = " "
KEY_BACKSPACE = "\x7f"
KEY_CTRL_C = "\x03"
KEY_CTRL_D = "\x04"
KEY_DELAY = 0.02  # seconds before each key: quick, but one key at a time like a person
CHAR_DELAY = 0.004  # between typed letters

CPR_REQUEST = "\x1b[6n"  # "where is the cursor?" from prompt_toolkit
CPR_ANSWER = "\x1b[24;1R"  # "bottom row, first column", as a terminal that has scrolled would say
RENDER_END = "\x1b[?7h"  # prompt_toolkit turns line wrapping back on at the end of every redraw
SIZE = (24, 80)  # rows, columns
TIMEOUT = 15

# The mbcprep of the Python running the tests (its venv need not be woken), never another one on PATH
# (such as the one `python3 install.py` put in ~/.local/bin).
_BESIDE = Path(sys.executable).parent / "mbcprep"
MBCPREP = [str(_BESIDE)] if _BESIDE.is_file() else [sys.executable, "-m", "mbcprep"]
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
_LIST_LINE = re.compile(r"^ (»| ) (?:([○●]) )?(.*?)\s*$")  # pointer, tick box (checkbox only), title
COLOUR_256 = "38;5;"  # how questionary's default style paints text on xterm-256color


def plain(raw: str) -> str:
    """Terminal output without escape sequences and carriage returns."""
    return _ANSI.sub("", raw).replace("\r", "")


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (MBCPREP_HOME from conftest) as a colour terminal, plus `extra`."""
    env = dict(os.environ)
    for name in ("NO_COLOR", "COLUMNS", "LINES", "MBCPREP_DEBUG", "MBCPREP_BANK"):
        env.pop(name, None)
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def same_line(drawn: str, full: str) -> bool:
    """A line as drawn (too long a title ends at a word with "…"; a line too long for the terminal is
    cut at its right edge) shows `full` (which may itself be cut)."""
    a, b = drawn.strip(), full.strip()
    if a.endswith("…") and not b.endswith("…"):
        a = a[:-1]
    return a == b or (min(len(a), len(b)) >= 30 and (a.startswith(b) or b.startswith(a)))


@dataclass
class Drawn:
    """A list as first drawn: its lines, which one the pointer is on, which are ticked."""

    titles: list[str]
    pointer: int
    ticked: list[bool]

    def index(self, title: str) -> int:
        found = [i for i, t in enumerate(self.titles) if same_line(t, title)]
        assert found, f"{title!r} is not in the list as drawn: {self.titles}"
        return found[0]


class _Tee(io.StringIO):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file = path.open("w", encoding="utf-8")

    def write(self, s: str) -> int:
        self.file.write(s)
        self.file.flush()
        return super().write(s)


class Terminal:
    """One `mbcprep` run in a pty, with the few things a person does to it."""

    description = "  Description:"  # how the line under a list starts (the Spanish tests say it in Spanish)

    def __init__(self, args: list[str], log: Path, **env: str) -> None:
        self.log = log
        self.out = _Tee(log)
        self.child = pexpect.spawn(
            MBCPREP[0],
            [*MBCPREP[1:], *args],
            env=child_env(**env),
            cwd=os.getcwd(),
            dimensions=SIZE,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        self.child.delaybeforesend = None  # the pauses between keys are ours (KEY_DELAY, CHAR_DELAY)
        self.child.logfile_read = self.out

    # reading the screen

    @property
    def raw(self) -> str:
        return self.out.getvalue()

    @property
    def text(self) -> str:
        return plain(self.raw)

    def _fail(self, what: str) -> AssertionError:
        tail = self.text[-1500:]
        return AssertionError(f"{what}\n--- last output (full log: {self.log}) ---\n{tail}")

    def wait_for(self, *texts: str) -> int:
        """Wait until one of `texts` is drawn; answer cursor-position requests on the way."""
        while True:
            try:
                i = self.child.expect_exact([CPR_REQUEST, *texts])
            except pexpect.EOF:
                raise self._fail(f"mbcprep ended while waiting for {texts!r}") from None
            except pexpect.TIMEOUT:
                raise self._fail(f"waited {TIMEOUT}s for {texts!r}") from None
            if i == 0:
                self._write(CPR_ANSWER)
                continue
            return i - 1

    def shows_within(self, text: str, seconds: float) -> bool:
        """Whether `text` is drawn within `seconds` (answering cursor-position requests meanwhile)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                i = self.child.expect_exact([CPR_REQUEST, text], timeout=left)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return False
            if i == 1:
                return True
            self._write(CPR_ANSWER)
        return False

    def read_list(self, prompt: str) -> Drawn:
        """Wait for a list question and read the list as first drawn."""
        self.wait_for(prompt)
        return self.read_list_here(prompt)

    def read_list_here(self, prompt: str) -> Drawn:
        """Read the list of the question just seen (`prompt`) as first drawn."""
        self.wait_for(RENDER_END)
        drawn = plain(self.child.before).split("\n")[1:]  # the first line is the rest of the question
        titles: list[str] = []
        ticked: list[bool] = []
        pointer = -1
        for line in drawn:
            if line.startswith(self.description):
                break
            found = _LIST_LINE.match(line)
            if found:
                if found[1] == "»":
                    pointer = len(titles)
                titles.append(found[3])
                ticked.append(found[2] == "●")
        if pointer < 0 or not titles:
            raise self._fail(f"could not read the list under {prompt!r}: {drawn}")
        return Drawn(titles, pointer, ticked)

    def _write(self, keys: str) -> None:
        with contextlib.suppress(OSError):  # the program may have gone already
            self.child.send(keys)

    # the keys

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            time.sleep(KEY_DELAY)
            self._write(key)

    def enter(self) -> None:
        self.press(KEY_ENTER)

    def space(self) -> None:
        self.press(KEY_SPACE)

    def down(self, n: int = 1) -> None:
        self.press(KEY_DOWN, n)

    def up(self, n: int = 1) -> None:
        self.press(KEY_UP, n)

    def move(self, start: int, to: int) -> None:
        self.down(to - start) if to >= start else self.up(start - to)

    def backspace(self, n: int = 1) -> None:
        self.press(KEY_BACKSPACE, n)

    def ctrl_c(self) -> None:
        self.press(KEY_CTRL_C)

    def type(self, text: str) -> None:
        time.sleep(KEY_DELAY)
        for ch in text:
            self._write(ch)
            time.sleep(CHAR_DELAY)

    def hang_up(self) -> None:
        """What the terminal does when its window is closed."""
        time.sleep(KEY_DELAY)
        self.child.kill(signal.SIGHUP)

    def close_window(self) -> int:
        """Really close the terminal: its side of the line goes away, the kernel hangs up on mbcprep,
        and anything mbcprep still draws fails. Returns mbcprep's exit status."""
        time.sleep(KEY_DELAY)
        self.child.ptyproc.fileobj.close()
        self.child.closed = self.child.ptyproc.closed = True
        status = self.child.ptyproc.wait()
        assert status is not None, f"mbcprep was killed by signal {self.child.ptyproc.signalstatus}"
        return status

    # a question at a time

    def answer(self, prompt: str, text: str = "") -> None:
        """Wait for a text question, type `text` (maybe nothing) and press Enter."""
        self.wait_for(prompt)
        self.type(text)
        self.enter()

    def choose(self, prompt: str, title: str | None = None) -> Drawn:
        """Wait for a list, arrow to the line showing `title` (None: leave the pointer), press Enter."""
        drawn = self.read_list(prompt)
        if title is not None:
            self.move(drawn.pointer, drawn.index(title))
        self.enter()
        return drawn

    def tick(self, prompt: str, lines: list[int]) -> Drawn:
        """Wait for a checkbox list, tick these lines (0 = top) with Space, press Enter."""
        drawn = self.read_list(prompt)
        at = drawn.pointer
        for line in sorted(lines):
            self.move(at, line)
            self.space()
            at = line
        self.enter()
        return drawn

    def confirm(self, prompt: str, key: str = KEY_ENTER) -> None:
        """Wait for a yes/no question and press Enter (its default), or y or n and then Enter."""
        self.wait_for(prompt)
        self.press(key)
        if key != KEY_ENTER:
            self.enter()

    # the end

    def finish(self) -> int:
        """Wait for the program to end; its exit status."""
        while True:
            try:
                i = self.child.expect_exact([CPR_REQUEST, pexpect.EOF])
            except pexpect.TIMEOUT:
                raise self._fail(f"mbcprep did not end within {TIMEOUT}s") from None
            if i == 1:
                break
            self._write(CPR_ANSWER)
        self.child.close()
        status = self.child.exitstatus
        assert status is not None, self._fail(f"mbcprep was killed by signal {self.child.signalstatus}")
        return status

    def kill(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)


Start = Callable[..., Terminal]  # terminal(*args, **env)


def terminals(folder: Path, kind: type[Terminal] = Terminal) -> Iterator[Start]:
    """Start mbcprep in a pty: start(*args, **env), logging to `folder`; every run is ended afterwards."""
    started: list[Terminal] = []

    def start(*args: str, **env: str) -> Terminal:
        term = kind(list(args), folder / f"terminal-{len(started) + 1}.log", **env)
        started.append(term)
        return term

    yield start
    for term in started:
        term.kill()


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Start]:
    """Start mbcprep in a pty: terminal(*args, **env). Every run is ended after the test."""
    yield from terminals(tmp_path)


@pytest.fixture(scope="module")
def bank() -> Content:
    """The shipped content, read the same way the child reads it, so the tests follow the YAML."""
    from mbcprep.content.load import load_content

    return load_content()


# --- what was saved, read back ---------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`mbcprep ARGS` started as a program, with no terminal (stdin is /dev/null)."""
    return subprocess.run(
        [*MBCPREP, *args],
        env=child_env(),
        cwd=os.getcwd(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def in_process(*args: str) -> tuple[int, str, str]:
    """`mbcprep ARGS` run in this process through the one exit point, as the `cli` fixture runs it:
    (exit code, stdout, stderr). It reads the same data folder (MBCPREP_HOME) the programs started
    here use, in a few milliseconds instead of a new program's start."""
    from mbcprep.app import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def done(*args: str) -> str:
    """`mbcprep ARGS` in this process, which must succeed; what it printed."""
    code, out, err = in_process(*args)
    assert code == 0, (args, code, err)
    return out


def read_json(*args: str) -> Any:
    return json.loads(done(*args))


def visits() -> list[dict[str, Any]]:
    """`mbcprep visits --json`."""
    return list(read_json("visits", "--json"))


def saved_visit(visit_id: int) -> dict[str, Any]:
    """The visit as `mbcprep export ID --format json` writes it."""
    return dict(read_json("export", str(visit_id), "--format", "json", "--output", "-")["visits"][0])


# --- what a command imports ------------------------------------------------------------------------

PROMPT_LIBRARIES = ("questionary", "prompt_toolkit")

_LOADED_BY = """
import json, sys
from mbcprep.app import main
for args in json.loads(sys.argv[1]):
    main(args)
    loaded = sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)
    print("LOADED\\t" + json.dumps([args, loaded]), file=sys.stderr, flush=True)
"""


def prompt_libraries_loaded(commands: Sequence[Sequence[str]]) -> Callable[[Sequence[str]], list[str]]:
    """Run each `mbcprep ARGS` in turn through the one exit point, in one new Python (nothing imported
    yet; a program a command saves one start); `loaded(args)`: the prompt libraries imported once that
    command had run. A module stays imported, so one a command loads shows under it and under every
    command after it: for commands that must load none, each must show none, as in a program of its own."""
    ran = subprocess.run(
        [sys.executable, "-c", _LOADED_BY, json.dumps([list(c) for c in commands]), json.dumps(PROMPT_LIBRARIES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = {
        tuple(args): heavy
        for line in ran.stderr.splitlines()
        if line.startswith("LOADED\t")
        for args, heavy in [json.loads(line.removeprefix("LOADED\t"))]
    }

    def loaded(args: Sequence[str]) -> list[str]:
        assert tuple(args) in found, f"the run of {list(args)} did not finish: {ran.stderr[-1500:]}"
        return list(found[tuple(args)])

    return loaded
