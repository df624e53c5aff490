"""Signals that ask mbcprep to stop: a closed terminal (SIGHUP), the system (SIGTERM), Ctrl-C (SIGINT).

A closed terminal or SIGTERM is treated like Ctrl-C, so an interview keeps its draft. Around a final
save they are held until the save is done, so a person is always told what was saved.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import Any

STOP_SIGNALS = ("SIGHUP", "SIGTERM")  # a closed terminal, or the system asking us to stop


def _on_hangup(signum: int, frame: object) -> None:
    # Once is enough: further signals must not interrupt the saving of the draft.
    on_stop_signals(signal.SIG_IGN)
    raise KeyboardInterrupt


def stop_like_ctrl_c() -> None:
    """From now on a closed terminal or SIGTERM stops mbcprep as Ctrl-C does."""
    on_stop_signals(_on_hangup)


def on_stop_signals(handler: Callable[[int, object], None] | signal.Handlers) -> None:
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)


@contextlib.contextmanager
def held_stop_signals() -> Iterator[list[int]]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done: once a save is committed, the person
    is always told about it. Yields the list of signals that arrived meanwhile; the caller decides
    what a stop asked for then still means."""
    arrived: list[int] = []
    numbers = [getattr(signal, n) for n in ("SIGINT", *STOP_SIGNALS) if hasattr(signal, n)]
    try:
        before = {n: signal.signal(n, lambda signum, frame: arrived.append(signum)) for n in numbers}
    except ValueError:  # not the main thread: signals are not delivered here anyway
        yield arrived
        return
    try:
        yield arrived
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _on_quit(signum: int, frame: object) -> None:
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)  # once is enough: the tidying up must not be cut short
    raise KeyboardInterrupt


@contextlib.contextmanager
def quit_stops_like_ctrl_c() -> Iterator[None]:
    """Ctrl-\\ (SIGQUIT) stops like Ctrl-C while the block runs, instead of ending the program on the
    spot: for a demo, whose folder must go however it ends. Elsewhere Ctrl-\\ keeps its usual meaning."""
    if not hasattr(signal, "SIGQUIT"):
        yield
        return
    try:
        before = signal.signal(signal.SIGQUIT, _on_quit)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGQUIT, before)


def silence(stream: Any) -> None:
    """Point a stream that can no longer be written (a closed pipe) at /dev/null, so Python's own
    last flush at exit finds nothing to complain about."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
