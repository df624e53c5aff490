"""Plain prompts, a line at a time: for screen readers, braille displays and terminals that cannot
draw menus (TERM=dumb).

Each question is on its own line; choices are a numbered list, one per line; the person types a
number (several, for a list to tick) and the choice is said back in words. A wrong answer is asked
again with the range. Nothing but plain text is written: no escape sequences, colour, cursor
movement or redrawing. Modelled on the accessible prompts of GitHub's `gh`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from mbcprep.i18n import _
from mbcprep.prompts.base import (
    NO_DEFAULT,
    Option,
    TerminalGone,
    Validator,
    default_index,
    within_limits,
    yes_and_no_words,
)
from mbcprep.prompts.terminal_line import read_terminal_line
from mbcprep.text import one_line, printable

_NUMBERS = re.compile(r"[\s,;]+")


class PlainPrompter:
    def __init__(self, read_line: Callable[[str], str] | None = None, out: TextIO | None = None) -> None:
        self._read_line = read_line or read_terminal_line
        self._out = out

    # --- writing and reading a line -----------------------------------------------------------

    def _print(self, text: str = "") -> None:
        try:
            print(printable(text), file=self._out or sys.stdout, flush=True)
        except OSError:
            raise TerminalGone from None

    def _read(self, prompt: str) -> str:
        try:
            return self._read_line(printable(prompt))
        except OSError:  # the terminal is gone
            raise TerminalGone from None

    # --- the interface ---------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self._print(text)

    def progress(self, step: int, steps: int, title: str) -> None:
        self._print()
        self._print(_("Step {step} of {steps}: {title}").format(step=step, steps=steps, title=title))

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        validate = within_limits(validate)
        self._print(message)
        if hint:
            self._print(hint)
        if default:
            self._print(_("Press Enter to keep: {answer}").format(answer=one_line(default, 200)))
        while True:
            answer = self._read("> ")
            if not answer.strip():
                answer = default
            problem = validate(answer)
            if not problem:
                return answer
            self._print(problem)

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        self._print(message)
        self._list(options)
        at = default_index(options, default)
        if at is not None:
            self._print(_("Press Enter for {number}. {title}").format(number=at + 1, title=one_line(options[at].title)))
        ask = _("Type a number from 1 to {last}:").format(last=len(options)) + " "
        while True:
            answer = self._read(ask).strip()
            picked = at if not answer and at is not None else self._number(answer, len(options))
            if picked is not None:
                self._print(_("Chosen: {title}").format(title=one_line(options[picked].title)))
                return options[picked].value
            self._print(_("Please type a number from 1 to {last}.").format(last=len(options)))

    def choose_many(
        self, message: str, options: Sequence[Option], *, hint: str = "", pick_pointed: bool = False
    ) -> list[Any]:
        self._print(message)
        if hint:
            self._print(hint)
        self._list(options)
        chosen = {i for i, o in enumerate(options) if o.checked}
        self._say_chosen(options, chosen)
        self._print(
            _(
                "Type the numbers of the ones you want, separated by spaces or commas. A number typed again"
                " is taken off. Press Enter, or type 0, when you are done."
            )
        )
        while True:
            answer = self._read("> ").strip()
            if answer in ("", "0"):
                self._say_chosen(options, chosen, done=True)
                return [options[i].value for i in sorted(chosen)]
            numbers = [self._number(part, len(options)) for part in _NUMBERS.split(answer) if part]
            if not numbers or None in numbers:
                self._print(
                    _("Please type numbers from 1 to {last}, or press Enter when you are done.").format(
                        last=len(options)
                    )
                )
                continue
            for n in numbers:
                assert n is not None
                chosen ^= {n}
            self._say_chosen(options, chosen)

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        yes_words, no_words = yes_and_no_words()
        self._print(message)
        if default is None:
            ask = _("Type yes or no:") + " "
        else:
            ask = _("Type yes or no (Enter means {answer}):").format(answer=_("yes") if default else _("no")) + " "
        while True:
            answer = self._read(ask)
            word = answer.strip().casefold()
            if not word and default is not None:
                said = default
            elif word in yes_words:
                said = True
            elif word in no_words:
                said = False
            else:
                self._print(_("Please type yes or no."))
                continue
            self._print(_("Chosen: {title}").format(title=_("yes") if said else _("no")))
            return said

    # --- helpers ---------------------------------------------------------------------------------

    def _list(self, options: Sequence[Option]) -> None:
        for n, option in enumerate(options, 1):
            self._print(f"{n}. {one_line(option.title)}")
            if option.help:
                self._print(f"   {one_line(option.help)}")

    def _say_chosen(self, options: Sequence[Option], chosen: set[int], *, done: bool = False) -> None:
        """What is ticked, in words: after each line typed, and once more when the list is done."""
        if done:
            titles = "; ".join(one_line(options[i].title, 60) for i in sorted(chosen))
            self._print(_("Chosen: {title}").format(title=titles) if chosen else _("Nothing chosen."))
        elif chosen:
            titles = "; ".join(f"{i + 1}. {one_line(options[i].title, 60)}" for i in sorted(chosen))
            self._print(_("Chosen so far: {titles}").format(titles=titles))
        else:
            self._print(_("Nothing chosen yet."))

    @staticmethod
    def _number(text: str, last: int) -> int | None:
        """The index a typed number names, or None."""
        if text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= last:
            return int(text) - 1
        return None
