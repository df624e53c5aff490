"""Forms: the questions an interactive command asks, through the `Prompter` interface, outside the
visit interview (which is `mbcprep.interview`). Each returns what was answered and saves nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from mbcprep.errors import InterviewStopped
from mbcprep.i18n import N_

# What a form stopped with Ctrl-C or Ctrl-D left as it was, and how `mbcprep.app` says so.
NOT_SAVED = "form-not-saved"
UNCHANGED = "form-unchanged"
NOT_REMOVED = "form-not-removed"
ANSWERS_SAVED = "form-answers-saved"
STOPPED_SAYS = {
    NOT_SAVED: N_("Stopped. Nothing was saved."),
    UNCHANGED: N_("Stopped. Nothing was changed."),
    NOT_REMOVED: N_("Stopped. Nothing was removed."),
    ANSWERS_SAVED: N_("Stopped. Your answers so far are kept: 'mbcprep profile' shows them."),
}


@contextlib.contextmanager
def stopped_says(kept: str) -> Iterator[None]:
    """Ctrl-C or Ctrl-D in a form stops the command saying what was left as it was (`kept`: one of
    the names above), rather than a bare "Stopped." that leaves a person wondering."""
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        raise InterviewStopped(None, kept) from None
