"""The one seam between the interview and the person: the small `Prompter` interface.

The interview talks only to this interface. `QuestionaryPrompter` draws menus with arrows;
`PlainPrompter` asks plain numbered questions a line at a time (screen readers, braille displays,
TERM=dumb); tests use a scripted one. `make_prompter` chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

Validator = Callable[[str], "str | None"]  # returns a sentence when the answer is not usable


class TerminalGone(EOFError):
    """The terminal went away mid-question (its window was closed): stop like Ctrl-D, keep the draft."""


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


# No option is chosen for the person: the pointer starts on the first option, and a plain prompt
# waits for a number. (`None` cannot mean this: it is the value of "That is enough" and "Back".)
NO_DEFAULT: Any = _NoDefault()


class Option(NamedTuple):
    """One choice offered in a list: its words, its value, a line of help and whether it is ticked.
    (A named tuple: made in a tenth of the time a frozen dataclass takes, before the first question.)"""

    title: str
    value: Any
    help: str = ""
    checked: bool = False


class Prompter(Protocol):
    def say(self, text: str) -> None: ...

    def progress(self, step: int, steps: int, title: str) -> None:
        """Where the person is: 'Step 3 of 6: your questions'."""

    def ask_text(
        self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None
    ) -> str: ...

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any: ...

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        """Options to tick. With `pick_pointed`, Enter with nothing ticked takes the option the pointer
        is on (what a person pressing Enter on a line means), so the list should offer a "none" line.
        `hint` says something about the list (never which keys to press: each prompter says how to
        answer); with `reasons`, each option's help says why a person might ask that question, and the
        prompter says how to hear it."""

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        """Yes or no; with no default (None) the person must say which."""

    def ask_secret(self, message: str) -> str:
        """A passphrase, typed with nothing shown and never said back."""


def within_limits(validate: Validator | None) -> Validator:
    """`validate`, after refusing an answer longer than mbcprep keeps (it could not come back from a
    backup): asked again, the way any other answer that cannot be used is."""
    from mbcprep.model.record import MAX_TEXT

    def check(answer: str) -> str | None:
        if len(answer) > MAX_TEXT:
            from mbcprep.i18n import _

            return _("That is longer than mbcprep can keep ({limit} characters); please shorten it.").format(
                limit=f"{MAX_TEXT:,}"
            )
        return validate(answer) if validate else None

    return check


def default_index(options: Sequence[Option], default: Any) -> int | None:
    """Which option a default names (None when there is none)."""
    if default is NO_DEFAULT:
        return None
    return next((i for i, o in enumerate(options) if o.value == default), None)


def yes_and_no_words() -> tuple[set[str], set[str]]:
    """The words a person may type for yes and for no, in the chosen language (folded)."""
    from mbcprep.i18n import _

    # Translators: every word (and letter) a person may type for yes, separated by spaces; with and
    # without accents. The first letters are the keys that answer a yes-or-no list.
    yes = set(_("yes y").casefold().split())
    # Translators: every word (and letter) a person may type for no, separated by spaces.
    no = set(_("no n").casefold().split())
    return yes, no
