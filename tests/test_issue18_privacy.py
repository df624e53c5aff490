"""Issue 18, points 1 to 6: private text shown only where the person chose, a data folder that is
not the person's own refused, one set of limits on the way in and out, `data delete` touching only
what mbcprep can prove it made, a seal on every record, and a diary conflict on import kept visible.
Each test fails on the code before the fix."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest

from mbcprep.paths import DB_NAME

# --- 4. data delete removes only what mbcprep can prove it wrote --------------------------------------


def test_data_delete_leaves_another_program_s_settings_in_a_folder_with_no_mbcprep_data(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    proj = tmp_path / "proj"
    proj.mkdir(mode=0o700)
    (proj / "settings.json").write_text('{"plain": true}\n')  # looks like ours, but no data file beside it
    (proj / "other.json").write_text("{}")
    ran = cli("--data-dir", str(proj), "data", "delete", "--yes")
    assert ran.code == 0, ran
    assert (proj / "settings.json").read_text() == '{"plain": true}\n'
    assert "no mbcprep data file" in ran.out and "Deleted 0 files" in ran.out


@pytest.mark.parametrize("text", ['{\n  "theme": "dark"\n}\n', "{}\n", '{"plain":true}'])
def test_data_delete_removes_a_settings_file_only_when_it_is_what_mbcprep_writes(
    tmp_path: Path,
    text: str,
    cli,  # type: ignore[no-untyped-def]
    private_home: Path,
) -> None:
    assert cli("new-visit", "--no-input", "--ask", "Can I travel?").code == 0
    (private_home / "settings.json").write_text(text)
    ran = cli("data", "delete", "--yes")
    assert ran.code == 0, ran
    assert not (private_home / DB_NAME).exists()
    if text == "{}\n":  # what mbcprep writes with no choice: beside its data file it is its own
        assert not (private_home / "settings.json").exists()
    else:
        assert (private_home / "settings.json").read_text() == text
        assert "settings.json: mbcprep did not make it" in ran.out


def test_data_delete_removes_mbcprep_s_own_settings_beside_no_data_file(
    cli,  # type: ignore[no-untyped-def]
    private_home: Path,
) -> None:
    assert cli("settings", "plain", "on").code == 0
    assert cli("data", "delete", "--yes").code == 0
    assert not private_home.exists()


# --- 1. the family sheet shows nothing of the visit's questions or debrief unless chosen -------------


def _debriefed(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--question", "plan-how-much-time", "--ask", "Should I tell my kids?")
    assert ran.code == 0, ran
    ran = cli(
        "debrief",
        "--no-input",
        "--answered",
        "1=TALK-TO-PALLIATIVE",
        "--answered",
        "2=TELL-THEM-GENTLY",
        "--told",
        "TOLD-WORDS",
        "--next",
        "2031-02-03",
    )
    assert ran.code == 0, ran


def test_family_sheet_leaves_the_questions_and_debrief_off_unless_asked_for(cli) -> None:  # type: ignore[no-untyped-def]
    _debriefed(cli)
    ran = cli("export", "latest", "--for", "family", "--no-input", "-o", "-")
    assert ran.code == 0, ran
    hidden = ("TALK-TO-PALLIATIVE", "TELL-THEM-GENTLY", "TOLD-WORDS", "Should I tell my kids?", "After the visit")
    for private in hidden:
        assert private not in ran.out, private
    ran = cli("export", "latest", "--for", "family", "--no-input", "--include-after-visit", "-o", "-")
    assert ran.code == 0, ran
    assert "TELL-THEM-GENTLY" in ran.out and "TOLD-WORDS" in ran.out
    assert "TALK-TO-PALLIATIVE" not in ran.out, "a sensitive question only when chosen by its id"
    ran = cli(
        "export",
        "latest",
        "--for",
        "family",
        "--no-input",
        "--include-after-visit",
        "--include-question",
        "plan-how-much-time",
        "-o",
        "-",
    )
    assert ran.code == 0, ran
    assert "TALK-TO-PALLIATIVE" in ran.out and "TELL-THEM-GENTLY" in ran.out


def test_include_question_needs_the_after_visit_and_the_family_sheet(cli) -> None:  # type: ignore[no-untyped-def]
    _debriefed(cli)
    cli("export", "latest", "--for", "family", "--no-input", "--include-question", "plan-how-much-time").one_error(
        "--include-after-visit"
    )
    cli("export", "latest", "--include-after-visit").one_error("--for family")
    cli(
        "export",
        "latest",
        "--for",
        "family",
        "--no-input",
        "--include-after-visit",
        "--include-question",
        "no-such-one",
    ).one_error("no-such-one", "not a question of this visit")


def test_family_form_asks_for_the_after_visit_with_no_as_the_default_and_ticks_sensitive_ones(
    cli,  # type: ignore[no-untyped-def]
    content,  # type: ignore[no-untyped-def]
) -> None:
    from mbcprep.forms.family import family_choices
    from mbcprep.sheets.context import SheetOptions
    from mbcprep.storage.store import Store
    from tests.scripted import ScriptedPrompter

    _debriefed(cli)
    home = Path(os.environ["MBCPREP_HOME"])
    with Store.open(home) as store:
        visit = store.get("latest")

    class Asked(ScriptedPrompter):
        defaults: ClassVar[list[bool | None]] = []

        def confirm(self, message: str, *, default: bool | None = True) -> bool:
            self.defaults.append(default)
            return super().confirm(message, default=default)

    said_no = Asked([("what happened at the visit", False), ("know", "")])
    options = family_choices({}, said_no, content=lambda: content)(visit, SheetOptions())
    assert options.after_visit is False and Asked.defaults == [False]
    said_no.done()
    ticked = Asked([("what happened at the visit", True), ("about the future", ["plan-how-much-time"]), ("know", "")])
    options = family_choices({}, ticked, content=lambda: content)(visit, SheetOptions())
    ticked.done()
    assert options.after_visit and options.sensitive == frozenset({"plan-how-much-time"})
    assert [o.value for o in ticked.offered[next(iter(ticked.offered))]] == ["plan-how-much-time"]


# --- 2. a data folder or data file that is not the person's own and private is refused ---------------

OTHER_UID = 4242


def _folder_with_empty_data_file(tmp_path: Path, mode: int) -> Path:
    folder = tmp_path / "shared-data"
    folder.mkdir()
    folder.chmod(mode)
    (folder / DB_NAME).write_bytes(b"")
    return folder


def test_a_data_folder_others_can_open_is_refused_with_the_fix(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = _folder_with_empty_data_file(tmp_path, 0o777)
    line = cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").one_error(
        "Other accounts", f"chmod 700 {folder}"
    )
    assert "PRIVATE" not in line
    assert (folder / DB_NAME).read_bytes() == b"" and (folder.stat().st_mode & 0o777) == 0o777
    folder.chmod(0o755)  # readable, not writable, by others: refused too
    cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").one_error("chmod 700")
    folder.chmod(0o700)
    assert cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").code == 0


def test_a_data_folder_of_another_account_is_refused_even_when_private(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = _folder_with_empty_data_file(tmp_path, 0o700)
    os.chown(folder, OTHER_UID, -1)
    cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").one_error(
        "belongs to another account", "chown"
    )
    assert (folder / DB_NAME).read_bytes() == b""
    assert folder.stat().st_uid == OTHER_UID and (folder.stat().st_mode & 0o777) == 0o700


def test_an_empty_folder_of_another_account_is_refused_not_made_private(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    os.chown(folder, OTHER_UID, -1)
    cli("--data-dir", str(folder), "settings", "plain", "on").one_error("belongs to another account")
    assert list(folder.iterdir()) == [] and (folder.stat().st_mode & 0o777) == 0o777


def test_a_data_file_of_another_account_is_refused(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = _folder_with_empty_data_file(tmp_path, 0o700)
    os.chown(folder / DB_NAME, OTHER_UID, -1)
    cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").one_error(
        "data file", "belongs to another account", "chown"
    )
    assert (folder / DB_NAME).read_bytes() == b""


def test_a_loose_data_file_that_cannot_be_made_private_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    folder = _folder_with_empty_data_file(tmp_path, 0o700)
    (folder / DB_NAME).chmod(0o644)
    real_chmod = Path.chmod

    def refuse(self: Path, mode: int, **kw: object) -> None:
        if self.name == DB_NAME:
            raise PermissionError(1, "Operation not permitted")
        real_chmod(self, mode)

    monkeypatch.setattr(Path, "chmod", refuse)
    cli("--data-dir", str(folder), "new-visit", "--no-input", "--note", "PRIVATE").one_error("chmod 600")
    assert (folder / DB_NAME).read_bytes() == b""


# --- 3. one set of limits on the way in and out; one bad record never blocks the others --------------


def test_two_long_notes_are_refused_on_the_way_in_so_every_backup_reads_back(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.model.record import MAX_TEXT

    half = "n" * (MAX_TEXT // 2)
    line = cli("new-visit", "--no-input", "--note", half, "--note", half).one_error("notes", "longer than mbcprep")
    assert "nnn" not in line
    assert cli("new-visit", "--no-input", "--note", half).code == 0
    too_long = "d" * (MAX_TEXT + 1)
    for what in (
        ("diary", "--no-input", "--symptom", "pain=3", "--note", too_long),
        ("debrief", "--no-input", "--told", too_long),
        ("meds", "add", "--no-input", "--name", "x", "--dose", too_long),
        ("team", "add", "--no-input", "--name", too_long),
    ):
        assert "ddd" not in cli(*what).one_error("longer than mbcprep")
    backup = tmp_path / "all.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    assert cli("--data-dir", str(tmp_path / "other"), "import", str(backup)).code == 0


def test_a_carried_count_never_grows_past_what_a_backup_reads(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.model.cycle import carried_copy
    from mbcprep.model.record import MAX_COUNT, check_limits
    from mbcprep.model.visit import Visit, VisitQuestion

    worn = VisitQuestion("Why?", "my-own", outcome="not", carried=MAX_COUNT)
    assert carried_copy(worn, {}).carried == MAX_COUNT
    too_many = Visit(uuid="v-1", questions=[VisitQuestion("Why?", carried=MAX_COUNT + 1)])
    with pytest.raises(Exception, match="larger than mbcprep can keep"):
        check_limits(too_many)


def test_a_too_long_answer_in_the_interview_is_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.model.record import MAX_TEXT
    from mbcprep.prompts.plain import PlainPrompter

    answers = iter(["x" * (MAX_TEXT + 1), "short"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    p = PlainPrompter()
    assert p.ask_text("Anything else?") == "short"


def _backup_with(tmp_path: Path, visits: list[dict], diary: list[dict] | None = None) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "in.json"
    doc = {"format": "mbcprep", "version": 2, "exported_on": "2027-01-01", "visits": visits, "diary": diary or []}
    path.write_text(json.dumps(doc))
    return path


def _visit_record(uuid: str, notes: str = "") -> dict:  # type: ignore[type-arg]
    from mbcprep.model.record import to_record
    from mbcprep.model.visit import Visit, VisitQuestion

    return to_record(
        Visit(
            uuid=uuid,
            status="ready",
            visit_date="2027-01-02",
            kind="routine",
            notes=notes,
            questions=[VisitQuestion("Q?", rank=1)],
        )
    )


def test_one_bad_visit_is_named_and_the_others_are_imported(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.model.record import MAX_TEXT

    secret = "SECRET" + "s" * MAX_TEXT
    bad_date = {**_visit_record("v-3"), "date": "2027-02-30"}
    path = _backup_with(tmp_path, [_visit_record("v-1"), _visit_record("v-2", secret), bad_date, _visit_record("v-1")])
    ran = cli("import", str(path))
    assert ran.code == 0, ran
    assert "Imported 1 visit" in ran.out
    assert "visit 2" in ran.err and "'notes'" in ran.err and "visit 3" in ran.err and "visit 4" in ran.err
    assert "SECRET" not in ran.err + ran.out
    shown = cli("visits", "--json")
    assert [v["uuid"] for v in json.loads(shown.out)] == ["v-1"]


def test_a_file_with_nothing_readable_is_still_refused_whole(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = _backup_with(tmp_path, [{**_visit_record("v-1"), "date": "someday"}])
    cli("import", str(path)).one_error("visit 1", "YYYY-MM-DD")


# --- 6. a diary score that differs on import is kept visible; future days are refused ----------------


def test_a_differing_diary_score_is_shown_with_both_sides_and_how_to_choose(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("diary", "--no-input", "--date", "2026-03-04", "--symptom", "pain=3").code == 0
    diary = [
        {"uuid": "d-phone", "day": "2026-03-04", "symptom": "pain", "name": "Pain", "score": 7, "note": "from phone"},
        {"uuid": "d-later", "day": "2199-01-01", "symptom": "pain", "name": "Pain", "score": 5, "note": "FUTURE"},
        {"uuid": "d-new", "day": "2026-03-05", "symptom": "pain", "name": "Pain", "score": 2},
    ]
    ran = cli("import", str(_backup_with(tmp_path, [], diary)))
    assert ran.code == 0, ran
    assert "Diary entries: 1 added, 0 already here." in ran.out
    assert "2026-03-04, Pain: 3 here, 7 and a note in the backup" in ran.err
    assert "mbcprep diary --no-input --date 2026-03-04 --symptom pain=7 --replace" in ran.err
    assert "2199-01-01" in ran.err and "still to come" in ran.err
    assert "from phone" not in ran.err and "FUTURE" not in ran.err
    from mbcprep.storage.store import Store

    with Store.open(Path(os.environ["MBCPREP_HOME"])) as store:
        kept = sorted((e.day, e.score) for e in store.diary.all())
    assert kept == [("2026-03-04", 3), ("2026-03-05", 2)]
    again = cli("import", str(_backup_with(tmp_path, [], diary)))
    assert "3 here, 7 and a note in the backup" in again.err, "still visible the next time"
    assert "Diary entries: 0 added, 1 already here." in again.out


# --- 5. treatments, medicines, care team and diary are sealed as visits are -------------------------


def _behind_its_back(sql: str) -> None:
    db = sqlite3.connect(Path(os.environ["MBCPREP_HOME"]) / DB_NAME)
    db.execute(sql)
    db.commit()
    db.close()


def _my_care(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("meds", "add", "--no-input", "--name", "capecitabine", "--dose", "1500 mg"),
        ("treatments", "add", "--no-input", "--what", "letrozole", "--kind", "hormone"),
        ("team", "add", "--no-input", "--name", "Dr Rivera", "--after-hours"),
        ("diary", "--no-input", "--symptom", "pain=3"),
        ("new-visit", "--no-input", "--with", "Dr Rivera"),
    ):
        ran = cli(*args)
        assert ran.code == 0, ran


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("UPDATE medicines SET dose = '15000 mg'", "medicine 1"),
        ("UPDATE treatments SET what = 'letrozole 25'", "treatment 1"),
        ("UPDATE care_team SET after_hours = 0", "care team member 1"),
        ("UPDATE diary_entries SET score = 9", "diary entry 1"),
    ],
)
def test_a_record_changed_on_disk_is_named_by_data_check_and_on_the_sheet(sql: str, named: str, cli) -> None:  # type: ignore[no-untyped-def]
    _my_care(cli)
    assert cli("data", "check").code == 0
    _behind_its_back(sql)
    ran = cli("data", "check")
    assert ran.code == 1 and named in ran.err, ran
    assert "15000" not in ran.err + ran.out and "letrozole" not in ran.err
    sheet = cli("export", "latest", "--for", "doctor", "-o", "-")
    if not named.startswith("diary"):  # the diary shows on a sheet only in what changed since a visit before
        assert named in sheet.err, sheet
    assert named in cli("export", "--all", "-o", "-").err


def test_a_diary_entry_changed_on_disk_warns_the_sheet_that_uses_it(cli) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    last_week = (date.today() - timedelta(8)).isoformat()
    assert cli("new-visit", "--no-input", "--date", last_week, "--symptom", "pain=2").code == 0
    assert cli("diary", "--no-input", "--symptom", "pain=3").code == 0
    assert cli("new-visit", "--no-input").code == 0
    assert "diary entry" not in cli("export", "latest", "-o", "-").err
    _behind_its_back("UPDATE diary_entries SET score = 9")
    assert "diary entry 1" in cli("export", "latest", "-o", "-").err


def test_the_migration_seals_every_record_after_a_backup_and_backups_still_import(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION, expected_schema
    from mbcprep.storage.store import Store

    _my_care(cli)
    backup = tmp_path / "all.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    home = Path(os.environ["MBCPREP_HOME"])
    # Back to version 7, as the last release left it: no checksum columns.
    db = sqlite3.connect(home / DB_NAME, isolation_level=None)
    for table in ("diary_entries", "treatments", "medicines", "care_team"):
        db.execute(f"ALTER TABLE {table} DROP COLUMN checksum")
    for table in set(expected_schema(SCHEMA_VERSION)) - set(expected_schema(7)):  # what later migrations add
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 7")
    db.close()
    assert MIGRATIONS[7].__name__ == "m008_checksums_of_the_diary_and_my_care" and SCHEMA_VERSION >= 8
    with Store.open(home) as store:
        for key in ("diary", "treatments", "medicines", "care_team"):
            assert store.records(key).damaged() == []
            sealed = store.db.execute(f"SELECT checksum FROM {store.records(key).table}").fetchall()
            assert sealed and all(len(c[0]) == 32 for c in sealed)
    (before,) = (home / "backups").glob(f"before-v{SCHEMA_VERSION}-*.sqlite3")
    copy = sqlite3.connect(before)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 7
    copy.close()
    _behind_its_back("UPDATE medicines SET dose = '15000 mg'")
    assert "medicine 1" in cli("data", "check").err
    other = tmp_path / "other"
    ran = cli("--data-dir", str(other), "import", str(backup))
    assert ran.code == 0, ran
    assert cli("--data-dir", str(other), "data", "check").code == 0


ODD = 'Dr "Ré" \\ \x1b[31m\x7f\u2028\U0001f600\t\n'


def test_the_seal_sqlite_checks_is_the_one_python_made_for_odd_text_and_every_kind_of_value(
    private_home: Path,
) -> None:
    from mbcprep.model.care import Medicine, TeamMember, Treatment
    from mbcprep.model.diary import DiaryEntry
    from mbcprep.storage.store import Store

    with Store.open(private_home) as store:
        store.diary.save(DiaryEntry("d-1", "2026-01-02", "other", ODD, None, ODD))
        store.diary.save(DiaryEntry("d-2", "2026-01-02", "pain", "Pain", 10, ""))
        store.medicines.save(Medicine("m-1", ODD, ODD, "", ODD, "2024-03"))
        store.treatments.save(Treatment("t-1", ODD, "hormone", "2024-03", "", "", ODD))
        store.team.save(TeamMember("c-1", ODD, after_hours=True))
        store.team.save(TeamMember("c-2", "Nurse", after_hours=False))
        for key in ("diary", "medicines", "treatments", "care_team"):
            assert store.records(key).damaged() == [], key
            assert all(r.intact for r in store.records(key).all(checked=True)), key


def test_the_menu_prompter_refuses_a_too_long_answer_too(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    monkeypatch.setattr("mbcprep.model.record.MAX_TEXT", 5)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("abcdefg\r" + "\x7f" * 3 + "\r")
        assert QuestionaryPrompter().ask_text("Anything else?") == "abcd"
