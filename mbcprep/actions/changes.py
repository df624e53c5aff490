"""What changed since the last visit, from the store: the scores of the visit before, against this
visit's check-in or, where it has none, the average of the diary days just before it. The rule
that says what counts as a change is in `mbcprep.model.changes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mbcprep.dates import shifted
from mbcprep.i18n import _, day_and_month, long_date, pgettext
from mbcprep.model.changes import CLEAR_CHANGE, SAME, Change, Scored, compare
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.visit import Visit
from mbcprep.storage.store import Store

WINDOW_DAYS = 7  # the diary days that stand for "how it has been lately"


@dataclass
class WhatChanged:
    """What changed since the visit before: the scores, and what was not scored again."""

    since: Visit | None = None  # the visit compared with; None when there is none before
    changes: list[Change] = field(default_factory=list)
    damaged: list[int] = field(default_factory=list)  # diary entries read that no longer match their checksum
    not_scored: list[Scored] = field(default_factory=list)  # scored last time, not this time

    @property
    def worth_talking_about(self) -> list[Change]:
        return [c for c in self.changes if c.to_talk_about]


def what_changed(store: Store, visit: Visit, today: date | None = None) -> WhatChanged:
    today = today or date.today()
    day = _day(visit.visit_date) or today
    from mbcprep.model.cycle import last_visit_before

    previous = store.previous_visit(last_visit_before(day, today), visit.uuid)
    if previous is None:
        return WhatChanged()
    then = _day(previous.visit_date)
    assert then is not None
    before = {s.key: Scored(s.key, s.symptom_id, s.name, s.score) for s in previous.symptoms if s.score is not None}
    window = store.diary.all(
        "WHERE day BETWEEN ? AND ?", (shifted(then, 1 - WINDOW_DAYS).isoformat(), then.isoformat()), checked=True
    )
    _add_averages(before, window)
    after = {s.key: Scored(s.key, s.symptom_id, s.name, s.score) for s in visit.symptoms if s.score is not None}
    end = min(day, today)
    start = max(shifted(then, 1), shifted(end, 1 - WINDOW_DAYS))
    lately: list[DiaryEntry] = []
    if start <= end:
        lately = store.diary.all("WHERE day BETWEEN ? AND ?", (start.isoformat(), end.isoformat()), checked=True)
        _add_averages(after, lately)
    damaged = sorted({e.id for e in [*window, *lately] if not e.intact and e.id is not None})
    missing = [b for key, b in before.items() if key not in after]
    return WhatChanged(previous, compare(before, after), damaged=damaged, not_scored=missing)


def _add_averages(scored: dict[str, Scored], entries: Iterable[DiaryEntry]) -> None:
    """The average of the diary's days for each symptom that has no score of its own yet."""
    days: dict[str, list[DiaryEntry]] = {}
    for entry in entries:
        if entry.score is not None and entry.key not in scored:
            days.setdefault(entry.key, []).append(entry)
    for key, found in days.items():
        last = max(found, key=lambda e: e.day)
        mean = sum(e.score or 0 for e in found) / len(found)
        scored[key] = Scored(key, last.symptom_id, last.name, mean, len(found))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- in words ------------------------------------------------------------------------------------


def change_sentences(found: WhatChanged, today: date | None = None) -> list[str]:
    """One sentence for each change of a point or more, or one saying nothing moved that much."""
    if found.since is None or not (found.changes or found.not_scored):
        return []
    then = _day(found.since.visit_date)
    assert then is not None
    when = day_and_month(then) if then.year == (today or date.today()).year else long_date(then)
    moved = [c for c in found.changes if c.size != SAME]
    said = [change_sentence(c, when) for c in moved]
    if found.changes and not moved:
        said = [_("No score moved by a point or more since the visit on {date}.").format(date=when)]
    if found.not_scored:
        listed = ", ".join(f"{s.name} ({score_words(s.score)})" for s in found.not_scored)
        said.append(
            _("Not scored this time: {symptoms}, scored at the visit on {date}.").format(symptoms=listed, date=when)
        )
    return said


def change_sentence(change: Change, when: str) -> str:
    said = _("{symptom} went from {before} to {after} since the visit on {date}").format(
        symptom=change.name, before=score_words(change.before), after=score_words(change.after), date=when
    )
    if change.size == CLEAR_CHANGE and change.worse:
        said = _("{change}: a change to talk about.").format(change=said)
    elif change.size == CLEAR_CHANGE:
        said = _("{change}: better.").format(change=said)
    else:
        said = _("{change}: a small change.").format(change=said)
    if change.crossed:
        said += (
            " "
            + {
                "severe": _("That is in the severe range now (7 to 10)."),
                "moderate": _("That is in the moderate range now (4 to 6)."),
                "mild": _("That is in the mild range now (0 to 3)."),
            }[change.band_after]
        )
    return said


def score_words(score: float) -> str:
    """7, or 6.5 for an average (with the language's decimal mark)."""
    if score == int(score):
        return str(int(score))
    return f"{score:.1f}".replace(".", pgettext("the decimal mark, as in 6.5", "."))
