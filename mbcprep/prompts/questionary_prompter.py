"""Prompts drawn by questionary: menus moved with the arrow keys.

The only module that imports questionary (and prompt_toolkit), and only inside functions, so commands
that ask nothing never pay for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mbcprep.i18n import _
from mbcprep.prompts.base import NO_DEFAULT, Option, TerminalGone, Validator, default_index
from mbcprep.text import one_line, printable, wrap


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
            message = _("Your answer:")
        return str(self._ask(self._q.text(message, default=default, validate=check)))

    def progress(self, step: int, steps: int, title: str) -> None:
        self.say("\n" + _("Step {step} of {steps}: {title}").format(step=step, steps=steps, title=title))

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        # questionary swaps a None value for the title, so the choices carry their index instead.
        choices = [self._q.Choice(one_line(o.title), value=i, description=_describe(o)) for i, o in enumerate(options)]
        at = default_index(options, default)
        start = choices[at] if at is not None else None
        instruction = _("(arrows, Enter)")
        message = self._fit(message, instruction)
        picked = self._ask(
            self._q.select(message, choices=choices, default=start, instruction=instruction), list_keys=True
        )
        return options[picked].value

    def choose_many(
        self, message: str, options: Sequence[Option], *, hint: str = "", pick_pointed: bool = False
    ) -> list[Any]:
        if hint:
            print(_wrap(hint, "  "), flush=True)
        choices = [
            self._q.Choice(one_line(o.title), value=i, checked=o.checked, description=_describe(o))
            for i, o in enumerate(options)
        ]
        instruction = _("(Space picks, Enter when done)")
        message = self._fit(message, instruction)
        question = self._q.checkbox(message, choices=choices, instruction=instruction)
        if pick_pointed:
            _enter_picks_pointed(question)
        picked = self._ask(question, list_keys=True)
        return [options[i].value for i in picked]

    def _fit(self, message: str, instruction: str) -> str:
        """A prompt too long for one line is printed above, wrapped at words, and a short one asked."""
        message = printable(message)
        if len(message) + len(instruction) + 3 <= _width():
            return message
        print(_wrap(message), flush=True)
        return _("Your choice")

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        message = printable(message)
        if len(message) + 8 > _width():
            print(_wrap(message), flush=True)
            message = _("Yes or no?")
        if default is None:  # no answer is chosen for the person: yes or no must be typed
            yes, no = _("yes y").split(), _("no n").split()
            words = {w: True for w in yes} | {w: False for w in no}

            def yes_or_no(answer: str) -> bool | str:
                return answer.strip().casefold() in words or _("Please type yes or no.")

            typed = self._ask(self._q.text(message + " " + _("(yes or no)"), validate=yes_or_no))
            return words[str(typed).strip().casefold()]
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


def _enter_picks_pointed(question: Any) -> None:
    """Enter with nothing ticked takes the line the pointer is on, as a person pressing Enter means."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    keys = KeyBindings()

    @keys.add("c-m", eager=True)
    def _enter(event: Any) -> None:
        if not control.selected_options:
            control.selected_options.append(control.get_pointed_at().value)
        control.is_answered = True
        event.app.exit(result=[c.value for c in control.get_selected_values()])

    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100)) - 1


def _wrap(text: str, indent: str = "") -> str:
    return wrap(text, _width(), indent)


def _describe(option: Option) -> str | None:
    """The line shown under a list: the why, and the whole title when it is too long to show in full."""
    full = option.title if len(option.title) > _width() - 6 else ""
    text = one_line(" ".join(part for part in (full, option.help) if part))
    if not text:
        return None
    import textwrap

    # questionary prints "  Description: " before the first line.
    return "\n".join(textwrap.wrap(text, _width() - 16)).replace("\n", "\n" + " " * 15)
