"""`mbcprep results`: scans, tumour markers and blood tests, from options or a form; a treatment's
several kinds; and what other pages ask of results (`recent_labs`, `latest_scan_grew`)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from mbcprep.actions.care import RESULTS, TREATMENTS, parse_kind, read_record
from mbcprep.errors import UsageError
from mbcprep.forms.care import ask_record
from mbcprep.model.results import Result
from tests.scripted import ScriptedPrompter


def add(cli, *args: str) -> int:  # type: ignore[no-untyped-def]
    ran = cli("results", "add", "--no-input", *args)
    assert ran.code == 0, ran
    return int(ran.out.strip())


def test_a_lab_value_and_a_scan_from_options_are_listed_by_day(cli) -> None:  # type: ignore[no-untyped-def]
    assert add(cli, "--date", "2026-11-03", "--scan", "ct", "--area", "chest", "--finding", "stable") == 1
    assert add(cli, "--date", "2026-09-01", "--lab", "ca 15.3", "--value", "32", "--high", "30") == 2
    hemoglobin = ["--lab", "Hemoglobina", "--value", "11,5", "--low", "12", "--high", "16"]
    assert add(cli, "--date", "2026-11-01", *hemoglobin) == 3
    listed = cli("results").out
    assert listed == (
        " 2. CA 15-3: 32 U/mL\n    Tuesday 1 September 2026\n    The lab's range: under 30\n"
        " 3. Hemoglobin: 11.5 g/dL\n    Sunday 1 November 2026\n    The lab's range: 12 to 16\n"
        " 1. CT scan (chest): stable\n    Tuesday 3 November 2026\n"
    )
    data = json.loads(cli("results", "list", "--json").out)
    assert [(d["number"], d["lab_id"], d["value"], d["unit"]) for d in data] == [
        (2, "ca15-3", 32.0, "U/mL"),  # a name from the list: its id, its name and its usual unit
        (3, "hemoglobin", 11.5, "g/dL"),  # a Spanish report's name and decimal comma
        (1, "", None, ""),
    ]
    assert (data[2]["scan"], data[2]["area"], data[2]["finding"]) == ("ct", "chest", "stable")


def test_a_name_not_in_the_list_is_kept_as_typed_and_edit_changes_only_what_is_given(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "--date", "2026-09-01", "--lab", "Vitamin  D", "--value", "21", "--unit", "ng/mL")
    assert cli("results", "edit", "1", "--no-input", "--value", "30").code == 0
    (kept,) = json.loads(cli("results", "list", "--json").out)
    assert (kept["lab"], kept["lab_id"], kept["value"], kept["unit"]) == ("Vitamin  D", "other", 30.0, "ng/mL")
    assert cli("results", "remove", "1", "--yes").code == 0
    assert "No results yet" in cli("results").out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lab", "CEA", "--value", "3"], "--date needs a date"),
        (["--date", "2026-09-01", "--lab", "CEA"], "needs its number: --value"),
        (["--date", "2026-09-01", "--lab", "CEA", "--value", "secret"], "--value takes a number"),
        (["--date", "2026-09-01", "--lab", "CEA", "--value", "nan"], "--value takes a number"),
        (["--date", "2026-09-01", "--scan", "ct", "--lab", "CEA", "--value", "3"], "not both"),
        (["--date", "2026-09-01"], "Say what it is"),
        (["--date", "2026-09-01", "--scan", "potion"], "--scan takes one of"),
        (["--date", "2026-09-01", "--scan", "ct", "--finding", "secret"], "--finding takes one of"),
        (["--date", "2026-09-01", "--lab", "CEA", "--value", "3", "--low", "9", "--high", "1"], "low end"),
        (["--date", "secret", "--lab", "CEA", "--value", "3"], "The --date given is not a date"),
    ],
)
def test_a_mistake_is_one_sentence_that_never_repeats_what_was_typed(cli, args: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    line = cli("results", "add", "--no-input", *args).one_error(words)
    assert "secret" not in line and "potion" not in line


def test_the_form_asks_a_lab_from_the_list_with_its_usual_unit() -> None:
    p = ScriptedPrompter(
        [
            ("When was it done", "2026-09-01"),
            ("What would you like to add", False),
            ("Which test", "ca27-29"),
            ("What was the result", "41"),
            ("unit", ""),  # Enter takes the lab's usual unit
            ("low end", ""),
            ("high end", "38"),
            ("A note", "asked about the scan"),
        ]
    )
    made = ask_record(RESULTS, prompter=p)
    assert (made.day, made.lab, made.lab_id) == ("2026-09-01", "CA 27.29", "ca27-29")
    assert (made.value, made.unit) == (41.0, "U/mL")
    assert (made.low, made.high, made.scan, made.note) == (None, 38.0, "", "asked about the scan")


def test_the_form_asks_a_scan_and_keeps_it_a_scan_when_changed() -> None:
    p = ScriptedPrompter(
        [
            ("When was it done", "2026-11-03"),
            ("What would you like to add", True),
            ("What kind of scan", "pet-ct"),
            ("What did it look at", "whole body"),
            ("What does the report say", "new"),
            ("A note", ""),
        ]
    )
    made = ask_record(RESULTS, prompter=p)
    assert (made.scan, made.area, made.finding, made.lab, made.value) == ("pet-ct", "whole body", "new", "", None)
    again = ScriptedPrompter(
        [
            ("When was it done", ""),
            ("What kind of scan", "pet-ct"),
            ("What did it look at", ""),
            ("What does the report say", "mixed"),
            ("A note", ""),
        ]
    )
    changed = ask_record(RESULTS, made, prompter=again)
    assert (changed.uuid, changed.day, changed.finding) == (made.uuid, "2026-11-03", "mixed")


def test_a_number_is_refused_in_the_form_before_it_goes_on() -> None:
    from mbcprep.prompts.plain import PlainPrompter

    typed = ["2026-09-01", "1", "1", "lots", "32", "", "", "", ""]  # a lab; CA 15-3; "lots", then 32

    def read_line(prompt: str) -> str:
        return typed.pop(0)

    import io

    shown = io.StringIO()
    made = ask_record(RESULTS, prompter=PlainPrompter(read_line, shown))
    assert (made.lab_id, made.value) == ("ca15-3", 32.0)
    assert "Please type a number, like 48 or 4.5." in shown.getvalue()
    assert typed == []


# --- a treatment's kinds --------------------------------------------------------------------------


def test_a_treatment_can_have_more_than_one_kind(cli) -> None:  # type: ignore[no-untyped-def]
    assert parse_kind("hormone, targeted") == parse_kind("targeted + hormone") == "hormone,targeted"
    with pytest.raises(UsageError, match="--kind takes one of"):
        parse_kind("hormone, potion")
    ran = cli("treatments", "add", "--no-input", "--what", "letrozole + palbociclib", "--kind", "hormone, targeted")
    assert ran.code == 0, ran
    assert "hormone therapy, targeted therapy" in cli("treatments").out
    (kept,) = json.loads(cli("treatments", "list", "--json").out)
    assert kept["kind"] == ["hormone", "targeted"]
    made = read_record(TREATMENTS, {"kind": "chemo"}, read_record(TREATMENTS, {"what": "x", "kind": "adc"}))
    assert made.kind == "chemotherapy"


def test_a_version_2_backup_with_one_kind_still_reads_and_imports_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = {
        "format": "mbcprep",
        "version": 2,
        "visits": [],
        "treatments": [{"uuid": "t-1", "what": "letrozole", "kind": "hormone", "started": "2024-03"}],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    assert cli("import", str(path)).code == 0
    (kept,) = json.loads(cli("treatments", "list", "--json").out)
    assert kept["kind"] == ["hormone"]


def test_results_round_trip_through_a_backup_and_import_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(cli, "--date", "2026-09-01", "--lab", "CEA", "--value", "4.2")
    add(cli, "--date", "2026-09-02", "--scan", "mri", "--area", "brain", "--finding", "stable")
    backup = tmp_path / "backup.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["version"] == 4 and [r["lab_id"] for r in data["results"]] == ["cea", ""]
    assert cli("import", str(backup)).code == 0  # everything here already: nothing added
    assert len(json.loads(cli("results", "list", "--json").out)) == 2


def test_a_result_changed_on_disk_is_found_by_data_check(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "--date", "2026-09-01", "--lab", "CEA", "--value", "4.2")
    from mbcprep.paths import DB_NAME
    from mbcprep.settings import Settings

    with sqlite3.connect(Settings().folder / DB_NAME) as db:
        db.execute("UPDATE results SET value = 1.0")
    ran = cli("data", "check")
    assert ran.code == 1 and "Warning: result 1 no longer matches the check saved with it" in ran.err, ran


# --- what other pages ask of results --------------------------------------------------------------


def test_recent_labs_gives_the_latest_blood_count_liver_and_kidney_values(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.actions.results import latest_scan_grew, recent_labs
    from mbcprep.settings import Settings

    add(cli, "--date", "2026-08-01", "--lab", "hemoglobin", "--value", "12.1")
    add(cli, "--date", "2026-09-01", "--lab", "hemoglobin", "--value", "11.2")
    add(cli, "--date", "2026-09-01", "--lab", "creatinine", "--value", "0.9")
    add(cli, "--date", "2026-09-01", "--lab", "CA 15-3", "--value", "48")  # a marker: not asked for
    add(cli, "--date", "2026-09-01", "--lab", "ALT", "--value", "40")
    with Settings().open_store() as store:
        found = recent_labs(store)
        assert [(v.lab_id, v.day, v.value, v.unit, v.loinc) for v in found] == [
            ("hemoglobin", "2026-09-01", 11.2, "g/dL", "718-7"),
            ("alt", "2026-09-01", 40.0, "U/L", "1742-6"),
            ("creatinine", "2026-09-01", 0.9, "mg/dL", "2160-0"),
        ]
        assert latest_scan_grew(store) is False  # no scan yet
    add(cli, "--date", "2026-06-01", "--scan", "ct", "--finding", "new")
    add(cli, "--date", "2026-09-01", "--scan", "ct", "--finding", "stable")
    with Settings().open_store() as store:
        assert latest_scan_grew(store) is False  # the latest says stable
    add(cli, "--date", "2026-10-01", "--scan", "bone-scan", "--finding", "bigger")
    with Settings().open_store() as store:
        assert latest_scan_grew(store) is True


def test_a_result_is_a_scan_or_a_lab_value() -> None:
    assert Result("r", "2026-09-01", scan="ct").problem() == ""
    assert "not both" in Result("r", "2026-09-01", lab="CEA", value=1.0, scan="ct").problem()
    assert Result("r", "2026-09-01", lab="x", lab_id="other", value=1.0).key == "other:x"
    assert Result("r", "2026-09-01", lab="CEA", lab_id="cea", value=1.0).key == "cea"


def test_the_list_shows_the_last_year_unless_asked(cli) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    old = (date.today() - timedelta(days=400)).isoformat()
    recent = (date.today() - timedelta(days=10)).isoformat()
    add(cli, "--date", old, "--lab", "CEA", "--value", "3")
    add(cli, "--date", recent, "--lab", "CEA", "--value", "4")
    shown = cli("results")
    assert "CEA: 4 ng/mL" in shown.out and "CEA: 3 ng/mL" not in shown.out
    assert "1 earlier one is not shown. To see it: mbcprep results list --all" in " ".join(shown.out.split())
    assert "CEA: 3 ng/mL" in cli("results", "list", "--all").out
    assert "CEA: 3 ng/mL" in cli("results", "list", "--since", old).out
    ran = cli("results", "list", "--json")
    assert [r["value"] for r in json.loads(ran.out)] == [4.0] and "--all" in ran.err
    cli("results", "list", "--all", "--since", old).one_error("--since or --all")


def test_results_in_spanish_use_the_words_of_spanish_lab_reports(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.cli import load_commands

    load_commands()  # the commands' help is made in English as start-up makes it, before a Spanish run here
    for day, value in (("2026-09-01", "32"), ("2026-11-01", "48")):
        assert cli("--lang", "es", "results", "add", "--no-input", "--date", day, "--lab", "ca 15-3", "--value", value,
                   "--high", "30").code == 0  # fmt: skip
    ran = cli("--lang", "es", "results", "add", "--no-input", "--date", "2026-11-01", "--lab", "TGP", "--value", "41")
    assert ran.code == 0, ran
    assert cli("--lang", "es", "results", "add", "--no-input", "--date", "2026-11-02", "--scan", "ct",
               "--finding", "stable").code == 0  # fmt: skip
    listed = cli("--lang", "es", "results").out
    assert "ALT (TGP): 41 U/L" in listed and "Rango del laboratorio: menos de 30" in listed
    assert " 4. tomografía: estable\n" in listed  # one report: "estable", never "estables"
    shown = " ".join(cli("--lang", "es", "trends", "--results").out.split())
    assert "CA 15-3 pasó de 32 a 48 desde el 1 de septiembre" in shown
    assert "pregunte qué significa junto con sus estudios de imagen" in shown
    cli("--lang", "es", "results", "add", "--no-input", "--date", "2026-11-01", "--lab", "x").one_error(
        "necesita su número"
    )


def test_a_version_8_file_migrates_keeping_its_treatments_and_backs_up_first(private_home: Path) -> None:
    from mbcprep.model.record import to_record
    from mbcprep.paths import DB_NAME
    from mbcprep.storage.database import APPLICATION_ID
    from mbcprep.storage.migrations import MIGRATIONS
    from mbcprep.storage.store import Store

    private_home.mkdir(mode=0o700)
    db = sqlite3.connect(private_home / DB_NAME, isolation_level=None)
    db.execute("BEGIN")
    for step in MIGRATIONS[:8]:
        step(db)
    db.execute("PRAGMA user_version = 8")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO treatments (uuid, what, kind, started, created_at, updated_at, checksum)"
        " VALUES ('t-8', 'letrozole', 'hormone', '2024-03', '2026-01-01T00:00:00+00:00',"
        " '2026-01-01T00:00:00+00:00', '')"
    )
    db.execute("COMMIT")
    db.close()
    with Store.open(private_home) as store:
        (kept,) = store.treatments.all(checked=True)
        assert (kept.what, kept.kind, kept.intact) == ("letrozole", "hormone", True)
        assert to_record(kept)["kind"] == ["hormone"]
        store.records("results").save(Result("r-1", "2026-09-01", "CEA", "cea", 3.0))  # the new table works
        (back,) = store.records("results").all(checked=True)
        assert (back.value, back.key, back.intact) == (3.0, "cea", True)
    backups = sorted((private_home / "backups").glob("before-v*.sqlite3"))
    assert backups
    copy = sqlite3.connect(backups[-1])  # the copy made before migrating is the version 8 file
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 8
    copy.close()


def test_the_doctors_page_lines_for_the_latest_scan_and_the_markers(cli) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from mbcprep.actions.results import markers_line, scan_line
    from mbcprep.actions.treatment_trends import current_lines
    from mbcprep.settings import Settings

    today = date(2026, 12, 1)
    with Settings().open_store() as store:
        assert (scan_line(store, today), markers_line(store, today), current_lines(store)) == ("", "", [])
    for day, value in (("2026-08-01", "30"), ("2026-09-01", "32"), ("2026-10-01", "40"), ("2026-11-01", "48")):
        add(cli, "--date", day, "--lab", "CA 15-3", "--value", value)
    add(cli, "--date", "2026-11-01", "--lab", "CEA", "--value", "3.1")
    add(cli, "--date", "2026-11-01", "--lab", "hemoglobin", "--value", "11")  # not a marker
    add(cli, "--date", "2026-06-03", "--scan", "ct", "--finding", "bigger")
    add(cli, "--date", "2026-11-03", "--scan", "ct", "--area", "chest", "--finding", "stable", "--note", "no new spots")
    with Settings().open_store() as store:
        assert scan_line(store, today) == "Latest scan (3 November): CT scan (chest), stable (no new spots)"
        assert markers_line(store, today) == (
            "Tumour markers: CA 15-3 32 (1 September), 40 (1 October), 48 U/mL (1 November); CEA 3.1 ng/mL (1 November)"
        )


# --- a result is of a day that has come ---------------------------------------------------------------

DEC_7 = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("typed", "day"),
    [("nov 20", "2026-11-20"), ("11/20", "2026-11-20"), ("dec 7", "2026-12-07"), ("dec 8", "2025-12-08"),
     ("monday", "2026-12-07"), ("friday", "2026-12-04"), ("yesterday", "2026-12-06")],
)  # fmt: skip
def test_a_date_without_a_year_is_the_latest_such_day_not_next_years(typed: str, day: str) -> None:
    made = read_record(RESULTS, {"day": typed, "lab": "CEA", "value": "3"}, today=DEC_7)
    assert made.day == day


def test_the_form_reads_a_past_day_too_and_refuses_a_day_to_come() -> None:
    p = ScriptedPrompter([("When was it done", "nov 20"), ("What would you like to add", True),
                          ("What kind of scan", "ct"), ("What did it look at", ""),
                          ("What does the report say", "stable"), ("A note", "")])  # fmt: skip
    assert ask_record(RESULTS, prompter=p, today=DEC_7).day == "2026-11-20"
    from mbcprep.forms.care import _date

    refused: list[str] = []

    class Asks:
        def ask_text(self, message, default, hint, validate):  # type: ignore[no-untyped-def]
            refused.append(validate("2027-03-01") or "")
            return "nov 20"

    assert _date(Asks(), "When was it done?", "", DEC_7, "A day that has come.") == "2026-11-20"  # type: ignore[arg-type]
    assert refused == ["A day that has come."]


@pytest.mark.parametrize("command", ["add", "edit"])
def test_a_result_on_a_day_still_to_come_is_refused_in_one_sentence(cli, command: str) -> None:  # type: ignore[no-untyped-def]
    add(cli, "--date", "2026-09-01", "--lab", "CEA", "--value", "3")
    later = (date.today() + timedelta(days=1)).isoformat()
    args = ["add", "--no-input", "--lab", "CEA", "--value", "4"] if command == "add" else ["edit", "1", "--no-input"]
    line = cli("results", *args, "--date", later).one_error("give the day it was done, today or earlier")
    assert line.startswith("Error: A result is kept once the test or scan is done")
    assert [r["day"] for r in json.loads(cli("results", "list", "--json").out)] == ["2026-09-01"]


def test_the_spanish_list_names_a_lab_from_the_list_in_spanish_and_a_report_in_the_singular(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "--date", "2026-11-20", "--lab", "Neutrophils", "--value", "1.2", "--low", "1.8")
    add(cli, "--date", "2026-11-20", "--lab", "Vitamin D", "--value", "21")  # typed: kept as typed
    for n, finding in enumerate(("stable", "smaller", "bigger", "new", "mixed", "not-sure")):
        add(cli, "--date", f"2026-11-0{n + 1}", "--scan", "ct", "--finding", finding)
    listed = cli("--lang", "es", "results").out
    assert "Neutrófilos (absolutos): 1.2" in listed and "Neutrophils" not in listed and "Vitamin D: 21" in listed
    said = [line.split(": ", 1)[1] for line in listed.splitlines() if "tomografía" in line]
    assert said == ["estable", "más pequeño", "más grande", "lesiones nuevas", "mixto", "no sé"]
    assert json.loads(cli("results", "list", "--json").out)[-1]["lab"] == "Vitamin D"
    from mbcprep import i18n

    i18n.use_language("es")
    try:
        assert i18n._("stable") == "estables"  # the profile's brain metastases keep theirs
    finally:
        i18n.use_language("en")
