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
from typing import TYPE_CHECKING, Any

from mbcprep.i18n import _, ngettext
from mbcprep.signals import silence

if TYPE_CHECKING:
    from mbcprep.cli import CommandLine

DEBUG_ENV = "MBCPREP_DEBUG"
STOPPED = 130
# The reader of the output went away (`mbcprep questions | head`): stop quietly, exit 1 (what Click
# does too): not all the output reached its reader, so a script with `set -o pipefail` can tell that
# a backup piped into a program that failed did not reach it. A stream closed before the start is
# another matter (see `open_closed_streams`).
READER_GONE = 1
DEMO = "demo"  # `mbcprep demo ...` runs on throwaway data (mbcprep.demo.run)


def _err(text: str) -> None:
    from mbcprep.cli.output import out

    out(text, err=True)  # a closed terminal or pipe: there is nobody left to tell


def main(argv: Sequence[str] | None = None) -> int:
    from mbcprep.signals import stop_like_ctrl_c

    stop_like_ctrl_c()
    open_closed_streams()
    print_what_can_be_printed()
    from mbcprep.cli import read_command_line

    line = read_command_line(list(sys.argv[1:] if argv is None else argv))
    choose_modes(line)
    code = _run(line)
    return _finish_output(code)


def open_closed_streams() -> None:
    """A standard stream that was closed before mbcprep started (`mbcprep visits >&-`, `2>&-`) is
    pointed at /dev/null, as if the person had written `>/dev/null`: what would have gone there is
    dropped, the command runs as usual and its exit code is its own. The descriptor is filled too,
    so no file mbcprep opens later (the data file) can take the number of a standard stream."""
    for number, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(number)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if opened != number:
                os.dup2(opened, number)
                os.close(opened)
        if getattr(sys, name) is None:
            setattr(sys, name, open(number, mode, encoding="utf-8", closefd=False))  # noqa: SIM115


def print_what_can_be_printed() -> None:
    """An output that cannot take every character (`PYTHONIOENCODING=ascii`, some terminals and pipes)
    gets the nearest it can take ("falló" -> "fallo", else "?"), never UnicodeEncodeError. Every
    writer (print, Rich, Typer's help) goes through these two streams."""
    import codecs

    from mbcprep.text import NEAREST, nearest

    codecs.register_error(NEAREST, nearest)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=NEAREST)  # type: ignore[union-attr]


def choose_modes(line: CommandLine) -> None:
    """The language and plain mode, from the program's own options, the environment and the saved
    settings: decided before any text is made (help texts are made when the commands load)."""
    from mbcprep import modes
    from mbcprep.i18n import use_language
    from mbcprep.preferences import Preferences, read_preferences

    saved = Preferences()
    try:
        from mbcprep.paths import data_dir

        saved = read_preferences(data_dir(line.first("--data-dir")))
        if line.command == DEMO:  # a demo speaks the saved language; the rest is the real data's own
            saved = Preferences(lang=saved.lang)
    except Exception:  # a folder that cannot be used is told about by the command itself
        pass
    lang = modes.choose_language(line.first("--lang"), saved.lang)
    plain = modes.choose_plain(line.plain, saved.plain)
    modes.set_modes(modes.Modes(plain=plain, lang=use_language(lang)))


def _run(line: CommandLine) -> int:
    import signal

    from mbcprep.errors import InterviewStopped, MbcprepError

    before = signal.getsignal(signal.SIGINT)
    try:
        # From here Ctrl-C is caught below ("Stopped.", exit 130); before, and again after, it is the
        # installed command's quiet stop (see mbcprep.start).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = _interrupt_again
        _check_language_option(line)
        from mbcprep.passphrase import allow_asking

        # With --no-input, a locked data file's passphrase comes only from MBCPREP_PASSPHRASE_FILE.
        words = line.rest[: line.rest.index("--")] if "--" in line.rest else line.rest
        allow_asking("--no-input" not in words)
        interview = line.interview()
        if interview is not None:
            from mbcprep.interview.commands import start_interview

            start_interview(interview)
            return 0
        return _run_command_line(line.argv)
    except InterviewStopped as exc:
        _err("\n" + _stopped_message(exc))
        return STOPPED
    except (KeyboardInterrupt, EOFError):
        _err("\n" + _("Stopped."))
        return STOPPED
    except MbcprepError as exc:
        _err(_error(str(exc)))
        return 1
    except BrokenPipeError:
        # The reader went away (for example `mbcprep questions | head`): stop quietly.
        silence(sys.stdout)
        return READER_GONE
    except OSError as exc:  # our own file errors are caught where they happen; this is the output itself
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(_could_not_write(exc))
        silence(sys.stdout)
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _err(
            _(
                "Sorry, something went wrong inside mbcprep ({what}). Your saved visits are safe. "
                "Run it again with {setting}=1 to see the details."
            ).format(what=type(exc).__name__, setting=DEBUG_ENV)
        )
        return 1
    finally:
        if before is not None:
            signal.signal(signal.SIGINT, before)
        sys.unraisablehook = sys.__unraisablehook__
        # A key, and a passphrase typed, live for one command only.
        cipher = sys.modules.get("mbcprep.storage.cipher")
        if cipher is not None:
            cipher.forget_keys()
        for name in ("mbcprep.passphrase", "mbcprep.formats.household"):
            module = sys.modules.get(name)
            if module is not None:
                module.forget()


def _interrupt_again(unraisable: Any) -> None:
    """A Ctrl-C that lands while Python runs a callback of its own (as importing a module does) cannot
    stop the command there: Python would print "Exception ignored ... KeyboardInterrupt" and carry on.
    It is made again, to be caught where every Ctrl-C is ("Stopped.", exit 130)."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        import _thread

        _thread.interrupt_main()
        return
    sys.__unraisablehook__(unraisable)


def _check_language_option(line: CommandLine) -> None:
    """`--lang` names a language mbcprep speaks, or the command stops and says which it speaks (the
    environment's LANG may name any: that falls back to English quietly)."""
    from mbcprep.errors import UsageError
    from mbcprep.languages import codes
    from mbcprep.modes import known_language

    if line.given("--lang") and known_language(line.first("--lang") or "") is None:
        raise UsageError(_("--lang takes one of: {languages}.").format(languages=", ".join(codes())))


def _run_command_line(args: list[str]) -> int:
    """Typer parses the command line and runs the command."""
    from typer.exceptions import Abort, Exit, TyperException

    from mbcprep.cli.app import use_plain_help
    from mbcprep.cli.group import root_group
    from mbcprep.modes import is_plain

    use_plain_help(is_plain())
    try:
        result = root_group().main(args=args, prog_name="mbcprep", standalone_mode=False)
    except Exit as exc:
        if exc.exit_code == STOPPED:
            _err("\n" + _("Stopped."))
        return exc.exit_code
    except Abort:
        raise KeyboardInterrupt from None
    except TyperException as exc:
        _err(_error(usage_message(exc, args)))
        return 1
    demo = sys.modules.get("mbcprep.demo.run")
    if demo is not None and isinstance(result, demo.DemoLine):  # `mbcprep demo ...`, read by Click
        return int(demo.run_demo(result, _run_command_line))
    code = result if isinstance(result, int) else 0
    if code == STOPPED:  # Typer turns Ctrl-C inside a command into a plain 130
        _err("\n" + _("Stopped."))
    return code


def _error(message: str) -> str:
    return _("Error: {message}").format(message=message)


def _stopped_message(exc: Any) -> str:
    if exc.kept == "draft":
        said = _(
            "Stopped. Your answers so far are kept as a draft (visit {id}); "
            "run 'mbcprep new-visit' to pick up where you left off."
        )
    elif exc.kept == "edit-draft":
        said = _(
            "Stopped. The saved visit is unchanged; your changes are kept aside. "
            "Run 'mbcprep edit {id}' to pick them up."
        )
    elif exc.kept == "saved":
        said = _("Stopped. Your visit is saved; make the sheet later with: mbcprep export {id}")
    elif exc.kept == "unchanged":
        said = _("Stopped. The visit was not changed.")
    elif exc.kept == "diary":
        return ngettext(
            "Stopped. The {count} score you gave is kept in your diary.",
            "Stopped. The {count} scores you gave are kept in your diary.",
            exc.count,
        ).format(count=exc.count)
    elif exc.kept.startswith("form-"):
        from mbcprep.forms import STOPPED_SAYS

        said = _(STOPPED_SAYS[exc.kept])
    elif exc.kept == "debrief-draft":
        said = _("Stopped. What you noted so far is kept; run 'mbcprep debrief {id}' to pick up where you left off.")
    else:
        said = _("Stopped. Nothing had been typed yet, so nothing was kept.")
    return said.format(id=exc.visit_id)


def _could_not_write(exc: OSError) -> str:
    return _error(
        _("mbcprep could not write its output ({reason}).").format(
            reason=exc.strerror or _("the disk or terminal refused")
        )
    )


def _finish_output(code: int) -> int:
    """Write out what is still buffered now, while a failure can still be told in one sentence."""
    try:
        sys.stderr.flush()
    except OSError:
        silence(sys.stderr)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence(sys.stdout)
        return code or READER_GONE
    except OSError as exc:
        if code == 0:
            _err(_could_not_write(exc))
        silence(sys.stdout)
        return code or 1
    return code


def usage_message(exc: Exception, args: Sequence[str] = ()) -> str:
    """One sentence for a mistake in how a command was typed. Click's own messages repeat what was
    typed (an extra word may be part of a private note), so they are replaced here by sentences that
    name the option instead."""
    from typer._click import exceptions as click_errors

    from mbcprep.i18n import language
    from mbcprep.text import one_line

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "mbcprep"
    help_hint = _("(see '{command} --help')").format(command=command)
    message = str(getattr(exc, "message", exc))
    if isinstance(exc, click_errors.NoSuchOption):
        options = sorted(exc.possibilities or ())
        if options:
            return _("No such option for {command}. Did you mean {option}? {hint}").format(
                command=command, option=options[0], hint=help_hint
            )
        return _("No such option for {command}. {hint}").format(command=command, hint=help_hint)
    if isinstance(exc, click_errors.MissingParameter):
        what = exc.param.get_error_hint() if exc.param is not None else ""
        return _("{command} needs {what}. {hint}").format(command=command, what=one_line(what), hint=help_hint)
    if isinstance(exc, click_errors.BadParameter):
        what = exc.param.get_error_hint() if exc.param is not None else _("an option")
        return _("The value given for {option} is not one it takes. {hint}").format(option=what, hint=help_hint)
    if isinstance(exc, click_errors.BadOptionUsage):
        if "does not take a value" in message:
            said = _("{option} does not take a value. {hint}")
        else:
            said = _("{option} needs a value after it. {hint}")
        return said.format(option=one_line(exc.option_name), hint=help_hint)
    if message.startswith("Got unexpected extra argument"):
        return _extra_words_message(ctx, args, command)
    if message.startswith("No such command"):
        return _("There is no command like that. 'mbcprep --help' lists them.")
    if message.startswith("Missing command") and ctx is not None:
        commands = ", ".join(ctx.command.list_commands(ctx))
        return _("{command} needs one of these words after it: {commands}. {hint}").format(
            command=command, commands=commands, hint=help_hint
        )
    if language() != "en":  # Click's own words cannot be translated piece by piece
        return _("{command} cannot read what was typed. {hint}").format(command=command, hint=help_hint)
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
        return _('{option} takes one piece of text: put it in quotes, like {option} "two or more words".').format(
            option=culprit
        )
    return _(
        "{command} was given more words than it takes. Put text with spaces in quotes. (see '{command} --help')"
    ).format(command=command)


def entry() -> None:
    """The command as installed before `mbcprep.start` was its entry point (that one also makes a
    Ctrl-C while modules are still loading stop quietly)."""
    sys.exit(main())
