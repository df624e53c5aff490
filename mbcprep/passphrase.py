"""Where the passphrase of a locked data file comes from: the file named by MBCPREP_PASSPHRASE_FILE
when it is set; else, in a terminal, asked once with nothing shown; else (`--no-input`, a script) a
refusal in one sentence. The passphrase is never written anywhere, printed or put in the environment;
one typed is kept in memory for the command it was typed for only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.i18n import _

PASSPHRASE_FILE_ENV = "MBCPREP_PASSPHRASE_FILE"
MAX_BYTES = 4096
SHORT = 12  # characters: shorter than this, a hint (four everyday words are longer)

_asking_allowed = True
# The passphrase typed for this command, in this process's memory only, so that what needs it twice
# (the data file, then the shared folder's key) asks once. Forgotten at the end of each command.
_typed: str | None = None


def forget() -> None:
    global _typed
    _typed = None


def allow_asking(allowed: bool) -> None:
    """Whether this command may ask the passphrase (not with `--no-input`: then it may only come
    from MBCPREP_PASSPHRASE_FILE)."""
    global _asking_allowed
    _asking_allowed = allowed


def may_ask() -> bool:
    return _asking_allowed and sys.stdin.isatty()


def from_file() -> str | None:
    """The passphrase in the file MBCPREP_PASSPHRASE_FILE names (its first line), or None when unset."""
    name = os.environ.get(PASSPHRASE_FILE_ENV, "")
    if not name:
        return None
    path = Path(os.path.expanduser(name))
    try:
        info = path.stat()
        if info.st_mode & 0o077:
            raise UsageError(
                _("Other accounts can read the passphrase file {path}; make it private first: chmod 600 {path}").format(
                    path=path
                )
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            _("The passphrase file {path} cannot be read ({reason}).").format(path=path, reason=exc.strerror)
        ) from None
    lines = raw.decode("utf-8", "replace").splitlines()
    if len(raw) > MAX_BYTES or not lines or not lines[0]:
        raise UsageError(
            _("The passphrase file {path} should hold the passphrase alone, on its first line.").format(path=path)
        )
    return lines[0]


def refusal() -> UsageError:
    return UsageError(
        _(
            "Your data is locked: run this in a terminal to type the passphrase, or set {setting} to a file"
            " that holds it."
        ).format(setting=PASSPHRASE_FILE_ENV)
    )


def get_passphrase(question: str | None = None) -> str:
    """The passphrase of the locked data file, for this command (or of the file `question` names)."""
    global _typed
    given = from_file()
    if given is not None:
        return given
    if question is None and _typed is not None:
        return _typed
    if not may_ask():
        raise refusal()
    from mbcprep.prompts import make_prompter

    answer = make_prompter().ask_secret(question or _("Passphrase for your mbcprep data:"))
    if not answer:
        raise UsageError(_("No passphrase was typed, so your data stays closed."))
    if question is None:
        _typed = answer
    return answer


def new_passphrase(question: str | None = None) -> str:
    """A new passphrase for `mbcprep lock`: from MBCPREP_PASSPHRASE_FILE, or typed twice (the same both
    times), with a plain hint when it is short."""
    given = from_file()
    if given is not None:
        return given
    if not may_ask():
        raise UsageError(
            _("Choosing a passphrase needs a terminal, or set {setting} to a file that holds it.").format(
                setting=PASSPHRASE_FILE_ENV
            )
        )
    from mbcprep.prompts import make_prompter

    prompter = make_prompter()
    while True:
        first = prompter.ask_secret(question or _("Choose a passphrase:"))
        if not first:
            raise UsageError(_("No passphrase was typed, so nothing was locked."))
        if len(first) < SHORT:
            prompter.say(
                _(
                    "That passphrase is short, so it is easier to guess. A few everyday words in a row"
                    " (like 'blue kettle garden violin') are long and easy to remember."
                )
            )
            if not prompter.confirm(_("Use it anyway?"), default=False):
                continue
        if prompter.ask_secret(_("Type the same passphrase again:")) == first:
            return first
        prompter.say(_("The two did not match. Let's try again."))
