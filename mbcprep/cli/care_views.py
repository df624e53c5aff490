"""Plain-text lists of my care for the terminal: a numbered block for each record, no table to
read across (they read well aloud and at 80 columns)."""

from __future__ import annotations

from typing import Any

from mbcprep.actions.care import MEDICINES, TREATMENTS, CareList
from mbcprep.dates import month_words
from mbcprep.i18n import _
from mbcprep.model.care import Medicine, TeamMember, Treatment, kind_words, stop_words
from mbcprep.text import one_line, wrap

WIDTH = 78
INDENT = "    "


def listing(care: CareList, records: list[Any]) -> str:
    if not records:
        if care is TREATMENTS:
            return _("No treatments yet. Add one with: mbcprep treatments add")
        if care is MEDICINES:
            return _("No medicines yet. Add one with: mbcprep meds add")
        return _("No one in your care team yet. Add someone with: mbcprep team add")
    blocks = []
    for r in records:
        if care is TREATMENTS:
            head, lines = r.what, treatment_lines(r)
        elif care is MEDICINES:
            head, lines = r.name, medicine_lines(r)
        else:
            head, lines = r.name, team_lines(r)
        block = [f"{r.id:>2}. " + one_line(head, WIDTH - 4)]
        block += [wrap(one_line(line), WIDTH, INDENT) for line in lines if line]
        blocks.append("\n".join(block))
    return "\n".join(blocks)


def treatment_when(t: Treatment) -> str:
    """'March 2024 to January 2026', 'since February 2026, going on now', 'until 2019'... in words."""
    started, stopped = month_words(t.started), month_words(t.stopped)
    if started and stopped:
        return _("{start} to {end}").format(start=started, end=stopped)
    if started and t.current:
        return _("since {start}, going on now").format(start=started)
    if started:
        return _("from {start}").format(start=started)
    if stopped:
        return _("until {end}").format(end=stopped)
    return _("going on now") if t.current else ""


def treatment_lines(t: Treatment) -> list[str]:
    first = ", ".join(x for x in (kind_words(t.kind), treatment_when(t)) if x)
    lines = [first]
    if t.why_stopped:
        lines.append(_("Why it stopped: {why}").format(why=stop_words(t.why_stopped)))
    if t.how_it_went.strip():
        lines.append(_("How it went: {how}").format(how=t.how_it_went))
    return lines


def medicine_lines(m: Medicine) -> list[str]:
    lines = [", ".join(x for x in (m.dose, m.how_often) if x.strip())]
    if m.what_for.strip():
        lines.append(_("For: {what}").format(what=m.what_for))
    if m.since:
        lines.append(_("Since {month}").format(month=month_words(m.since)))
    return lines


def team_lines(m: TeamMember) -> list[str]:
    lines = [", ".join(x for x in (m.role, m.place) if x.strip())]
    if m.phone.strip():
        lines.append(_("Phone: {phone}").format(phone=m.phone))
    if m.after_hours:
        lines.append(_("Call when the office is closed."))
    return lines
