"""A visit's time and place (issue 21, point 5): given with --time and --place, kept (migration,
backup), shown in lists, a timed calendar event with a reminder, and when to leave on the family sheet."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mbcprep.dates import read_time
from mbcprep.formats.calendar import render_visit_ics
from tests.test_properties import make_visit

if TYPE_CHECKING:
    import icalendar

STAMP = datetime.fromisoformat("2026-11-23T09:30:05+00:00")
KINDS = {"results": "Test or scan results"}


def _event(ics: str) -> icalendar.Event:
    import icalendar  # here, not at the top: its import for every worker that collects this file

    calendar = icalendar.Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    assert not calendar.errors and not event.errors
    return event


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("14:30", "14:30"),
        ("9:05", "09:05"),
        ("9.15", "09:15"),
        ("14h30", "14:30"),
        ("2:30 pm", "14:30"),
        ("2:30PM", "14:30"),
        ("2pm", "14:00"),
        ("12 am", "00:00"),
        ("12:15 p.m.", "12:15"),
        ("9 a. m.", "09:00"),
        ("  8  ", "08:00"),
        ("25:00", None),
        ("14:60", None),
        ("13 pm", None),
        ("half past two", None),
        ("", None),
    ],
)
def test_times_are_read_as_people_write_them(typed: str, read: str | None) -> None:
    assert read_time(typed) == read


def test_a_visit_with_a_time_is_a_timed_busy_event_with_a_reminder_the_day_before() -> None:
    visit = make_visit()
    visit.visit_time, visit.place = "14:30", "Clinic B, 2nd floor"
    found = _event(render_visit_ics(visit, KINDS, stamp=STAMP, location=visit.place))
    start, end = found["DTSTART"].dt, found["DTEND"].dt
    assert start == datetime(2027, 1, 15, 14, 30) and start.tzinfo is None  # floating local time
    assert "TZID" not in found["DTSTART"].params
    assert end - start == timedelta(hours=1)
    assert str(found["TRANSP"]) == "OPAQUE"
    assert str(found["LOCATION"]) == "Clinic B, 2nd floor"
    (alarm,) = found.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -timedelta(days=1)
    assert str(alarm["DESCRIPTION"]) == "Tomorrow at 14:30: Visit with Dr Rivera"


def test_a_visit_without_a_time_stays_an_all_day_free_event_with_a_morning_reminder() -> None:
    found = _event(render_visit_ics(make_visit(), KINDS, stamp=STAMP))
    assert found["DTSTART"].dt == date(2027, 1, 15) and not isinstance(found["DTSTART"].dt, datetime)
    assert str(found["TRANSP"]) == "TRANSPARENT"
    (alarm,) = found.walk("VALARM")
    # From the all-day event's midnight: 09:00 the day before.
    assert datetime(2027, 1, 15) + alarm["TRIGGER"].dt == datetime(2027, 1, 14, 9, 0)
    assert str(alarm["DESCRIPTION"]) == "Tomorrow: Visit with Dr Rivera"


def test_time_and_place_from_options_are_kept_listed_and_in_the_event(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli(
        "new-visit", "--no-input", "--date", "2027-01-15", "--time", "2:30 pm", "--place", "Example Cancer Center"
    )
    assert ran.code == 0, ran
    (row,) = json.loads(cli("visits", "--json").out)
    assert (row["visit_time"], row["place"]) == ("14:30", "Example Cancer Center")
    plain = cli("--plain", "visits").out
    assert "at 14:30" in plain and "at Example Cancer Center" in plain
    found = _event(cli("export", "latest", "--format", "ics", "-o", "-").out)
    assert found["DTSTART"].dt == datetime(2027, 1, 15, 14, 30)
    assert str(found["LOCATION"]) == "Example Cancer Center"
    backup = json.loads(cli("export", "--all", "-o", "-").out)
    assert backup["version"] == 4
    assert (backup["visits"][0]["time"], backup["visits"][0]["place"]) == ("14:30", "Example Cancer Center")


def test_a_time_that_cannot_be_read_is_refused_without_echoing_it(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--time", "secret 99:99")
    assert ran.code == 1
    assert "--time" in ran.err and "secret" not in ran.err
    assert cli("visits", "--json").out.strip() == "[]"


def test_time_and_place_need_no_input_like_every_other_option(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--time", "14:30")
    assert ran.code == 1 and "--no-input" in ran.err


def test_the_spanish_event_reminder_and_list(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-01-15", "--time", "9:00", "--with", "Dra. Ruiz").code == 0
    (alarm,) = _event(cli("--lang", "es", "export", "latest", "--format", "ics", "-o", "-").out).walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == "Mañana a las 09:00: Cita con Dra. Ruiz"
    assert "a las 09:00" in cli("--lang", "es", "--plain", "visits").out


def test_a_version_2_backup_still_imports_with_no_time_or_place(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = {
        "format": "mbcprep",
        "version": 2,
        "exported_on": "2026-12-01",
        "visits": [{"uuid": "old-visit-1", "status": "ready", "date": "2026-12-01", "kind": "routine"}],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    (row,) = json.loads(cli("visits", "--json").out)
    assert (row["uuid"], row["visit_time"], row["place"]) == ("old-visit-1", "", "")


def test_a_backup_with_a_time_that_is_not_one_is_named_and_left_out(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = {
        "format": "mbcprep",
        "version": 3,
        "exported_on": "2026-12-01",
        "visits": [
            {"uuid": "v-1", "status": "ready", "date": "2026-12-01", "kind": "routine", "time": "2:30 pm"},
            {"uuid": "v-2", "status": "ready", "date": "2026-12-02", "kind": "routine", "time": "14:30"},
        ],
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    ran = cli("import", str(path))
    assert ran.code == 0 and "not a time like 14:30" in ran.err, ran
    assert [r["uuid"] for r in json.loads(cli("visits", "--json").out)] == ["v-2"]


def test_the_migration_adds_time_and_place_to_a_version_8_file_after_a_backup(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.storage.database import DB_NAME
    from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION, expected_schema
    from mbcprep.storage.store import Store

    assert cli("new-visit", "--no-input", "--date", "2027-01-15", "--with", "Dr Rivera").code == 0
    home = Path(os.environ["MBCPREP_HOME"])
    db = sqlite3.connect(home / DB_NAME, isolation_level=None)
    for column in ("visit_time", "place"):
        db.execute(f"ALTER TABLE visits DROP COLUMN {column}")
    at = next(n for n, step in enumerate(MIGRATIONS) if step.__name__.endswith("_visit_time_and_place"))
    for table in set(expected_schema(SCHEMA_VERSION)) - set(expected_schema(at)):  # what later ones add
        db.execute(f"DROP TABLE {table}")
    db.execute(f"PRAGMA user_version = {at}")
    db.close()
    with Store.open(home) as store:
        visit = store.get("latest")
        assert (visit.with_whom, visit.visit_time, visit.place, visit.intact) == ("Dr Rivera", "", "", True)
    assert list((home / "backups").glob("before-v*.sqlite3"))
    assert cli("data", "check").code == 0


def test_a_time_is_a_time_of_day() -> None:
    assert time.fromisoformat(read_time("23:59") or "") == time(23, 59)


# --- the interview and edit ----------------------------------------------------------------------


def _details(time_answer: str, place_answer: object, *extra: tuple[str, object]) -> list[tuple[str, object]]:
    return [
        ("When is the visit?", "2027-01-15"),
        ("What time is the visit?", time_answer),
        ("Who is it with?", "Dr Rivera"),
        ("Where is the visit?", place_answer),
        *extra,
        ("What kind of visit", "routine"),
        ("Who is filling this in?", "patient"),
    ]


def test_the_interview_asks_the_time_and_offers_the_care_team_s_places(store, content) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.interview.details import SOMEWHERE_ELSE
    from mbcprep.interview.interview import Interview
    from mbcprep.model.care import TeamMember
    from mbcprep.model.visit import Visit
    from mbcprep.prompts.base import NO_DEFAULT
    from tests.scripted import ScriptedPrompter

    store.team.save(TeamMember("c-1", "Dr Rivera", "oncologist", place="Clinic B, 2nd floor"))
    store.team.save(TeamMember("c-2", "Sam Lee", "nurse", place="Infusion center"))
    store.team.save(TeamMember("c-3", "Night line", "", place="Clinic B, 2nd floor", after_hours=True))
    defaults: dict[str, object] = {}

    class Recording(ScriptedPrompter):
        def choose(self, message, options, *, default=NO_DEFAULT):  # type: ignore[no-untyped-def]
            defaults[message] = default
            return super().choose(message, options, default=default)

    visit = Visit(uuid="v-1")
    p = Recording(_details("2:30 pm", "Infusion center"))
    Interview(p, content, store, date(2027, 1, 10)).ask_details(visit)
    assert (visit.visit_time, visit.place) == ("14:30", "Infusion center")
    titles = [o.title for o in p.offered["Where is the visit?"]]
    assert titles == ["Clinic B, 2nd floor", "Infusion center", "Somewhere else (type it)", "Skip this one"]
    assert defaults["Where is the visit?"] == "Clinic B, 2nd floor"  # where Dr Rivera is seen

    # edit: the time cleared with "none", the place typed
    typed = ("Where is the visit? (the clinic", "Hospital General")
    p = ScriptedPrompter(_details("none", SOMEWHERE_ELSE, typed))
    Interview(p, content, store, date(2027, 1, 10)).ask_details(visit)
    assert (visit.visit_time, visit.place) == ("", "Hospital General")


def test_with_no_places_kept_the_place_is_typed_and_enter_keeps_the_time(store, content) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.interview.interview import Interview
    from mbcprep.model.visit import Visit
    from tests.scripted import ScriptedPrompter

    visit = Visit(uuid="v-1", visit_time="09:00", place="Old place")
    p = ScriptedPrompter(_details("", "  Clinic C "))
    Interview(p, content, store, date(2027, 1, 10)).ask_details(visit)
    assert (visit.visit_time, visit.place) == ("09:00", "Clinic C")
    assert "Change the date, time, place, doctor or kind of visit" in [
        o.title for o in Interview(p, content, store).change_options(visit)
    ]


def test_the_time_to_get_to_a_visit_is_a_setting_of_minutes(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.preferences import travel_minutes

    home = Path(os.environ["MBCPREP_HOME"])
    assert travel_minutes(home) == (45, False)
    assert "travel: auto (the usual time) (now 45 minutes)" in cli("settings").out  # not the system's choice
    assert cli("settings", "travel", "70").code == 0
    assert travel_minutes(home) == (70, True)
    assert "travel: 70 minutes (now 70 minutes)" in cli("settings").out
    ran = cli("settings", "travel", "an hour")
    assert ran.code == 1 and "minutes from 0 to 600" in ran.err
    assert cli("settings", "travel", "auto").code == 0 and travel_minutes(home) == (45, False)


@pytest.mark.parametrize(
    ("clock", "minutes", "leave"),
    [
        ("14:30", 45, ("13:45", 0)),
        ("09:05", 0, ("09:05", 0)),
        ("00:30", 60, ("23:30", 1)),
        ("08:00", 600, ("22:00", 1)),
    ],
)
def test_when_to_leave_is_the_travel_time_before_the_visit(clock: str, minutes: int, leave: tuple[str, int]) -> None:
    from mbcprep.dates import time_before

    assert time_before(clock, minutes) == leave


# --- the sheets ----------------------------------------------------------------------------------


def _visit_at(cli, *extra: str) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--date", "2027-01-15", "--time", "14:30", "--with", "Dr Rivera", *extra)
    assert ran.code == 0, ran


def test_my_sheet_shows_the_time_and_place(cli) -> None:  # type: ignore[no-untyped-def]
    _visit_at(cli, "--place", "Clinic B, 2nd floor")
    sheet = cli("export", "latest", "-o", "-").out
    assert sheet.startswith("# My visit: Friday 15 January 2027 at 14:30\n")
    assert "**Where:** Clinic B, 2nd floor" in sheet
    text = cli("export", "latest", "--format", "txt", "-o", "-").out
    assert "Friday 15 January 2027 at 14:30" in text and "Where: Clinic B, 2nd floor" in text
    spanish = cli("--lang", "es", "export", "latest", "-o", "-").out
    assert "a las 14:30" in spanish and "**Dónde:** Clinic B, 2nd floor" in spanish


def test_without_a_place_the_sheet_says_where_the_team_member_is_seen(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("team", "add", "--no-input", "--name", "Dr Rivera", "--place", "Example Cancer Center").code == 0
    _visit_at(cli)
    assert "**Where:** Example Cancer Center" in cli("export", "latest", "-o", "-").out
    # a place given for the visit wins over the team member's
    _visit_at(cli, "--place", "Infusion center")
    sheet = cli("export", "latest", "-o", "-").out
    assert "**Where:** Infusion center" in sheet and "Example Cancer Center" not in sheet


def test_the_family_sheet_says_when_to_leave(cli) -> None:  # type: ignore[no-untyped-def]
    _visit_at(cli, "--place", "Clinic B")
    family = cli("export", "latest", "--for", "family", "--no-input", "-o", "-").out
    assert "**Leave by:** 13:45 to arrive at 14:30 (45 minutes to get there)" in family
    assert "**Where:** Clinic B" in family
    assert cli("settings", "travel", "90").code == 0
    family = cli("export", "latest", "--for", "family", "--no-input", "-o", "-").out
    assert "**Leave by:** 13:00 to arrive at 14:30 (90 minutes to get there)" in family
    spanish = cli("--lang", "es", "export", "latest", "--for", "family", "--no-input", "-o", "-").out
    assert "**Salir a más tardar:** a las 13:00, para llegar a las 14:30 (90 minutos para llegar)" in spanish
    plain = cli("export", "latest", "--for", "family", "--no-input", "--format", "txt", "-o", "-").out
    assert "Leave by: 13:00 to arrive at 14:30" in plain


def test_an_early_visit_says_to_leave_the_day_before_and_no_time_says_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("settings", "travel", "60").code == 0
    assert cli("new-visit", "--no-input", "--date", "2027-01-15", "--time", "00:30").code == 0
    family = cli("export", "latest", "--for", "family", "--no-input", "-o", "-").out
    assert "**Leave by:** 23:30 the day before, to arrive at 00:30 (60 minutes to get there)" in family
    assert cli("new-visit", "--no-input", "--date", "2027-01-16").code == 0
    family = cli("export", "latest", "--for", "family", "--no-input", "-o", "-").out
    assert "Leave by" not in family and " at " not in family.splitlines()[0]
