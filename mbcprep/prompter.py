"""The one seam between the interview and the terminal.

The interview talks to the small `Prompter` interface below. `QuestionaryPrompter` is the real one;
tests use a scripted prompter, and a plain numbered prompter (screen readers, TERM=dumb) can be
added beside it. Only this module imports questionary, and only inside functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from mbcprep.text import one_line, printable

Validator = Callable[[str], "str | None"]  # returns a sentence when the answer is not usable


class TerminalGone(EOFError):
    """The terminal went away mid-question (its window was closed): stop like Ctrl-D, keep the draft."""


@dataclass(frozen=True)
class Option:
    title: str
    value: Any
    help: str = ""
    checked: bool = False


class Prompter(Protocol):
    def say(self, text: str) -> None: ...

    def ask_text(
        self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None
    ) -> str: ...

    def choose(self, message: str, options: Sequence[Option], *, default: Any = None) -> Any: ...

    def choose_many(self, message: str, options: Sequence[Option], *, hint: str = "") -> list[Any]: ...

    def confirm(self, message: str, *, default: bool = True) -> bool: ...


class QuestionaryPrompter:
    """Prompts drawn by questionary. Ctrl-C or Ctrl-D anywhere ends the whole interview."""

    def __init__(self) -> None:
        import questionary

        self._q = questionary

    def _ask(self, question: Any, *, list_keys: bool = False) -> Any:
        if list_keys:
            _stop_keys(question)
        # unsafe_ask lets Ctrl-C through as KeyboardInterrupt instead of returning None,
        # so one cancelled question cannot quietly skip ahead.
        try:
            answer = question.unsafe_ask(patch_stdout=False)
        except OSError:  # the terminal is gone (prompt_toolkit cannot draw or tidy up)
            raise TerminalGone from None
        if answer is None:
            raise KeyboardInterrupt
        return answer

    def say(self, text: str) -> None:
        try:
            print(_wrap(text), flush=True)
        except OSError:
            raise TerminalGone from None

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        message = printable(message)
        if hint:
            print(_wrap(hint, "  "), flush=True)

        def check(answer: str) -> bool | str:
            problem = validate(answer) if validate else None
            return problem or True

        if len(message) + 2 + len(default) > _width():
            print(_wrap(message), flush=True)
            message = "Your answer:"
        return str(self._ask(self._q.text(message, default=default, validate=check)))

    def choose(self, message: str, options: Sequence[Option], *, default: Any = None) -> Any:
        # questionary swaps a None value for the title, so the choices carry their index instead.
        choices = [self._q.Choice(one_line(o.title), value=i, description=_describe(o)) for i, o in enumerate(options)]
        start = next((c for c, o in zip(choices, options, strict=True) if o.value == default), None)
        message = self._fit(message, "(arrows, Enter)")
        picked = self._ask(
            self._q.select(message, choices=choices, default=start, instruction="(arrows, Enter)"), list_keys=True
        )
        return options[picked].value

    def choose_many(self, message: str, options: Sequence[Option], *, hint: str = "") -> list[Any]:
        if hint:
            print(_wrap(hint, "  "), flush=True)
        choices = [
            self._q.Choice(one_line(o.title), value=i, checked=o.checked, description=_describe(o))
            for i, o in enumerate(options)
        ]
        message = self._fit(message, "(Space picks, Enter when done)")
        picked = self._ask(
            self._q.checkbox(message, choices=choices, instruction="(Space picks, Enter when done)"), list_keys=True
        )
        return [options[i].value for i in picked]

    def _fit(self, message: str, instruction: str) -> str:
        """A prompt too long for one line is printed above, wrapped at words, and a short one asked."""
        message = printable(message)
        if len(message) + len(instruction) + 3 <= _width():
            return message
        print(_wrap(message), flush=True)
        return "Your choice"

    def confirm(self, message: str, *, default: bool = True) -> bool:
        message = printable(message)
        if len(message) + 8 > _width():
            print(_wrap(message), flush=True)
            message = "Yes or no?"
        # auto_enter=False: "y" waits for Enter, so a person's habitual Enter never answers the next question.
        return bool(self._ask(self._q.confirm(message, default=default, auto_enter=False)))


def _stop_keys(question: Any) -> None:
    """Lists ignore Ctrl-D and a Ctrl-C sent as a signal (`kill -INT`) unless told: make both stop the
    interview, as they do at a typed answer."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError())

    @keys.add("<sigint>", eager=True)
    def _interrupted(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100)) - 1


def _wrap(text: str, indent: str = "") -> str:
    """Wrap at word boundaries to the terminal, so nothing is cut in the middle of a word."""
    import textwrap

    text = printable(text)
    return "\n".join(
        textwrap.fill(
            line,
            _width(),
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,  # a file path stays whole, so it can be copied
            break_on_hyphens=False,
        )
        if line
        else ""
        for line in text.split("\n")
    )


def _describe(option: Option) -> str | None:
    """The line shown under a list: the why, and the whole title when it is too long to show in full."""
    full = option.title if len(option.title) > _width() - 6 else ""
    text = one_line(" ".join(part for part in (full, option.help) if part))
    if not text:
        return None
    import textwrap

    # questionary prints "  Description: " before the first line.
    return "\n".join(textwrap.wrap(text, _width() - 16)).replace("\n", "\n" + " " * 15)
