"""Translatable text: every sentence mbcprep shows goes through `_` (or `ngettext` when it counts).

The catalogue template is `mbcprep/locale/mbcprep.pot` (made with `pybabel extract`, see the README);
translations live beside it as `mbcprep/locale/<lang>/LC_MESSAGES/mbcprep.mo`. Until `use_language`
is called, text is English. Dates and numbers are written by the functions here, so a language can
say them its own way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

DOMAIN = "mbcprep"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"

_translation: Any = None  # the chosen language's catalogue (`Catalogue`); None while the text is English
_language = ENGLISH


def use_language(code: str) -> str:
    """Show text in `code` (one of `mbcprep.languages`); a language with no catalogue falls back to
    English. Returns the one used."""
    global _translation, _language
    code = (code or ENGLISH).split("_")[0].split(".")[0].lower()
    _translation, _language = None, ENGLISH
    if code != ENGLISH:
        try:
            _translation = Catalogue(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo")
            _language = code
        except OSError:  # no catalogue for it: English, with no error
            pass
    return _language


class Catalogue:
    """A compiled catalogue (`.mo`), answering as gettext's GNUTranslations does, but each message is
    decoded when first asked for, not all of them at the start: a command in another language starts
    (and the interview's first question comes) that much sooner."""

    def __init__(self, path: Path) -> None:
        import struct

        with open(path, "rb") as fh:
            buf = fh.read()
        order = {b"\xde\x12\x04\x95": "<", b"\x95\x04\x12\xde": ">"}.get(buf[:4])
        if order is None or len(buf) < 20 or struct.unpack_from(order + "I", buf, 4)[0] >> 16 > 1:
            raise OSError(str(path))
        try:
            n, at_ids, at_strs = struct.unpack_from(order + "3I", buf, 8)
            ids = struct.unpack_from(f"{order}{2 * n}I", buf, at_ids)
            self._strs = struct.unpack_from(f"{order}{2 * n}I", buf, at_strs)
        except struct.error:
            raise OSError(str(path)) from None
        # A file cut short (or otherwise damaged) is refused here, as gettext refuses it: English then.
        for table in (ids, self._strs):
            if any(at + length > len(buf) for length, at in zip(table[::2], table[1::2], strict=True)):
                raise OSError(str(path))
        self._buf = buf
        # Each message's id as stored (a message with plural forms: "singular\0plural") -> its place.
        stored = [buf[at : at + length] for length, at in zip(ids[::2], ids[1::2], strict=True)]
        self._index = dict(zip(stored, range(n), strict=True))
        self._plurals: dict[bytes, int] | None = None  # singular -> place, made when first needed
        self._decoded: dict[str, tuple[bool, list[str]]] = {}
        self._plural: Any = None

    def _place(self, message: str, plural: str | None) -> tuple[int, bool] | None:
        """Where `message` is stored, and whether it has plural forms."""
        key = message.encode()
        if plural is not None and (k := self._index.get(key + b"\0" + plural.encode())) is not None:
            return k, True
        if (k := self._index.get(key)) is not None:
            return k, False
        if self._plurals is None:
            self._plurals = {msgid.partition(b"\0")[0]: k for msgid, k in self._index.items() if b"\0" in msgid}
        k = self._plurals.get(key)
        return None if k is None else (k, True)

    def _forms(self, message: str, plural: str | None = None) -> tuple[bool, list[str]] | None:
        found = self._decoded.get(message)
        if found is None:
            place = self._place(message, plural)
            if place is None:
                return None
            length, at = self._strs[2 * place[0]], self._strs[2 * place[0] + 1]
            try:
                text = self._buf[at : at + length].decode()
            except UnicodeDecodeError:  # a damaged translation: the English message instead
                return None
            found = self._decoded[message] = (place[1], text.split("\0"))
        return found

    def _form(self, n: int) -> int:
        """Which plural form `n` takes, by the catalogue's Plural-Forms rule (read when first needed)."""
        if self._plural is None:
            self._plural = lambda n: int(n != 1)
            for line in (self._forms("") or (False, [""]))[1][0].splitlines():
                name, _colon, value = line.partition(":")
                if name.strip().lower() == "plural-forms":
                    from gettext import c2py

                    self._plural = c2py(value.split(";")[1].split("plural=")[1])
        return int(self._plural(n))

    def _one(self, key: str) -> str | None:
        """The translation of `key`; for a message with plural forms, the form for 1 (as gettext)."""
        found = self._forms(key)
        if found is None:
            return None
        plural, forms = found
        if not plural:
            return forms[0]
        form = self._form(1)
        return forms[form] if form < len(forms) else None

    def gettext(self, message: str) -> str:
        found = self._one(message)
        return message if found is None else found

    def pgettext(self, context: str, message: str) -> str:
        found = self._one(f"{context}\x04{message}")
        return message if found is None else found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._forms(singular, plural)
        if found is not None and found[0]:
            form = self._form(n)
            if form < len(found[1]):
                return found[1][form]
        return singular if n == 1 else plural


def language() -> str:
    return _language


def _(message: str) -> str:
    """The message in the chosen language."""
    return message if _translation is None else str(_translation.gettext(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The message for `count` things, in the chosen language's plural form."""
    if _translation is None:
        return singular if count == 1 else plural
    return str(_translation.ngettext(singular, plural, count))


def pgettext(context: str, message: str) -> str:
    """The message in the chosen language, where the same English words need telling apart."""
    return message if _translation is None else str(_translation.pgettext(context, message))


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; `_` translates it where it is shown."""
    return message


# --- dates and numbers ---------------------------------------------------------------------------

_DAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def day_name(day: date) -> str:
    return _(_DAYS[day.weekday()])


def month_name(day: date) -> str:
    return _(_MONTHS[day.month - 1])


def long_date(day: date) -> str:
    """'Friday 15 January 2027', in the chosen language's order and words."""
    # Translators: the order of a date written in full; keep the names in braces.
    return _("{weekday} {day} {month} {year}").format(
        weekday=day_name(day), day=day.day, month=month_name(day), year=day.year
    )


def day_and_month(day: date) -> str:
    """'Monday 30 November', for a day close to today."""
    # Translators: a day written without its year; keep the names in braces.
    return _("{weekday} {day} {month}").format(weekday=day_name(day), day=day.day, month=month_name(day))


def ordinal(n: int) -> str:
    """'first', 'second', 'third' for the questions to ask first; a number beyond that."""
    # Translators: the first, second and third of the questions to ask first ("Which question to ask
    # {nth}?", "two questions marked to ask {nth}"): words that agree with the word for "question".
    words = (_("first"), _("second"), _("third"))
    return words[n - 1] if 1 <= n <= len(words) else str(n)


def number(n: int) -> str:
    """A whole number as people of the chosen language write it: 1,000 in English; in Spanish 1000
    and 2 000 000 (a space that never breaks the line, no mark in four digits, as the Academies
    advise, so it cannot be read as a decimal point by readers from either side of the border)."""
    # Translators: the smallest number written with its thousands grouped (1000, or 10000 where
    # four digits are written together).
    smallest = pgettext("the smallest number whose thousands are grouped", "1000")
    if not smallest.isdigit() or abs(n) < int(smallest):
        return str(n)
    return f"{n:,}".replace(",", pgettext("the character that groups thousands, as in 1,000", ","))


def moment_words(stamp: str, unknown: str = "") -> str:
    """A saved moment (ISO 8601) as a person reads it: 'Monday 30 November at 14:05' in local time."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return unknown
    return _("{day} at {time}").format(
        day=day_and_month(date(moment.year, moment.month, moment.day)), time=f"{moment:%H:%M}"
    )
