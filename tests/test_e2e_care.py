"""`mbcprep treatments` and `team` typed by a person in a real terminal: the plain prompts a screen
reader hears (TERM=dumb), the menus drawn with arrows, and Ctrl-C in the middle of a form."""

from __future__ import annotations

import pytest

from tests.scripted import Start, read_json

pytestmark = pytest.mark.e2e


def listed(group: str) -> list[dict[str, object]]:
    return list(read_json(group, "list", "--json"))


def test_a_treatment_typed_line_by_line_in_plain_mode(terminal: Start) -> None:
    term = terminal("treatments", "add", TERM="dumb")
    term.answer("What is the treatment called?", "letrozole + palbociclib")
    term.answer("like 2 3.", "1 2")  # several kinds are ticked: hormone and targeted
    term.answer("Chosen so far:", "")
    term.answer("When did it start?", "mar 2024")
    term.answer("Is it still going on?", "n")
    term.answer("When did it stop?", "January 2026")
    term.answer("Type a number from 1 to 5:", "1")
    term.answer("How did it go?", "two good years")
    assert term.finish() == 0
    assert "\x1b" not in term.raw, "plain mode writes no escape sequence"
    assert "Chosen: hormone therapy; targeted therapy" in term.text and "Saved as treatment 1." in term.text
    (made,) = listed("treatments")
    assert (made["kind"], made["started"], made["stopped"], made["why_stopped"]) == (
        ["hormone", "targeted"],
        "2024-03",
        "2026-01",
        "stopped-working",
    )


def test_a_care_team_member_with_the_menus(terminal: Start) -> None:
    term = terminal("team", "add")
    term.choose("Who would you like to add?")  # Enter: someone on the care team
    term.answer("What is their name?", "Dr Rivera")
    term.choose("What do they do?", "oncologist")
    term.answer("Where do you see them?", "City Cancer Centre")
    term.answer("Their phone number?", "555 0100")
    term.confirm("office is closed", "n")
    assert term.finish() == 0
    assert "Saved as care team member 1." in term.text
    (made,) = listed("team")
    assert (made["name"], made["role"], made["after_hours"]) == ("Dr Rivera", "oncologist", False)


def test_ctrl_c_in_a_form_saves_nothing_and_says_stopped(terminal: Start) -> None:
    term = terminal("meds", "add")
    term.answer("What is the medicine called?", "ondansetron")
    term.wait_for("How much do you take?")
    term.ctrl_c()
    assert term.finish() == 130
    assert "Stopped." in term.text and "Traceback" not in term.text
    assert listed("meds") == []
