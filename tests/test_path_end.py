"""The end of the interview offers the pages to print, and says how to print one."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

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
    with Settings(data_dir=str(private_home)).open_store() as store:
        assert store.sheet_of("end-1") == written[1]  # `edit` makes the whole sheet again, never the doctor's


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


def test_settings_lang_es_answers_in_spanish(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("settings", "lang", "es")
    assert ran.code == 0
    assert ran.out.splitlines()[0] == "Guardado. Vale desde el próximo comando."
    assert "lang (idioma): es (ahora español)" in ran.out  # the name, not "(ahora es)": "(now is)"
    back = cli("settings", "lang", "en")
    assert back.out.splitlines()[0] == "Saved. It applies from the next command."


def test_the_demo_speaks_the_saved_language(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("settings", "lang", "es").code == 0
    ran = cli("demo", "visits")
    assert ran.code == 0
    assert "FECHA" in ran.out


def test_the_whole_demo_never_says_ctrl_c_keeps_the_answers(content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from mbcprep.demo.interview import run_demo_interview
    from mbcprep.demo.sample import build_sample
    from mbcprep.errors import InterviewStopped
    from tests.scripted import CTRL_C

    settings = Settings(data_dir=str(tmp_path / "demo-data"))
    made = build_sample(content, date(2026, 11, 30))
    with settings.open_store() as store:
        store.import_everything(made.visits, made.records)
    p = ScriptedPrompter([("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped):
        run_demo_interview(settings, fast=False, prompter=p, today=date(2026, 11, 30))  # type: ignore[arg-type]
    assert not any("keeps your answers" in s for s in p.said)
    assert any("Ctrl-C ends the demo" in s for s in p.said)


def test_the_demo_ends_on_the_care_teams_page_and_one_line_about_urgent_signs(capsys) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.demo.run import _show_page

    ran: list[list[str]] = []
    assert _show_page(["--data-dir", "x"], 4, lambda argv: ran.append(argv) or 0) == 0
    assert ran == [["--data-dir", "x", "export", "4", "--for", "doctor", "--format", "txt", "-o", "-"]]
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "The signs that cannot wait are on every sheet you print: 'mbcprep urgent' lists them."
    ]


@pytest.mark.parametrize(("typed", "kept"), [("diarrhea", "diarrhoea"), ("hot-flashes", "hot-flushes")])
def test_us_and_british_symptom_ids_are_the_same(cli, typed: str, kept: str) -> None:  # type: ignore[no-untyped-def]
    for british_or_us in (typed, kept):
        ran = cli("diary", "--no-input", "--date", "2026-11-02", "--symptom", f"{british_or_us}=3", "--replace")
        assert ran.code == 0, ran
    listed = json.loads(cli("diary", "list", "--all", "--json").out)
    assert [e["symptom"] for e in listed] == [kept]
    assert json.loads(cli("trends", "--symptom", typed, "--json").out)
    made = cli("new-visit", "--no-input", "--date", "2027-01-15", "--symptom", f"{typed}=2")
    assert made.code == 0, made


def test_the_after_hours_line_is_not_offered_as_who_the_visit_is_with(content, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.interview.interview import Interview
    from mbcprep.model.care import TeamMember
    from mbcprep.storage.store import Store

    with Store.open(private_home) as store:
        store.team.save(TeamMember("t-1", "Dr Rivera", "oncologist"))
        store.team.save(TeamMember("t-2", "Oncology triage line", phone="555 0199", after_hours=True))
        p = ScriptedPrompter([("Who is it with?", "Dr Rivera")])
        assert Interview(p, content, store, autosave=False).ask_with_whom(Visit(uuid="w1")) == "Dr Rivera"
    titles = [o.title for o in p.offered["Who is it with?"]]
    assert "Oncology triage line" not in " ".join(titles) and titles[0] == "Dr Rivera (oncologist)"


def test_the_after_hours_line_needs_no_name_from_the_options(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("team", "add", "--no-input", "--after-hours", "--phone", "555 0199")
    assert ran.code == 0, ran
    (line,) = json.loads(cli("team", "list", "--json").out)
    assert (line["name"], line["phone"], line["after_hours"]) == ("After-hours line", "555 0199", True)


def test_after_an_edit_the_page_to_print_is_made_again_as_a_page(private_home: Path) -> None:
    from mbcprep.interview.commands import offer_new_sheet

    _p, written = offered(private_home, "print")
    settings = Settings(data_dir=str(private_home))
    with settings.open_store() as store:
        visit = store.get("end-1")
        visit.notes = "new note"
        again = offer_new_sheet(ScriptedPrompter([("again, with these changes?", True)]), settings, store, visit)
    assert again == [written[1]]
    page = written[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "new note" in page
    assert "new note" not in written[0].read_text(encoding="utf-8")  # the doctor's page is left as it was
