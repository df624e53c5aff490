"""A visit as a calendar event (RFC 5545), so the date and the questions to ask first are on the
phone at the appointment.

Written by hand: one VEVENT in a VCALENDAR, CRLF line ends, text values escaped (3.3.11),
lines folded at 75 octets without ever splitting a UTF-8 character (3.1). What reaches the file
follows the text policy of `mbcprep.text`: control characters and the marks that turn text around
are shown as U+FFFD, and so is half a surrogate pair, which UTF-8 cannot hold.

A visit with a time is a timed, busy event (TRANSP:OPAQUE) of an hour, in floating local time (no
TZID, no "Z"): 14:30 at the clinic is 14:30 on the phone's clock, wherever the phone is set. A TZID
would need a VTIMEZONE with the zone's rules written into the file (RFC 5545 3.2.19), and mbcprep
knows the time a person typed, not a zone. A visit without a time stays an all-day event that does
not block the day (TRANSP:TRANSPARENT). Both carry a reminder (VALARM) the day before: at the same
time for a timed visit, at 09:00 for an all-day one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from mbcprep import __version__
from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.model.visit import TOP_COUNT, Visit
from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

VISIT_LENGTH = timedelta(hours=1)  # a timed event's length: the time of the visit, not how long it takes
ALL_DAY_REMINDER = "-PT15H"  # from the all-day event's midnight: 09:00 the day before
TIMED_REMINDER = "-P1D"  # the same time the day before
LINE_OCTETS = 75  # at most, without the CRLF (RFC 5545 3.1)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_SPECIAL = re.compile(r"([\\;,])")
_UNIT = re.compile(r"\\.|.", re.DOTALL)  # what folding keeps whole: a character, or an escape


def render_ics(
    *,
    uid: str,
    day: date,
    summary: str,
    location: str,
    description: str,
    stamp: datetime,
    at: time | None = None,
    reminder: str = "",
) -> str:
    """An iCalendar file holding one event on `day`: at `at` (floating local time, busy, an hour
    long) or, without it, all day (free).

    `uid` names the event for good (the same visit exported twice updates one event, not two);
    `stamp` is when the file was made and must know its time zone (it is written in UTC);
    `location` is left out when blank; `reminder`, when given, is the text of an alarm the day
    before. Text may hold any characters, line breaks too.
    """
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp needs a time zone")
    if not uid.strip():
        raise ValueError("uid is empty")
    try:
        end = day + timedelta(days=1)
    except OverflowError:
        raise ValueError("the day after the visit cannot be written") from None
    if at is None:
        when = [f"DTSTART;VALUE=DATE:{_date(day)}", f"DTEND;VALUE=DATE:{_date(end)}", "TRANSP:TRANSPARENT"]
    else:
        start = datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
        when = [f"DTSTART:{_moment(start)}", f"DTEND:{_moment(start + VISIT_LENGTH)}", "TRANSP:OPAQUE"]
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:-//mbcprep//mbcprep {__version__}//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
        *when,
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location.strip():
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    if reminder.strip():
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:{ALL_DAY_REMINDER if at is None else TIMED_REMINDER}",
            f"DESCRIPTION:{escape_text(reminder)}",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line break
    (CRLF, CR or LF) written as \\n, and nothing a terminal or a calendar would act on."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = printable(_SURROGATE.sub("\ufffd", text))
    return _TEXT_SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")


def fold(line: str) -> str:
    """`line` folded into lines of at most 75 octets (a continuation starts with a space, which
    counts), never inside a character's UTF-8 bytes, nor between a backslash and the character it
    escapes (RFC 5545 allows that, but a reader that unescapes line by line would stumble).

    White space is kept off the end of a line where it can be (it goes to the start of the next):
    mail and editors may drop spaces at the end of a line, and the words either side would run
    together. Only a run of white space longer than a line has to end one.
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    for unit in _UNIT.findall(line):
        octets = len(unit.encode("utf-8"))
        while size + octets > LINE_OCTETS:
            start = 1 if out else 0  # past the space that starts a continuation
            keep = len(current)
            while keep > start and current[keep - 1] in (" ", "\t"):
                keep -= 1
            if keep == start:  # nothing but white space: it all stays
                keep = len(current)
            out.append("".join(current[:keep]))
            current = [" ", *current[keep:]]
            size = len("".join(current).encode("utf-8"))
        current.append(unit)
        size += octets
    out.append("".join(current))
    return "\r\n".join(out)


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _moment(when: datetime) -> str:
    """A floating local date and time (RFC 5545 3.3.5, form 1): no Z, no TZID."""
    return f"{_date(when.date())}T{when.hour:02d}{when.minute:02d}00"


# --- a visit as an event ---------------------------------------------------------------------------


def visit_summary(visit: Visit, kind_labels: Mapping[str, str]) -> str:
    """The event's title: who the visit is with, or else its kind."""
    who = " ".join(visit.with_whom.split())
    if who:
        # Translators: the title of a calendar event; {who} is who the visit is with ("Dr Rivera").
        return _("Visit with {who}").format(who=who)
    # Translators: the title of a calendar event for a visit with nobody named; {kind} is its kind.
    return _("Visit: {kind}").format(kind=kind_labels.get(visit.kind, visit.kind))


def visit_description(first: Sequence[str]) -> str:
    """The event's text: the questions to ask first, numbered, one a line."""
    if not first:
        return _("Your sheet from mbcprep has your questions for this visit.")
    lines = [_("Ask these first:")]
    lines += [_("{number}. {question}").format(number=n, question=" ".join(q.split())) for n, q in enumerate(first, 1)]
    return "\n".join(lines)


def render_visit_ics(
    visit: Visit,
    kind_labels: Mapping[str, str],
    *,
    stamp: datetime,
    location: str = "",
    questions: bool = True,
) -> str:
    """A visit as a calendar event: its day, who it is with, where (`location`, when known), and its
    first three questions (unless `questions` is False: an event for the family holds none).

    Raises ValueError when the visit has no date yet (a draft)."""
    day = date.fromisoformat(visit.visit_date)
    at = time.fromisoformat(visit.visit_time) if visit.visit_time else None
    if questions:
        description = visit_description([q.text for q in visit.first_questions()][:TOP_COUNT])
    else:
        kind = kind_labels.get(visit.kind, visit.kind)
        # Translators: the text of a calendar event made for the family; {kind} is the kind of visit.
        description = _("Kind of visit: {kind}").format(kind=kind)
    return render_ics(
        uid=visit.uuid,
        day=day,
        summary=visit_summary(visit, kind_labels),
        location=location,
        description=description,
        stamp=stamp,
        at=at,
        reminder=visit_reminder(visit, kind_labels, at),
    )


def visit_reminder(visit: Visit, kind_labels: Mapping[str, str], at: time | None) -> str:
    """The alarm's words the day before: "Tomorrow at 14:30: Visit with Dr Rivera"."""
    summary = visit_summary(visit, kind_labels)
    if at is None:
        # Translators: a calendar reminder the day before a visit; {summary} is the event's title.
        return _("Tomorrow: {summary}").format(summary=summary)
    # Translators: a calendar reminder the day before a visit; {time} is 14:30, {summary} the event's title.
    return _("Tomorrow at {time}: {summary}").format(time=f"{at:%H:%M}", summary=summary)


def render_calendar(job: Job) -> str:
    """The "ics" format: an event for each visit; one for the family holds none of the questions."""
    kinds = {k.id: k.label for k in job.content.kinds.values()} if job.content is not None else {}
    stamp = datetime.now(timezone.utc)
    try:
        return "".join(
            render_visit_ics(v, kinds, stamp=stamp, location=job.place(v), questions=job.reader != "family")
            for v in job.visits
        )
    except ValueError:
        if all(v.visit_date for v in job.visits):  # a day written before mbcprep refused days out of reach
            from mbcprep.dates import reach_sentence

            raise UsageError(
                _("This visit's date cannot go in a calendar: {reach}").format(reach=reach_sentence())
            ) from None
        raise UsageError(_("This visit has no date yet, so it cannot go in a calendar.")) from None
