"""The diary and its trends as text for the terminal: fit 80 columns, no colour needed. In plain mode
(screen readers) a sparkline is never drawn: its numbers are said in words instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from mbcprep.actions.changes import score_words
from mbcprep.i18n import _, day_and_month, long_date, ngettext
from mbcprep.model.changes import CLEAR_CHANGE, SAME, average, size_of
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.trends import BLOCKS, MAX_COLUMNS, Series, days_per_column, sparkline
from mbcprep.text import one_line, wrap

WIDTH = 78
SPOKEN_PARTS = 8  # in plain mode, a series is said as at most this many averages
EDGE_DAYS = 7  # the first and last week of a series, compared in its sentence


def diary_list(entries: Sequence[DiaryEntry], today: date | None = None) -> str:
    """One block a day: the date, the scores, and the note (said once when a sitting shares it)."""
    if not entries:
        return _("No diary entries yet. Start with: mbcprep diary")
    today = today or date.today()
    out: list[str] = []
    for day, group in groupby(entries, key=lambda e: e.day):
        items = list(group)
        scores = ", ".join(one_line(f"{e.name} {e.score}" if e.score is not None else e.name, 40) for e in items)
        out.append(wrap(f"{_when(date.fromisoformat(day), today)}: {scores}", WIDTH, "    ", first=""))
        for note in dict.fromkeys(e.note for e in items if e.note):
            out.append(wrap(_("Note: {note}").format(note=one_line(note, 300)), WIDTH, "    "))
    return "\n".join(out)


def diary_json(entries: Sequence[DiaryEntry]) -> list[dict[str, Any]]:
    return [
        {"day": e.day, "symptom": e.symptom_id, "name": e.name, "score": e.score, "note": e.note, "id": e.id}
        for e in entries
    ]


def trends(series: Sequence[Series], *, plain: bool, today: date | None = None) -> str:
    if not series:
        return _("No diary scores to show yet. Note how you feel with: mbcprep diary")
    today = today or date.today()
    start = min(s.first_day for s in series)
    end = max(s.last_day for s in series)
    per = days_per_column(start, end)
    out = [_("From {start} to {end}.").format(start=_when(start, today), end=_when(end, today))]
    if not plain:
        key = ngettext("Each column is {n} day", "Each column is {n} days", per).format(n=per)
        out.append(
            _("{columns}; {low} is 0 and {high} is 10; a blank is a day with no score.").format(
                columns=key, low=BLOCKS[0], high=BLOCKS[-1]
            )
        )
    for s in series:
        out.append("")
        out.append(one_line(s.name, WIDTH))
        if plain:
            out.append(wrap(spoken(s, start, end, today), WIDTH, "  "))
        else:
            out.append("  " + sparkline(s.points, start, end, MAX_COLUMNS))
        numbers = _("Latest {latest}, lowest {lowest}, highest {highest}.").format(
            latest=s.latest, lowest=s.lowest, highest=s.highest
        )
        out.append(wrap(f"{numbers} {sentence(s, today)}", WIDTH, "  "))
    return "\n".join(out)


def trends_json(series: Sequence[Series], today: date | None = None) -> list[dict[str, Any]]:
    return [
        {
            "symptom": s.symptom_id,
            "name": s.name,
            "latest": s.latest,
            "lowest": s.lowest,
            "highest": s.highest,
            "first_day": s.first_day.isoformat(),
            "last_day": s.last_day.isoformat(),
            "days": len(s.points),
            "sentence": sentence(s, today),
            "points": [{"day": d.isoformat(), "score": n} for d, n in s.points],
        }
        for s in series
    ]


def sentence(s: Series, today: date | None = None) -> str:
    """How the series went, in words: the first week's average against the last week's."""
    today = today or date.today()
    if len(s.points) == 1:
        return _("One score so far, on {date}.").format(date=_when(s.first_day, today))
    first = [p for p in s.points if p[0] < s.first_day + timedelta(EDGE_DAYS)]
    last = [p for p in s.points if p[0] > s.last_day - timedelta(EDGE_DAYS)]
    if (s.last_day - s.first_day).days < 2 * EDGE_DAYS:  # no two separate weeks: first and last day
        first, last = s.points[:1], s.points[-1:]
        words = {"before": score_words(first[0][1]), "after": score_words(last[0][1])}
        size = size_of(first[0][1], last[0][1], s.symptom_id)
        if size == SAME:
            return _("About the same on the last day ({after}) as on the first ({before}).").format(**words)
        if last[0][1] > first[0][1]:
            return _("Higher on the last day ({after}) than on the first ({before}).").format(**words)
        return _("Lower on the last day ({after}) than on the first ({before}).").format(**words)
    before, after = round(average(first), 1), round(average(last), 1)
    size = size_of(before, after, s.symptom_id)
    words = {"before": score_words(before), "after": score_words(after)}
    if size == SAME:
        return _("About the same in the last week ({after} on average) as in the first ({before}).").format(**words)
    if after > before:
        if size == CLEAR_CHANGE:
            return _(
                "Higher in the last week ({after} on average) than in the first ({before}): one to talk about."
            ).format(**words)
        return _("A little higher in the last week ({after} on average) than in the first ({before}).").format(**words)
    if size == CLEAR_CHANGE:
        return _("Lower in the last week ({after} on average) than in the first ({before}).").format(**words)
    return _("A little lower in the last week ({after} on average) than in the first ({before}).").format(**words)


def spoken(s: Series, start: date, end: date, today: date) -> str:
    """The series in words, for a screen reader: each score when there are few, else the averages of
    a few equal parts of the time."""
    if len(s.points) <= SPOKEN_PARTS:
        days = "; ".join(_("{date}: {score}").format(date=_when(d, today, short=True), score=n) for d, n in s.points)
        return _("Scores: {days}.").format(days=days)
    per = -(-((end - start).days + 1) // SPOKEN_PARTS)
    parts = []
    for n in range(SPOKEN_PARTS):
        lo, hi = start + timedelta(n * per), start + timedelta((n + 1) * per - 1)
        inside = [p for p in s.points if lo <= p[0] <= hi]
        if inside:
            parts.append(score_words(round(average(inside), 1)))
        else:
            parts.append(_("none"))
    return ngettext(
        "Average scores, over {n} equal part of the time, first to last: {scores}.",
        "Average scores, over {n} equal parts of the time, first to last: {scores}.",
        len(parts),
    ).format(n=len(parts), scores=", ".join(parts))


def _when(day: date, today: date, *, short: bool = False) -> str:
    if short or day.year == today.year:
        return day_and_month(day)
    return long_date(day)
