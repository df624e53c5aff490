"""Side effects by line of treatment (`trends --by-treatment`, and the doctor's sheet's line): each
symptom's average in the weeks before each treatment began and while on it. Plain functions: they
take plain values and never print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mbcprep.model.treatment_trends import TreatmentTrend

if TYPE_CHECKING:
    from mbcprep.model.care import Treatment
    from mbcprep.storage.store import Store


@dataclass
class ByTreatment:
    """The trends around each treatment, and the treatments left out."""

    trends: list[TreatmentTrend] = field(default_factory=list)
    no_start: list[Treatment] = field(default_factory=list)  # left out: no month it started
    any_scores: bool = False


def by_treatment(
    store: Store,
    since: str | None = None,
    symptom: str | None = None,
    today: date | None = None,
    *,
    going_on: bool = False,
) -> ByTreatment:
    """For each treatment, first to latest, each symptom before and while on it (symptom `symptom`
    only, when given; the treatments on from `since` on, when given; with `going_on`, only the
    treatments still going on, the others not worked out at all)."""
    from mbcprep.actions.care import TREATMENTS, ordered
    from mbcprep.actions.diary import _filters

    day, key = _filters(since, symptom, today)
    found = ByTreatment()
    with store.snapshot():
        last = store.last_scored()
        found.any_scores = last is not None
        for t in ordered(TREATMENTS, store.treatments.all()):
            if going_on and not t.current:
                continue
            if not t.started:
                found.no_start.append(t)
                continue
            trend = None if last is None else store.around(t, last, key)
            if trend is None or (day is not None and trend.end.isoformat() < day):
                continue
            found.trends.append(trend)
    return found


def current_lines(store: Store, content: Any = None) -> list[str]:
    """The doctor's sheet's lines: one for each treatment going on now, "Since capecitabine began
    (September 2026): tiredness 4 -> 6, hand-foot soreness new" (none when nothing was scored before
    it began or since: there is nothing to compare). With `content`, the bank's symptoms are named in
    the language in use."""
    from mbcprep.actions.diary import in_language
    from mbcprep.model.treatment_trends import treatment_line

    going_on = [
        t
        for t in by_treatment(store, going_on=True).trends
        if t.treatment.current and t.changes and t.changes[0].known_before  # something to compare with
    ]
    if content is not None:
        in_language(content, (change for t in going_on for change in t.changes))
    return [treatment_line(t) for t in going_on]
