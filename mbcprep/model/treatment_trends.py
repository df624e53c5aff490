"""Side effects by line of treatment: each symptom's average in the weeks before a treatment began
and while on it, from the diary and the visits' scores. No I/O here: the store works the averages
out in SQLite (`TreatmentTrendsTable.around`).

A treatment's months are read as whole months: one that started in "2026-09" began on 1 September,
one that stopped in "2026-12" ended on 31 December (a whole date is taken as it is). While it goes
on, "while on it" runs to the last score kept.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from mbcprep.i18n import _, pgettext
from mbcprep.model.care import Treatment
from mbcprep.model.trends import GAP, block

BEFORE_DAYS = 28  # "the weeks before it began": four weeks
MAX_COLUMNS = 40  # a treatment's chart, beside the symptom's name and numbers on an 80-column screen


@dataclass
class SymptomChange:
    """A symptom's average before a treatment began and while on it, and its chart."""

    key: str
    name: str
    before: float | None  # the average in the weeks before it began (None: no score then)
    during: float | None  # the average while on it
    columns: list[float | None] = field(default_factory=list)
    known_before: bool = True  # some symptom was scored in the weeks before it began

    @property
    def new(self) -> bool:
        """Scored while on it (above 0), not in the weeks before though other symptoms were: with no
        score at all from before it began, nothing can be called new."""
        return self.known_before and self.before is None and self.during is not None and self.during > 0


@dataclass
class TreatmentTrend:
    """Every symptom around one treatment, and the span its chart covers."""

    treatment: Treatment
    start: date
    end: date  # the day it stopped, or the last day scored while it goes on
    chart_start: date
    per: int  # days a column
    columns: int
    changes: list[SymptomChange] = field(default_factory=list)

    @property
    def start_column(self) -> int:
        return (self.start - self.chart_start).days // self.per

    @property
    def stop_column(self) -> int | None:
        """The column where it stopped (None while it goes on)."""
        return None if self.treatment.current else (self.end - self.chart_start).days // self.per

    def marked(self, change: SymptomChange, mark: str = "|") -> str:
        """The symptom's sparkline with `mark` put in before the column it began and after the one it
        stopped."""
        cells = [GAP if c is None else block(c) for c in change.columns]
        stop = self.stop_column
        if stop is not None and stop + 1 <= len(cells):
            cells.insert(stop + 1, mark)
        cells.insert(self.start_column, mark)
        return "".join(cells)


def first_day(month: str) -> date | None:
    """The day a month (or a whole date, or a year alone) begins: "2026-09" -> 1 September 2026."""
    if not month:
        return None
    from mbcprep.dates import month_span

    return date.fromisoformat(month if len(month) == 10 else f"{month_span(month)[0]}-01")


def last_day(month: str) -> date | None:
    """The day a month (or a whole date) ends: "2026-12" -> 31 December 2026."""
    if not month:
        return None
    if len(month) == 10:
        return date.fromisoformat(month)
    from mbcprep.dates import month_span

    last = month_span(month)[1]
    year, number = int(last[:4]), int(last[5:7])
    return date(year, number, calendar.monthrange(year, number)[1])


def window(treatment: Treatment, last_scored: date) -> tuple[date, date, date] | None:
    """(the chart's first day, the day it began, its last day) for a treatment that has a start;
    None when it has none, or began after the last score kept. While it goes on (or when the month
    it stopped is not known), its last day is the last day scored."""
    start = first_day(treatment.started)
    if start is None or start > last_scored:
        return None
    end = last_day(treatment.stopped) if treatment.stopped else last_scored
    return start - timedelta(days=BEFORE_DAYS), start, max(start, end or last_scored)


def chart_of(chart_start: date, end: date) -> tuple[int, int]:
    """(days a column, columns) for a treatment's chart."""
    span = (end - chart_start).days + 1
    per = math.ceil(span / MAX_COLUMNS)
    return per, math.ceil(span / per)


MOST = 4  # a sheet's line names at most this many symptoms


def worth_saying(change: SymptomChange) -> bool:
    """A symptom new while on it, or whose average moved by at least the smallest change that matters
    (`mbcprep.model.changes.size_of`)."""
    from mbcprep.model.changes import SAME, size_of

    if change.new:
        return True
    if change.before is None or change.during is None:
        return False
    return size_of(round(change.before, 1), round(change.during, 1), change.key) != SAME


def average_words(score: float | None) -> str:
    """An average as a score is said: 4, or 4.5 (with the language's decimal mark); "-" for none."""
    if score is None:
        return "-"
    rounded = round(score, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}".replace(".", pgettext("the decimal mark, as in 6.5", "."))


def lower_first(name: str) -> str:
    """ "Tiredness" -> "tiredness" inside a sentence; "HFS" stays as it is."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def change_words(change: SymptomChange) -> str:
    """ "tiredness 4 -> 6", "hand-foot soreness new"."""
    name = lower_first(change.name)
    if change.new:
        return _("{symptom} new").format(symptom=name)
    return _("{symptom} {before} -> {during}").format(
        symptom=name, before=average_words(change.before), during=average_words(change.during)
    )


def treatment_line(trend: TreatmentTrend) -> str:
    """The doctor's sheet's line: "Since capecitabine began (September 2026): tiredness 4 -> 6,
    hand-foot soreness new"; for one that stopped, "While on letrozole (2024-03 to 2026-01): ..."."""
    from mbcprep.dates import month_words
    from mbcprep.model.care import treatment_months

    t = trend.treatment
    if trend.changes and not trend.changes[0].known_before:  # nothing scored before it began
        scored = sorted((c for c in trend.changes if c.during is not None), key=lambda c: -(c.during or 0))
        words = ", ".join(
            _("{symptom} {during}").format(symptom=lower_first(c.name), during=average_words(c.during))
            for c in scored[:MOST]
        )
        if t.current:
            return _("Since {treatment} began ({month}), with no scores from before it: {averages}").format(
                treatment=t.what, month=month_words(t.started), averages=words
            )
        return _("While on {treatment} ({months}), with no scores from before it: {averages}").format(
            treatment=t.what, months=treatment_months(t), averages=words
        )
    said = [c for c in trend.changes if worth_saying(c)]
    # The changes first, the most risen first; then the symptoms new while on it.
    said.sort(key=lambda c: (c.new, (c.before or 0) - (c.during or 0)))
    words = ", ".join(change_words(c) for c in said[:MOST]) or _("no symptom changed much")
    if t.current:
        return _("Since {treatment} began ({month}): {changes}").format(
            treatment=t.what, month=month_words(t.started), changes=words
        )
    return _("While on {treatment} ({months}): {changes}").format(
        treatment=t.what, months=treatment_months(t), changes=words
    )
