"""Each symptom's scores around a treatment, worked out inside SQLite from the diary and the visits'
scores together: a row a symptom for the averages before and while on it, and a row a symptom and
column for its chart, never every day of years of diary in Python."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mbcprep.storage.database import Database

if TYPE_CHECKING:
    from mbcprep.model.care import Treatment
    from mbcprep.model.treatment_trends import TreatmentTrend

# Every score between two days, from the diary and from the visits that are ready: (key, name, day,
# score). A person's own symptom is joined by its name folded, as the diary folds it.
_SCORES = (
    "SELECT key, name, day, score FROM diary_entries WHERE score IS NOT NULL AND day BETWEEN ? AND ?"
    " UNION ALL SELECT CASE WHEN s.symptom_id = 'other' THEN 'other:' || lower(trim(s.name)) ELSE s.symptom_id END,"
    " s.name, v.visit_date, s.score FROM visit_symptoms s JOIN visits v ON v.id = s.visit_id"
    " WHERE s.score IS NOT NULL AND v.status = 'ready' AND v.visit_date BETWEEN ? AND ?"
)


class TreatmentTrendsTable(Database):
    def last_scored(self) -> date | None:
        """The last day with a symptom's score, in the diary or at a visit (each found through an index
        of days, not a scan)."""
        found = self.read(
            "SELECT MAX(d) FROM (SELECT * FROM (SELECT day AS d FROM diary_entries WHERE score IS NOT NULL"
            " ORDER BY day DESC LIMIT 1) UNION ALL SELECT * FROM (SELECT v.visit_date FROM visits v"
            " WHERE v.status = 'ready' AND v.visit_date != '' AND EXISTS (SELECT 1 FROM visit_symptoms s"
            " WHERE s.visit_id = v.id AND s.score IS NOT NULL) ORDER BY v.visit_date DESC LIMIT 1))",
            plain=True,
        )
        return date.fromisoformat(found[0][0]) if found and found[0][0] else None

    def around(self, treatment: Treatment, last: date, key: str | None = None) -> TreatmentTrend | None:
        """Each symptom's average in the weeks before `treatment` began and while on it, and its chart
        (only symptom `key` when given), up to `last` (the last day scored); None when it has no start
        or began after `last`. One query: a row a symptom, column of the chart and side of its start."""
        from mbcprep.model.treatment_trends import SymptomChange, TreatmentTrend, chart_of, window

        found = window(treatment, last)
        if found is None:
            return None
        chart_start, start, end = found
        per, columns = chart_of(chart_start, end)
        days = (chart_start.isoformat(), end.isoformat())
        only, args = (" WHERE key = ?", (key,)) if key else ("", ())
        trend = TreatmentTrend(treatment, start, end, chart_start, per, columns)
        sums: dict[str, list[float]] = {}  # key -> [sum before, count before, sum during, count during]
        cells: dict[str, list[list[float]]] = {}  # key -> [sum, count] of each column
        changes: dict[str, SymptomChange] = {}
        for k, name, col, on, total, count in self.read(
            "SELECT key, MAX(name), CAST((julianday(day) - ?) / ? AS INTEGER) AS col, day >= ? AS on_it,"
            f" SUM(score), COUNT(*) FROM ({_SCORES}){only} GROUP BY key, col, on_it ORDER BY MIN(day), key",
            (chart_start.toordinal() + 1721424.5, per, start.isoformat(), *days, *days, *args),
            plain=True,
        ):
            if k not in changes:
                changes[k] = SymptomChange(k, name, None, None, [None] * columns)
                sums[k], cells[k] = [0.0, 0, 0.0, 0], [[0.0, 0] for _ in range(columns)]
            side = 2 if on else 0
            sums[k][side] += total
            sums[k][side + 1] += count
            if 0 <= col < columns:
                cells[k][col][0] += total
                cells[k][col][1] += count
        for k, change in changes.items():
            before_total, before_count, during_total, during_count = sums[k]
            change.before = before_total / before_count if before_count else None
            change.during = during_total / during_count if during_count else None
            change.columns = [total / count if count else None for total, count in cells[k]]
        trend.changes = list(changes.values())
        known = any(c.before is not None for c in trend.changes)
        for c in trend.changes:
            c.known_before = known
        return trend
