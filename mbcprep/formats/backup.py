"""The JSON backup: writing it and reading it back, both walking the declarations of `Visit` and of
the records kept beside the visits (`mbcprep.model.registry`: the diary, treatments, medicines and
care team, each a top-level list).

A backup is refused early, before it can cost much time or memory: by its size, by how many objects
and lists it holds, and by any key written twice (JSON would quietly keep the last one). Errors
never echo a person's text. Every older version of the format still reads: `upgrade` turns an old
record into today's before it is checked.

One record that cannot be read (too long, a wrong date, a uuid twice) never blocks the others: it
is left out and named in `Backup.skipped`; a file of which nothing can be read is refused.

Versions: 1 wrote a scale answer of the checklist as the words "7 out of 10"; 2 writes it as a
number (`score`); 3 adds a visit's time and place, the profile, the tumour test results and the places
the cancer has spread to (`profile`, `tumour_results`, `cancer_sites`), and the results (scans and lab
values), and writes a treatment's kinds as a list (`"kind": ["hormone", "targeted"]`; one kind alone,
as 2 wrote it, still reads); 4 lets a month field hold a year alone ("2019", when that is all a
person knows), which a version 3 reader would refuse. Lists and fields added since version 2 began
are optional, so a file without them still reads (as empty lists and blank fields).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mbcprep.errors import UsageError
from mbcprep.i18n import _, ordinal
from mbcprep.model.record import from_record, to_record
from mbcprep.model.registry import RECORD_LISTS
from mbcprep.model.visit import Visit
from mbcprep.text import json_safe, json_text

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

FORMAT_NAME = "mbcprep"
FORMAT_VERSION = 4
MAX_IMPORT_BYTES = 100_000_000
MAX_OBJECTS = 2_000_000  # years of visits are a few thousand objects; this bounds memory on hostile files
MAX_CONTAINERS = 4_000_000  # objects and lists together, counted before anything is parsed
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALE_WORDS = re.compile(r"(\d{1,2}) out of 10")


@dataclass
class Backup:
    visits: list[Visit]
    records: dict[str, list[Any]] = field(default_factory=dict)  # by `RecordList.key`; absent = none
    # A sentence for each record that could not be read (which one and why, never its text): the
    # others are imported all the same.
    skipped: list[str] = field(default_factory=list)

    def of(self, key: str) -> list[Any]:
        return self.records.get(key, [])


# --- writing ---------------------------------------------------------------------------------------


def _head(made_on: date) -> dict[str, Any]:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_on": made_on.isoformat()}


def backup_document(visits: list[Visit], made_on: date, records: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {**_head(made_on), "visits": [to_record(v) for v in visits]}
    for kept in RECORD_LISTS:
        document[kept.key] = [to_record(r) for r in (records or {}).get(kept.key, [])]
    return document


RECORD_INDENT = "    "
RECORD_SEPARATOR = ",\n" + RECORD_INDENT  # between two records of a list, each on its own line


def render_backup(
    visits: list[Visit] | list[str], made_on: date, records: Mapping[str, list[Any] | str] | None = None
) -> str:
    """The document laid out with one record to a line: quick to write for years of visits and diary
    days (Python's fast encoder only works without indentation) and easy to compare line by line.

    `visits` are records or each already its compact JSON line (`Store.visit_json_lines`); each kept
    list in `records` is its records, or their lines already joined by `RECORD_SEPARATOR`
    (`Store.all_records_joined`), made without an object of each."""
    return "".join(backup_pieces(visits, made_on, records))


def backup_pieces(
    visits: list[Visit] | list[str], made_on: date, records: Mapping[str, list[Any] | str] | None = None
) -> list[str]:
    """`render_backup`'s text in pieces, in order: written to a file one after the other, the
    megabytes of a diary are never copied into one text first."""
    pieces = ["{\n", *(f"  {json.dumps(key)}: {json_text(value)},\n" for key, value in _head(made_on).items())]
    lists: list[tuple[str, str]] = [("visits", _joined(visits))]
    for kept in RECORD_LISTS:
        lists.append((kept.key, _joined((records or {}).get(kept.key, []))))
    for n, (key, joined) in enumerate(lists):
        end = "" if n == len(lists) - 1 else ","
        if not joined:
            pieces.append(f"  {json.dumps(key)}: []{end}\n")
            continue
        pieces += [f"  {json.dumps(key)}: [\n", RECORD_INDENT, json_safe(joined), f"\n  ]{end}\n"]
    pieces.append("}\n")
    return pieces


def render_backup_job(job: Job) -> str:
    """The "json" format: the visits and the lists kept beside them, as kept."""
    return render_backup(job.visits, job.made_on, job.records)


def _joined(records: list[Any] | str) -> str:
    if isinstance(records, str):
        return records
    return RECORD_SEPARATOR.join(record_lines(records))


def record_lines(records: list[Any]) -> list[str]:
    """One compact JSON object a record; strings are already that line (made in SQLite, the same text)."""
    if records and isinstance(records[0], str):
        return records
    return [json.dumps(to_record(r), ensure_ascii=False, separators=(",", ":")) for r in records]


# --- reading ---------------------------------------------------------------------------------------


def read_backup(path: Path, passphrase: Callable[[], str] | None = None) -> Backup:
    """The backup in `path`; one locked in the age format (`export --all --encrypt`) is opened with
    the passphrase `passphrase` gives."""
    try:
        if path.is_dir():
            raise UsageError(_("{path} is a folder; give the export file.").format(path=path))
        if path.exists() and not path.is_file():
            raise UsageError(_("{path} is not a regular file.").format(path=path))
        with path.open("rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise UsageError(_("{path} is too large to be an mbcprep export.").format(path=path))
    except FileNotFoundError:
        raise UsageError(_("There is no file {path}.").format(path=path)) from None
    except PermissionError:
        raise UsageError(_("You do not have permission to read {path}.").format(path=path)) from None
    except OSError as exc:
        raise UsageError(_("Could not read {path} ({reason}).").format(path=path, reason=exc.strerror)) from None
    raw = _opened(raw, path, passphrase)
    too_many = _("{path} holds far more entries than an mbcprep export could.").format(path=path)
    if _containers(raw) > MAX_CONTAINERS:
        raise UsageError(too_many)
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_checked_objects())
    except _TooMany:
        raise UsageError(too_many) from None
    except _KeyTwice:
        raise UsageError(
            _("{path} is not an mbcprep export (a key is written twice in one place).").format(path=path)
        ) from None
    except (ValueError, RecursionError):  # ValueError: not UTF-8, not JSON, or a number thousands of digits long
        raise UsageError(_("{path} is not an mbcprep export (it is not JSON).").format(path=path)) from None
    return parse_backup(data, str(path))


def _opened(raw: bytes, path: Path, passphrase: Callable[[], str] | None) -> bytes:
    from mbcprep.formats.encrypted import WrongPassphrase, decrypt_bytes, is_age

    if not is_age(raw):
        return raw
    if passphrase is None:
        raise UsageError(_("{path} is locked with a passphrase; mbcprep cannot open it here.").format(path=path))
    try:
        opened = decrypt_bytes(raw, passphrase())
    except WrongPassphrase:
        raise WrongPassphrase(_("That passphrase does not open {path}.").format(path=path)) from None
    if len(opened) > MAX_IMPORT_BYTES:
        raise UsageError(_("{path} is too large to be an mbcprep export.").format(path=path))
    return opened


def _containers(raw: bytes) -> int:
    """How many objects and lists a JSON text opens, not counting brackets inside strings. Quick for an
    ordinary backup, which holds far fewer brackets than the limit even counted with its text."""
    rough = raw.count(b"{") + raw.count(b"[")
    if rough <= MAX_CONTAINERS:
        return rough
    bare = _STRING.sub(b"", raw)
    return bare.count(b"{") + bare.count(b"[")


class _TooMany(Exception):
    pass


class _KeyTwice(Exception):
    pass


def _checked_objects() -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A JSON object hook that refuses a key written twice, and gives up once a file holds more
    objects than an export could."""
    count = 0

    def make(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal count
        count += 1
        if count > MAX_OBJECTS:
            raise _TooMany
        made = dict(pairs)
        if len(made) != len(pairs):
            raise _KeyTwice
        return made

    return make


def parse_backup(data: Any, name: str) -> Backup:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise UsageError(_("{name} is not an mbcprep export.").format(name=name))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UsageError(_("{name} is not an mbcprep export (it has no version it could have).").format(name=name))
    if version > FORMAT_VERSION:
        raise UsageError(_("{name} was made by a newer mbcprep; please update mbcprep to import it.").format(name=name))
    visits = data.get("visits")
    if not isinstance(visits, list):
        raise UsageError(_("{name} is not an mbcprep export (it has no list of visits).").format(name=name))
    skipped: list[str] = []
    out = _readable(
        visits,
        lambda n: _("{name}: visit {n}").format(name=name, n=n),
        lambda item, where: visit_from_record(item, where, version),
        skipped,
    )
    records = {kept.key: _records(data, kept.key, kept.cls, kept.label, name, skipped) for kept in RECORD_LISTS}
    if skipped and not out and not any(records.values()):
        raise UsageError(skipped[0])  # nothing in it could be read: the file is refused, as before
    return Backup(out, records, skipped)


def _records(data: dict[str, Any], key: str, cls: type, label: str, name: str, skipped: list[str]) -> list[Any]:
    """One of the lists kept beside the visits, every record checked (one that is wrong is named in
    `skipped` and left out); missing in older files."""
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise UsageError(_("{name} is not an mbcprep export ('{key}' is not a list).").format(name=name, key=key))
    return _readable(
        items,
        lambda n: _("{name}: {item} {n}").format(name=name, item=_(label), n=n),
        lambda item, where: from_record(cls, item, where),
        skipped,
    )


def _readable(
    items: list[Any], where_of: Callable[[int], str], read: Callable[[Any, str], Any], skipped: list[str]
) -> list[Any]:
    """The items that read well and whose uuid was not seen before; each one left out is named in
    `skipped` (where it is and why, never its text)."""
    out = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = where_of(n)
        try:
            record = read(item, where)
            if record.uuid in seen:
                raise UsageError(_("{where} has the same uuid as an earlier one.").format(where=where))
        except UsageError as exc:
            skipped.append(str(exc))
            continue
        seen.add(record.uuid)
        out.append(record)
    return out


def visit_from_record(item: Any, where: str, version: int = FORMAT_VERSION) -> Visit:
    """One visit as a backup of `version` wrote it, every field checked."""
    visit: Visit = from_record(Visit, upgrade(item, version), where)
    ranks = [q.rank for q in visit.questions if q.rank is not None]
    for rank in ranks:
        if ranks.count(rank) > 1:
            raise UsageError(_("{where} has two questions marked to ask {nth}.").format(where=where, nth=ordinal(rank)))
    return visit


def upgrade(item: Any, version: int) -> Any:
    """A visit record of an older format, as today's format writes it."""
    if version < 2 and isinstance(item, dict) and isinstance(item.get("what_matters"), list):
        answers = []
        for answer in item["what_matters"]:
            if isinstance(answer, dict) and isinstance(answer.get("answer"), str):
                scale = _SCALE_WORDS.fullmatch(answer["answer"])
                if scale and int(scale[1]) <= 10:
                    answer = {**answer, "answer": "", "score": int(scale[1])}
            answers.append(answer)
        item = {**item, "what_matters": answers}
    return item
