"""Reading a typed line at a real terminal (a pseudo-terminal): the line as typed, Ctrl-D as the end,
and a stop signal that does not interrupt the read itself (it was handled by another thread, as one
arriving just before the read is) still ends the wait instead of leaving the program stuck."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

READ_ONE_LINE = """
from mbcprep.prompts.terminal_line import read_terminal_line
try:
    print("got", repr(read_terminal_line("Type: ")))
except EOFError:
    print("end of input")
"""

# The signal goes to a helper thread, so the main thread's wait is not interrupted by it: only the
# wake-up pipe can end that wait. With a plain `input()` this run would wait for a line for ever.
# The helper sends it when the test says so (a file appears), once the prompt shows the read has begun.
STOP_WHILE_WAITING = """
import os, signal, sys, threading, time
from mbcprep.prompts.terminal_line import read_terminal_line

def stop(signum, frame):
    raise KeyboardInterrupt

def when_told():
    while not os.path.exists(sys.argv[1]):
        time.sleep(0.005)
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)

signal.signal(signal.SIGTERM, stop)
helper = threading.Thread(target=when_told)
helper.start()
try:
    read_terminal_line("Type: ")
    print("read a line")
except KeyboardInterrupt:
    print("stopped by the signal")
"""


def _run(script: str, *args: str) -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-c", textwrap.dedent(script), *args], encoding="utf-8", timeout=10)


def test_a_typed_line_comes_back_without_its_newline() -> None:
    child = _run(READ_ONE_LINE)
    child.expect_exact("Type: ")
    child.sendline("dizzy  ")
    child.expect_exact("got 'dizzy  '")
    child.expect(pexpect.EOF)


def test_ctrl_d_is_the_end_of_input() -> None:
    child = _run(READ_ONE_LINE)
    child.expect_exact("Type: ")
    child.sendeof()
    child.expect_exact("end of input")
    child.expect(pexpect.EOF)


def test_a_stop_signal_ends_the_wait_even_when_it_does_not_interrupt_the_read(tmp_path: Path) -> None:
    now = tmp_path / "now"
    child = _run(STOP_WHILE_WAITING, str(now))
    child.expect_exact("Type: ")
    now.touch()
    child.expect_exact("stopped by the signal")
    child.expect(pexpect.EOF)
