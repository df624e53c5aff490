"""My care: the treatment history, the medicines taken now and the care team (`mbcprep treatments`,
`meds`, `team`).

Plain functions: they take plain values, return records and never print. Each record is made from
the words a person gave (on the command line or in a form) by one function, `read_record`, that walks
the record's declaration (`mbcprep.model.care`), so both ways check the same things and say the same
sentence when something cannot be used. The sentences name the option, never repeat what was typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, replace
from datetime import date
from typing import Any

from mbcprep.errors import UsageError
from mbcprep.i18n import N_, _
from mbcprep.inputs import clean_text, parse_date, parse_month
from mbcprep.model.care import AFTER_HOURS_LINE, STOP_REASONS, TREATMENT_KINDS, TeamMember
from mbcprep.model.record import MAX_NUMBER, Declared, declared, to_record
from mbcprep.model.registry import BY_KEY
from mbcprep.settings import Settings

# What a person gave for each field: text, or None when it was not given (an edit keeps the old value).
Given = Mapping[str, Any]


@dataclass(frozen=True)
class CareList:
    """One of the three lists: its key in the store and the backup (see `mbcprep.model.registry`)
    and the command that looks after it."""

    key: str
    command: str
    empty: str  # what the list says when it is empty (marked for translation)
    recent_days: int = 0  # `list` shows the records of these last days unless asked (`--all`, `--since`); 0: all

    @property
    def one(self) -> str:
        """What one of its records is called (marked for translation)."""
        return BY_KEY[self.key].label

    @property
    def cls(self) -> type:
        """Its record type, whose declaration says everything else (`mbcprep.model.record`)."""
        return BY_KEY[self.key].cls


TREATMENTS = CareList("treatments", "treatments", N_("No treatments yet. Add one with: mbcprep treatments add"))
MEDICINES = CareList("medicines", "meds", N_("No medicines yet. Add one with: mbcprep meds add"))
TEAM = CareList("care_team", "team", N_("No one in your care team yet. Add someone with: mbcprep team add"))
RESULTS = CareList(
    "results", "results", N_("No results yet. Add a scan or a lab value with: mbcprep results add"), recent_days=365
)
CARE_LISTS = {c.key: c for c in (TREATMENTS, MEDICINES, TEAM, RESULTS)}


# --- reading what a person gave ---------------------------------------------------------------------


def _pick(text: str, table: Mapping[str, str], option: str) -> str:
    """An id of `table` from its id, its words (in English or the chosen language), or the first
    letters that tell one apart ("chemo", "adc", "side")."""
    folded = " ".join(text.casefold().split())
    if not folded:
        return ""
    names = {key: {key, table[key].casefold(), _(table[key]).casefold()} for key in table}
    exact = [key for key, words in names.items() if folded in words]
    if exact:
        return exact[0]
    starts = [key for key, words in names.items() if any(w.startswith(folded) for w in words)]
    if len(starts) == 1:
        return starts[0]
    raise UsageError(_("{option} takes one of: {choices}.").format(option=option, choices=", ".join(table)))


def parse_kind(text: str, option: str = "--kind") -> str:
    return _pick_several(text, TREATMENT_KINDS, option) or "other"


def _pick_several(text: str, table: Mapping[str, str], option: str) -> str:
    """Ids of `table` from words separated by commas or "+" ("hormone, targeted"), joined by commas
    in the table's order ("" when none is given)."""
    picked = {_pick(part, table, option) for part in text.replace("+", ",").split(",")}
    return ",".join(key for key in table if key in picked)


def parse_number(text: str, option: str) -> float | None:
    """A measured value as people write it: 48, 4.5, or 4,5 as Spanish reports write it (None when
    blank); one sentence naming the option when it is not a number."""
    import math

    word = text.strip().replace(" ", "")
    if not word:
        return None
    if word.count(",") == 1 and "." not in word:
        word = word.replace(",", ".")
    try:
        number = float(word)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or abs(number) >= MAX_NUMBER or not word.isascii():
        raise UsageError(_("{option} takes a number, like 48 or 4.5.").format(option=option))
    return number


def parse_stop_reason(text: str, option: str = "--why-stopped") -> str:
    return _pick(text, STOP_REASONS, option)


def option_name(d: Declared) -> str:
    """The option a message names ("--after-hours" of "--after-hours/--not-after-hours")."""
    return d.spec.option.split("/")[0]


def given_fields(cls: type) -> tuple[Declared, ...]:
    """The fields a person gives, with an option or in the form, in their order."""
    return tuple(d for d in declared(cls) if d.spec.option or d.spec.prompt)


def read_value(d: Declared, value: Any, today: date | None = None) -> Any:
    """One field's value from what a person gave for it (never None), read as its kind says."""
    s, option = d.spec, option_name(d)
    if s.kind == "flag":
        return bool(value)
    if s.kind == "month":
        return parse_month(str(value), today, what=_("The {option} given").format(option=option))
    if s.kind == "choice":
        blank = "" if "" in s.choices else d.default
        return _pick(str(value), s.words or {c: c for c in s.choices if c}, option) or blank
    if s.kind == "choices":
        return _pick_several(str(value), s.words, option) or d.default
    if s.kind == "number":
        return parse_number(str(value), option)
    if s.kind == "date":
        what = _("The {option} given").format(option=option)
        return parse_date(str(value), today, what=what, past=_(s.past) if s.past else "")
    text = clean_text(str(value))
    if s.required and not text:
        raise UsageError(_("{option} needs some words.").format(option=option))
    return text


def new_record(cls: type) -> Any:
    """An empty record with a new uuid: what `add` fills in."""
    blank = {f.name: "" for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    return cls(**{**blank, "uuid": str(uuid.uuid4())})


def read_record(care: CareList, given: Given, old: Any = None, today: date | None = None) -> Any:
    """A record from the words given for its fields, by attribute name (a field not given, or None,
    keeps the old value), each read as its declaration says, then held to the record's own rule
    (`problem`: a treatment that stopped before it started). Every sentence names the option, never
    repeats what was typed."""
    base = old or new_record(care.cls)
    if care.cls is TeamMember and given.get("after_hours") and not (given.get("name") or base.name):
        given = {**given, "name": _(AFTER_HOURS_LINE)}  # a line to call needs no person's name
    changed = {}
    for d in given_fields(care.cls):
        value = given.get(d.name)
        if value is not None:
            changed[d.name] = read_value(d, value, today)
        elif d.spec.required and not str(getattr(base, d.name)).strip():
            if d.spec.kind == "date":
                raise UsageError(_("{option} needs a date, like 2026-09-01.").format(option=option_name(d)))
            raise UsageError(_("{option} needs some words.").format(option=option_name(d)))
    made = replace(base, **changed)
    if care is RESULTS:
        from mbcprep.actions.results import name_lab

        made = name_lab(made, unit_given=given.get("unit") is not None)
    problem = made.problem() if hasattr(made, "problem") else ""
    if problem:
        raise UsageError(problem)
    return made


# --- the lists ----------------------------------------------------------------------------------------


def ordered(care: CareList, records: list[Any]) -> list[Any]:
    """Treatments from the first to the latest (those with no start month last, in the order added);
    results by their day; medicines and the care team in the order they were added."""
    if care is TREATMENTS:
        return sorted(records, key=lambda t: (not t.started, t.started[:7], t.id or 0))
    if care is RESULTS:
        return sorted(records, key=lambda r: (r.day, r.id or 0))
    return sorted(records, key=lambda r: r.id or 0)


def listed(
    settings: Settings, care: CareList, since: str | None = None, *, every: bool = False, today: date | None = None
) -> tuple[list[Any], int]:
    """The records `list` shows, and how many earlier ones it leaves out: all of them, or for a list
    with `recent_days` (years of monthly results), those of its last days, or from `since` on."""
    with settings.open_store() as store:
        table = store.records(care.key)
        if not care.recent_days or (every and since is None):
            return ordered(care, table.all()), 0
        if every:
            raise UsageError(_("Give --since or --all, not both."))
        from datetime import timedelta

        if since is not None:
            start = parse_date(since, today, what=_("The --since given"))
        else:
            start = ((today or date.today()) - timedelta(days=care.recent_days - 1)).isoformat()
        hidden = store.read(f"SELECT COUNT(*) FROM {table.table} WHERE day < ?", (start,), plain=True)[0][0]
        return ordered(care, table.all("WHERE day >= ?", (start,))), int(hidden)


def in_language(care: CareList, records: list[Any]) -> list[Any]:
    """Records as a list shows them in the language in use (a result's lab from the list under the
    list's name); `--json` keeps them as they were kept."""
    if care is RESULTS:
        from mbcprep.actions.results import in_language as results_in_language

        return results_in_language(records)
    return records


def find(settings: Settings, care: CareList, number: str) -> Any:
    with settings.open_store() as store:
        return _find_in(store, care, number)


def _find_in(store: Any, care: CareList, number: str) -> Any:
    text = number.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise UsageError(_("Give the number shown by 'mbcprep {command} list'.").format(command=care.command))
    found = store.records(care.key).all("WHERE id = ?", (int(text),))
    if not found:
        raise UsageError(
            _("There is no {what} with that number. 'mbcprep {command} list' shows the numbers.").format(
                what=_(care.one), command=care.command
            )
        )
    return found[0]


def save(settings: Settings, care: CareList, record: Any) -> Any:
    with settings.open_store() as store:
        return store.records(care.key).save(record)


def remove(settings: Settings, care: CareList, record: Any) -> None:
    with settings.open_store() as store:
        store.records(care.key).delete(record.id)


def as_json(records: list[Any]) -> list[dict[str, Any]]:
    """What `list --json` prints: each record as the backup holds it, with the number people type."""
    return [{"number": r.id, **to_record(r)} for r in records]
