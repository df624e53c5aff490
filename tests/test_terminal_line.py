"""Reading a typed line at a real terminal (a pseudo-terminal): the line as typed, Ctrl-D as the end,
and a stop signal that does not interrupt the read itself (it was handled by another thread, as one
arriving just before the read is) still ends the wait instead of leaving the program stuck."""

from __future__ import annotations

import sys
import textwrap

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
STOP_WHILE_WAITING = """
import signal, threading, time
from mbcprep.prompts.terminal_line import read_terminal_line

def stop(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, stop)
helper = threading.Thread(target=lambda: (time.sleep(0.3), signal.pthread_kill(threading.get_ident(), signal.SIGTERM)))
helper.start()
try:
    read_terminal_line("Type: ")
    print("read a line")
except KeyboardInterrupt:
    print("stopped by the signal")
"""


def _run(script: str) -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-c", textwrap.dedent(script)], encoding="utf-8", timeout=10)


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


def test_a_stop_signal_ends_the_wait_even_when_it_does_not_interrupt_the_read() -> None:
    child = _run(STOP_WHILE_WAITING)
    child.expect_exact("Type: ")
    child.expect_exact("stopped by the signal")
    child.expect(pexpect.EOF)
