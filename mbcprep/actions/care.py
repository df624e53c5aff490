"""My care: the treatment history, the medicines taken now and the care team (`mbcprep treatments`,
`meds`, `team`).

Plain functions: they take plain values, return records and never print. Each record is made from
the words a person gave (on the command line or in a form) by one `read_*` function, so both ways
check the same things and say the same sentence when something cannot be used. The sentences name
the option, never repeat what was typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.inputs import clean_text, parse_month
from mbcprep.model.care import STOP_REASONS, TREATMENT_KINDS, Medicine, TeamMember, Treatment
from mbcprep.model.record import to_record
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

    @property
    def one(self) -> str:
        """What one of its records is called (marked for translation)."""
        return BY_KEY[self.key].label


TREATMENTS = CareList("treatments", "treatments")
MEDICINES = CareList("medicines", "meds")
TEAM = CareList("care_team", "team")
CARE_LISTS = {c.key: c for c in (TREATMENTS, MEDICINES, TEAM)}


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
    return _pick(text, TREATMENT_KINDS, option) or "other"


def parse_stop_reason(text: str, option: str = "--why-stopped") -> str:
    return _pick(text, STOP_REASONS, option)


def _text(given: Given, name: str, old: str, option: str, *, required: bool = False) -> str:
    value = given.get(name)
    text = old if value is None else clean_text(str(value))
    if required and not text:
        raise UsageError(_("{option} needs some words.").format(option=option))
    return text


def _month(given: Given, name: str, old: str, option: str, today: date | None) -> str:
    value = given.get(name)
    if value is None:
        return old
    return parse_month(str(value), today, what=_("The {option} given").format(option=option))


def read_treatment(given: Given, old: Treatment | None = None, today: date | None = None) -> Treatment:
    """A treatment from the words given for `what`, `kind`, `started`, `stopped`, `why_stopped` and
    `how_it_went` (a field not given keeps the old value). A reason without a stop month means it
    stopped, the month not known."""
    base = old or Treatment(uuid=str(uuid.uuid4()), what="")
    kind = base.kind if given.get("kind") is None else parse_kind(str(given["kind"]))
    why = base.why_stopped if given.get("why_stopped") is None else parse_stop_reason(str(given["why_stopped"]))
    made = replace(
        base,
        what=_text(given, "what", base.what, "--what", required=True),
        kind=kind,
        started=_month(given, "started", base.started, "--started", today),
        stopped=_month(given, "stopped", base.stopped, "--stopped", today),
        why_stopped=why,
        how_it_went=_text(given, "how_it_went", base.how_it_went, "--how"),
    )
    if made.started and made.stopped and made.stopped[:7] < made.started[:7]:
        raise UsageError(_("The month it stopped is before the month it started."))
    return made


def read_medicine(given: Given, old: Medicine | None = None, today: date | None = None) -> Medicine:
    base = old or Medicine(uuid=str(uuid.uuid4()), name="")
    return replace(
        base,
        name=_text(given, "name", base.name, "--name", required=True),
        dose=_text(given, "dose", base.dose, "--dose"),
        how_often=_text(given, "how_often", base.how_often, "--how-often"),
        what_for=_text(given, "what_for", base.what_for, "--what-for"),
        since=_month(given, "since", base.since, "--since", today),
    )


def read_team_member(given: Given, old: TeamMember | None = None) -> TeamMember:
    base = old or TeamMember(uuid=str(uuid.uuid4()), name="")
    after = given.get("after_hours")
    if after and not (given.get("name") or base.name):  # a line to call needs no person's name
        given = {**given, "name": _("After-hours line")}
    return replace(
        base,
        name=_text(given, "name", base.name, "--name", required=True),
        role=_text(given, "role", base.role, "--role"),
        place=_text(given, "place", base.place, "--place"),
        phone=_text(given, "phone", base.phone, "--phone"),
        after_hours=base.after_hours if after is None else bool(after),
    )


def read_record(care: CareList, given: Given, old: Any = None, today: date | None = None) -> Any:
    if care is TREATMENTS:
        return read_treatment(given, old, today)
    if care is MEDICINES:
        return read_medicine(given, old, today)
    return read_team_member(given, old)


# --- the lists ----------------------------------------------------------------------------------------


def ordered(care: CareList, records: list[Any]) -> list[Any]:
    """Treatments from the first to the latest (those with no start month last, in the order added);
    medicines and the care team in the order they were added."""
    if care is TREATMENTS:
        return sorted(records, key=lambda t: (not t.started, t.started[:7], t.id or 0))
    return sorted(records, key=lambda r: r.id or 0)


def listed(settings: Settings, care: CareList) -> list[Any]:
    with settings.open_store() as store:
        return ordered(care, store.records(care.key).all())


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
