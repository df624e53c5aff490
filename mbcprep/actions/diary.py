"""The symptom diary without prompts: `diary --no-input`, `diary list`, and what the interactive diary
(`mbcprep.interview.diary`) saves through. Plain functions: they take plain values and never print."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mbcprep.errors import UsageError
from mbcprep.i18n import N_, _, long_date
from mbcprep.inputs import clean_text, parse_date
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.trends import Chart, Series, Trend, series_from_rows
from mbcprep.model.visit import OTHER_SYMPTOM, own_symptom_key, symptom_id
from mbcprep.storage.store import Store

if TYPE_CHECKING:
    from mbcprep.model.content import Content


DAYS_COME = N_("The diary is for days that have come: give today or an earlier day.")


@dataclass
class SavedDay:
    """The scores a diary day added and replaced."""

    day: str
    added: list[DiaryEntry] = field(default_factory=list)
    replaced: list[DiaryEntry] = field(default_factory=list)


def entries_from_options(
    content: Content, *, when: str | None, symptoms: Sequence[str], note: str, today: date | None = None
) -> list[DiaryEntry]:
    """Diary entries for one day from `--symptom ID=N` (or `other:NAME=N`) and `--note`."""
    from mbcprep.actions.visits import parse_symptoms

    day = parse_date(when or "today", today, what=_("The --date given"), past=_(DAYS_COME))
    if not symptoms:
        raise UsageError(_("Give at least one score, for example: --symptom tiredness=4"))
    scores = parse_symptoms(content, symptoms)
    keys = [DiaryEntry("-", day, s.symptom_id, s.name).key for s in scores]
    if len(set(keys)) != len(keys):
        raise UsageError(_("Each symptom can be scored once a day; one is given twice."))
    return [new_entry(day, s.symptom_id, s.name, s.score, clean_text(note)) for s in scores]


def new_entry(day: str, symptom_id: str, name: str, score: int | None, note: str = "") -> DiaryEntry:
    return DiaryEntry(str(uuid.uuid4()), day, symptom_id, name, score, note)


def already_noted(store: Store, day: str, keys: Sequence[str]) -> dict[str, DiaryEntry]:
    """The entries already kept for `day`, by symptom key, among `keys`."""
    found = store.diary.all("WHERE day = ?", (day,))
    return {e.key: e for e in found if e.key in keys}


def save_day(store: Store, entries: Sequence[DiaryEntry], *, replace: bool) -> SavedDay:
    """Keep a day's scores in one transaction. A symptom already scored that day is changed only with
    `replace`; otherwise nothing at all is saved and the sentence says how to change it."""
    if not entries:
        return SavedDay("")
    day = entries[0].day
    before = already_noted(store, day, [e.key for e in entries])
    if before and not replace:
        names = ", ".join(e.name for e in before.values())
        raise UsageError(
            _("You already noted {symptoms} on {day}. Add --replace to change it; nothing was saved.").format(
                symptoms=names, day=long_date(date.fromisoformat(day))
            )
        )
    saved = SavedDay(day)
    with store.transaction() as db:
        for entry in entries:
            old = before.get(entry.key)
            if old is not None:
                entry.uuid, entry.created_at = old.uuid, old.created_at
                saved.replaced.append(entry)
            else:
                saved.added.append(entry)
            store.diary.save_in(db, entry)
    return saved


def save_one(store: Store, entry: DiaryEntry) -> DiaryEntry:
    """Keep one score at once (the interactive diary keeps each as it is given), changing the one
    already kept for that day and symptom, if any."""
    old = already_noted(store, entry.day, [entry.key]).get(entry.key)
    if old is not None:
        entry.uuid, entry.created_at = old.uuid, old.created_at
    return store.diary.save(entry)


RECENT_DAYS = 30  # what `diary list` shows unless asked for more: today and the 29 days before it


@dataclass(frozen=True)
class DiaryListing:
    """What `diary list` shows: the entries from `start` on (None: every day), and how many earlier
    days hold something that is not shown."""

    entries: list[DiaryEntry]
    start: str | None = None
    hidden_days: int = 0
    asked: bool = False  # the start was given with --since (not the last RECENT_DAYS days)


def in_language(content: Any, items: Iterable[Any]) -> list[Any]:
    """The bank's symptoms named in the language in use (a score kept in English reads "Cansancio"
    under `--lang es`: a family may keep the diary in two languages); the person's own words stay as
    typed. `items` have a `name` and a `symptom_id` or a `key` (diary entries, trends, changes): each is
    renamed in place, or copied when it cannot change (a frozen record); the list of them is returned."""
    from dataclasses import FrozenInstanceError, replace

    out = []
    for item in items:
        sid = getattr(item, "symptom_id", None) or getattr(item, "key", "")
        symptom = content.symptoms.get(sid) if sid != OTHER_SYMPTOM else None
        if symptom is not None and item.name != symptom.name:
            try:
                item.name = symptom.name
            except FrozenInstanceError:
                item = replace(item, name=symptom.name)
        out.append(item)
    return out


def diary_list(store: Store, since: str | None, *, every_day: bool = False, today: date | None = None) -> DiaryListing:
    """`mbcprep diary list`: the last RECENT_DAYS days, the days from `since` on, or `every_day`.
    Years of diary are never all read when a month is asked for."""
    if every_day and since is not None:
        raise UsageError(_("Give --since or --all, not both."))
    if every_day:
        return DiaryListing(store.diary.all(order="day, id"))
    if since is not None:
        start = parse_date(since, today, what=_("The --since given"))
    else:
        start = ((today or date.today()) - timedelta(days=RECENT_DAYS - 1)).isoformat()
    entries = store.diary.all("WHERE day >= ?", (start,), order="day, id")
    return DiaryListing(entries, start, store.diary_days_before(start), asked=since is not None)


def _filters(since: str | None, symptom: str | None, today: date | None) -> tuple[str | None, str | None]:
    """`--since` as an ISO date and `--symptom` as the diary's key for it."""
    day = parse_date(since, today, what=_("The --since given")) if since is not None else None
    key = None
    if symptom is not None:
        key = symptom_id(symptom)
        if key.startswith(f"{OTHER_SYMPTOM}:"):
            key = own_symptom_key(key[len(OTHER_SYMPTOM) + 1 :])
    return day, key


def trends(
    store: Store, since: str | None, symptom: str | None, *, spoken: bool = False, today: date | None = None
) -> tuple[Chart | None, list[Trend]]:
    """Each symptom's trend on one chart, from `since` on, for one symptom if asked."""
    day, key = _filters(since, symptom, today)
    found = store.trends(day, key, spoken=spoken)
    return (None, []) if found is None else found


def trend_series(store: Store, since: str | None, symptom: str | None, today: date | None = None) -> list[Series]:
    """Every score of each symptom, day by day (for --json)."""
    day, key = _filters(since, symptom, today)
    return series_from_rows(store.scores(day, key))
