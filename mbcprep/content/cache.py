"""A copy of the shipped content as checked JSON, so everyday commands do not parse and check all
the YAML again (about 50 ms) on every run.

The copy is kept in the data folder's `cache/`, and beside mbcprep's own compiled modules for every
new data folder (`beside_program`). It is named by a key made of mbcprep's version and the
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
import sys
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
    """The content in `root` (in the language `lang`), from the checked copy when there is one: the
    data folder's (`cache_dir`), else the one beside mbcprep's compiled modules (`beside_program`), so
    a new data folder (each demo's) starts from it too; else read from the YAML. Each place without
    the copy is given it."""
    key = _key(root, lang)
    if key is None:
        return read(root)
    name = cache_name(key, lang)
    places = [place for place in (cache_dir, beside_program(root)) if place is not None]
    memo = _MEMO.get((str(root), key))
    unread: list[Path] = []  # places tried whose copy is missing, or damaged: each is written again
    if memo is None:
        for place in places:
            with suppress(OSError, ValueError, TypeError, KeyError):
                text = (place / name).read_text(encoding="utf-8")
                memo = (text, from_json(text))
                break
            unread.append(place)
        else:
            content = read(root)
            memo = (to_json(content), content)
        _MEMO[(str(root), key)] = memo
    for place in places:
        if place in unread or not (place / name).exists():
            _write(place, name, lang, memo[0], private_folder=place == cache_dir)
    return _fresh(memo[1])


def beside_program(root: Path) -> Path | None:
    """Where the copy of the shipped content is kept for every data folder: beside mbcprep's own
    compiled modules (`__pycache__`, or `sys.pycache_prefix`), as Python keeps bytecode. It holds only
    the shipped content, nothing a person typed. None for content not shipped with mbcprep, and where
    Python itself writes no bytecode (`PYTHONDONTWRITEBYTECODE`)."""
    from mbcprep.paths import shipped_data_dir

    if sys.dont_write_bytecode or sys.implementation.cache_tag is None:
        return None
    shipped = shipped_data_dir()
    if root != shipped and root.parent != shipped:
        return None
    from importlib.util import cache_from_source

    try:
        return Path(cache_from_source(__file__)).parent
    except (NotImplementedError, ValueError):
        return None


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


def _write(folder: Path, name: str, lang: str, text: str, *, private_folder: bool = True) -> None:
    """Write the copy, removing older copies of the same language (never the other language's). The
    data folder's `cache/` is made private; the folder beside the program is left as Python made it."""
    from mbcprep import files
    from mbcprep.errors import MbcprepError
    from mbcprep.paths import ensure_private_dir

    with suppress(OSError, MbcprepError):
        if private_folder:
            ensure_private_dir(folder)
        else:
            folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            found = CACHE_NAME.fullmatch(old.name)
            if found and (found[1] or "en") == lang and old.name != name:
                old.unlink()
        files.write_private_text(folder / name, text, force=True)


def to_json(content: Content) -> str:
    data: dict[str, Any] = {name: [_fields(v) for v in getattr(content, name).values()] for name in _PARTS}
    data["glossary"] = [_fields(t) for t in content.glossary]
    return json.dumps(data, ensure_ascii=False)


def _fields(item: Any) -> dict[str, Any]:
    """An item's fields by name (its values are text, numbers, flags and tuples of text, which JSON
    writes as they are: `dataclasses.asdict` would copy each of them first, five times slower)."""
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}


def from_json(text: str) -> Content:
    data = json.loads(text)
    content = Content()
    for name, cls in _PARTS.items():
        setattr(content, name, {item["id"]: _build(cls, item) for item in data[name]})
    content.glossary = [_build(Term, item) for item in data["glossary"]]
    return content


def _build(cls: type, item: dict[str, Any]) -> Any:
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()})
