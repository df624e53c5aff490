"""One segment of a computer's journal of changes, as it lies in a shared folder: bytes to and from.

A segment is written once by one computer and never rewritten, so a sync tool never sees two
writers of a file. Its text is a first line naming the format, a header (which computer, its name,
the segment's number, its clock and what it had read of the others), one line a change, and last the
checksum of everything before it. A segment that is cut short, changed or not ours reads as None
(left for later, never trusted); a copy a sync tool made of it ("conflicted copy") has a name that is
not a segment's, so it is never read at all.

`seal_bytes` and `open_bytes` are the one place where a segment's bytes are turned into what goes in
the folder and back: the bytes themselves, or, when the computers sharing are locked (issue 22),
encrypted with age to the household's key (`mbcprep.formats.household`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

MAGIC = "mbcprep-journal 1"
SUFFIX = ".mbcj"
# A segment's name: the computer's id and the segment's number. Anything else in the folder (a sync
# tool's conflict copy, a half-downloaded temp file, a note) is left alone.
NAME = re.compile(r"^([0-9a-f]{16})-([0-9]{8})\.mbcj$")
MAX_SEGMENT_BYTES = 200_000_000


@dataclass(frozen=True)
class Change:
    """New values of some fields of one record; `fields` {"_deleted": True} deletes it."""

    kind: str  # "visits", or the key of a list kept beside them (mbcprep.model.registry)
    uuid: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class Segment:
    computer: str
    seq: int
    name: str  # the computer's name, as its person gave it
    clock: tuple[int, int]  # (milliseconds, counter): a hybrid logical clock, never going back
    seen: dict[str, int]  # for each other computer, how many of its segments this one had read
    written_at: str
    format_version: int
    changes: list[Change] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return segment_name(self.computer, self.seq)


def segment_name(computer: str, seq: int) -> str:
    return f"{computer}-{seq:08d}{SUFFIX}"


def parse_name(name: str) -> tuple[str, int] | None:
    found = NAME.match(name)
    return (found[1], int(found[2])) if found else None


def _checksum(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def render(segment: Segment, key: Any = None) -> bytes:
    """The segment's bytes as they go in the folder (encrypted to the household's `key` when given)."""
    head = {
        "computer": segment.computer,
        "seq": segment.seq,
        "name": segment.name,
        "clock": list(segment.clock),
        "seen": segment.seen,
        "written_at": segment.written_at,
        "format_version": segment.format_version,
        "changes": len(segment.changes),
    }
    lines = [MAGIC, _line(head)]
    lines += [_line({"kind": c.kind, "uuid": c.uuid, "fields": c.fields}) for c in segment.changes]
    body = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    return seal_bytes(body + f"sha256 {_checksum(body)}\n".encode(), key)


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def parse(raw: bytes, file_name: str, key: Any = None) -> Segment | None:
    """The segment in `raw`, or None when it is not whole and sound (cut short, changed, not ours, or
    not the segment its name says; encrypted and `key` does not open it)."""
    named = parse_name(file_name)
    opened = open_bytes(raw, key)
    if opened is None:
        return None
    raw = opened
    if named is None or not raw.endswith(b"\n"):
        return None
    body, _, last = raw[:-1].rpartition(b"\n")
    body += b"\n"
    if last != f"sha256 {_checksum(body)}".encode():
        return None
    try:
        magic, head_line, *change_lines = body.decode("utf-8").splitlines()
        head = json.loads(head_line)
        if magic != MAGIC or not isinstance(head, dict) or head.get("changes") != len(change_lines):
            return None
        changes = []
        for text in change_lines:
            item = json.loads(text)
            if not (isinstance(item.get("kind"), str) and isinstance(item.get("uuid"), str)):
                return None
            if not isinstance(item.get("fields"), dict):
                return None
            changes.append(Change(item["kind"], item["uuid"], item["fields"]))
        clock = head["clock"]
        seen = head["seen"]
        segment = Segment(
            computer=head["computer"],
            seq=head["seq"],
            name=str(head["name"]),
            clock=(int(clock[0]), int(clock[1])),
            seen={str(k): int(v) for k, v in seen.items()},
            written_at=str(head["written_at"]),
            format_version=int(head["format_version"]),
            changes=changes,
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    if (segment.computer, segment.seq) != named:
        return None
    return segment


def seal_bytes(plain: bytes, key: Any = None) -> bytes:
    """What goes in the shared folder for a segment's bytes: encrypted to the household's `key` (an age
    X25519 identity) when given, else the bytes themselves."""
    if key is None:
        return plain
    from mbcprep.formats import household

    return household.seal(plain, key)


def open_bytes(stored: bytes, key: Any = None) -> bytes | None:
    """A segment's bytes from what is in the shared folder (the reverse of `seal_bytes`): None when
    they are encrypted and there is no `key`, or `key` does not open them. `key` may be a function
    giving the key, called only when the bytes are encrypted."""
    from mbcprep.formats.encrypted import is_age

    if not is_age(stored):
        return stored
    if callable(key):
        key = key()
    if key is None:
        return None
    from mbcprep.formats import household

    return household.unseal(stored, key)
