"""The languages mbcprep speaks: one list that everything reads.

The visit's check (and so the backup), `--lang`, `mbcprep settings lang`, the environment
(`MBCPREP_LANG`, `LANG`...), a custom bank's `lang:`, the names shown for a language and how a
typed date like 8/12 is read all come from `LANGUAGES`. To add one, see ARCHITECTURE.md ("How do I
add a language"): an entry here, its catalogue and its content folder.

Read the list through `codes()` and `find()` when a module is loaded or later, never copied into a
constant of this module, so an entry added here is seen everywhere.
"""

from __future__ import annotations

from typing import NamedTuple

from mbcprep.i18n import N_, _


class Language(NamedTuple):
    """A language mbcprep speaks.
    (A named tuple: quicker to make than a frozen dataclass, before the first question.)"""

    code: str  # "es": the value of --lang, the catalogue's folder (locale/es/) and the content's (data/es/)
    name: str  # its name in English, marked for the catalogue ("Spanish"); shown in the chosen language
    own_name: str  # its name in its own words ("español"), shown where a person picks a language
    day_first: bool = False  # 8/12 is the 8th of December (True) or August 12th (False)


LANGUAGES: tuple[Language, ...] = (
    Language("en", N_("English"), "English"),  # first: the language the messages are written in
    Language("es", N_("Spanish"), "español", day_first=True),
)


def codes() -> tuple[str, ...]:
    """Every language's code, in the list's order: ("en", "es")."""
    return tuple(lang.code for lang in LANGUAGES)


def find(code: str) -> Language | None:
    """The language of `code` ("es"), or None for one mbcprep does not speak."""
    return next((lang for lang in LANGUAGES if lang.code == code), None)


def choices() -> str:
    """The codes with their own names, for help and messages: "en (English), es (español)"."""
    return ", ".join(f"{lang.code} ({lang.own_name})" for lang in LANGUAGES)


def language_name(code: str) -> str:
    """A language's name in the chosen language ("Spanish", "español"); the code itself for one
    mbcprep does not speak."""
    found = find(code)
    return _(found.name) if found is not None else code
