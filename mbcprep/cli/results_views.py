"""The results' trends as text for the terminal (`trends --results`): for each lab a chart scaled
from its lowest to its highest value, the numbers, the lab's range when known, and a sentence worded
with care. A tumour marker is read together with scans, never alone (ASCO's guideline on the use of
biomarkers in metastatic breast cancer; Cancer.Net, "Tumor Marker Tests"), so its sentence says to ask
what it means alongside the scans and never calls a change good or bad. In plain mode (screen
readers) no chart is drawn: the last values are said with their dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mbcprep.cli.diary_views import chart_head
from mbcprep.dates import day_words
from mbcprep.i18n import _, day_and_month, long_date, ngettext
from mbcprep.model.lab_trends import LabTrend
from mbcprep.model.record import number_words
from mbcprep.model.trends import Chart
from mbcprep.text import one_line, wrap

WIDTH = 78


def lab_trends(chart: Chart | None, found: Sequence[LabTrend], *, plain: bool, today: date | None = None) -> str:
    if chart is None or not found:
        return _("No lab values to show yet. Add one with: mbcprep results add")
    today = today or date.today()
    legend = _("{columns}; {low} is a lab's lowest value and {high} its highest; a blank is a time with no value.")
    out = chart_head(chart, today, legend, plain)
    if any(t.marker for t in found):
        out.append(
            wrap(
                _(
                    "A tumour marker is read together with your scans and how you feel, never alone: a change is"
                    " a question for your doctor, not an answer."
                ),
                WIDTH,
            )
        )
    for t in found:
        out.append("")
        out.append(one_line(t.name, WIDTH))
        out.append(wrap(spoken(t, today), WIDTH, "  ") if plain else "  " + t.sparkline)
        out.append(wrap(f"{numbers(t, today)} {sentence(t, today)}", WIDTH, "  "))
        said = range_sentence(t)
        if said:
            out.append(wrap(said, WIDTH, "  "))
    return "\n".join(out)


def numbers(t: LabTrend, today: date) -> str:
    return ngettext(
        "Latest {latest} ({date}), lowest {lowest}, highest {highest}; {n} value.",
        "Latest {latest} ({date}), lowest {lowest}, highest {highest}; {n} values.",
        t.count,
    ).format(
        latest=with_unit(t.latest, t.unit),
        date=when(t.last_day, today),
        lowest=number_words(t.lowest),
        highest=number_words(t.highest),
        n=t.count,
    )


def sentence(t: LabTrend, today: date | None = None) -> str:
    """How a lab went, from its first value shown to its latest, worded with care: "CA 15-3 went from
    32 to 48 since 1 September: ask what it means alongside your scans"."""
    today = today or date.today()
    words = {
        "name": one_line(t.name, 40),
        "first": number_words(t.first),
        "latest": number_words(t.latest),
        "date": day_words(t.first_day, today),
    }
    if t.count == 1:
        if t.marker:
            return _("One value so far: ask what it means alongside your scans.")
        return _("One value so far.")
    same = number_words(t.first) == number_words(t.latest)
    if t.marker:
        if same:
            return _("{name} is {latest}, as on {date}: ask what it means alongside your scans.").format(**words)
        return _("{name} went from {first} to {latest} since {date}: ask what it means alongside your scans.").format(
            **words
        )
    if same:
        return _("{name} is {latest}, as on {date}.").format(**words)
    return _("{name} went from {first} to {latest} since {date}.").format(**words)


def range_sentence(t: LabTrend) -> str:
    """The lab's range, when the report gave one, and where the latest value sits (a question to
    ask, never a verdict)."""
    from mbcprep.model.results import Result, range_words

    shown = range_words(Result("-", low=t.low, high=t.high))
    if not shown:
        return ""
    ranged = _("The lab's range: {range}.").format(range=shown)
    if t.above:
        return _("{range} The latest is above it: one to ask about.").format(range=ranged)
    if t.below:
        return _("{range} The latest is below it: one to ask about.").format(range=ranged)
    return _("{range} The latest is within it.").format(range=ranged)


def spoken(t: LabTrend, today: date) -> str:
    values = "; ".join(
        _("{date}: {value}").format(date=when(d, today, short=True), value=number_words(v)) for d, v in t.recent
    )
    if t.count > len(t.recent):
        return ngettext("The last {n} value: {values}.", "The last {n} values: {values}.", len(t.recent)).format(
            n=len(t.recent), values=values
        )
    return _("Values: {values}.").format(values=values)


def lab_trends_json(
    found: Sequence[LabTrend], points: dict[str, list[tuple[str, float]]], today: date | None = None
) -> list[dict[str, Any]]:
    return [
        {
            "lab": t.lab_id,
            "name": t.name,
            "unit": t.unit,
            "marker": t.marker,
            "latest": t.latest,
            "lowest": t.lowest,
            "highest": t.highest,
            "low": t.low,
            "high": t.high,
            "first_day": t.first_day.isoformat(),
            "last_day": t.last_day.isoformat(),
            "values": t.count,
            "sentence": sentence(t, today),
            "range": range_sentence(t),
            "points": [{"day": d, "value": v} for d, v in points.get(t.key, [])],
        }
        for t in found
    ]


def with_unit(value: float, unit: str) -> str:
    return " ".join(x for x in (number_words(value), unit) if x)


def when(day: date, today: date, *, short: bool = False) -> str:
    if short or day.year == today.year:
        return day_and_month(day)
    return long_date(day)
