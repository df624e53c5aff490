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
        """The last day with a symptom's score, in the diary or at a visit."""
        found = self.read(
            "SELECT MAX(d) FROM (SELECT MAX(day) AS d FROM diary_entries WHERE score IS NOT NULL"
            " UNION ALL SELECT MAX(v.visit_date) FROM visit_symptoms s JOIN visits v ON v.id = s.visit_id"
            " WHERE s.score IS NOT NULL AND v.status = 'ready' AND v.visit_date != '')",
            plain=True,
        )
        return date.fromisoformat(found[0][0]) if found and found[0][0] else None

    def around(self, treatment: Treatment, key: str | None = None) -> TreatmentTrend | None:
        """Each symptom's average in the weeks before `treatment` began and while on it, and its chart
        (only symptom `key` when given); None when it has no start or began after the last score."""
        from mbcprep.model.treatment_trends import SymptomChange, TreatmentTrend, chart_of, window

        with self.snapshot():
            last = self.last_scored()
            if last is None:
                return None
            found = window(treatment, last)
            if found is None:
                return None
            chart_start, start, end = found
            per, columns = chart_of(chart_start, end)
            days = (chart_start.isoformat(), end.isoformat())
            only, args = (" WHERE key = ?", (key,)) if key else ("", ())
            began = start.isoformat()
            trend = TreatmentTrend(treatment, start, end, chart_start, per, columns)
            changes: dict[str, SymptomChange] = {}
            for k, name, before, during in self.read(
                "SELECT key, MAX(name), AVG(CASE WHEN day < ? THEN score END), AVG(CASE WHEN day >= ? THEN score END)"
                f" FROM ({_SCORES}){only} GROUP BY key ORDER BY MIN(day), key",
                (began, began, *days, *days, *args),
                plain=True,
            ):
                changes[k] = SymptomChange(k, name, before, during, [None] * columns)
            julian = chart_start.toordinal() + 1721424.5
            for k, col, mean in self.read(
                f"SELECT key, CAST((julianday(day) - ?) / ? AS INTEGER) AS col, AVG(score) FROM ({_SCORES}){only}"
                " GROUP BY key, col",
                (julian, per, *days, *days, *args),
                plain=True,
            ):
                if k in changes and 0 <= col < columns:
                    changes[k].columns[col] = mean
            trend.changes = list(changes.values())
            known = any(c.before is not None for c in trend.changes)
            for c in trend.changes:
                c.known_before = known
        return trend
