"""The diary's trends worked out inside SQLite: years of daily scores become a few hundred rows (one
for each symptom and column of the chart) before Python sees them. The answers are those of
`mbcprep.model.trends.trend_of` on every day; a test holds the two together."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mbcprep.storage.database import Database

if TYPE_CHECKING:
    from mbcprep.model.trends import Chart, Trend

_SCORED = "score IS NOT NULL"


def _where(since: str | None, key: str | None) -> tuple[str, tuple[object, ...]]:
    """The days from `since` on and the symptom `key`, as a condition to add (starting with AND)."""
    where, args = "", []
    if since is not None:
        where += " AND day >= ?"
        args.append(since)
    if key is not None:
        where += " AND key = ?"
        args.append(key)
    return where, tuple(args)


class DiaryTable(Database):
    def scores(self, since: str | None = None, key: str | None = None) -> list[tuple[str, str, str, str, int]]:
        """(key, symptom id, name, day, score) of every score, in the order they were kept."""
        where, args = _where(since, key)
        return self.read(
            f"SELECT key, symptom_id, name, day, score FROM diary_entries WHERE {_SCORED} {where} ORDER BY id",
            args,
            plain=True,
        )

    def diary_days_before(self, day: str) -> int:
        """How many days before `day` have something in the diary (counted through the index of days)."""
        return int(self.read("SELECT COUNT(DISTINCT day) FROM diary_entries WHERE day < ?", (day,), plain=True)[0][0])

    def diary_span(self, where: str = "", args: tuple[object, ...] = ()) -> tuple[date, date] | None:
        """The first and last day scored (each found through the index of days, not a scan)."""
        sql = f"SELECT day FROM diary_entries WHERE {_SCORED} {where} ORDER BY day {{order}} LIMIT 1"
        first = self.read(sql.format(order="ASC"), args, plain=True)
        if not first:
            return None
        last = self.read(sql.format(order="DESC"), args, plain=True)
        return date.fromisoformat(first[0][0]), date.fromisoformat(last[0][0])

    def trends(
        self, since: str | None = None, key: str | None = None, *, spoken: bool = False
    ) -> tuple[Chart, list[Trend]] | None:
        """Each symptom's trend (or symptom `key`'s) from day `since` on, on one chart, in the order of
        their first days; None when there is no score."""
        from mbcprep.model.trends import Chart, Trend

        where, args = _where(since, key)
        with self.snapshot():
            span = self.diary_span(where, args)
            if span is None:
                return None
            chart = Chart.spanning(*span)
            julian = _julian(chart.start)
            # One row a symptom and column: its sum, count, lowest and highest score, and first row.
            rows = self.read(
                f"SELECT key, CAST((julianday(day) - ?) / ? AS INTEGER) AS col, SUM(score), COUNT(*), MIN(score),"
                # Every row is read: straight through the table is quicker than through an index.
                f" MAX(score), MIN(id) FROM diary_entries {'' if key else 'NOT INDEXED'} WHERE {_SCORED} {where}"
                " GROUP BY key, col",
                (julian, chart.per, *args),
                plain=True,
            )
            found: dict[str, Trend] = {}
            first_id: dict[str, int] = {}
            for key, col, total, count, low, high, row_id in rows:
                trend = found.get(key)
                if trend is None:
                    trend = found[key] = Trend(
                        key, "", "", 0, date.max, date.min, 0, 10, 0, [None] * chart.columns, 0.0, 0.0, False
                    )
                first_id[key] = min(first_id.get(key, row_id), row_id)
                trend.days += count
                trend.lowest, trend.highest = min(trend.lowest, low), max(trend.highest, high)
                if 0 <= col < chart.columns:
                    trend.columns[col] = total / count
            for trend in found.values():
                self._ends(trend, where, args)
                self._edges(trend, where, args)
                if spoken:
                    self._spoken(trend, chart, where, args)
        return chart, sorted(found.values(), key=lambda t: (t.first_day, first_id[t.key]))

    def _ends(self, trend: Trend, where: str, args: tuple[object, ...]) -> None:
        """The first day, and the last day with its score and the name it was written with."""
        sql = (
            f"SELECT day, score, symptom_id, name FROM diary_entries WHERE key = ? AND {_SCORED} {where}"
            " ORDER BY day {order}, id {order} LIMIT 1"
        )
        first = self.read(sql.format(order="ASC"), (trend.key, *args), plain=True)[0]
        last = self.read(sql.format(order="DESC"), (trend.key, *args), plain=True)[0]
        trend.first_day = date.fromisoformat(first[0])
        trend.last_day, trend.latest, trend.symptom_id, trend.name = (
            date.fromisoformat(last[0]),
            last[1],
            last[2],
            last[3],
        )

    def _edges(self, trend: Trend, where: str, args: tuple[object, ...]) -> None:
        """The first and last week's averages (or the first and last day's scores)."""
        from mbcprep.model.trends import EDGE_DAYS

        trend.by_day = (trend.last_day - trend.first_day).days < 2 * EDGE_DAYS
        reach = 0 if trend.by_day else EDGE_DAYS - 1
        sql = f"SELECT AVG(score) FROM diary_entries WHERE key = ? AND {_SCORED} {where} AND day BETWEEN ? AND ?"
        first_end = (trend.first_day + timedelta(reach)).isoformat()
        last_start = (trend.last_day - timedelta(reach)).isoformat()
        trend.before = self.read(sql, (trend.key, *args, trend.first_day.isoformat(), first_end), plain=True)[0][0]
        trend.after = self.read(sql, (trend.key, *args, last_start, trend.last_day.isoformat()), plain=True)[0][0]

    def _spoken(self, trend: Trend, chart: Chart, where: str, args: tuple[object, ...]) -> None:
        from mbcprep.model.trends import SPOKEN_PARTS

        if trend.days <= SPOKEN_PARTS:
            rows = self.read(
                f"SELECT day, score FROM diary_entries WHERE key = ? AND {_SCORED} {where} ORDER BY day",
                (trend.key, *args),
                plain=True,
            )
            trend.few = [(date.fromisoformat(d), s) for d, s in rows]
            return
        per, count = chart.spoken_parts()
        rows = self.read(
            f"SELECT CAST((julianday(day) - ?) / ? AS INTEGER) AS part, AVG(score) FROM diary_entries"
            f" WHERE key = ? AND {_SCORED} {where} GROUP BY part",
            (_julian(chart.start), per, trend.key, *args),
            plain=True,
        )
        parts: list[float | None] = [None] * count
        for part, mean in rows:
            if 0 <= part < count:
                parts[part] = mean
        trend.parts = parts


def _julian(day: date) -> float:
    """The day's Julian day number at midnight, as SQLite's julianday() counts."""
    return day.toordinal() + 1721424.5
