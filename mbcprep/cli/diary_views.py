"""The diary and its trends as text for the terminal: fit 80 columns, no colour needed. In plain mode
(screen readers) a sparkline is never drawn: its numbers are said in words instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from mbcprep.actions.changes import score_words
from mbcprep.i18n import _, day_and_month, long_date, ngettext
from mbcprep.model.changes import CLEAR_CHANGE, SAME, size_of
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.trends import BLOCKS, Chart, Series, Trend
from mbcprep.text import one_line, wrap

if TYPE_CHECKING:
    from mbcprep.actions.diary import DiaryListing

WIDTH = 78


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


def nothing_listed(listing: DiaryListing, today: date | None = None) -> str:
    """What `diary list` says when no day is shown: nothing yet, or nothing from the first day asked."""
    from mbcprep.actions.diary import RECENT_DAYS

    if listing.start is None or not listing.hidden_days:
        return _("No diary entries yet. Start with: mbcprep diary")
    if listing.asked:
        start = _when(date.fromisoformat(listing.start), today or date.today())
        return _("Nothing in your diary from {day} on.").format(day=start)
    return ngettext(
        "Nothing in your diary in the last {n} day.", "Nothing in your diary in the last {n} days.", RECENT_DAYS
    ).format(n=RECENT_DAYS)


def hidden_days(listing: DiaryListing) -> str:
    """How many earlier days `diary list` leaves out, and how to see them ("" when none are)."""
    if not listing.hidden_days:
        return ""
    said = ngettext(
        "{n} earlier day is not shown. To see it: mbcprep diary list --all (or --since {date})",
        "{n} earlier days are not shown. To see them: mbcprep diary list --all (or --since {date})",
        listing.hidden_days,
    )
    return wrap(said.format(n=listing.hidden_days, date=_("DATE")), WIDTH)


def diary_json(entries: Sequence[DiaryEntry]) -> list[dict[str, Any]]:
    return [
        {"day": e.day, "symptom": e.symptom_id, "name": e.name, "score": e.score, "note": e.note, "id": e.id}
        for e in entries
    ]


def chart_head(chart: Chart, today: date, legend: str, plain: bool) -> list[str]:
    """A chart's first lines: the days it spans and, when it is drawn, what its columns and blocks mean
    (`legend`, translated, with {columns}, {low} and {high})."""
    out = [_("From {start} to {end}.").format(start=_when(chart.start, today), end=_when(chart.end, today))]
    if not plain:
        key = ngettext("Each column is {n} day", "Each column is {n} days", chart.per).format(n=chart.per)
        out.append(wrap(legend.format(columns=key, low=BLOCKS[0], high=BLOCKS[-1]), WIDTH))
    return out


def trends(chart: Chart | None, found: Sequence[Trend], *, plain: bool, today: date | None = None) -> str:
    if chart is None or not found:
        return _("No diary scores to show yet. Note how you feel with: mbcprep diary")
    today = today or date.today()
    out = chart_head(chart, today, _("{columns}; {low} is 0 and {high} is 10; a blank is a day with no score."), plain)
    for t in found:
        out.append("")
        out.append(one_line(t.name, WIDTH))
        if plain:
            out.append(wrap(spoken(t, today), WIDTH, "  "))
        else:
            out.append("  " + t.sparkline)
        numbers = _("Latest {latest}, lowest {lowest}, highest {highest}.").format(
            latest=t.latest, lowest=t.lowest, highest=t.highest
        )
        out.append(wrap(f"{numbers} {sentence(t, today)}", WIDTH, "  "))
    return "\n".join(out)


def trends_json(
    chart: Chart | None, found: Sequence[Trend], series: Sequence[Series], today: date | None = None
) -> list[dict[str, Any]]:
    points = {s.key: s.points for s in series}
    return [
        {
            "symptom": t.symptom_id,
            "name": t.name,
            "latest": t.latest,
            "lowest": t.lowest,
            "highest": t.highest,
            "first_day": t.first_day.isoformat(),
            "last_day": t.last_day.isoformat(),
            "days": t.days,
            "sentence": sentence(t, today),
            "points": [{"day": d.isoformat(), "score": n} for d, n in points.get(t.key, [])],
        }
        for t in found
    ]


def sentence(t: Trend, today: date | None = None) -> str:
    """How the series went, in words: the first week's average against the last week's (or the
    first day's score against the last day's, when there are not two weeks of them)."""
    today = today or date.today()
    if t.days == 1:
        return _("One score so far, on {date}.").format(date=_when(t.first_day, today))
    before, after = round(t.before, 1), round(t.after, 1)
    size = size_of(before, after, t.symptom_id)
    words = {"before": score_words(before), "after": score_words(after)}
    if t.by_day:
        if size == SAME:
            return _("About the same on the last day ({after}) as on the first ({before}).").format(**words)
        if after > before:
            return _("Higher on the last day ({after}) than on the first ({before}).").format(**words)
        return _("Lower on the last day ({after}) than on the first ({before}).").format(**words)
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


def spoken(t: Trend, today: date) -> str:
    """The series in words, for a screen reader: each score when there are few, else the averages of
    a few equal parts of the time."""
    if t.few:
        days = "; ".join(_("{date}: {score}").format(date=_when(d, today, short=True), score=n) for d, n in t.few)
        return _("Scores: {days}.").format(days=days)
    parts = [_("none") if p is None else score_words(round(p, 1)) for p in t.parts]
    return ngettext(
        "Average scores, over {n} equal part of the time, first to last: {scores}.",
        "Average scores, over {n} equal parts of the time, first to last: {scores}.",
        len(parts),
    ).format(n=len(parts), scores=", ".join(parts))


def _when(day: date, today: date, *, short: bool = False) -> str:
    if short or day.year == today.year:
        return day_and_month(day)
    return long_date(day)
