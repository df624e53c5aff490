"""A symptom's scores over time, and a sparkline to see them at a glance. No I/O here.

A sparkline is one line of block characters, one column a day, or, when the days do not fit, one
column for a few days together (their average). A day with no score is a blank column, so a gap
shows as a gap. Every series of one chart shares its first and last day, so the columns line up.
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


@dataclass
class Series:
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


def series_of(entries: Iterable[DiaryEntry], since: date | None = None) -> list[Series]:
    """One series for each symptom with at least one score (on or after `since`), in the order each
    was first scored. Entries without a score (a note alone) are left out."""
    found: dict[str, Series] = {}
    for entry in sorted(entries, key=lambda e: e.day):
        if entry.score is None:
            continue
        day = date.fromisoformat(entry.day)
        if since is not None and day < since:
            continue
        series = found.setdefault(entry.key, Series(entry.key, entry.symptom_id, entry.name))
        series.name = entry.name
        series.points.append((day, entry.score))
    return list(found.values())


def sparkline(points: list[tuple[date, int]], start: date, end: date, width: int = MAX_COLUMNS) -> str:
    """The scores from `start` to `end` as block characters, at most `width` columns."""
    if not points or end < start:
        return ""
    span = (end - start).days + 1
    per_column = math.ceil(span / max(width, 1))
    columns = math.ceil(span / per_column)
    sums = [0] * columns
    counts = [0] * columns
    for day, score in points:
        if start <= day <= end:
            n = (day - start).days // per_column
            sums[n] += score
            counts[n] += 1
    return "".join(GAP if not c else block(s / c) for s, c in zip(sums, counts, strict=True))


def block(score: float) -> str:
    """The block for a score from 0 to 10 (an average may fall between)."""
    return BLOCKS[round(min(max(score, 0), 10) / 10 * (len(BLOCKS) - 1))]


def days_per_column(start: date, end: date, width: int = MAX_COLUMNS) -> int:
    return math.ceil(((end - start).days + 1) / max(width, 1))
