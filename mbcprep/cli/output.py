"""Everything a command prints goes through here: nothing a terminal would act on gets out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from mbcprep.i18n import _, ngettext
from mbcprep.text import fit_to_screen, printable

if TYPE_CHECKING:
    from mbcprep.model.care import TeamMember
    from mbcprep.model.content import Content


def out(text: object = "", *, err: bool = False) -> None:
    if not err:
        print(printable(str(text)), file=sys.stdout)
        return
    try:
        print(fit_to_screen(printable(str(text)), sys.stderr), file=sys.stderr, flush=True)
    except OSError:  # nobody reads the messages any more (a closed pipe): the command goes on
        from mbcprep.signals import silence

        silence(sys.stderr)


def warn_damaged_records(found: list[tuple[str, int]]) -> None:
    """Say which records of the diary, treatments, medicines and care team no longer match the
    checksum saved with them: the list and the number, never their text."""
    if not found:
        return
    from mbcprep.model.registry import BY_KEY

    which = _first_ten([_("{item} {n}").format(item=_(BY_KEY[key].label), n=n) for key, n in found])
    out(
        ngettext(
            "Warning: {records} no longer matches the check saved with it: the file may be damaged. "
            "Look it over before you rely on it, and run 'mbcprep data check'.",
            "Warning: {records} no longer match the checks saved with them: the file may be damaged. "
            "Look them over before you rely on them, and run 'mbcprep data check'.",
            len(found),
        ).format(records=which),
        err=True,
    )


def warn_damaged(ids: list[int]) -> None:
    """Say which visits no longer match the checksum saved with them."""
    if not ids:
        return
    which = _first_ten([str(i) for i in ids])
    out(
        ngettext(
            "Warning: visit {ids} no longer matches the check saved with it: the file may be damaged. "
            "Look it over before you rely on it, and run 'mbcprep data check'.",
            "Warning: visits {ids} no longer match the checks saved with them: the file may be damaged. "
            "Look them over before you rely on them, and run 'mbcprep data check'.",
            len(ids),
        ).format(ids=which),
        err=True,
    )


def _first_ten(names: list[str]) -> str:
    """The first ten names, and "and more" when there are more."""
    which = ", ".join(names[:10])
    return _("{ids} and more").format(ids=which) if len(names) > 10 else which


def warn_signs(
    content: Content | Callable[[], Content], *typed: str, team: Callable[[], Iterable[TeamMember]] = list
) -> None:
    """Words given with --no-input that describe a sign that cannot wait: the sign, its level and what
    to do (with the after-hours number from `team`, under a sign to call about now), on stderr (what
    was typed is kept all the same). The signs are loaded only when there are words to check."""
    if not any(t.strip() for t in typed):
        return
    from mbcprep.actions.warnings import SignWatch

    watch = SignWatch(content)
    watch.team = team
    for line in watch.check(*typed):
        out(line, err=True)
