"""A lab's values over time (a tumour marker or a blood test), and the sparkline to see them at a
glance. No I/O here: the store works the numbers out in SQLite (`ResultsTable.lab_trends`).

A lab's chart is scaled from its own lowest to its highest value (a marker in U/mL and a blood count
in g/dL share no scale), one column for a few days together as a symptom's chart is, so every lab of
one chart lines up by date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mbcprep.model.trends import GAP, block

SPOKEN_VALUES = 8  # in plain mode, the last this many values are said with their dates


@dataclass
class LabTrend:
    key: str  # the lab's id, or "other:" and the name typed, folded
    lab_id: str
    name: str  # as last written
    unit: str  # the latest value's
    count: int
    first_day: date
    first: float
    last_day: date
    latest: float
    lowest: float
    highest: float
    low: float | None = None  # the lab's range, from the latest value that gave one
    high: float | None = None
    marker: bool = False  # a tumour marker: read together with scans
    columns: list[float | None] = field(default_factory=list)  # the average of each column (None: no value)
    recent: list[tuple[date, float]] = field(default_factory=list)  # the last SPOKEN_VALUES values

    @property
    def sparkline(self) -> str:
        span = self.highest - self.lowest
        return "".join(
            GAP if c is None else block(5 if span == 0 else (c - self.lowest) / span * 10) for c in self.columns
        )

    @property
    def above(self) -> bool:
        return self.high is not None and self.latest > self.high

    @property
    def below(self) -> bool:
        return self.low is not None and self.latest < self.low
