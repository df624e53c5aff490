"""Plain-text lists of my care for the terminal: a numbered block for each record, no table to
read across (they read well aloud and at 80 columns). What each block holds comes from the record's
declaration (`listed` in `mbcprep.model.care`, walked by `mbcprep.model.record.list_lines`)."""

from __future__ import annotations

from typing import Any

from mbcprep.actions.care import CareList
from mbcprep.i18n import _, ngettext
from mbcprep.model.record import list_lines
from mbcprep.text import one_line, wrap

WIDTH = 78
INDENT = "    "


def listing(care: CareList, records: list[Any], *, hidden: int = 0) -> str:
    if not records:
        if hidden:
            return _("Nothing to show from that time.")
        return _(care.empty)
    blocks = []
    for r in records:
        head, lines = list_lines(r)
        block = [f"{r.id:>2}. " + one_line(head, WIDTH - 4)]
        block += [wrap(one_line(line), WIDTH, INDENT) for line in lines if line]
        blocks.append("\n".join(block))
    return "\n".join(blocks)


def hidden(care: CareList, count: int) -> str:
    """How many earlier records `list` leaves out, and how to see them."""
    said = ngettext(
        "{n} earlier one is not shown. To see it: mbcprep {command} list --all (or --since {date})",
        "{n} earlier ones are not shown. To see them: mbcprep {command} list --all (or --since {date})",
        count,
    )
    return wrap(said.format(n=count, command=care.command, date=_("DATE")), WIDTH)
