"""The one exit point: runs the command line and turns every outcome into an exit code.

Our own errors become "Error: ..." on stderr and exit 1; Ctrl-C and Ctrl-D become exit 130; anything
unexpected becomes a short apology (the traceback only with MBCPREP_DEBUG=1).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence

DEBUG_ENV = "MBCPREP_DEBUG"
STOP_SIGNALS = ("SIGHUP", "SIGTERM")  # a closed terminal, or the system asking us to stop


def _err(text: str) -> None:
    with contextlib.suppress(OSError):  # the terminal is gone: there is nobody left to tell
        print(text, file=sys.stderr, flush=True)


def _on_hangup(signum: int, frame: object) -> None:
    # A closed terminal: treat it like Ctrl-C so the interview keeps its draft. Once is enough:
    # further signals must not interrupt the saving of that draft.
    _on_stop_signals(signal.SIG_IGN)
    raise KeyboardInterrupt


def _on_stop_signals(handler: Callable[[int, object], None] | signal.Handlers) -> None:
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)


def main(argv: Sequence[str] | None = None) -> int:
    from typer.exceptions import Abort, Exit, TyperException

    from mbcprep.cli import app
    from mbcprep.errors import InterviewStopped, MbcprepError

    _on_stop_signals(_on_hangup)
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="mbcprep", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except Exit as exc:
        if exc.exit_code == 130:  # Typer's word for Ctrl-C outside the interview
            _err("\nStopped.")
        return exc.exit_code
    except InterviewStopped as exc:
        if exc.kept == "draft":
            _err(
                f"\nStopped. Your answers so far are kept as a draft (visit {exc.visit_id}); "
                "run 'mbcprep new-visit' to pick up where you left off."
            )
        elif exc.kept == "edit-draft":
            _err(
                f"\nStopped. The saved visit is unchanged; your changes are kept aside. "
                f"Run 'mbcprep edit {exc.visit_id}' to pick them up."
            )
        elif exc.kept == "saved":
            _err(f"\nStopped. Your visit is saved; make the sheet later with: mbcprep export {exc.visit_id}")
        elif exc.kept == "unchanged":
            _err("\nStopped. The visit was not changed.")
        else:
            _err("\nStopped. Nothing had been typed yet, so nothing was kept.")
        return 130
    except (KeyboardInterrupt, EOFError, Abort):
        _err("\nStopped.")
        return 130
    except TyperException as exc:
        _err(f"Error: {exc.format_message()} (see 'mbcprep --help')")
        return 1
    except MbcprepError as exc:
        _err(f"Error: {exc}")
        return 1
    except BrokenPipeError:
        # The reader went away (for example `mbcprep questions | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # our own file errors are caught where they happen; this is the output itself
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(f"Error: mbcprep could not write its output ({exc.strerror or 'the disk or terminal refused'}).")
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(
            f"Sorry, something went wrong inside mbcprep ({type(exc).__name__}). Your saved visits are safe. "
            f"Run it again with {DEBUG_ENV}=1 to see the details."
        )
        return 1


def entry() -> None:
    sys.exit(main())
