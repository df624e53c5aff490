"""Reading a date the way people write it: "2027-01-15", "today", "tomorrow", "next tuesday",
"dec 8", "8 December", "12/8" (month/day in English; day/month where a language writes it so), with
or without a year. A date without a year is the next one to come (a visit), or, read as a day that has
come (`past`: a result, a diary day), the most recent one on or before today. Never a guess between two days:
what cannot be read for sure is refused, and the caller says how a date was understood.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from mbcprep.i18n import N_, _, language

# Words in English; the chosen language's own words are read too (see `_words`).
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")  # fmt: skip
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?")
# The days mbcprep takes, on the way in (options, interview, import): a person's life and care, with
# room to spare. Python's own ends (year 1, 9999-12-31) leave no room for "the week before".
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


def fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _words() -> tuple[dict[str, int], dict[str, int], dict[str, int], set[str], set[str]]:
    """(month names, day names, words for today/tomorrow/yesterday, 'next' words, filler words)."""
    from mbcprep.i18n import _DAYS, _MONTHS

    months: dict[str, int] = {}
    for n, name in enumerate(_EN_MONTHS, 1):
        months[name] = months[name[:3]] = n
    months["sept"] = 9
    for n, name in enumerate(_MONTHS, 1):
        local = fold(_(name))
        months[local] = months[local[:3]] = n
    days: dict[str, int] = {}
    for n, name in enumerate(_EN_DAYS):
        days[name] = days[name[:3]] = n
    for n, name in enumerate(_DAYS):
        local = fold(_(name))
        days[local] = days[local[:3]] = n
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    # Translators: the words for today, tomorrow and yesterday, in that order, separated by spaces.
    for offset, word in zip((0, 1, -1), _("today tomorrow yesterday").split(), strict=False):
        relative[fold(word)] = offset
    # Translators: words that mean "the coming one" before a day name ("next tuesday"), separated by spaces.
    following = {"next", "this", "on"} | {fold(w) for w in _("next this on").split()}
    # Translators: small words that may sit between a day and a month ("8 of December"), separated by spaces.
    filler = {"of", "the"} | {fold(w) for w in _("of the").split()}
    return months, days, relative, following, filler


def _day_first() -> bool:
    """Whether the chosen language writes the day before the month (8/12 is the 8th of December)."""
    from mbcprep.languages import find

    found = find(language())
    return found is not None and found.day_first


def read_date(text: str, today: date, *, past: bool = False) -> date | None:
    """The day `text` names, or None when it cannot be read for sure or is out of reach. With `past`,
    a day without a year ("nov 20", "tuesday") is the most recent such day on or before today."""
    found = _any_date(text, today, past)
    return found if found is not None and in_reach(found) else None


def in_reach(day: date) -> bool:
    """Whether mbcprep takes `day` (see FIRST_DAY and LAST_DAY)."""
    return FIRST_DAY <= day <= LAST_DAY


def out_of_reach(text: str, today: date) -> bool:
    """Whether `text` names a real day that mbcprep does not take."""
    found = _any_date(text, today)
    return found is not None and not in_reach(found)


def reach_sentence() -> str:
    """The plain sentence for a day out of reach."""
    return _("mbcprep takes dates from the year {first} to the year {last}.").format(
        first=FIRST_DAY.year, last=LAST_DAY.year
    )


def shifted(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at the first or last day Python knows (never OverflowError):
    for data written before mbcprep refused such days."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _any_date(text: str, today: date, past: bool = False) -> date | None:
    words = [w for w in re.split(r"[\s,]+", fold(text).strip().rstrip(".")) if w]
    if not words:
        return None
    joined = " ".join(words)
    if m := _ISO.fullmatch(joined):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(joined):
        first, second = int(m[1]), int(m[2])
        month, day = (second, first) if _day_first() else (first, second)
        year = None if m[3] is None else int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _with_year(month, day, year, today, past)
    months, days, relative, following, filler = _words()
    if joined in relative:
        return today + timedelta(days=relative[joined])
    rest = [w for w in words if w not in following]
    if len(rest) == 1 and rest[0] in days:
        if past:  # "tuesday" for a day that has come: the latest Tuesday (today's, on a Tuesday)
            return today - timedelta(days=(today.weekday() - days[rest[0]]) % 7)
        ahead = (days[rest[0]] - today.weekday()) % 7
        return today + timedelta(days=ahead or 7)  # "tuesday" on a Tuesday means next week's
    rest = [w.rstrip("stndrh") if w[:1].isdigit() else w for w in words if w not in filler]  # 8th -> 8
    # "tuesday 8 december": the day name adds nothing. A word that names a day and a month ("mar",
    # Spanish for Tuesday and for March) is the month, unless there is another month.
    rest = [w for w in rest if w not in days or w in months]
    numbers = [w for w in rest if w.isdigit()]
    names = [w for w in rest if not w.isdigit()]
    if len(names) > 1:
        names = [w for w in names if w not in days]
        rest = numbers + names
    if (
        len(names) != 1
        or names[0] not in months
        or not 1 <= len(numbers) <= 2
        or len(rest) != len(names) + len(numbers)
    ):
        return None
    day_number = int(numbers[0])
    year = int(numbers[1]) if len(numbers) == 2 else None
    if year is not None and year < 100:
        return None
    return _with_year(months[names[0]], day_number, year, today, past)


def _with_year(month: int, day: int, year: int | None, today: date, past: bool = False) -> date | None:
    if year is not None:
        return _day(year, month, day)
    found = _day(today.year, month, day)
    if past:
        return found if found is not None and found <= today else _day(today.year - 1, month, day)
    if found is not None and found < today:
        found = _day(today.year + 1, month, day)
    return found


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def by_day_name(text: str) -> bool:
    """Whether `text` names a day of the week alone ("next tuesday", "el martes"): people mean this
    week's or next week's, so the day it was read as is worth a check."""
    _months, days, _relative, following, _filler = _words()
    words = [w for w in re.split(r"[\s,]+", fold(text).strip().rstrip(".")) if w and w not in following]
    return len(words) == 1 and words[0] in days


def far_from_today(day: date, today: date) -> str | None:
    """A sentence when a visit's date is worth a second look: in the past, or more than a year ahead."""
    if day < today:
        return _("That date is in the past.")
    if day > today + timedelta(days=366):
        return _("That date is more than a year from now.")
    return None


# --- months: when a treatment started or a medicine began -------------------------------------------

_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_THIS_MONTH = (N_("this month"), N_("now"))


def month_out_of_reach(text: str, today: date) -> bool:
    """Whether `text` names a real month that mbcprep does not take."""
    return read_month(text, today) is None and read_month(text, today, reach=False) is not None


def read_month(text: str, today: date, *, reach: bool = True) -> str | None:
    """The month `text` names, as "YYYY-MM": "2024-03", "March 2024", "mar 2024", "3/2024", "2024/03",
    "this month" or "today". A whole date ("2024-03-15", "15 March 2024") is kept as "YYYY-MM-DD", and
    a year alone ("2024", when that is all a person knows) as "YYYY". None when it cannot be read for
    sure (a month with no year, "mar 24")."""
    words = [w.rstrip(".") for w in re.split(r"[\s,]+", fold(text).strip()) if w.rstrip(".")]
    joined = " ".join(words)
    if not joined:
        return None
    if re.fullmatch(r"\d{4}", joined):
        year = int(joined)
        return joined if not reach or FIRST_DAY.year <= year <= LAST_DAY.year else None
    if m := _ISO_MONTH.fullmatch(joined):
        return _month(int(m[1]), int(m[2]), reach)
    if m := _MONTH_YEAR.fullmatch(joined):
        return _month(int(m[2]), int(m[1]), reach)
    months, _days, relative, _following, filler = _words()
    now_words = {words for phrase in _THIS_MONTH for words in (phrase, fold(_(phrase)))}
    if joined in now_words or joined in relative:
        return _month(today.year, today.month)
    rest = [w for w in words if w not in filler]
    names = [w for w in rest if not w.isdigit()]
    numbers = [w for w in rest if w.isdigit()]
    if len(names) == 1 and names[0] in months and len(numbers) == 1 and len(numbers[0]) == 4:
        return _month(int(numbers[0]), months[names[0]], reach)
    if _ISO.fullmatch(joined) or (len(numbers) == 2 and len(names) == 1):  # a whole day: kept as a date
        day = read_date(joined, today) if reach else _any_date(joined, today)
        if day is not None and (_ISO.fullmatch(joined) or any(len(n) == 4 for n in numbers)):
            return day.isoformat()
    return None


def _month(year: int, month: int, reach: bool = True) -> str | None:
    low, high = (FIRST_DAY.year, LAST_DAY.year) if reach else (1, 9999)
    if not (1 <= month <= 12 and low <= year <= high):
        return None
    return f"{year:04d}-{month:02d}"


def month_span(month: str) -> tuple[str, str]:
    """The first and last month (YYYY-MM) a month field's value covers: "2024-03" (or a whole date in
    it) is itself both; a year alone, "2024", runs from 2024-01 to 2024-12."""
    if len(month) == 4:
        return f"{month}-01", f"{month}-12"
    return month[:7], month[:7]


def ends_before(earlier: str, later: str) -> bool:
    """Whether the months `earlier` covers all end before `later` begins (a stop before its start)."""
    return bool(earlier and later) and month_span(earlier)[1] < month_span(later)[0]


def month_words(iso: str) -> str:
    """'March 2024' for "2024-03", 'March 2024' for a whole date too (a month is what matters here);
    the text as it is when it is neither (a year alone, "2024")."""
    try:
        day = date.fromisoformat(iso + "-01" if len(iso) == 7 else iso)
    except ValueError:
        return iso
    from mbcprep.i18n import month_name

    # Translators: a month and its year ("March 2024"); keep the names in braces.
    return _("{month} {year}").format(month=month_name(day), year=day.year)


def day_words(day: date, today: date) -> str:
    """ "1 September" (this year), "1 September 2025" (another): a date inside a sentence."""
    from mbcprep.i18n import month_name

    if day.year == today.year:
        # Translators: a date inside a sentence, without its weekday ("since 1 September").
        return _("{day} {month}").format(day=day.day, month=month_name(day))
    # Translators: a date inside a sentence, without its weekday ("since 1 September 2025").
    return _("{day} {month} {year}").format(day=day.day, month=month_name(day), year=day.year)


# --- times of day ----------------------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(?:h|hrs?)?\s*(a\.?\s*m\.?|p\.?\s*m\.?)?")


def read_time(text: str) -> str | None:
    """A time of day as people write it ("14:30", "2:30 pm", "2pm", "9.15", "14h30", "9 a. m.") ->
    "HH:MM" (24-hour), or None when it cannot be read for sure."""
    found = _CLOCK.fullmatch(" ".join(text.strip().casefold().split()))
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    half = (found[3] or "").replace(".", "").replace(" ", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def time_before(clock: str, minutes: int) -> tuple[str, int]:
    """The time `minutes` before `clock` ("HH:MM"), and how many days earlier that is (0 the same day):
    ("13:45", 0) for 45 minutes before 14:30, ("23:30", 1) for an hour before 00:30."""
    hour, minute = (int(part) for part in clock.split(":"))
    total = hour * 60 + minute - minutes
    days = 0
    while total < 0:
        total += 24 * 60
        days += 1
    return f"{total // 60:02d}:{total % 60:02d}", days
