"""The demo's command line: `mbcprep [--plain] [--lang L] [--bank P] demo [--fast] [COMMAND ...]`.

`mbcprep demo` runs the interview (`--fast`: the short path), `mbcprep demo COMMAND ...` runs any
other command, each on a throwaway folder filled with the made-up sample and removed when it ends.
Click reads the demo's words (`mbcprep.cli.demo` hands them back as a `DemoLine`); `mbcprep.app`
then runs the demo inside its one exit point (so errors are one sentence and Ctrl-C is exit 130), and
the commands themselves run through `run_command`, each a command line of its own as outside a demo.

What a demo never does: read or write the real data folder (of its saved settings, only the language
is read: plain mode follows --plain and the environment), write in the current folder (sheets
and backups go in the demo's folder, or to the screen with -o -), or accept --data-dir.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep.demo.folder import DemoFolder, make_demo_folder, remove_demo_folder
from mbcprep.errors import InterviewStopped, UsageError
from mbcprep.i18n import _
from mbcprep.settings import Settings

DEMO = "demo"
STOPPED = 130
RunCommand = Callable[[list[str]], int]


@dataclass
class DemoLine:
    """A demo's command line, as Click read it (`mbcprep.cli.demo`)."""

    banks: list[str] = field(default_factory=list)  # --bank, given to every command the demo runs
    fast: bool = False
    command: list[str] = field(default_factory=list)  # the command to run on the demo's data, if any

    @property
    def front(self) -> list[str]:
        """The program's own options each command on the demo's data is given (--plain and --lang
        were applied to the whole demo before it started)."""
        return [word for bank in self.banks for word in ("--bank", bank)]

    @property
    def interview(self) -> bool:
        return not self.command or self.command == ["new-visit"]


def run_demo(demo: DemoLine, run_command: RunCommand) -> int:
    """Run a demo; its exit code. `run_command` runs a command line through Typer."""
    from mbcprep.prompts import needs_terminal

    if demo.command[:1] == [DEMO]:
        raise UsageError(_("This is a demo already. Type the command after 'mbcprep demo', like: mbcprep demo visits"))
    if demo.fast and not demo.interview:
        raise UsageError(_("--fast is for the interview: mbcprep demo --fast"))
    if demo.interview and needs_terminal():
        raise UsageError(
            _("The demo interview asks questions, so it needs a terminal. Without one, try: mbcprep demo visits")
        )
    from mbcprep.signals import quit_stops_like_ctrl_c

    with quit_stops_like_ctrl_c():  # Ctrl-\\ too: the demo's folder goes, however the demo ends
        folder = _make_folder()
        try:
            tell(_("DEMO - nothing is saved. Rosa Demo, her care team and her visits are made up."))
            code = _run_in(folder, demo, run_command)
        except (InterviewStopped, KeyboardInterrupt, EOFError):
            _remove(folder)
            tell("\n" + _("Stopped. The demo is over, and everything it made is removed."))
            return STOPPED
        except BaseException:
            _remove(folder)
            raise
        _remove(folder)
    tell(_("DEMO over: everything it made is removed."))
    return code


def _run_in(folder: DemoFolder, line: DemoLine, run_command: RunCommand) -> int:
    from mbcprep import files

    settings = Settings(data_dir=str(folder.data), banks=tuple(line.banks))
    on_demo_data = ["--data-dir", str(folder.data), *line.front]
    with files.writes_only_in(folder.sheets, within=folder.root), _home(folder.data):
        fill_sample(settings)
        if line.interview:
            from mbcprep.demo.interview import run_demo_interview

            shown = run_demo_interview(settings, fast=line.fast)
            code = 0 if shown is None else _show_page(on_demo_data, shown, run_command)
        else:
            code = run_command([*on_demo_data, *line.command])
        if code == 0:
            _wait_while_files_are_shown(folder.written())
    return code


def _show_page(on_demo_data: list[str], visit_id: int, run_command: RunCommand) -> int:
    """The page for the care team (one page, fit for a projector), then one line on the signs that
    cannot wait, rather than the whole list scrolling by."""
    code = run_command([*on_demo_data, "export", str(visit_id), "--for", "doctor", "--format", "txt", "-o", "-"])
    if code == 0:
        tell(_("The signs that cannot wait are on every sheet you print: 'mbcprep urgent' lists them."))
    return code


def fill_sample(settings: Settings) -> None:
    """Put the made-up person's data in the demo's (new, empty) data folder."""
    from datetime import date

    from mbcprep.demo.sample import build_sample

    sample = build_sample(settings.content(), date.today())
    with settings.open_store() as store:
        store.import_everything(sample.visits, sample.records)


def _make_folder() -> DemoFolder:
    from mbcprep.paths import data_dir

    keep_out_of: list[Path] = []
    here: Path | None = None
    with contextlib.suppress(Exception):  # a data folder that cannot be named cannot hold the demo
        keep_out_of.append(data_dir())
    with contextlib.suppress(OSError):
        here = Path.cwd()
    return make_demo_folder(keep_out_of, here)


def _remove(folder: DemoFolder) -> None:
    """Remove the demo's folder; a second Ctrl-C or a closed terminal cannot cut this short."""
    from mbcprep.signals import held_stop_signals

    with held_stop_signals():
        if not remove_demo_folder(folder):
            tell(
                _("Warning: the demo could not remove all of {folder}; delete it yourself.").format(folder=folder.root)
            )


@contextlib.contextmanager
def _home(folder: Path) -> Iterator[None]:
    """MBCPREP_HOME points at the demo's data while it runs, so no path can lead to the real data."""
    from mbcprep.paths import HOME_ENV

    before = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(HOME_ENV, None)
        else:
            os.environ[HOME_ENV] = before


def _wait_while_files_are_shown(written: list[Path]) -> None:
    """A sheet the demo wrote goes with the demo: in a terminal, keep it until the person is done
    showing it (opening the page to print in a browser, say)."""
    if not written or not (sys.stdin.isatty() and sys.stderr.isatty()):
        return
    tell(
        _("The demo keeps what it wrote until you press Enter, so you can open it now: {folder}").format(
            folder=written[0].parent
        )
    )
    with contextlib.suppress(EOFError, KeyboardInterrupt, OSError):
        sys.stdin.readline()


def tell(text: str) -> None:
    """A line about the demo itself, on stderr, so what a command prints can still be piped."""
    from mbcprep.signals import silence
    from mbcprep.text import fit_to_screen, printable

    try:
        print(fit_to_screen(printable(text), sys.stderr), file=sys.stderr, flush=True)
    except OSError:  # nobody reads the messages any more: the demo goes on
        silence(sys.stderr)
