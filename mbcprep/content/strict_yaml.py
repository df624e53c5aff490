"""The one place that reads YAML: safe, strict, and with line numbers kept for error messages.

PyYAML's quiet surprises are refused here instead of becoming data: duplicate keys, anchors and
aliases, tags, `yes`/`no`/`on`/`off` read as booleans, and dates read as date objects. Hostile
files (binary, empty, huge, deeply nested, alias bombs) are refused quickly with one sentence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mbcprep.errors import ContentError, Problem
from mbcprep.i18n import _, ngettext, number

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 20_000  # values in one file: a bank of a thousand questions holds about 15,000
MAX_DIGITS = 30  # a number longer than this is a mistake (and Python refuses to read 4,300 digits)
MAX_PROBLEMS = 50
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?")
_TRUE_FALSE = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class YamlMap(dict):  # type: ignore[type-arg,unused-ignore]
    """A mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YamlList(list):  # type: ignore[type-arg,unused-ignore]
    """A list that remembers its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def line_of(container: Any, key: Any, default: int = 1) -> int:
    """The line where `key` (a mapping key or list index) sits, for error messages."""
    if isinstance(container, YamlMap):
        return container.key_lines.get(key, container.line)
    if isinstance(container, YamlList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", default)


def load_file(path: Path, shown_as: str | None = None) -> Any:
    """Read one YAML file strictly. Raises ContentError naming FILE:LINE."""
    name = shown_as or str(path)
    try:
        if not path.exists():
            raise ContentError([Problem(name, 1, _("no such file"))])
        if not path.is_file():
            raise ContentError([Problem(name, 1, _("this is not a regular file"))])
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never trust the size a special file claims
        if len(raw) > MAX_BYTES:
            raise ContentError([Problem(name, 1, _too_large())])
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ContentError([Problem(name, 1, _("cannot read the file ({reason})").format(reason=reason))]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Any:
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(name, 1, _too_large())])
    if b"\x00" in raw:
        raise ContentError([Problem(name, 1, _("this is not a text file"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(name, line, _("this is not UTF-8 text"))]) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ContentError([Problem(name, 1, _("the file is empty"))])
    return _build(text, name)


def _too_large() -> str:
    return ngettext(
        "the file is too large (the limit is {n} byte)", "the file is too large (the limit is {n} bytes)", MAX_BYTES
    ).format(n=number(MAX_BYTES))


def _parser(text: str) -> Any:
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.parse(text, Loader=loader_cls)


def _build(text: str, name: str) -> Any:
    """Turn parser events into plain values, refusing what a person would not mean."""
    import yaml
    from yaml import events as ev
    from yaml.resolver import Resolver

    resolver = Resolver()
    stack: list[Any] = []  # containers being filled; for maps, pending key kept beside
    pending_key: list[Any] = []
    root: Any = None
    documents = 0
    shared_values = 0  # anchors and aliases seen
    lines = text.splitlines()

    problems: list[Problem] = []  # mistakes worth reporting together; a syntax error stops at once

    def fail(mark: Any, message: str) -> ContentError:
        line = mark.line + 1 if mark is not None else 1
        return ContentError([*problems, Problem(name, line, message)])

    def note(mark: Any, message: str) -> None:
        problems.append(Problem(name, mark.line + 1 if mark is not None else 1, message))
        if len(problems) >= MAX_PROBLEMS:
            raise fail(
                mark,
                ngettext(
                    "stopped after {n} problem in this file; fix it first",
                    "stopped after {n} problems in this file; fix these first",
                    MAX_PROBLEMS,
                ).format(n=number(MAX_PROBLEMS)),
            )

    def add(value: Any, line: int, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, YamlList):
            top.append(value)
            top.item_lines.append(line)
            return
        if pending_key[-1] is _NO_KEY:
            if not isinstance(value, (str, int, float, bool)) or value is None:
                raise fail(mark, _("a key must be a plain word"))
            key = value if isinstance(value, str) else str(value)
            if key in top or key in top.key_lines:
                note(mark, _("the key '{key}' appears twice in the same block").format(key=key))
                pending_key[-1] = _DUPLICATE  # keep the first value; drop this one
                return
            top.key_lines[key] = line
            pending_key[-1] = key
        else:
            if pending_key[-1] is not _DUPLICATE:
                top[pending_key[-1]] = value
            pending_key[-1] = _NO_KEY

    nodes = 0
    try:
        for event in _parser(text):
            mark = event.start_mark
            line = mark.line + 1 if mark is not None else 1
            nodes += 1
            if nodes > MAX_NODES:
                raise fail(
                    mark,
                    ngettext(
                        "the file holds too many entries (the limit is {n} value)",
                        "the file holds too many entries (the limit is {n} values)",
                        MAX_NODES,
                    ).format(n=number(MAX_NODES)),
                )
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise fail(mark, _("only one YAML document is allowed in a file (remove the extra '---')"))
                continue
            if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None) is not None:
                if not shared_values:  # once per file: one fix (write it out) mends them all
                    note(mark, _("anchors (&name) and aliases (*name) are not allowed; write the value out in full"))
                shared_values += 1
                if isinstance(event, ev.AliasEvent):
                    add(None, line, mark)  # never expanded, so an alias bomb costs nothing
                    continue
            if isinstance(event, ev.ScalarEvent):
                if event.tag is not None:
                    note(mark, _("tags such as '{tag}' are not allowed").format(tag=_short_tag(event.tag)))
                if event.style in (None, "") and " " in event.value and _comment_follows(lines, event.end_mark):
                    note(
                        mark,
                        _(
                            "the text stops at '{text}' because ' #' starts a comment;"
                            " if the # belongs to the text, put the whole text in double quotes"
                        ).format(text=_tail(event.value)),
                    )
                add(_scalar(event, resolver, note), line, mark)
            elif isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                if event.tag is not None:
                    note(mark, _("tags such as '{tag}' are not allowed").format(tag=_short_tag(event.tag)))
                if len(stack) >= MAX_DEPTH:
                    raise fail(mark, _("the file is nested too deeply"))
                container: Any = YamlList(line) if isinstance(event, ev.SequenceStartEvent) else YamlMap(line)
                stack.append(container)
                pending_key.append(_NO_KEY)
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                done = stack.pop()
                pending_key.pop()
                add(done, done.line, mark)
    except yaml.reader.ReaderError as exc:  # a raw control character in the file
        line = text[: max(exc.position, 0)].count("\n") + 1
        raise ContentError(
            [
                *problems,
                Problem(name, line, _("this line holds an invisible control character; type it again without one")),
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "quoted" in (exc.context or ""):
            mark = exc.context_mark  # an unclosed quote: point at where it opened, not the end of the file
        what = exc.problem or exc.context or _("YAML syntax error")  # PyYAML's own words are English
        message = _(
            "YAML syntax error: {problem} (check the quotes and the indentation on this line and the one before;"
            " text with a colon, a # or quote marks is safest inside double quotes)"
        )
        raise fail(mark, message.format(problem=what)) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(name, 1, _("YAML syntax error: {problem}").format(problem=exc))]) from None
    if problems:
        raise ContentError(problems)
    if root is None:
        raise ContentError([Problem(name, 1, _("the file is empty"))])
    return root


class _NoKey:
    pass


_NO_KEY = _NoKey()
_DUPLICATE = _NoKey()


def _scalar(event: Any, resolver: Any, note: Any) -> Any:
    """The value a person meant; a value PyYAML would silently change is noted and kept as text."""
    import yaml

    value: str = event.value
    if event.style not in (None, ""):
        return value  # quoted or block text: always a string
    tag = resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        if value in _TRUE_FALSE:
            return _TRUE_FALSE[value]
        note(
            event.start_mark,
            _("'{value}' would be read as true/false; put it in quotes, or write true or false").format(value=value),
        )
        return value
    if tag.endswith((":int", ":float")):
        if len(value) > MAX_DIGITS:
            note(event.start_mark, _("this number is far too long; if it is text, put it in quotes"))
            return value
        if _DECIMAL.fullmatch(value):
            return float(value) if "." in value else int(value)
        note(event.start_mark, _("'{value}' would be read as an unusual number; put it in quotes").format(value=value))
        return value
    if tag.endswith(":timestamp"):
        note(event.start_mark, _("'{value}' would be read as a date; put it in quotes").format(value=value))
        return value
    return value


def _comment_follows(lines: list[str], end: Any) -> bool:
    """Whether a '#' comment starts on the same line right after a plain value ends."""
    if end is None or end.line >= len(lines):
        return False
    return lines[end.line][end.column :].lstrip(" \t").startswith("#")


def _tail(value: str) -> str:
    return value if len(value) <= 30 else "..." + value[-27:]


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
