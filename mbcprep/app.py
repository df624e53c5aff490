"""The one exit point: runs the command line and turns every outcome into an exit code.

Our own errors become "Error: ..." on stderr and exit 1; Ctrl-C and Ctrl-D become exit 130; anything
unexpected becomes a short apology (the traceback only with MBCPREP_DEBUG=1). Output that cannot be
written (a full disk, a closed terminal) is one sentence too, never Python's "Exception ignored".
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

DEBUG_ENV = "MBCPREP_DEBUG"
STOPPED = 130


def _err(text: str) -> None:
    from mbcprep.text import printable

    try:
        print(printable(text), file=sys.stderr, flush=True)
    except OSError:  # the terminal is gone: there is nobody left to tell
        _silence(sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    from mbcprep.signals import stop_like_ctrl_c

    stop_like_ctrl_c()
    code = _run(list(sys.argv[1:] if argv is None else argv))
    return _finish_output(code)


def _run(args: list[str]) -> int:
    from typer.exceptions import Abort, Exit, TyperException

    from mbcprep.cli import app
    from mbcprep.errors import InterviewStopped, MbcprepError

    try:
        result = app(args=args, prog_name="mbcprep", standalone_mode=False)
        code = result if isinstance(result, int) else 0
        if code == STOPPED:  # Typer turns Ctrl-C inside a command into a plain 130
            _err("\nStopped.")
        return code
    except Exit as exc:
        if exc.exit_code == STOPPED:
            _err("\nStopped.")
        return exc.exit_code
    except InterviewStopped as exc:
        _err("\n" + _stopped_message(exc))
        return STOPPED
    except (KeyboardInterrupt, EOFError, Abort):
        _err("\nStopped.")
        return STOPPED
    except TyperException as exc:
        _err(f"Error: {usage_message(exc, args)}")
        return 1
    except MbcprepError as exc:
        _err(f"Error: {exc}")
        return 1
    except BrokenPipeError:
        # The reader went away (for example `mbcprep questions | head`): stop quietly.
        _silence(sys.stdout)
        return 1
    except OSError as exc:  # our own file errors are caught where they happen; this is the output itself
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(_could_not_write(exc))
        _silence(sys.stdout)
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(
            f"Sorry, something went wrong inside mbcprep ({type(exc).__name__}). Your saved visits are safe. "
            f"Run it again with {DEBUG_ENV}=1 to see the details."
        )
        return 1


def _stopped_message(exc: Any) -> str:
    if exc.kept == "draft":
        return (
            f"Stopped. Your answers so far are kept as a draft (visit {exc.visit_id}); "
            "run 'mbcprep new-visit' to pick up where you left off."
        )
    if exc.kept == "edit-draft":
        return (
            "Stopped. The saved visit is unchanged; your changes are kept aside. "
            f"Run 'mbcprep edit {exc.visit_id}' to pick them up."
        )
    if exc.kept == "saved":
        return f"Stopped. Your visit is saved; make the sheet later with: mbcprep export {exc.visit_id}"
    if exc.kept == "unchanged":
        return "Stopped. The visit was not changed."
    return "Stopped. Nothing had been typed yet, so nothing was kept."


def _could_not_write(exc: OSError) -> str:
    return f"Error: mbcprep could not write its output ({exc.strerror or 'the disk or terminal refused'})."


def _finish_output(code: int) -> int:
    """Write out what is still buffered now, while a failure can still be told in one sentence."""
    try:
        sys.stderr.flush()
    except OSError:
        _silence(sys.stderr)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence(sys.stdout)
        return code or 1
    except OSError as exc:
        if code == 0:
            _err(_could_not_write(exc))
        _silence(sys.stdout)
        return code or 1
    return code


def _silence(stream: Any) -> None:
    """Point a stream that can no longer be written at /dev/null, so Python's own last flush at exit
    finds nothing to complain about."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def usage_message(exc: Exception, args: Sequence[str] = ()) -> str:
    """One sentence for a mistake in how a command was typed. Click's own messages repeat what was
    typed (an extra word may be part of a private note), so they are replaced here by sentences that
    name the option instead."""
    from typer._click import exceptions as click_errors

    from mbcprep.text import one_line

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "mbcprep"
    help_hint = f"(see '{command} --help')"
    message = str(getattr(exc, "message", exc))
    if isinstance(exc, click_errors.NoSuchOption):
        options = sorted(exc.possibilities or ())
        suggestion = f" Did you mean {options[0]}?" if options else ""
        return f"No such option for {command}.{suggestion} {help_hint}"
    if isinstance(exc, click_errors.MissingParameter):
        return f"{one_line(exc.format_message())} {help_hint}"
    if isinstance(exc, click_errors.BadParameter):
        hint = exc.param.get_error_hint() if exc.param is not None else "an option"
        return f"The value given for {hint} is not one it takes. {help_hint}"
    if isinstance(exc, click_errors.BadOptionUsage):
        return f"{one_line(exc.format_message())} {help_hint}"
    if message.startswith("Got unexpected extra argument"):
        return _extra_words_message(ctx, args, command)
    if message.startswith("No such command"):
        return "There is no command like that. 'mbcprep --help' lists them."
    return f"{one_line(message)} {help_hint}"


def _extra_words_message(ctx: Any, args: Sequence[str], command: str) -> str:
    """Name the option whose text was not in quotes: the words after its first one were left over."""
    takes_text: set[str] = set()
    for param in getattr(ctx.command, "params", []) if ctx is not None else []:
        if getattr(param, "param_type_name", "") == "option" and not getattr(param, "is_flag", False):
            takes_text.update(o for o in param.opts if o.startswith("--"))
    culprit = None
    for n, token in enumerate(args):
        name = token.split("=", 1)[0]
        if name in takes_text:
            value_then = 1 if "=" in token else 2
            following = args[n + value_then] if n + value_then < len(args) else None
            if following is not None and not following.startswith("-"):
                culprit = name
    if culprit:
        return f'{culprit} takes one piece of text: put it in quotes, like {culprit} "two or more words".'
    return f"{command} was given more words than it takes. Put text with spaces in quotes. (see '{command} --help')"


def entry() -> None:
    sys.exit(main())
