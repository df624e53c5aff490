"""The end of the interview offers the pages to print, and says how to print one."""

from __future__ import annotations

import stat
from pathlib import Path

from mbcprep.actions import sheets
from mbcprep.interview.commands import offer_sheet, say_written
from mbcprep.model.visit import Visit, VisitQuestion
from mbcprep.settings import Settings
from tests.scripted import ScriptedPrompter


def saved_visit(settings: Settings) -> Visit:
    with settings.open_store() as store:
        return store.save(
            Visit(
                uuid="end-1",
                status="ready",
                visit_date="2027-01-15",
                kind="routine",
                questions=[VisitQuestion(text="Can I travel in May?")],
            )
        )


def offered(private_home: Path, answer: object) -> tuple[ScriptedPrompter, list[Path]]:
    settings = Settings(data_dir=str(private_home))
    visit = saved_visit(settings)
    p = ScriptedPrompter([("Make the pages to print now?", answer)])
    with settings.open_store() as store:
        written = offer_sheet(p, visit, lambda v, fmt, reader: sheets.write_sheet_here(settings, store, v, fmt, reader))
    say_written(p, written)
    p.done()
    return p, written


def test_the_pages_to_print_are_offered_first_for_the_care_team_and_oneself(private_home: Path) -> None:
    p, written = offered(private_home, lambda options: options[0].value)
    (option, *_rest) = p.offered["Make the pages to print now?"]
    assert option.value == "print"
    assert [w.name for w in written] == ["mbcprep-2027-01-15-doctor.html", "mbcprep-2027-01-15.html"]
    for page in written:
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert any("web browser" in s and "Ctrl+P" in s for s in p.said)
    assert any(str(written[0]) in s and "care team" in s for s in p.said)


def test_markdown_is_kept_for_those_who_ask(private_home: Path) -> None:
    p, written = offered(private_home, "md")
    assert [w.name for w in written] == ["mbcprep-2027-01-15.md"]
    assert p.said == [f"Your sheet is at {written[0]}"]


def test_the_enter_answer_is_the_pages_to_print(private_home: Path) -> None:
    seen: dict[str, object] = {}

    class Recording(ScriptedPrompter):
        def choose(self, message, options, *, default=None):  # type: ignore[no-untyped-def]
            seen["default"] = default
            return super().choose(message, options, default=default)

    settings = Settings(data_dir=str(private_home))
    visit = saved_visit(settings)
    offer_sheet(Recording([("Make the pages to print now?", "no")]), visit, lambda *a: None)
    assert seen["default"] == "print"
