"""The strict YAML reader: PyYAML's quiet surprises are errors with FILE:LINE, hostile files fail fast."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mbcprep.content.strict_yaml import MAX_BYTES, line_of, load_bytes, load_file
from mbcprep.errors import ContentError


def problem(raw: bytes) -> str:
    with pytest.raises(ContentError) as info:
        load_bytes(raw, "bank.yaml")
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def test_plain_values_and_line_numbers() -> None:
    data = load_bytes(b"a: 1\nb:\n  - x\n  - 'y'\nc: true\nd: ~\n", "f.yaml")
    assert data == {"a": 1, "b": ["x", "y"], "c": True, "d": None}
    assert line_of(data, "c") == 5
    assert line_of(data["b"], 1) == 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"ok: 1\nanswer: yes\n", "bank.yaml:2: 'yes' would be read as true/false"),
        (b"answer: No\n", "bank.yaml:1: 'No' would be read as true/false"),
        (b"when: 2027-01-15\n", "bank.yaml:1: '2027-01-15' would be read as a date"),
        (b"a: &x 1\nb: *x\n", "bank.yaml:1: anchors"),
        (b"a: !!str 1\n", "bank.yaml:1: tags such as '!!str'"),
        (b"a: !!python/object/apply:os.system ['true']\n", "bank.yaml:1: tags"),
        (b"a: 1\nb: 2\na: 3\n", "bank.yaml:3: the key 'a' appears twice"),
        (b"a: 017\n", "bank.yaml:1: '017' would be read as an unusual number"),
        (b"a: 1:30\n", "bank.yaml:1: '1:30' would be read as an unusual number"),
        (b"a: [1, 2\n", "bank.yaml:2: YAML syntax error"),
        (b"- a\n---\n- b\n", "bank.yaml:2: only one YAML document"),
        (b"", "bank.yaml:1: the file is empty"),
        (b"# only a comment\n\n", "bank.yaml:1: the file is empty"),
        (b"\x00\x01\x02binary", "bank.yaml:1: this is not a text file"),
        (b"a: b\nc: \xff\xfe\n", "bank.yaml:2: this is not UTF-8 text"),
    ],
)
def test_surprises_are_errors_with_file_and_line(raw: bytes, expected: str) -> None:
    assert problem(raw).startswith(expected)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.monotonic()
    message = problem("\n".join(lines).encode())
    assert "anchors" in message
    assert time.monotonic() - start < 2


def test_deep_nesting_is_refused() -> None:
    assert "nested too deeply" in problem(b"a: " + b"[" * 200 + b"]" * 200 + b"\n")


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 10) + b"\n")
    with pytest.raises(ContentError) as info:
        load_file(big, "big.yaml")
    assert "too large" in str(info.value)


def test_missing_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert str(info.value) == "nope.yaml:1: no such file"


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not a regular file"):
        load_file(Path("/dev/zero"), "zero.yaml")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ContentError, match="not a regular file"):
        load_file(fifo, "pipe.yaml")


def test_every_quiet_surprise_in_a_file_is_reported_not_just_the_first() -> None:
    raw = b"a: yes\nb: 2027-01-15\nc: !!str 1\nd: 1\nd: 2\ne: &x 1\nf: *x\ng: ok\n"
    with pytest.raises(ContentError) as info:
        load_bytes(raw, "bank.yaml")
    assert [(p.path, p.line, p.message[:12]) for p in info.value.problems] == [
        ("bank.yaml", 1, "'yes' would "),
        ("bank.yaml", 2, "'2027-01-15'"),
        ("bank.yaml", 3, "tags such as"),
        ("bank.yaml", 5, "the key 'd' "),
        ("bank.yaml", 6, "anchors (&na"),
    ]


def test_a_file_full_of_mistakes_stops_at_a_readable_number() -> None:
    from mbcprep.content.strict_yaml import MAX_PROBLEMS

    raw = "".join(f"k{n}: yes\n" for n in range(1000)).encode()
    with pytest.raises(ContentError) as info:
        load_bytes(raw, "bank.yaml")
    assert len(info.value.problems) == MAX_PROBLEMS + 1
    assert "stopped after" in str(info.value.problems[-1])


def test_an_unclosed_quote_points_where_it_opened_with_a_plain_hint() -> None:
    message = problem(b'a: 1\nb: "never closed\nc: 3\nd: 4\n')
    assert message.startswith("bank.yaml:2: YAML syntax error")
    assert "check the quotes and the indentation" in message
