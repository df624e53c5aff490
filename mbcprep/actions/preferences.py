"""`mbcprep settings`: the choices a person saves once (see `mbcprep.preferences`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.languages import codes
from mbcprep.preferences import MAX_TRAVEL, TRAVEL_MINUTES, Preferences, read_preferences, save_preferences

NAMES = ("plain", "lang", "travel")
_ON = ("on", "yes", "true", "1", "sí", "si")  # "no" is the same word in both languages
_OFF = ("off", "no", "false", "0")
_UNSET = ("auto", "default", "unset")


def change_setting(folder: Path, name: str, value: str) -> Preferences:
    """Save one choice: `plain on|off|auto`, `lang en|es|auto` ("auto": let the environment decide),
    `travel MINUTES|auto` (the time it takes to get to a visit; "auto": the usual 45 minutes)."""
    name, value = name.strip().lower(), value.strip().lower()
    saved = read_preferences(folder)
    if name == "plain":
        if value in _ON:
            chosen = replace(saved, plain=True)
        elif value in _OFF:
            chosen = replace(saved, plain=False)
        elif value in _UNSET:
            chosen = replace(saved, plain=None)
        else:
            raise UsageError(_("Plain mode is 'on', 'off' or 'auto'."))
    elif name == "lang":
        if value in codes():
            chosen = replace(saved, lang=value)
        elif value in _UNSET:
            chosen = replace(saved, lang=None)
        else:
            raise UsageError(_("The language is one of {languages}, or 'auto'.").format(languages=", ".join(codes())))
    elif name == "travel":
        if value in _UNSET:
            chosen = replace(saved, travel=None)
        elif value.isascii() and value.isdigit() and int(value) <= MAX_TRAVEL:
            chosen = replace(saved, travel=int(value))
        else:
            raise UsageError(
                _(
                    "The time to get to a visit is a number of minutes from 0 to {most}, or 'auto' ({usual} minutes)."
                ).format(most=MAX_TRAVEL, usual=TRAVEL_MINUTES)
            )
    else:
        raise UsageError(
            _("There is no setting called that. The settings are: {names}.").format(names=", ".join(NAMES))
        )
    save_preferences(folder, chosen)
    return chosen
