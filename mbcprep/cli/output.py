"""Everything a command prints goes through here: nothing a terminal would act on gets out."""

from __future__ import annotations

import sys

from mbcprep.i18n import _, ngettext
from mbcprep.text import printable


def out(text: object = "", *, err: bool = False) -> None:
    if not err:
        print(printable(str(text)), file=sys.stdout)
        return
    try:
        print(printable(str(text)), file=sys.stderr, flush=True)
    except OSError:  # nobody reads the messages any more (a closed pipe): the command goes on
        from mbcprep.app import silence

        silence(sys.stderr)


def warn_damaged(ids: list[int]) -> None:
    """Say which visits no longer match the checksum saved with them."""
    if not ids:
        return
    which = ", ".join(str(i) for i in ids[:10])
    if len(ids) > 10:
        which = _("{ids} and more").format(ids=which)
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
