"""`mbcprep export` in each format: chosen by --format or by the ending of the -o file name."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest


@pytest.fixture
def one_visit(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--date", "2027-01-15", "--with", "Dr Rivera", "--ask", "Can I travel?")
    assert ran.code == 0, ran


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("sheet.html", "<!DOCTYPE html>"),
        ("sheet.HTM", "<!DOCTYPE html>"),
        ("sheet.txt", "My visit: Friday 15 January 2027"),
        ("sheet.md", "# My visit: Friday 15 January 2027"),
        ("visit.ics", "BEGIN:VCALENDAR\r\n"),
        ("backup.json", "{"),
    ],
)
def test_the_file_name_s_ending_chooses_the_format(
    tmp_path: Path,
    cli,
    one_visit: None,
    name: str,
    starts: str,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / name
    ran = cli("export", "latest", "-o", str(out))
    assert ran.code == 0, ran
    assert out.read_bytes().decode("utf-8").startswith(starts)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_calendar_event_parses_and_says_what_it_holds(tmp_path: Path, cli, one_visit: None) -> None:  # type: ignore[no-untyped-def]
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "visit.ics"
    ran = cli("export", "latest", "-o", str(out))
    assert "holds the question you ask first" in ran.out  # one question: never "three"
    event = next(c for c in icalendar.Calendar.from_ical(out.read_bytes()).walk() if c.name == "VEVENT")
    assert str(event["SUMMARY"]) == "Visit with Dr Rivera"
    assert "Can I travel?" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "sheet.pdf"], "For a PDF, make the .html sheet"),
        (["-o", "sheet.html", "--format", "md"], "make them agree"),
        (["--format", "docx"], "--format takes one of"),
    ],
)
def test_a_format_that_cannot_be_made_is_one_sentence(cli, one_visit: None, args: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    cli("export", "latest", *args).one_error(words)
    assert list(Path.cwd().iterdir()) == []


def test_html_to_the_screen_and_a_backup_without_naming_the_format(cli, one_visit: None) -> None:  # type: ignore[no-untyped-def]
    assert cli("export", "latest", "--format", "html", "-o", "-").out.startswith("<!DOCTYPE html>")
    backup = json.loads(cli("export", "--all", "-o", "-").out)
    assert backup["format"] == "mbcprep" and len(backup["visits"]) == 1


def render_shouted(job) -> str:  # type: ignore[no-untyped-def]
    """A made-up format's renderer, for the test below: the sheet's Markdown in capitals."""
    from mbcprep.formats.markdown import render_markdown

    return render_markdown(job.sheet()).upper()


def test_a_format_is_one_entry_in_the_registry(cli, one_visit: None, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.formats import registry

    entry = registry.Format(
        "shout",
        f"{__name__}:render_shouted",
        "shout (in capitals)",
        aliases=("loud",),
        suffixes=(".shout",),
        saved="Read it from across the room.",
    )
    monkeypatch.setattr(registry, "FORMATS", dict(registry.FORMATS))
    registry.register(entry)
    ran = cli("export", "latest", "-o", "sheet.shout")  # chosen by the file's ending
    assert ran.code == 0, ran
    assert Path("sheet.shout").read_text(encoding="utf-8").startswith("# MY VISIT: FRIDAY 15 JANUARY 2027")
    assert "Read it from across the room." in ran.out
    assert cli("export", "latest", "--format", "LOUD", "-o", "-").out.startswith("# MY VISIT")  # an alias
    assert "shout" in cli("export", "latest", "--format", "docx").one_error("--format takes one of")
    assert "shout (in capitals)" in registry.help_text()
    assert (
        cli("export", "latest", "-o", "sheet.html", "--format", "shout").code == 1
    )  # still refused when they disagree


def test_each_format_is_registered_once_with_its_endings() -> None:
    from mbcprep.formats import registry

    assert registry.names() == ("md", "html", "txt", "json", "ics")
    endings = [s for f in registry.FORMATS.values() for s in f.suffixes]
    assert len(endings) == len(set(endings))  # one format for each ending
    for entry in registry.FORMATS.values():
        module, function = entry.renderer.split(":")
        assert callable(getattr(__import__(module, fromlist=[function]), function)), entry.name
        assert registry.named(entry.name) is entry and all(registry.named(a) is entry for a in entry.aliases)
