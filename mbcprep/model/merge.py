"""How the changes of several computers become one record, whatever order they arrive in.

Each field of each record is a register holding its *heads*: the values written that no later write
has replaced. A write replaces another when its computer had read it before writing (a later segment
of the same computer, or one whose header says it had read that segment). Two writes neither of which
had read the other were made at the same time: both stay, the one with the later clock shows first,
and the person is asked to choose. The heads are the latest writes of the set of all writes, so the
same writes give the same heads in any order (a property test holds it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# What a computer had read of the others when it wrote a segment: (computer, segment) -> {computer: count}.
SeenOf = Callable[[str, int], Mapping[str, int]]


@dataclass(frozen=True)
class Head:
    clock: tuple[int, int]  # (milliseconds, counter) of the segment that wrote it
    computer: str
    seq: int
    value: Any

    @property
    def order(self) -> tuple[int, int, str]:
        """Which of two values written at the same time shows first: the later clock (then the
        computer's id, so every computer picks the same one)."""
        return (*self.clock, self.computer)

    def to_json(self) -> list[Any]:
        return [self.clock[0], self.clock[1], self.computer, self.seq, self.value]

    @classmethod
    def from_json(cls, item: list[Any]) -> Head:
        return cls((int(item[0]), int(item[1])), str(item[2]), int(item[3]), item[4])


def replaces(later: Head, earlier: Head, seen_of: SeenOf) -> bool:
    """Whether `later`'s computer had read `earlier` when it wrote `later`."""
    if later.computer == earlier.computer:
        return later.seq > earlier.seq
    return seen_of(later.computer, later.seq).get(earlier.computer, 0) >= earlier.seq


def merged(heads: list[Head], new: Head, seen_of: SeenOf) -> list[Head]:
    """The heads once `new` is known: unchanged when it is known already or replaced; else it and the
    heads it does not replace, the one that shows first first."""
    if not heads:
        return [new]
    for head in heads:
        if (head.computer, head.seq) == (new.computer, new.seq) or replaces(head, new, seen_of):
            return heads
    kept = [head for head in heads if not replaces(new, head, seen_of)]
    return sorted([*kept, new], key=lambda h: h.order, reverse=True)


def tick(clock: tuple[int, int], now_ms: int) -> tuple[int, int]:
    """The next reading of a hybrid logical clock: the wall clock when it is ahead, else one more than
    the last reading. It never goes back, so a computer whose wall clock is hours off still orders its
    own changes as they were made."""
    return (now_ms, 0) if now_ms > clock[0] else (clock[0], clock[1] + 1)


def disagree(heads: list[Head]) -> bool:
    """Whether values written at once differ (the same value written on two computers, by two
    imports of one backup say, is nothing to choose between)."""
    import json

    return len({json.dumps(h.value, sort_keys=True) for h in heads}) > 1


def first_added(heads: list[Head]) -> Head:
    """Of values written once each (who added a record), the one written first."""
    return min(heads, key=lambda h: h.order)
