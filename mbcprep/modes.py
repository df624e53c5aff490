"""How this run shows itself, decided once at start-up before any text is made: the language and
plain mode (numbered prompts, no colour, no escape sequences, for screen readers, braille displays
and terminals that cannot draw). Read by the prompter chooser and by what prints."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NamedTuple

PLAIN_ENV = "MBCPREP_PLAIN"
LANG_ENV = "MBCPREP_LANG"
_TRUE = ("1", "true", "yes", "on")


class Modes(NamedTuple):
    """How this command speaks: plain mode or not, and in which language.
    (A named tuple: quicker to make than a frozen dataclass, before the first question.)"""

    plain: bool = False
    lang: str = "en"


_current = Modes()


def current() -> Modes:
    return _current


def is_plain() -> bool:
    return _current.plain


def set_modes(modes: Modes) -> None:
    global _current
    _current = modes


def choose_plain(flag: bool, saved: bool | None, env: Mapping[str, str] | None = None) -> bool:
    """--plain; else MBCPREP_PLAIN (1 or 0); else the saved setting; else ACCESSIBLE or TERM=dumb."""
    env = os.environ if env is None else env
    if flag:
        return True
    own = env.get(PLAIN_ENV, "").strip().lower()
    if own:
        return own in _TRUE
    if saved is not None:
        return saved
    accessible = env.get("ACCESSIBLE", "").strip().lower()
    return bool(accessible and accessible not in ("0", "false", "no", "off")) or env.get("TERM", "") == "dumb"


def choose_language(flag: str | None, saved: str | None, env: Mapping[str, str] | None = None) -> str:
    """--lang; else MBCPREP_LANG; else the saved setting; else the first of LANGUAGE (which may list
    several, "es:en"), LC_ALL, LC_MESSAGES and LANG that is set. A language mbcprep does not speak
    means English, with no error."""
    env = os.environ if env is None else env
    for chosen in (flag, env.get(LANG_ENV), saved):
        if chosen and chosen.strip():
            return known_language(chosen) or "en"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            parts = value.split(":") if name == "LANGUAGE" else [value]
            return next((code for code in map(known_language, parts) if code), "en")
    return "en"


def known_language(tag: str) -> str | None:
    """ "es", "es_MX.UTF-8", "es-419" -> "es"; None for a language mbcprep does not speak."""
    from mbcprep.languages import codes

    code = tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in codes() else None
