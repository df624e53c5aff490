"""The list of blood tests and tumour markers (`data/labs.yaml`, `data/es/labs.yaml`): their names as
reports write them, their usual units, groups and LOINC codes. Read only by the commands that need it
(`results add`, the results' trends and the trial page), never at start-up."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from mbcprep.errors import ContentError
from mbcprep.i18n import ENGLISH, _, language

GROUPS = ("marker", "blood", "liver", "kidney", "other")
_FOLD = re.compile(r"[\s.\-_()/]+")


@dataclass(frozen=True)
class Lab:
    """A blood test or tumour marker of the lab list."""

    id: str
    name: str  # in the chosen language, as reports write it
    unit: str
    group: str  # one of GROUPS
    loinc: str
    words: tuple[str, ...] = ()  # other ways of writing it

    @property
    def is_marker(self) -> bool:
        return self.group == "marker"


def fold(name: str) -> str:
    """A name with case, spaces, dots, dashes and brackets left out: "CA 15.3" and "ca15-3" are one."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", name.casefold())
    return _FOLD.sub("", "".join(c for c in bare if not unicodedata.combining(c)))


def labs(lang: str | None = None, cache_dir: Path | None = None) -> tuple[Lab, ...]:
    """The labs in `lang` (the chosen language when not given), in the file's order; read once a run,
    from the checked copy in `cache_dir` when given and still that of the file (see `read_labs`)."""
    from mbcprep.content.load import content_root
    from mbcprep.paths import shipped_data_dir

    lang = lang or language()
    path = content_root(shipped_data_dir(), lang) / "labs.yaml"
    if lang not in _LOADED:
        _LOADED[lang] = read_labs(path, lang, cache_dir)
    elif cache_dir is not None and (name := copy_name(path, lang)) and not (cache_dir / name).exists():
        _keep_copy(cache_dir, name, lang, _as_json(_LOADED[lang]))  # another data folder, in the same run
    return _LOADED[lang]


_LOADED: dict[str, tuple[Lab, ...]] = {}  # by language: the list is read once a run
COPY_NAME = re.compile(r"labs-([a-z]{2})-[0-9a-f]{16}\.json")


def read_labs(path: Path, lang: str, cache_dir: Path | None = None) -> tuple[Lab, ...]:
    """The labs of the file `path`. With `cache_dir`, from the checked copy there (JSON, named by a key
    made of mbcprep's version, the language and the file's size and time, as the content's copy is:
    `mbcprep.content.cache`), so a command that needs the list does not load the YAML reader; the copy
    is made when missing, older copies of that language removed. A copy that cannot be read or
    written is ignored."""
    import json

    name = copy_name(path, lang)
    if name is None:
        return _read_yaml(path)
    if cache_dir is not None:
        with suppress(OSError, ValueError, TypeError, KeyError):
            kept = json.loads((cache_dir / name).read_text(encoding="utf-8"))
            copied = tuple(Lab(**{**item, "words": tuple(item["words"])}) for item in kept)
            if copied and all(lab.group in GROUPS for lab in copied):
                return copied
    found = _read_yaml(path)
    if cache_dir is not None:
        _keep_copy(cache_dir, name, lang, _as_json(found))
    return found


def copy_name(path: Path, lang: str) -> str | None:
    """The name of the checked copy of the lab file `path` (None when the file cannot be looked at)."""
    import json

    from mbcprep import __version__
    from mbcprep.digest import sha256

    try:
        seen = path.stat()
    except OSError:
        return None
    key = json.dumps([__version__, lang, seen.st_size, seen.st_mtime_ns])
    return f"labs-{lang}-{sha256(key.encode()).hexdigest()[:16]}.json"


def _as_json(found: tuple[Lab, ...]) -> str:
    import json

    return json.dumps([asdict(lab) for lab in found], ensure_ascii=False)


def _keep_copy(cache_dir: Path, name: str, lang: str, text: str) -> None:
    from mbcprep import files
    from mbcprep.errors import MbcprepError
    from mbcprep.paths import ensure_private_dir

    with suppress(OSError, MbcprepError):
        ensure_private_dir(cache_dir)
        for old in cache_dir.iterdir():
            found = COPY_NAME.fullmatch(old.name)
            if found and found[1] == lang and old.name != name:
                old.unlink()
        files.write_private_text(cache_dir / name, text, force=True)


def _read_yaml(path: Path) -> tuple[Lab, ...]:
    from mbcprep.content.strict_yaml import load_file
    from mbcprep.errors import Problem

    data = load_file(path)
    found = []
    items = data.get("labs") if isinstance(data, dict) else None
    for n, item in enumerate(items if isinstance(items, list) else [None], 1):
        try:
            found.append(
                Lab(
                    str(item["id"]),
                    str(item["name"]),
                    str(item["unit"]),
                    str(item["group"]) if item["group"] in GROUPS else _bad(),
                    str(item["loinc"]),
                    tuple(str(w) for w in item.get("words", [])),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise ContentError([Problem(str(path), n, _("a lab needs an id, name, unit, group and loinc"))]) from None
    return tuple(found)


def _bad() -> str:
    raise ValueError


def by_id(lang: str | None = None, cache_dir: Path | None = None) -> dict[str, Lab]:
    return {lab.id: lab for lab in labs(lang, cache_dir)}


def find_lab(name: str, lang: str | None = None) -> Lab | None:
    """The lab a name means, in the chosen language or in English (its name, id or another way of
    writing it, folded); None for a name not in the list."""
    folded = fold(name)
    if not folded:
        return None
    chosen = labs(lang)
    english = labs(ENGLISH) if (lang or language()) != ENGLISH else ()
    for lab in (*chosen, *english):
        if folded in {fold(lab.id), fold(lab.name), *map(fold, lab.words)}:
            return by_id(lang)[lab.id]
    return None
