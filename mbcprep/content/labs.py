"""The list of blood tests and tumour markers (`data/labs.yaml`, `data/es/labs.yaml`): their names as
reports write them, their usual units, groups and LOINC codes. Read only by the commands that need it
(`results add`, the results' trends and the trial page), never at start-up."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mbcprep.errors import ContentError
from mbcprep.i18n import ENGLISH, _, language

GROUPS = ("marker", "blood", "liver", "kidney", "other")
_FOLD = re.compile(r"[\s.\-_()/]+")


@dataclass(frozen=True)
class Lab:
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


def labs(lang: str | None = None) -> tuple[Lab, ...]:
    """The labs in `lang` (the chosen language when not given), in the file's order."""
    return _labs(lang or language())


@functools.cache
def _labs(lang: str) -> tuple[Lab, ...]:
    from mbcprep.content.load import content_root
    from mbcprep.content.strict_yaml import load_file
    from mbcprep.errors import Problem
    from mbcprep.paths import shipped_data_dir

    root = content_root(shipped_data_dir(), lang)
    path = root / "labs.yaml"
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


def by_id(lang: str | None = None) -> dict[str, Lab]:
    return {lab.id: lab for lab in labs(lang)}


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
