"""Turning what a person types into values, with one plain sentence when it cannot be read."""

from __future__ import annotations

import re
from datetime import date, timedelta

from mbcprep.errors import UsageError
from mbcprep.models import SCORE_MAX, SCORE_MIN

DATE_HINT = "a date like 2027-01-15, or today or tomorrow"


def parse_date(text: str, today: date | None = None) -> str:
    """`today`, `tomorrow`, `yesterday` or YYYY-MM-DD -> ISO date string."""
    today = today or date.today()
    word = text.strip().lower()
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if word in named:
        return (today + timedelta(days=named[word])).isoformat()
    try:
        return date.fromisoformat(word).isoformat() if len(word) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> str:
    raise UsageError(f"{quoted_if_id(text, 'That') or 'That'} is not a date I can read; please use {DATE_HINT}.")


_ID_LIKE = re.compile(r"[a-z0-9][a-z0-9:-]{0,39}")


def quoted_if_id(text: str, fallback: str = "") -> str:
    """`'text'` if it looks like an id or a date someone mistyped, else `fallback`: error messages never
    repeat words a person may have meant as a note, a question or a symptom."""
    word = text.strip()
    return f"'{word}'" if _ID_LIKE.fullmatch(word) else fallback


def parse_score(text: str, what: str = "A score") -> int:
    word = text.strip()
    if not (word.isascii() and word.isdigit() and len(word) <= 2 and SCORE_MIN <= int(word) <= SCORE_MAX):
        raise UsageError(f"{what} must be a whole number from {SCORE_MIN} to {SCORE_MAX}.")
    return int(word)


def split_pair(text: str, flag: str, example: str) -> tuple[str, str]:
    """`NAME=VALUE` from a repeatable flag."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"{flag} needs NAME=VALUE, for example {flag} {example}.")
    return name.strip(), value.strip()


def _clip(text: str, limit: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def clean_text(text: str) -> str:
    """Text from the command line as it can be stored: bytes that were not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()
