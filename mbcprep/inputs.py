"""Turning what a person types into values, with one plain sentence when it cannot be read."""

from __future__ import annotations

from datetime import date

from mbcprep.errors import UsageError
from mbcprep.i18n import N_, _
from mbcprep.model.record import SCORE_MAX, SCORE_MIN

DATE_HINT = N_("a date like 2027-01-15, dec 8, next tuesday, today or tomorrow")
TIME_HINT = N_("a time like 14:30 or 2:30 pm")
MONTH_HINT = N_("a month and year like 2024-03 or March 2024, or the year alone (2024)")

# Error messages never repeat what a person typed (it may be part of a note, a question or a symptom):
# they name the option, and which one when it was given several times.


def parse_date(text: str, today: date | None = None, *, what: str | None = None, past: str = "") -> str:
    """A date as people write it (see `mbcprep.dates`) -> ISO date string. With `past` (the sentence
    for a day still to come), a day that has come: "nov 20" is the latest 20 November, and a day
    after today is refused with that sentence."""
    from mbcprep.dates import out_of_reach, reach_sentence, read_date

    day = today or date.today()
    found = read_date(text, day, past=bool(past))
    if found is not None and past and found > day:
        raise UsageError(past)
    if found is not None:
        return found.isoformat()
    if out_of_reach(text, today or date.today()):
        raise UsageError(_("{what} is too far off: {reach}").format(what=what or _("That"), reach=reach_sentence()))
    raise UsageError(
        _("{what} is not a date I can read; please use {hint}.").format(what=what or _("That"), hint=_(DATE_HINT))
    )


def parse_time(text: str, *, what: str | None = None) -> str:
    """A time of day as people write it (see `mbcprep.dates.read_time`) -> "HH:MM" ("" for blank)."""
    from mbcprep.dates import read_time

    if not text.strip():
        return ""
    found = read_time(text)
    if found is None:
        raise UsageError(
            _("{what} is not a time I can read; please use {hint}.").format(what=what or _("That"), hint=_(TIME_HINT))
        )
    return found


def parse_month(text: str, today: date | None = None, *, what: str | None = None) -> str:
    """A month as people write it ("2024-03", "March 2024", "mar 2024") -> "YYYY-MM" ("" for blank)."""
    from mbcprep.dates import month_out_of_reach, reach_sentence, read_month

    if not text.strip():
        return ""
    found = read_month(text, today or date.today())
    if found is not None:
        return found
    if month_out_of_reach(text, today or date.today()):
        raise UsageError(_("{what} is too far off: {reach}").format(what=what or _("That"), reach=reach_sentence()))
    raise UsageError(
        _("{what} is not a month I can read; please use {hint}.").format(what=what or _("That"), hint=_(MONTH_HINT))
    )


def nth(n: int, given: int, flag: str) -> str:
    """'--question' when it was given once, else '--question number 2': which one a message is about."""
    if given <= 1:
        return flag
    return _("{option} number {n}").format(option=flag, n=n + 1)


def parse_score(text: str, what: str | None = None) -> int:
    word = text.strip()
    if not (word.isascii() and word.isdigit() and len(word) <= 2 and SCORE_MIN <= int(word) <= SCORE_MAX):
        raise UsageError(
            _("{what} must be a whole number from {low} to {high}.").format(
                what=what or _("A score"), low=SCORE_MIN, high=SCORE_MAX
            )
        )
    return int(word)


def split_pair(text: str, flag: str, example: str, *, value_last: bool = False) -> tuple[str, str]:
    """`NAME=VALUE` from a repeatable flag. The value starts after the first '=', or with `value_last`
    after the last one (a score after a name that may hold an '=')."""
    name, sep, value = text.rpartition("=") if value_last else text.partition("=")
    if not sep or not name.strip():
        raise UsageError(
            _("{option} needs NAME=VALUE, for example {option} {example}.").format(option=flag, example=example)
        )
    return name.strip(), value.strip()


def clean_text(text: str) -> str:
    """Text from the command line as it can be stored: bytes that were not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()


# Translators: what a person may type for "nothing more" when asked what else bothers them, each
# separated by "|" (English words are understood too). Without accents is fine.
NOTHING_WORDS = N_("no|none|nothing|nothing else|no thanks|no thank you|nope|nah|n/a|na|nil|not really|all good")


def means_nothing(text: str) -> bool:
    """Whether an answer to "Anything else?" is a way of saying no ("no", "nothing", "nada",
    "no gracias", "n/a"), never the name of a symptom."""
    import re

    from mbcprep.dates import fold

    said = re.sub(r"[\s.,;:!¡¿?]+", " ", fold(text)).strip()
    words = {fold(w).strip() for w in (_(NOTHING_WORDS) + "|" + NOTHING_WORDS).split("|")}
    return said in words or said.replace(" ", "") in {w.replace(" ", "") for w in words}
