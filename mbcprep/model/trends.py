"""A symptom's scores over time, and a sparkline to see them at a glance. No I/O here.

A sparkline is one line of block characters, one column a day, or, when the days do not fit, one
column for a few days together (their average). A day with no score is a blank column, so a gap
shows as a gap. Every series of one chart shares its first and last day, so the columns line up.

`Trend` is what a chart says of one symptom. `trend_of` works it out from a `Series` of every day;
the store works out the same from years of days in SQLite (`DiaryTable.trends`), and a test holds
the two to the same answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mbcprep.model.diary import DiaryEntry

BLOCKS = "▁▂▃▄▅▆▇█"  # 0 draws the lowest block, 10 the highest
GAP = " "
MAX_COLUMNS = 60  # leaves room for a name and the numbers on an 80-column screen
EDGE_DAYS = 7  # a series' first and last week, compared in its sentence
SPOKEN_PARTS = 8  # in plain mode a series is said as at most this many numbers


@dataclass(frozen=True)
class Chart:
    """The days every series of one chart shares: from `start` to `end`, `per` days a column."""

    start: date
    end: date
    per: int
    columns: int

    @classmethod
    def spanning(cls, start: date, end: date, width: int = MAX_COLUMNS) -> Chart:
        per = days_per_column(start, end, width)
        return cls(start, end, per, math.ceil(((end - start).days + 1) / per))

    def spoken_parts(self) -> tuple[int, int]:
        """(days in each part, how many parts): the at most SPOKEN_PARTS parts a series is said in."""
        span = (self.end - self.start).days + 1
        per = math.ceil(span / SPOKEN_PARTS)
        return per, math.ceil(span / per)


@dataclass
class Trend:
    """What a chart says of one symptom."""

    key: str
    symptom_id: str
    name: str
    days: int  # how many days were scored
    first_day: date
    last_day: date
    latest: int
    lowest: int
    highest: int
    columns: list[float | None]  # the average of each column of the chart (None: no score)
    before: float  # the first week's average (the first day's score when there are not two weeks)
    after: float  # the last week's average (or the last day's score)
    by_day: bool  # before and after are single days
    few: list[tuple[date, int]] = field(default_factory=list)  # every score, when there are a few
    parts: list[float | None] = field(default_factory=list)  # else the averages of SPOKEN_PARTS parts

    @property
    def sparkline(self) -> str:
        return "".join(GAP if c is None else block(c) for c in self.columns)


def trend_of(series: Series, chart: Chart, *, spoken: bool = False) -> Trend:
    """The trend of one series of every day (see `Series`), on `chart`."""
    points = series.points
    by_day = (series.last_day - series.first_day).days < 2 * EDGE_DAYS
    if by_day:
        before, after = float(points[0][1]), float(points[-1][1])
    else:
        week_one = [s for d, s in points if (d - series.first_day).days < EDGE_DAYS]
        week_last = [s for d, s in points if (series.last_day - d).days < EDGE_DAYS]
        before, after = sum(week_one) / len(week_one), sum(week_last) / len(week_last)
    trend = Trend(
        series.key,
        series.symptom_id,
        series.name,
        len(points),
        series.first_day,
        series.last_day,
        series.latest,
        series.lowest,
        series.highest,
        averages(points, chart.start, chart.per, chart.columns),
        before,
        after,
        by_day,
    )
    if spoken:
        if len(points) <= SPOKEN_PARTS:
            trend.few = list(points)
        else:
            trend.parts = averages(points, chart.start, *chart.spoken_parts())
    return trend


@dataclass
class Series:
    """One symptom's scores, day by day."""

    key: str  # the symptom's id, or "other:" and the person's own word folded
    symptom_id: str
    name: str  # as last written
    points: list[tuple[date, int]] = field(default_factory=list)  # by day, one a day

    @property
    def latest(self) -> int:
        return self.points[-1][1]

    @property
    def lowest(self) -> int:
        return min(score for _, score in self.points)

    @property
    def highest(self) -> int:
        return max(score for _, score in self.points)

    @property
    def first_day(self) -> date:
        return self.points[0][0]

    @property
    def last_day(self) -> date:
        return self.points[-1][0]


def series_from_rows(rows: Iterable[tuple[str, str, str, str, int]]) -> list[Series]:
    """Series from (key, symptom id, name, day, score) rows in any order, as the store reads them
    (quicker than making an entry of each of years of days): each in day order, named as on its
    last day, in the order of their first days."""
    days: dict[str, list[tuple[str, int]]] = {}
    named: dict[str, tuple[str, str, str]] = {}  # key -> (last day, symptom id, name)
    for key, symptom_id, name, day, score in rows:
        found = days.get(key)
        if found is None:
            found = days[key] = []
        found.append((day, score))
        if key not in named or day >= named[key][0]:
            named[key] = (day, symptom_id, name)
    out = []
    fromiso = date.fromisoformat
    for key, found in days.items():
        found.sort(key=lambda p: p[0])
        _, symptom_id, name = named[key]
        out.append(Series(key, symptom_id, name, [(fromiso(day), score) for day, score in found]))
    return sorted(out, key=lambda s: (s.first_day, list(days).index(s.key)))


def series_of(entries: Iterable[DiaryEntry]) -> list[Series]:
    """One series for each symptom with at least one score (a note alone is left out)."""
    return series_from_rows((e.key, e.symptom_id, e.name, e.day, e.score) for e in entries if e.score is not None)


def sparkline(points: list[tuple[date, int]], start: date, end: date, width: int = MAX_COLUMNS) -> str:
    """The scores from `start` to `end` as block characters, at most `width` columns."""
    if not points or end < start:
        return ""
    chart = Chart.spanning(start, end, width)
    return "".join(GAP if c is None else block(c) for c in averages(points, chart.start, chart.per, chart.columns))


def averages(points: list[tuple[date, int]], start: date, per: int, count: int) -> list[float | None]:
    """The average score of each of `count` runs of `per` days from `start` (None: no score)."""
    sums, counts = [0] * count, [0] * count
    first = start.toordinal()
    for day, score in points:
        n = (day.toordinal() - first) // per
        if 0 <= n < count:
            sums[n] += score
            counts[n] += 1
    return [s / c if c else None for s, c in zip(sums, counts, strict=True)]


def block(score: float) -> str:
    """The block for a score from 0 to 10 (an average may fall between)."""
    return BLOCKS[round(min(max(score, 0), 10) / 10 * (len(BLOCKS) - 1))]


def days_per_column(start: date, end: date, width: int = MAX_COLUMNS) -> int:
    return math.ceil(((end - start).days + 1) / max(width, 1))
