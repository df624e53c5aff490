"""Plain prompts, a line at a time: for screen readers, braille displays and terminals that cannot
draw menus (TERM=dumb).

Each question is on its own line; choices are a numbered list, one per line; the person types a
number (several, for a list to tick) and the choice is said back in words, in full. A wrong answer
is asked again with the range. Nothing but plain text is written: no escape sequences, colour, cursor
movement or redrawing. Modelled on the accessible prompts of GitHub's `gh`.

Listening takes time, so an option is read by its title alone: its details are said when asked for
("?3" or "help 3"; a question mark alone says the list again). A help shared by every option is said
once, under the question. How to answer is said in full the first time only.
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
from mbcprep.text import fit_to_screen, one_line, printable

_NUMBERS = re.compile(r"[\s,;]+")
SAID_WHOLE_UP_TO = 16  # words: what is ticked so far is said by number beyond this
_ASKED_MORE = re.compile(r"(?P<word>\?|[^\W\d_]+)\s*(?P<number>\d*)")


class PlainPrompter:
    def __init__(self, read_line: Callable[[str], str] | None = None, out: TextIO | None = None) -> None:
        self._read_line = read_line or read_terminal_line
        self._out = out
        self._told: set[str] = set()  # the hints on how to answer already said in full
        self._heard: set[tuple[str, ...]] = set()  # the lists of options already read out in full

    # --- writing and reading a line -----------------------------------------------------------

    def _print(self, text: str = "") -> None:
        stream = self._out or sys.stdout
        try:  # wrapped at words on a terminal (never a word cut at its edge); a pipe gets whole lines
            print(fit_to_screen(printable(text), stream), file=stream, flush=True)
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

    def ask_secret(self, message: str) -> str:
        from mbcprep.prompts.secret import read_hidden

        self._print(message)
        if "secret" not in self._told:  # said in full the first time only
            self._told.add("secret")
            self._print(_("Nothing shows while you type; press Enter at the end."))
        return read_hidden("> ")

    def progress(self, step: int, steps: int, title: str) -> None:
        self._print()
        self._print(_("Step {step} of {steps}: {title}").format(step=step, steps=steps, title=title))

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        validate = within_limits(validate)
        self._print(message)
        if hint:
            self._print(hint)
        if default:
            self._print(_("Press Enter to keep: {answer}").format(answer=one_line(default)))
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
        self._present(options)
        at = default_index(options, default)
        if at is None:
            ask = _("Type a number from 1 to {last}:").format(last=len(options)) + " "
        else:  # the option was just read: its number is enough
            ask = _("Type a number from 1 to {last} (Enter means {number}):").format(last=len(options), number=at + 1)
            ask += " "
        while True:
            answer = self._read(ask).strip()
            if self._tell_more(answer, options):
                continue
            picked = at if not answer and at is not None else self._number(answer, len(options))
            if picked is not None:
                self._print(_("Chosen: {title}").format(title=one_line(options[picked].title)))
                return options[picked].value
            self._print(_("Please type a number from 1 to {last}.").format(last=len(options)))

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        self._print(message)
        if hint:
            self._print(hint)
        self._present(options, reasons=reasons)
        chosen = {i for i, o in enumerate(options) if o.checked}
        self._how_to_tick(len(options))
        if chosen:  # last before the prompt, by name: numbers alone mean nothing yet
            titles = "; ".join(f"{i + 1}. {one_line(options[i].title)}" for i in sorted(chosen))
            self._print(_("Already ticked: {titles}").format(titles=titles))
        while True:
            answer = self._read("> ").strip()
            if answer in ("", "0"):
                self._say_chosen(options, chosen, done=True)
                return [options[i].value for i in sorted(chosen)]
            if self._tell_more(answer, options, ticking=True):
                continue
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

    def _present(self, options: Sequence[Option], *, reasons: bool = False) -> None:
        """The help every option shares, once; the titles alone; and, the first time a list has
        details, how to hear them. A list already read out in full (the debrief asks the same four
        answers of every question) is not read again: '?' says it."""
        titles = tuple(one_line(o.title) for o in options)
        if titles in self._heard:
            same = _("The same choices as before, 1 to {last}; type ? to hear them again.")
            self._print(same.format(last=len(options)))
            return
        self._heard.add(titles)
        shared = _shared_help(options)
        if shared:
            self._print(one_line(shared))
        self._list(options)
        if reasons:
            self._once(
                "reasons",
                _("To hear why you might ask a question, type ? and its number, like ?{number}.").format(
                    number=min(3, len(options))
                ),
            )
        elif any(o.help and o.help != shared for o in options):
            self._once(
                "details",
                _("To hear more about one, type ? and its number, like ?2."),
            )

    def _list(self, options: Sequence[Option]) -> None:
        for n, option in enumerate(options, 1):
            self._print(f"{n}. {one_line(option.title)}")

    def _how_to_tick(self, count: int, *, again: bool = False) -> None:
        # Numbers the list has; from three on, not the first (often "Nothing" or "Keep"): "2 3".
        example = "2 3" if count >= 3 else " ".join(str(n) for n in range(1, count + 1))
        self._once(
            "tick",
            _(
                "Type the numbers of the ones you want, like {numbers}. A number typed again is taken off."
                " Press Enter when you are done."
            ).format(numbers=example),
            again=again,
        )

    def _once(self, key: str, hint: str, *, again: bool = False) -> None:
        """A hint on how to answer: the first time only (or when asked for again)."""
        if again or key not in self._told:
            self._told.add(key)
            self._print(hint)

    def _tell_more(self, answer: str, options: Sequence[Option], *, ticking: bool = False) -> bool:
        """Whether `answer` asks to hear more ("?3", "help 3") or the list again ("?"); says it."""
        found = _ASKED_MORE.fullmatch(answer.casefold())
        # Translators: the words a person may type before an option's number to hear more about it
        # (as well as a question mark), separated by spaces.
        if found is None or found["word"] not in {"?", "help", *_("help more").casefold().split()}:
            return False
        if not found["number"]:
            self._list(options)
            if ticking:
                self._how_to_tick(len(options), again=True)
            return True
        n = self._number(found["number"], len(options))
        if n is None:
            self._print(_("Please type a number from 1 to {last}.").format(last=len(options)))
            return True
        option = options[n]
        self._print(f"{n + 1}. {one_line(option.title)}")
        self._print(one_line(option.help) if option.help else _("There is nothing more to say about this one."))
        return True

    def _say_chosen(self, options: Sequence[Option], chosen: set[int], *, done: bool = False) -> None:
        """What is ticked, in words: after each line typed, and once more when the list is done. Long
        titles (questions) are said whole once, when the list is done; by number until then."""
        if done:
            titles = "; ".join(one_line(options[i].title) for i in sorted(chosen))
            self._print(_("Chosen: {title}").format(title=titles) if chosen else _("Nothing chosen."))
        elif chosen:
            titles = "; ".join(f"{i + 1}. {one_line(options[i].title)}" for i in sorted(chosen))
            if len(titles.split()) > SAID_WHOLE_UP_TO:
                titles = ", ".join(str(i + 1) for i in sorted(chosen))
            self._print(_("Chosen so far: {titles}").format(titles=titles))
        else:
            self._print(_("Nothing chosen yet."))

    @staticmethod
    def _number(text: str, last: int) -> int | None:
        """The index a typed number names, or None."""
        if text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= last:
            return int(text) - 1
        return None


def _shared_help(options: Sequence[Option]) -> str:
    """The help of a list whose options all carry the same one (a hint about the question)."""
    helps = {o.help for o in options}
    return helps.pop() if len(options) > 1 and len(helps) == 1 else ""
