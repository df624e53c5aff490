"""A copy of the shipped content as checked JSON, so everyday commands do not parse and check all
the YAML again (about 50 ms) on every run.

The copy is kept in the data folder's `cache/` and named by a key made of mbcprep's version and the
name, size and time of every shipped file: a changed file (or a new mbcprep) gives a new key, and
the old copy is removed. Each language has its own copy (`content-KEY.json` for English,
`content-es-KEY.json` for Spanish), so a person who switches language does not make the other's
copy again. A copy that cannot be read or written is ignored: the YAML is read instead. Custom
banks are never cached; they are checked every time.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from mbcprep import __version__
from mbcprep.model.content import Consideration, Content, Kind, Question, Symptom, Term, Topic, UrgentLevel, WarningSign

CACHE_NAME = re.compile(r"content-(?:([a-z]{2})-)?[0-9a-f]{16}\.json")  # the language, when not English
_PARTS: dict[str, type] = {
    "kinds": Kind,
    "topics": Topic,
    "questions": Question,
    "considerations": Consideration,
    "symptoms": Symptom,
    "urgent_levels": UrgentLevel,
    "warning_signs": WarningSign,
}
# One run (or one test session) reads the copy once: its text (to write where it is missing) and what
# it holds, each item frozen, handed out again as a Content of its own (`_fresh`).
_MEMO: dict[tuple[str, str], tuple[str, Content]] = {}


def shipped(root: Path, cache_dir: Path | None, read: Callable[[Path], Content], lang: str = "en") -> Content:
    """The content in `root` (in the language `lang`), from the checked copy when there is one."""
    key = _key(root, lang)
    if key is None:
        return read(root)
    name = cache_name(key, lang)
    memo = _MEMO.get((str(root), key))
    if memo is not None:
        if cache_dir is not None and not (cache_dir / name).exists():
            _write(cache_dir, name, lang, memo[0])
        return _fresh(memo[1])
    if cache_dir is not None:
        with suppress(OSError, ValueError, TypeError, KeyError):
            text = (cache_dir / name).read_text(encoding="utf-8")
            content = from_json(text)
            _MEMO[(str(root), key)] = (text, content)
            return _fresh(content)
    content = read(root)
    text = to_json(content)
    _MEMO[(str(root), key)] = (text, content)
    if cache_dir is not None:
        _write(cache_dir, name, lang, text)
    return _fresh(content)


def _fresh(content: Content) -> Content:
    """A Content of its own: new dicts and list (a caller may add to them), the same frozen items."""
    return Content(**{name: type(value)(value) for name, value in vars(content).items()})


def cache_name(key: str, lang: str) -> str:
    return f"content-{key}.json" if lang == "en" else f"content-{lang}-{key}.json"


def _key(root: Path, lang: str) -> str | None:
    """A key for the YAML files of one language: the English folder's own files, not those of the
    language folders inside it (`es/`)."""
    from mbcprep.languages import codes

    languages = codes()
    stats: list[tuple[str, int, int]] = []
    try:
        _stat_yaml(root, "", languages, stats)
    except OSError:
        return None
    stats.sort()
    from mbcprep.digest import sha256

    return sha256(json.dumps([__version__, lang, stats]).encode()).hexdigest()[:16]


def _stat_yaml(folder: Path | str, rel: str, skip: tuple[str, ...], out: list[tuple[str, int, int]]) -> None:
    """(path from the root, size, time) of each YAML file under `folder`, one look at each (a folder
    named in `skip`, at the top, is another language's)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = rel + entry.name
            if entry.is_dir():
                if rel or entry.name not in skip:
                    _stat_yaml(entry.path, name + os.sep, skip, out)
            elif entry.name.endswith(".yaml"):
                info = entry.stat()
                out.append((name, info.st_size, info.st_mtime_ns))


def _write(cache_dir: Path, name: str, lang: str, text: str) -> None:
    """Write the copy, removing older copies of the same language (never the other language's)."""
    from mbcprep import files
    from mbcprep.errors import MbcprepError
    from mbcprep.paths import ensure_private_dir

    with suppress(OSError, MbcprepError):
        ensure_private_dir(cache_dir)
        for old in cache_dir.iterdir():
            found = CACHE_NAME.fullmatch(old.name)
            if found and (found[1] or "en") == lang and old.name != name:
                old.unlink()
        files.write_private_text(cache_dir / name, text, force=True)


def to_json(content: Content) -> str:
    data: dict[str, Any] = {name: [dataclasses.asdict(v) for v in getattr(content, name).values()] for name in _PARTS}
    data["glossary"] = [dataclasses.asdict(t) for t in content.glossary]
    return json.dumps(data, ensure_ascii=False)


def from_json(text: str) -> Content:
    data = json.loads(text)
    content = Content()
    for name, cls in _PARTS.items():
        setattr(content, name, {item["id"]: _build(cls, item) for item in data[name]})
    content.glossary = [_build(Term, item) for item in data["glossary"]]
    return content


def _build(cls: type, item: dict[str, Any]) -> Any:
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()})
