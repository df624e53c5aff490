"""Results worked out inside SQLite: each lab's values over time become a row a lab and column of
the chart, and a lab's first and latest values a row each, before Python sees them (years of monthly
blood tests are thousands of rows)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mbcprep.storage.database import Database

if TYPE_CHECKING:
    from mbcprep.model.lab_trends import LabTrend
    from mbcprep.model.results import Result
    from mbcprep.model.trends import Chart

_VALUED = "WHERE value IS NOT NULL AND key != ''"


class ResultsTable(Database):
    def lab_trends(self, since: str | None = None) -> tuple[Chart, list[LabTrend]] | None:
        """Each lab's values from day `since` on, on one chart, in the order of their first days; None
        when no lab value is kept."""
        from mbcprep.model.lab_trends import SPOKEN_VALUES, LabTrend
        from mbcprep.model.trends import Chart

        where, args = (f"{_VALUED} AND day >= ?", (since,)) if since else (_VALUED, ())
        where = where.removeprefix("WHERE ")
        with self.snapshot():
            span = self.read(f"SELECT MIN(day), MAX(day) FROM results WHERE {where}", args, plain=True)[0]
            if span[0] is None:
                return None
            chart = Chart.spanning(date.fromisoformat(span[0]), date.fromisoformat(span[1]))
            found: dict[str, LabTrend] = {}
            # Each lab's count, lowest and highest, and its first and latest rows (with the name and
            # unit last written), by window functions over the index of keys and days.
            ends = self.read(
                "SELECT key, lab_id, lab, unit, day, value, n, total, lowest, highest"
                " FROM (SELECT key, lab_id, lab, unit, day, value,"
                " ROW_NUMBER() OVER (PARTITION BY key ORDER BY day DESC, id DESC) AS n,"
                " ROW_NUMBER() OVER (PARTITION BY key ORDER BY day, id) AS m,"
                " COUNT(*) OVER (PARTITION BY key) AS total,"
                " MIN(value) OVER (PARTITION BY key) AS lowest, MAX(value) OVER (PARTITION BY key) AS highest"
                f" FROM results WHERE {where}) WHERE n <= ? OR m = 1 ORDER BY key, day, n DESC",
                (*args, SPOKEN_VALUES),
                plain=True,
            )
            for key, lab_id, name, unit, day, value, n, total, lowest, highest in ends:
                trend = found.get(key)
                when = date.fromisoformat(day)
                if trend is None:  # the first row of a lab is its first day
                    trend = found[key] = LabTrend(
                        key, lab_id, name, unit, total, when, value, when, value, lowest, highest
                    )
                if n <= SPOKEN_VALUES:
                    trend.recent.append((when, value))
                if n == 1:
                    trend.last_day, trend.latest, trend.name, trend.unit, trend.lab_id = when, value, name, unit, lab_id
            for key, low, high in self.read(
                "SELECT key, low, high FROM (SELECT key, low, high,"
                " ROW_NUMBER() OVER (PARTITION BY key ORDER BY day DESC, id DESC) AS n"
                f" FROM results WHERE {where} AND (low IS NOT NULL OR high IS NOT NULL)) WHERE n = 1",
                args,
                plain=True,
            ):
                if key in found:
                    found[key].low, found[key].high = low, high
            julian = chart.start.toordinal() + 1721424.5
            for key, col, mean in self.read(
                f"SELECT key, CAST((julianday(day) - ?) / ? AS INTEGER) AS col, AVG(value) FROM results WHERE {where}"
                " GROUP BY key, col",
                (julian, chart.per, *args),
                plain=True,
            ):
                trend = found[key]
                if not trend.columns:
                    trend.columns = [None] * chart.columns
                if 0 <= col < chart.columns:
                    trend.columns[col] = mean
        return chart, sorted(found.values(), key=lambda t: (t.first_day, t.key))

    def lab_points(self, since: str | None = None) -> dict[str, list[tuple[str, float]]]:
        """Every value of each lab, day by day (for --json)."""
        where, args = (f"{_VALUED} AND day >= ?", (since,)) if since else (_VALUED, ())
        where = where.removeprefix("WHERE ")
        points: dict[str, list[tuple[str, float]]] = {}
        for key, day, value in self.read(
            f"SELECT key, day, value FROM results WHERE {where} ORDER BY key, day, id", args, plain=True
        ):
            points.setdefault(key, []).append((day, value))
        return points

    def latest_values(self, lab_ids: tuple[str, ...]) -> dict[str, tuple[str, float, str, float | None, float | None]]:
        """The latest value of each lab in `lab_ids`: {lab id: (day, value, unit, low, high)}, one
        query through the index of keys and days."""
        if not lab_ids:
            return {}
        marks = ", ".join("?" * len(lab_ids))
        rows = self.read(
            f"SELECT lab_id, day, value, unit, low, high FROM results r WHERE lab_id IN ({marks})"
            " AND value IS NOT NULL AND id = (SELECT id FROM results WHERE key = r.key AND value IS NOT NULL"
            " ORDER BY day DESC, id DESC LIMIT 1)",
            lab_ids,
            plain=True,
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def latest_scan(self) -> Result | None:
        """The most recent scan kept (None when there is none)."""
        from mbcprep.model.registry import BY_KEY
        from mbcprep.storage.records import RecordTable

        table: RecordTable[Result] = RecordTable(self, BY_KEY["results"].cls, "results")
        found = table.all("WHERE id = (SELECT id FROM results WHERE scan != '' ORDER BY day DESC, id DESC LIMIT 1)")
        return found[0] if found else None

    def last_values(self, lab_ids: tuple[str, ...], most: int) -> list[tuple[str, str, str, str, float]]:
        """The last `most` values of each lab in `lab_ids`: (lab id, name, unit, day, value), each lab's
        in day order, through the index of keys and days."""
        if not lab_ids:
            return []
        marks = ", ".join("?" * len(lab_ids))
        return self.read(
            "SELECT lab_id, lab, unit, day, value FROM (SELECT lab_id, lab, unit, day, value, id,"
            " ROW_NUMBER() OVER (PARTITION BY key ORDER BY day DESC, id DESC) AS n"
            f" FROM results WHERE lab_id IN ({marks}) AND value IS NOT NULL) WHERE n <= ? ORDER BY lab_id, day, id",
            (*lab_ids, most),
            plain=True,
        )
