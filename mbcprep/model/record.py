"""A record's fields, declared once.

Each field of a record dataclass carries a `Spec`: what kind of value it holds (and so how it is
checked and how what a person typed is read), its name in a JSON backup and its column in SQLite; and,
for the records a person keeps by hand (my care), how a person gives it (its option, its question and
hint in the form) and where it shows (the list line, the sheet's column). The backup writer and reader
(`to_record`, `from_record`), the store (`mbcprep.storage.rows`), the commands, the form, the list and
the sheet tables (`mbcprep.actions.care`, `mbcprep.cli.care`, `mbcprep.forms.care`,
`mbcprep.cli.care_views`, `mbcprep.sheets.care_tables`) walk these declarations, so adding a field is
a line in the model, a migration and the catalogue, and nothing else by hand.

Words a person reads (labels, help, questions, hints, line words) are marked with `N_()` where they are
declared, and translated with `_()` where they are shown.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from mbcprep.errors import UsageError
from mbcprep.i18n import N_, _, pgettext
from mbcprep.text import ID_PATTERN

SPEC = "mbcprep"
# One set of limits, held on the way in (options, the interview, edit, debrief, the diary and the
# forms: `over_limit` at every save) as on the way out (a backup's reader): what mbcprep writes, it reads.
MAX_TEXT = 200_000  # characters in one field: a long note is a few thousand
MAX_COUNT = 2**31  # a count (how many visits a question waited)
SCORE_MIN, SCORE_MAX = 0, 10
MAX_NUMBER = 1e12  # a measured value (a lab's result or range): far beyond any
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")  # a time of day, 24-hour: 09:05, 14:30
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")
# A record's own id: what mbcprep writes is a UUID; anything else must still look like an id, and never
# like a visit number or `latest`, which `show 3` and `show latest` would read as something else.
UUID_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


@dataclass(frozen=True)
class Spec:
    """How one field is checked and named.

    kind: "text", "id", "uuid", "date", "month" (2024-03, or a whole date), "birth" (a year, 1968, or a
    whole date), "moment", "clock" (14:30), "score", "rank", "choice", "choices" (one or more of the
    choices: kept as their ids joined by commas, in a backup as a list), "number" (a measured value, or
    None), "count", "flag" (true or false) or "list".
    """

    kind: str
    key: str = ""  # its name in a backup ("" = the attribute's name)
    column: str = ""  # its column in SQLite ("" = the attribute's name)
    required: bool = False  # text: must not be blank; id: must be there
    nullable: bool = False  # id: may be null
    choices: tuple[str, ...] = ()
    item: Any = None  # list: the record type of each item
    label: str = ""  # list: what one item is called in a message ("question")
    table: str = ""  # list: the table its items are kept in
    local: bool = False  # this computer's bookkeeping: never in a backup (nor in `list --json`)
    stored: bool = True  # kept in SQLite
    # How a person gives it (the kind says how what was typed is read: text, month, choice or flag).
    option: str = ""  # its option in add and edit ("--how-often"; a flag names both: "--a/--not-a"); "" = none
    metavar: str = ""  # what the option takes, in --help ("TEXT", "MONTH"; N_ marked)
    help: str = ""  # the option's help (N_ marked)
    prompt: str = ""  # its question in the form (N_ marked); "" = the form does not ask it
    hint: str = ""  # a line under the question (N_ marked)
    past: str = ""  # date: a day that has come ("nov 20" is the latest); the sentence for a later one (N_)
    repeat: bool = False  # its option may be given more than once (each one an item, joined by "; ")
    words: Any = field(default=None, compare=False)  # choice: {id: N_(words)}; text: answers offered
    # Where it shows.
    listed: str = ""  # the list: "head", "first" (joined on the first line) or a line's words (N_ marked,
    # one placeholder for the value: "For: {what}"); a flag's line shows when it is true
    sheet: str = ""  # its column's heading in a sheet's table (N_ marked); fields with one heading share a cell
    sheet_rank: int = 0  # columns in this order, then in the order declared
    shown: Any = field(default=None, compare=False)  # (record, "list" or "sheet") -> words, for a rule of its own


def spec(kind: str, **options: Any) -> dict[str, Spec]:
    """Field metadata: `field(default=..., metadata=spec("date", key="date"))`."""
    return {SPEC: Spec(kind, **options)}


TEXT, MONTH, NUMBER = N_("TEXT"), N_("MONTH"), N_("NUMBER")  # what an option takes, in --help


def text_field(*, required: bool = False, **declared: Any) -> Any:
    """A field of words a person gives (its option takes TEXT); "" until given unless `required`."""
    metadata = spec("text", required=required, metavar=TEXT, **declared)
    return field(metadata=metadata) if required else field(default="", metadata=metadata)


def choice_field(words: dict[str, str], *, default: str = "", **declared: Any) -> Any:
    """One of `words`' ids (their words, marked with N_, say what each is); "" (not given) is one too
    when it is the default."""
    choices = ("", *words) if default == "" else tuple(words)
    return field(default=default, metadata=spec("choice", choices=choices, words=words, **declared))


def number_field(**declared: Any) -> Any:
    """A measured value a person gives (48, 4.5); None until given."""
    return field(default=None, metadata=spec("number", metavar=NUMBER, **declared))


def month_field(**declared: Any) -> Any:
    """A month a person gives (2024-03, March 2024...); "" until given."""
    return field(default="", metadata=spec("month", metavar=MONTH, **declared))


@dataclass(frozen=True)
class Declared:
    """One field of a record as declared: its attribute, its `Spec` and its default."""

    name: str  # the attribute
    spec: Spec
    default: Any = None  # the attribute's default (None when it has none)

    @property
    def key(self) -> str:
        return self.spec.key or self.name

    @property
    def column(self) -> str:
        return self.spec.column or self.name


_DECLARED: dict[type, tuple[Declared, ...]] = {}


def declared(cls: type) -> tuple[Declared, ...]:
    """The declared fields of a record class, in their order."""
    found = _DECLARED.get(cls)
    if found is None:
        found = tuple(
            Declared(f.name, f.metadata[SPEC], None if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls)
            if SPEC in f.metadata
        )
        _DECLARED[cls] = found
    return found


_EXPORTED: dict[type, tuple[Declared, ...]] = {}
_PLANS: dict[type, tuple[tuple[str, str, Any], ...]] = {}


def exported(cls: type) -> tuple[Declared, ...]:
    found = _EXPORTED.get(cls)
    if found is None:
        found = _EXPORTED[cls] = tuple(d for d in declared(cls) if not d.spec.local)
    return found


def _plan(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, backup name, item type of a list, False for several choices, else None) for each
    exported field: worked out once."""
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = tuple(
            (d.name, d.key, d.spec.item if d.spec.kind == "list" else (False if d.spec.kind == "choices" else None))
            for d in exported(cls)
        )
    return found


# --- where a field shows: the list, a sheet's table --------------------------------------------------


def words_of(record: Any, d: Declared, surface: str) -> str:
    """A field's value as a person reads it on `surface` ("list" or "sheet"): a choice in its words,
    a month as "March 2024" (on a sheet "2024-03"), a flag as its line's words when it is true ("" when
    false), text as it is; or what the field's own rule (`shown`) says."""
    s = d.spec
    if s.shown is not None:
        return str(s.shown(record, surface))
    value = getattr(record, d.name)
    if s.kind == "flag":
        return _(s.listed) if value and s.listed not in ("", "head", "first") else ""
    if s.kind == "choice" and s.words:
        return _(s.words[value]) if value in s.words else str(value)
    if s.kind == "choices" and s.words:
        return ", ".join(_(s.words[v]) if v in s.words else v for v in str(value).split(",") if v)
    if s.kind == "number":
        return number_words(value)
    if s.kind == "date" and value and surface == "list":
        from mbcprep.i18n import long_date

        return long_date(date.fromisoformat(value))
    if s.kind == "month":
        if surface == "sheet":  # YYYY-MM keeps a sheet's column narrow (as the treatment history has it)
            return str(value)[:7]
        from mbcprep.dates import month_words

        return month_words(value)
    return str(value)


class _Value(dict[str, str]):
    """The one placeholder of a line's words, whatever it is called ("For: {what}")."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def __missing__(self, key: str) -> str:
        return self.value


def list_lines(record: Any) -> tuple[str, list[str]]:
    """A record as the list shows it: its head (the name), then its lines: the "first" fields joined
    on one line, then a line for each other listed field that has something (blank lines dropped)."""
    head, first, lines = "", [], []
    for d in declared(type(record)):
        where = d.spec.listed
        if not where:
            continue
        words = words_of(record, d, "list")
        if where == "head":
            head = words
        elif where == "first":
            first.append(words)
        elif d.spec.kind == "flag":
            lines.append(words)
        elif words.strip():
            lines.append(_(where).format_map(_Value(words)))
    return head, [", ".join(x for x in first if x.strip()), *lines]


def sheet_columns(cls: type) -> list[tuple[str, tuple[Declared, ...]]]:
    """A record's table on a sheet: each heading (marked for translation) with the fields in its cell,
    by `sheet_rank`, then in the order declared."""
    columns: dict[str, list[Declared]] = {}
    for d in sorted((d for d in declared(cls) if d.spec.sheet), key=lambda d: d.spec.sheet_rank):
        columns.setdefault(d.spec.sheet, []).append(d)
    return [(heading, tuple(fields)) for heading, fields in columns.items()]


def sheet_cells(record: Any) -> list[str]:
    """A record's row on a sheet, a cell for each column: one field's words as they are, several
    fields' words joined by "; " (the blank ones left out)."""
    cells = []
    for _heading, fields in sheet_columns(type(record)):
        words = [words_of(record, d, "sheet") for d in fields]
        cells.append(words[0] if len(words) == 1 else "; ".join(w.strip() for w in words if w.strip()))
    return cells


def number_words(value: Any) -> str:
    """A measured value as people write it: 48, 4.5, 0.02 ("" when there is none); never 48.0; with
    the language's decimal mark (the catalogue's, as a score's average has it)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, (int, float)):
        return str(value)
    return f"{float(value):.6g}".replace(".", pgettext("the decimal mark, as in 6.5", "."))


def to_record(obj: Any) -> dict[str, Any]:
    """The record as a backup holds it: plain JSON values under their backup names (several choices
    as a list of their ids)."""
    out = {}
    for name, key, item in _plan(type(obj)):
        value = getattr(obj, name)
        if item is False:
            out[key] = [x for x in value.split(",") if x]
        elif item is not None:
            out[key] = [to_record(x) for x in value]
        else:
            out[key] = value
    return out


def from_record(cls: type, data: Any, where: str) -> Any:
    """A record read back from a backup, every field checked; one plain sentence when one is wrong.
    The sentences name the field, never repeat its value (which may be private)."""
    if not isinstance(data, dict):
        raise UsageError(_("{where} is not laid out as mbcprep writes it.").format(where=where))
    values = {}
    for d in exported(cls):
        values[d.name] = _checked(d, data.get(d.key), d.key in data, where)
    return cls(**values)


def _checked(d: Declared, value: Any, present: bool, where: str) -> Any:
    s, key = d.spec, d.key
    if s.kind == "list":
        if not present or value is None:
            return []
        if not isinstance(value, list):
            raise UsageError(_("{where} has a '{key}' that is not a list.").format(where=where, key=key))
        return [
            from_record(s.item, item, _("{where}, {item} {n}").format(where=where, item=_(s.label), n=n))
            for n, item in enumerate(value, 1)
        ]
    if s.kind == "score":
        if value is not None and not _whole(value, SCORE_MIN, SCORE_MAX):
            raise UsageError(_("{where} has a score outside 0-10.").format(where=where))
        return value
    if s.kind == "rank":
        if value is not None and not _whole(value, 1, 3):
            raise UsageError(_("{where} has a '{key}' that is not 1, 2, 3 or null.").format(where=where, key=key))
        return value
    if s.kind == "flag":
        if value is None and not present:
            return False
        if not isinstance(value, bool):
            raise UsageError(_("{where} has a '{key}' that is not true or false.").format(where=where, key=key))
        return value
    if s.kind == "number":
        if value is None:
            return None
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not abs(value) < MAX_NUMBER:
            raise UsageError(_("{where} has a '{key}' that is not a number.").format(where=where, key=key))
        return float(value)
    if s.kind == "choices":
        return _choices(s, value, key, where, d.default or "")
    if s.kind == "count":
        if value is None and not present:
            return 0  # written before the field existed
        if not _whole(value, 0, MAX_COUNT):
            raise UsageError(_("{where} has a '{key}' that is not a count.").format(where=where, key=key))
        return value
    if value is None and (s.nullable or not s.required):
        return None if s.nullable else ""
    required = s.required or s.kind in ("id", "uuid") or (s.kind == "choice" and "" not in s.choices)
    text = _text(value, key, where, required=required)
    if s.kind == "id" and not ID_PATTERN.fullmatch(text):
        raise UsageError(_("{where} has a '{key}' that is not an id.").format(where=where, key=key))
    if s.kind == "uuid" and (not UUID_LIKE.fullmatch(text) or text.isdigit() or text.lower() == "latest"):
        raise UsageError(_("{where} has a uuid that is not one mbcprep could have made.").format(where=where))
    if s.kind == "choice" and text not in s.choices:
        raise UsageError(_("{where} has an unknown '{key}'.").format(where=where, key=key))
    if s.kind == "date" and text and not is_iso_date(text):
        raise UsageError(_("{where} has a date that is not YYYY-MM-DD.").format(where=where))
    if s.kind == "birth" and text and not is_birth(text):
        raise UsageError(_("{where} has a '{key}' that is not a year or YYYY-MM-DD.").format(where=where, key=key))
    if s.kind == "month" and text and not is_month(text):
        raise UsageError(_("{where} has a '{key}' that is not YYYY-MM.").format(where=where, key=key))
    if s.kind == "clock" and text and not CLOCK.fullmatch(text):
        raise UsageError(_("{where} has a '{key}' that is not a time like 14:30.").format(where=where, key=key))
    if s.kind == "moment" and text and not is_moment(text):
        raise UsageError(_("{where} has a '{key}' that is not a date and time.").format(where=where, key=key))
    if s.kind in ("date", "month", "moment", "birth") and text and not _in_reach(text[:10]):
        from mbcprep.dates import reach_sentence

        raise UsageError(
            _("{where} has a '{key}' too far off: {reach}").format(where=where, key=key, reach=reach_sentence())
        )
    if s.kind == "step" and text and not ID_PATTERN.fullmatch(text):
        raise UsageError(_("{where} has a '{key}' that is not an id.").format(where=where, key=key))
    return text


def _choices(s: Spec, value: Any, key: str, where: str, default: str) -> str:
    """One or more of the choices, as their ids joined by commas in the declared order: a list, or
    one id alone (as a backup wrote it before a field took several)."""
    if value is None:
        return default
    given = [value] if isinstance(value, str) else value
    if not isinstance(given, list) or not all(isinstance(x, str) and x in s.choices for x in given):
        raise UsageError(_("{where} has an unknown '{key}'.").format(where=where, key=key))
    return ",".join(c for c in s.choices if c in given)


def over_limit(obj: Any) -> tuple[str, str]:
    """The backup name and kind of the first field of a record (or of one of its list items) that is
    beyond the limits a backup is read with; ("", "") when none is."""
    for d in exported(type(obj)):
        value = getattr(obj, d.name)
        if d.spec.kind == "list":
            found = next((key for key in map(over_limit, value) if key[0]), ("", ""))
            if found[0]:
                return found
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            return d.key, "text"
        elif d.spec.kind == "count" and isinstance(value, int) and value > MAX_COUNT:
            return d.key, "count"
    return "", ""


def check_limits(obj: Any) -> None:
    """Refuse, before anything is saved, a record that mbcprep could not read back from its own backup."""
    key, kind = over_limit(obj)
    if kind == "text":
        raise UsageError(
            _(
                "The '{key}' is longer than mbcprep can keep ({limit} characters), so nothing was saved."
                " Please shorten it."
            ).format(key=key, limit=f"{MAX_TEXT:,}")
        )
    if kind == "count":
        raise UsageError(_("The '{key}' is larger than mbcprep can keep, so nothing was saved.").format(key=key))


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _text(value: Any, key: str, where: str, *, required: bool) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        raise UsageError(_("{where} is missing '{key}' or it is not text.").format(where=where, key=key))
    if len(value) > MAX_TEXT:
        raise UsageError(
            _("{where} has a '{key}' far longer than anything mbcprep writes.").format(where=where, key=key)
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(_("{where} has a '{key}' that is not valid text.").format(where=where, key=key)) from None
    return value


def is_iso_date(text: str) -> bool:
    """YYYY-MM-DD and a real day; never a week date (2027-W01-1) or the other forms Python also reads."""
    if not ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _in_reach(text: str) -> bool:
    from mbcprep.dates import FIRST_DAY, LAST_DAY

    return FIRST_DAY.isoformat()[: len(text)] <= text <= LAST_DAY.isoformat()[: len(text)]


def is_month(text: str) -> bool:
    """YYYY-MM (a month is precise enough for when a treatment started), a whole YYYY-MM-DD, or a year
    alone, YYYY (when that is all a person knows: backups from version 4)."""
    return bool(ISO_MONTH.fullmatch(text) or re.fullmatch(r"\d{4}", text)) or is_iso_date(text)


def is_birth(text: str) -> bool:
    """A year of birth (1968) or a whole date of birth (1968-04-12)."""
    return bool(re.fullmatch(r"\d{4}", text)) or is_iso_date(text)


def is_moment(text: str) -> bool:
    if not ISO_MOMENT.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
