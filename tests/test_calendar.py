"""The calendar event (RFC 5545): written by hand, read back by a real parser (`icalendar`).

Every text field round-trips exactly, whatever it holds (long lines of multi-byte characters,
commas, semicolons, backslashes, line breaks, emoji), but for what the text policy changes on
purpose: control characters and the marks that turn text around become U+FFFD, and a CR or CRLF
line break is written as a line break.
"""

from __future__ import annotations

import gettext
import re
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbcprep import i18n
from mbcprep.formats.calendar import fold, render_ics, render_visit_ics, visit_description
from mbcprep.text import printable
from tests.profiles import examples
from tests.test_properties import SNIPPETS, make_visit, text_strategy

if TYPE_CHECKING:
    import icalendar

STAMP = datetime(2026, 11, 23, 9, 30, 5, tzinfo=timezone.utc)
DAY = date(2027, 1, 15)
KINDS = {"results": "Test or scan results"}

HOSTILE = [
    "é" * 200,  # two octets each: a fold must never fall between them
    "中文" * 60,  # three octets each
    "👩\u200d👩\u200d👧 🏳️\u200d🌈 👍🏽 " * 20,  # four octets, and sequences joined by U+200D
    "a,b;c\\d:e\"f'g",
    "\\n is not a line break, \\, is not a comma, \\; is not a semicolon",
    "\\",
    "ends with a backslash \\",
    ",;,;\\\\",
    "line one\nline two\r\nline three\rline four",
    "\n\nblank lines\n\n",
    "BEGIN:VEVENT\nEND:VCALENDAR",
    "  leading and trailing spaces  ",
    "tab\there",
    "x" * 74 + "\\" + "y" * 74 + ",",  # an escape right at a fold
    "<script>alert(1)</script> [a](javascript:x) https://evil.example",
    "\u2028\u2029\ufeff\u00a0",
    "שלום مرحبا 123",
]


def event(text: str) -> str:
    uid = text if text.strip() else f"u{text}u"  # a UID cannot be blank
    return render_ics(uid=uid, day=DAY, summary=text, location=text, description=text, stamp=STAMP)


def expected(text: str) -> str:
    """What the file says for `text`: line breaks as LF, controls and bidi overrides as U+FFFD."""
    return printable(text.replace("\r\n", "\n").replace("\r", "\n"))


def parsed_event(ics: str) -> icalendar.Event:
    import icalendar  # here, not at the top: a second's import for every worker that collects this file

    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert not calendar.errors and not events[0].errors, (calendar.errors, events[0].errors)
    return events[0]


def assert_well_formed(ics: str) -> None:
    data = ics.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    lines = data[:-2].split(b"\r\n")
    for line, after in zip(lines, [*lines[1:], b""], strict=True):
        assert len(line) <= 75, line
        line.decode("utf-8")  # strict: a fold never splits a character
        assert line, "no empty line"
        folded = after.startswith(b" ")
        if folded and line.endswith((b" ", b"\t")):  # only a run of white space longer than a line
            assert not line.strip(b" \t"), line


def test_the_event_as_written() -> None:
    ics = render_ics(
        uid="11111111-2222-3333-4444-555555555555",
        day=DAY,
        summary="Visit with Dr Rivera",
        location="Clinic B, 2nd floor; room 4",
        description="Ask these first:\n1. How will I know it works?",
        stamp=STAMP,
    )
    assert ics == (
        "BEGIN:VCALENDAR\r\n"
        "PRODID:-//mbcprep//mbcprep " + __import__("mbcprep").__version__ + "//EN\r\n"
        "VERSION:2.0\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:11111111-2222-3333-4444-555555555555\r\n"
        "DTSTAMP:20261123T093005Z\r\n"
        "DTSTART;VALUE=DATE:20270115\r\n"
        "DTEND;VALUE=DATE:20270116\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "SUMMARY:Visit with Dr Rivera\r\n"
        "LOCATION:Clinic B\\, 2nd floor\\; room 4\r\n"
        "DESCRIPTION:Ask these first:\\n1. How will I know it works?\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_the_parser_reads_every_field() -> None:
    ics = render_ics(uid="u-1", day=DAY, summary="S", location="L", description="D", stamp=STAMP)
    assert_well_formed(ics)
    import icalendar

    calendar = icalendar.Calendar.from_ical(ics)
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0",
        "GREGORIAN",
        "PUBLISH",
    )
    assert str(calendar["PRODID"]).startswith("-//mbcprep//")
    found = parsed_event(ics)
    assert found["DTSTART"].dt == DAY and found["DTEND"].dt == DAY + timedelta(days=1)
    assert not isinstance(found["DTSTART"].dt, datetime)  # an all-day event
    assert found["DTSTAMP"].dt == STAMP
    assert [str(found[k]) for k in ("UID", "SUMMARY", "LOCATION", "DESCRIPTION")] == ["u-1", "S", "L", "D"]


@pytest.mark.parametrize("text", HOSTILE + SNIPPETS)
def test_hostile_text_in_every_field_round_trips(text: str) -> None:
    ics = event(text)
    assert_well_formed(ics)
    found = parsed_event(ics)
    assert str(found["UID"]) == expected(text if text.strip() else f"u{text}u")
    for key in ("SUMMARY", "DESCRIPTION"):
        assert str(found[key]) == expected(text), key
    if text.strip():
        assert str(found["LOCATION"]) == expected(text)
    assert found["DTSTART"].dt == DAY and found["DTSTAMP"].dt == STAMP


# Hypothesis's own 100 in CI (120 before): each hostile snippet is tried for certain above.
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    uid=text_strategy().filter(str.strip),
    summary=text_strategy(),
    location=text_strategy(),
    description=text_strategy(),
    day=st.dates(max_value=date(9999, 12, 30)),
)
def test_any_text_round_trips(uid: str, summary: str, location: str, description: str, day: date) -> None:
    ics = render_ics(uid=uid, day=day, summary=summary, location=location, description=description, stamp=STAMP)
    assert_well_formed(ics)
    found = parsed_event(ics)
    assert str(found["UID"]) == expected(uid)
    assert str(found["SUMMARY"]) == expected(summary)
    assert str(found["DESCRIPTION"]) == expected(description)
    assert ("LOCATION" in found) == bool(location.strip())
    if location.strip():
        assert str(found["LOCATION"]) == expected(location)
    assert found["DTSTART"].dt == day and found["DTEND"].dt == day + timedelta(days=1)


def test_controls_and_bidi_overrides_never_reach_the_file() -> None:
    ics = event("a\x1b[31mb\x07c\x9bd\u202ee\u2066f\x00g\udcffh")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", ics)
    assert str(parsed_event(ics)["SUMMARY"]) == "a\ufffd[31mb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh"


@pytest.mark.parametrize("width", range(60, 90))
def test_folding_at_every_offset_keeps_characters_and_escapes_whole(width: int) -> None:
    for unit in ("é", "中", "👍", "\\,", "\\\\", "\\n"):
        line = "X" * width + unit * 40
        folded = fold(line)
        assert folded.replace("\r\n ", "") == line
        for part in folded.encode("utf-8").split(b"\r\n"):
            assert len(part) <= 75
            part.decode("utf-8")
            assert not part.endswith(b"\\") or part.endswith(b"\\\\")


@pytest.mark.parametrize("offset", range(40))
def test_words_survive_a_mailer_that_drops_spaces_at_line_ends(offset: int) -> None:
    text = "x" * offset + " Will the new pills, or the old ones, make me more tired; and for how long?" * 4
    ics = render_ics(uid="u", day=DAY, summary=text, location=text, description=text, stamp=STAMP)
    stripped = "\r\n".join(line.rstrip(" \t") for line in ics.split("\r\n"))
    found = parsed_event(stripped)
    assert [str(found[k]) for k in ("SUMMARY", "LOCATION", "DESCRIPTION")] == [text] * 3


def test_a_line_of_exactly_75_octets_is_not_folded() -> None:
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"


def test_the_stamp_is_written_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    ics = render_ics(
        uid="u", day=DAY, summary="s", location="", description="d", stamp=datetime(2027, 1, 1, 0, 30, tzinfo=paris)
    )
    assert "DTSTAMP:20261231T233000Z\r\n" in ics


def test_a_stamp_without_a_time_zone_or_an_empty_uid_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        render_ics(uid="u", day=DAY, summary="s", location="", description="d", stamp=datetime(2027, 1, 1))
    with pytest.raises(ValueError):
        render_ics(uid=" ", day=DAY, summary="s", location="", description="d", stamp=STAMP)
    with pytest.raises(ValueError):
        render_ics(uid="u", day=date.max, summary="s", location="", description="d", stamp=STAMP)


def test_a_blank_location_is_left_out() -> None:
    ics = render_ics(uid="u", day=DAY, summary="s", location=" \n ", description="", stamp=STAMP)
    assert "LOCATION" not in ics
    assert str(parsed_event(ics)["DESCRIPTION"]) == ""


# --- a visit as an event -----------------------------------------------------------------------


def test_a_visit_becomes_an_event_with_its_first_questions() -> None:
    visit = make_visit(own="Can I still travel, in May; or June?\nSoon")
    found = parsed_event(render_visit_ics(visit, KINDS, stamp=STAMP))
    assert str(found["UID"]) == visit.uuid
    assert found["DTSTART"].dt == date(2027, 1, 15)
    assert str(found["SUMMARY"]) == "Visit with Dr Rivera"
    assert str(found["DESCRIPTION"]) == (
        "Ask these first:\n1. How will I know it works?\n2. Can I still travel, in May; or June? Soon"
    )
    assert "LOCATION" not in found


def test_a_visit_with_nobody_named_is_called_by_its_kind() -> None:
    found = parsed_event(render_visit_ics(make_visit(with_whom="  "), KINDS, stamp=STAMP))
    assert str(found["SUMMARY"]) == "Visit: Test or scan results"


def test_a_visit_without_first_questions_still_says_where_they_are() -> None:
    said = "Your sheet from mbcprep has your questions for this visit."
    assert visit_description([]) == said
    visit = make_visit()
    visit.questions = []
    assert str(parsed_event(render_visit_ics(visit, KINDS, stamp=STAMP))["DESCRIPTION"]) == said


def test_a_draft_without_a_date_has_no_event() -> None:
    visit = make_visit(status="draft")
    visit.visit_date = ""
    with pytest.raises(ValueError):
        render_visit_ics(visit, KINDS, stamp=STAMP)


class _Shouting(gettext.NullTranslations):
    """A language that shouts, leaving the {placeholders} as they are."""

    def gettext(self, message: str) -> str:
        return "".join(p if p.startswith("{") else p.upper() for p in re.split(r"(\{\w+\})", message))


def test_the_event_s_words_are_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Shouting())
    found = parsed_event(render_visit_ics(make_visit(), KINDS, stamp=STAMP))
    assert str(found["SUMMARY"]) == "VISIT WITH Dr Rivera"
    assert str(found["DESCRIPTION"]).startswith("ASK THESE FIRST:\n1. How will I know it works?")
