"""Reading a JSON export back into visits, checking every field. Errors never echo a person's text.

A backup is refused early, before it can cost much time or memory: by its size, by how many objects
and lists it holds, and by any key written twice (JSON would quietly keep the last one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mbcprep.errors import UsageError
from mbcprep.export import FORMAT_NAME, FORMAT_VERSION
from mbcprep.models import FILLED_BY, SCORE_MAX, SCORE_MIN, ConsiderationAnswer, SymptomScore, Visit, VisitQuestion

MAX_IMPORT_BYTES = 100_000_000
MAX_OBJECTS = 2_000_000  # years of visits are a few thousand objects; this bounds memory on hostile files
MAX_CONTAINERS = 4_000_000  # objects and lists together, counted before anything is parsed
MAX_TEXT = 200_000  # characters in one field: a long note is a few thousand
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
# A visit's uuid: what mbcprep writes is a UUID; anything else must still look like an id, and never
# like a visit number or `latest`, which `show 3` and `show latest` would read as something else.
UUID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def read_export(path: Path) -> list[Visit]:
    try:
        if path.is_dir():
            raise UsageError(f"{path} is a folder; give the export file.")
        if path.exists() and not path.is_file():
            raise UsageError(f"{path} is not a regular file.")
        with path.open("rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise UsageError(f"{path} is too large to be an mbcprep export.")
    except FileNotFoundError:
        raise UsageError(f"There is no file {path}.") from None
    except PermissionError:
        raise UsageError(f"You do not have permission to read {path}.") from None
    except OSError as exc:
        raise UsageError(f"Could not read {path} ({exc.strerror}).") from None
    if _containers(raw) > MAX_CONTAINERS:
        raise UsageError(f"{path} holds far more entries than an mbcprep export could.")
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_checked_objects())
    except _TooMany:
        raise UsageError(f"{path} holds far more entries than an mbcprep export could.") from None
    except _KeyTwice:
        raise UsageError(f"{path} is not an mbcprep export (a key is written twice in one place).") from None
    except (ValueError, RecursionError):  # ValueError: not UTF-8, not JSON, or a number thousands of digits long
        raise UsageError(f"{path} is not an mbcprep export (it is not JSON).") from None
    return parse_document(data, str(path))


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


def parse_document(data: Any, name: str) -> list[Visit]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise UsageError(f"{name} is not an mbcprep export.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UsageError(f"{name} is not an mbcprep export (it has no version it could have).")
    if version > FORMAT_VERSION:
        raise UsageError(f"{name} was made by a newer mbcprep; please update mbcprep to import it.")
    visits = data.get("visits")
    if not isinstance(visits, list):
        raise UsageError(f"{name} is not an mbcprep export (it has no list of visits).")
    out = []
    seen: set[str] = set()
    for n, item in enumerate(visits, 1):
        visit = visit_from_dict(item, f"{name}: visit {n}")
        if visit.uuid in seen:
            raise UsageError(f"{name}: visit {n} has the same uuid as an earlier one.")
        seen.add(visit.uuid)
        out.append(visit)
    return out


def visit_from_dict(item: Any, where: str) -> Visit:
    """One visit as `Visit.to_dict` writes it, every field checked."""
    d = _mapping(item, where)
    visit = Visit(
        uuid=_text(d, "uuid", where, required=True),
        status=_text(d, "status", where, required=True),
        visit_date=_text(d, "date", where),
        kind=_text(d, "kind", where, required=True),
        with_whom=_text(d, "with", where),
        filled_by=_text(d, "filled_by", where, required=True),
        notes=_text(d, "notes", where),
        created_at=_text(d, "created_at", where),
        updated_at=_text(d, "updated_at", where),
        draft_step=_text(d, "draft_step", where),
    )
    if visit.status not in ("draft", "ready"):
        raise UsageError(f"{where} has an unknown status.")
    if visit.visit_date and not _is_iso_date(visit.visit_date):
        raise UsageError(f"{where} has a date that is not YYYY-MM-DD.")
    for key, moment in (("created_at", visit.created_at), ("updated_at", visit.updated_at)):
        if moment and not _is_moment(moment):
            raise UsageError(f"{where} has a '{key}' that is not a date and time.")
    if not UUID_RE.fullmatch(visit.uuid) or visit.uuid.isdigit() or visit.uuid.lower() == "latest":
        raise UsageError(f"{where} has a uuid that is not one mbcprep could have made.")
    if not ID_RE.fullmatch(visit.kind):
        raise UsageError(f"{where} has a kind of visit that is not an id.")
    if visit.draft_step and not ID_RE.fullmatch(visit.draft_step):
        raise UsageError(f"{where} has a 'draft_step' that is not an id.")
    if visit.filled_by not in FILLED_BY:
        raise UsageError(f"{where} has an unknown 'filled_by'.")
    for i, q in enumerate(_list(d, "questions", where), 1):
        at = f"{where}, question {i}"
        qd = _mapping(q, at)
        rank = qd.get("first")
        if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= 3):
            raise UsageError(f"{at} has a 'first' that is not 1, 2, 3 or null.")
        qid = qd.get("id")
        if qid is not None and not (isinstance(qid, str) and ID_RE.fullmatch(qid)):
            raise UsageError(f"{at} has an id that is not a question id.")
        if rank is not None and any(q.rank == rank for q in visit.questions):
            raise UsageError(
                f"{at} is marked to ask {('first', 'second', 'third')[rank - 1]} like an earlier question."
            )
        visit.questions.append(
            VisitQuestion(
                text=_text(qd, "text", at, required=True),
                why=_text(qd, "why", at),
                topic=_id(qd, "topic", at),
                question_id=qid,
                rank=rank,
            )
        )
    for i, s in enumerate(_list(d, "symptoms", where), 1):
        at = f"{where}, symptom {i}"
        sd = _mapping(s, at)
        score = sd.get("score")
        if score is not None and (
            not isinstance(score, int) or isinstance(score, bool) or not SCORE_MIN <= score <= SCORE_MAX
        ):
            raise UsageError(f"{at} has a score outside {SCORE_MIN}-{SCORE_MAX}.")
        visit.symptoms.append(
            SymptomScore(
                symptom_id=_id(sd, "id", at),
                name=_text(sd, "name", at, required=True),
                score=score,
                note=_text(sd, "note", at),
            )
        )
    for i, c in enumerate(_list(d, "what_matters", where), 1):
        at = f"{where}, what matters {i}"
        cd = _mapping(c, at)
        visit.considerations.append(
            ConsiderationAnswer(
                consideration_id=_id(cd, "id", at),
                prompt=_text(cd, "prompt", at, required=True),
                answer=_text(cd, "answer", at),
            )
        )
    return visit


def _is_iso_date(text: str) -> bool:
    if not ISO_DATE.fullmatch(text):  # never a week date (2027-W01-1) or other forms Python also reads
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_moment(text: str) -> bool:
    if not ISO_MOMENT.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _mapping(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise UsageError(f"{where} is not laid out as mbcprep writes it.")
    return item


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise UsageError(f"{where} has a '{key}' that is not a list.")
    return value


def _id(d: dict[str, Any], key: str, where: str) -> str:
    value = _text(d, key, where, required=True)
    if not ID_RE.fullmatch(value):
        raise UsageError(f"{where} has a '{key}' that is not an id.")
    return value


def _text(d: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = d.get(key, None if required else "")
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise UsageError(f"{where} is missing '{key}' or it is not text.")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{where} has a '{key}' far longer than anything mbcprep writes.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{where} has a '{key}' that is not valid text.") from None
    return value
