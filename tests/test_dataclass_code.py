"""Dataclasses' methods compiled once (`mbcprep.dataclass_code`): a class made from kept code is the
class `@dataclass` makes, and a kept file that is not right is never used."""

from __future__ import annotations

import dataclasses
import marshal
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

import pytest

from mbcprep import dataclass_code

SOURCE = """
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = ()

@dataclass
class Bag:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, compare=False, repr=False)
"""


def _make() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": __name__}
    exec(SOURCE, namespace)
    return namespace


def _behaviour(ns: dict[str, Any]) -> list[Any]:
    point, bag = ns["Point"], ns["Bag"]
    p, b = point(1, tags=("a",)), bag("x")
    b.items.append(1)
    frozen = False
    try:
        p.x = 2
    except dataclasses.FrozenInstanceError:
        frozen = True
    return [
        repr(p),
        repr(b),
        p == point(1, 0, ("a",)),
        p == point(2),
        hash(p) == hash(point(1, 0, ("a",))),
        b == bag("x", [1], 5),
        bag("y").items is not bag("y").items,
        frozen,
        [f.name for f in dataclasses.fields(point)],
        point.__init__.__annotations__,
        bag.__init__.__annotations__,
        dataclasses.asdict(p),
        point.__match_args__,
    ]


def test_a_class_made_from_kept_code_is_the_class_dataclass_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _behaviour(_make())
    monkeypatch.setattr(dataclass_code, "_CODES", {})
    monkeypatch.setattr(dataclasses, "exec", dataclass_code._exec, raising=False)
    assert _behaviour(_make()) == expected  # compiled here, and kept
    kept = dict(dataclass_code._CODES)
    assert kept and all(source.startswith("def __create_fn__(") for source in kept)
    assert _behaviour(_make()) == expected  # from the kept code
    assert kept == dataclass_code._CODES, "nothing compiled again"


def test_the_kept_file_is_read_back_and_anything_else_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _behaviour(_make())
    path = tmp_path / "pycache" / "dataclass-methods.marshal"
    monkeypatch.setattr(dataclass_code, "kept_file", lambda: str(path))
    monkeypatch.setattr(dataclass_code, "_CODES", {})
    monkeypatch.setattr(dataclasses, "exec", dataclass_code._exec, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(dataclass_code, "_added", False)
    dataclass_code.keep()
    assert not path.exists(), "nothing new compiled: nothing written"
    _make()
    dataclass_code.keep()
    compiled = dict(dataclass_code._CODES)
    kept = dataclass_code._read(str(path))
    assert kept.keys() == compiled.keys() and compiled
    assert all(marshal.loads(kept[source]) == code for source, code in compiled.items())  # type: ignore[arg-type]

    # Read back, each code is made when its class is; one that is not code is compiled again.
    monkeypatch.setattr(dataclass_code, "_CODES", {**kept, next(iter(kept)): b"not code"})
    monkeypatch.setattr(dataclass_code, "_added", False)
    assert _behaviour(_make()) == plain
    assert compiled == dataclass_code._CODES and dataclass_code._added

    good = path.read_bytes()
    assert dataclass_code._read(str(path)).keys() == compiled.keys()
    # One bit changed anywhere after the magic number (a damaged disk): never run, and written anew.
    for at in range(len(MAGIC_NUMBER), len(good), max(1, len(good) // 40)):
        path.write_bytes(good[:at] + bytes([good[at] ^ 0x10]) + good[at + 1 :])
        monkeypatch.setattr(dataclass_code, "_added", False)
        assert dataclass_code._read(str(path)) == {}, at
        assert dataclass_code._added, "a damaged file is written anew at the end of the run"

    for broken in (
        b"",
        MAGIC_NUMBER,
        MAGIC_NUMBER + b"\x00garbage",
        b"\x00\x00\r\n" + marshal.dumps(dataclass_code._CODES),  # another Python's
        MAGIC_NUMBER + marshal.dumps(["not", "a", "dict"]),
        MAGIC_NUMBER + marshal.dumps({"def f(): pass": "not marshalled code"}),
    ):
        path.write_bytes(broken)
        assert dataclass_code._read(str(path)) == {}
    assert dataclass_code._read(str(tmp_path / "missing")) == {}

    path.unlink()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    dataclass_code.keep()
    assert not path.exists(), "nowhere Python itself would not write bytecode"
