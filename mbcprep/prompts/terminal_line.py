"""Reading one typed line at the terminal so that a stop signal always ends the wait.

`input()` writes the prompt, then blocks reading. A signal that arrives between the two (SIGTERM, or
SIGHUP sent by a closing window) is only acted on once a line is typed: the program looks stuck. At
a terminal on POSIX we wait instead on the terminal and on a wake-up pipe that every signal with a
Python handler writes to, so the stop is seen whenever it arrives. Elsewhere (pipes, Windows, a
thread) `input()` is used as before.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
from collections.abc import Iterator


def read_terminal_line(prompt: str) -> str:
    """Like `input(prompt)`: the line without its newline; EOFError at the end of input."""
    if not _waits_can_be_woken():
        return input(prompt)
    sys.stdout.write(prompt)
    sys.stdout.flush()
    with _wake_up_pipe() as woken:
        if woken is None:  # not the main thread: signals are handled elsewhere
            return input()
        typed = sys.stdin.fileno()
        while typed not in select.select([typed, woken], [], [])[0]:
            # A signal arrived: drain the pipe; its handler runs as the loop goes on (and may stop us).
            with contextlib.suppress(BlockingIOError):
                os.read(woken, 512)
    # A terminal hands over one line per read, so nothing typed after it is read ahead here.
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line[:-1] if line.endswith("\n") else line


def _waits_can_be_woken() -> bool:
    if os.name != "posix":
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


@contextlib.contextmanager
def _wake_up_pipe() -> Iterator[int | None]:
    read_end, write_end = os.pipe()
    try:
        os.set_blocking(read_end, False)
        os.set_blocking(write_end, False)
        try:
            before = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        except ValueError:  # not the main thread
            yield None
            return
        try:
            yield read_end
        finally:
            signal.set_wakeup_fd(before)
    finally:
        os.close(read_end)
        os.close(write_end)
