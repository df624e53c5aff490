"""What an adversarial sweep broke (issue 8), one test or more for each class, each failing on the
code before the fix: files that are not mbcprep's, windows that overwrite each other, leftovers of
killed runs, private text echoed back, a full disk, odd inputs, terminal escapes, hostile sizes,
exit codes, strict imports and silent damage.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mbcprep.errors import StoreError, UsageError
from mbcprep.model.record import to_record
from mbcprep.model.visit import SymptomScore, Visit, VisitQuestion
from mbcprep.paths import DB_NAME
from mbcprep.storage.maintenance import check_data, delete_all_data
from mbcprep.storage.migrations import SCHEMA_VERSION
from mbcprep.storage.store import Store

UUID = "0b7c1f9e-3a52-4c8e-9f0d-5e6a7b8c9d01"
DEAD_PID = 2**22 + 4321  # above Linux's largest process number: no program has it
ESC_LIKE = ("\x1b", "\x07", "\x9b", "\u202e")


def visit(uuid: str = UUID, notes: str = "Bring the pill list.") -> Visit:
    return Visit(
        uuid=uuid,
        visit_date="2027-01-15",
        kind="routine",
        with_whom="Dr Rivera",
        notes=notes,
        status="ready",
        questions=[VisitQuestion("Can I travel in May?", "my-own", "", None, 1)],
        symptoms=[SymptomScore("pain", "Pain", 3)],
    )


def saved(home: Path, *visits: Visit) -> Path:
    with Store.open(home) as store:
        for v in visits or (visit(),):
            store.save(v)
    return home / DB_NAME


def behind_its_back(path: Path, sql: str) -> None:
    """Change the data file as another program (or damage) would, without mbcprep knowing."""
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()


def no_terminal_escapes(text: str) -> bool:
    return not any(c in text for c in ESC_LIKE)


# --- 1. data delete removes only what mbcprep can prove it made -------------------------------------


def test_data_delete_leaves_files_that_are_not_mbcprep_s(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p"
    (folder / "backups").mkdir(parents=True, mode=0o700)
    (folder / "backups" / "customers.sqlite3").write_text("x")
    (folder / ".report.abcd1234.tmp").write_text("someone else's")
    ran = cli("--data-dir", str(folder), "data", "delete", "--yes")
    assert ran.code == 0, ran
    assert (folder / "backups" / "customers.sqlite3").read_text() == "x"
    assert (folder / ".report.abcd1234.tmp").exists()
    assert "Deleted 0 files" in ran.out
    assert "customers.sqlite3: mbcprep did not make it" in ran.out


def test_data_delete_never_deletes_through_a_linked_backups_folder(private_home: Path, tmp_path: Path) -> None:
    saved(private_home)
    elsewhere = tmp_path / "accounts"
    elsewhere.mkdir()
    (elsewhere / "ledger.sqlite3").write_text("books")
    (elsewhere / "mbcprep-20260101T000000Z-1.sqlite3").write_bytes((private_home / DB_NAME).read_bytes())
    (private_home / "backups").symlink_to(elsewhere)
    report = delete_all_data(private_home)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["ledger.sqlite3", "mbcprep-20260101T000000Z-1.sqlite3"]
    assert any(p.name == "backups" and "link" in why for p, why in report.left)
    assert not (private_home / DB_NAME).exists()


def test_data_delete_in_the_home_folder_keeps_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "backups").mkdir(parents=True)
    (home / "backups" / "photos.sqlite3").write_text("not ours")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("MBCPREP_HOME", "~")
    saved(home)
    report = delete_all_data(home)
    assert home.is_dir() and (home / "backups" / "photos.sqlite3").exists()
    assert [p.name for p in report.removed] == [DB_NAME]
    (home / "backups" / "photos.sqlite3").unlink()
    delete_all_data(home)
    assert home.is_dir(), "an emptied home folder is never removed"


def test_data_delete_removes_its_own_backups_and_names_the_files_it_wrote_elsewhere(
    private_home: Path,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    saved(private_home)
    assert cli("data", "backup").code == 0
    sheet = tmp_path / "sheets" / "visit.md"
    sheet.parent.mkdir()
    assert cli("export", "latest", "-o", str(sheet)).code == 0
    assert cli("data", "backup", "-o", str(tmp_path / "copy.sqlite3")).code == 0
    ran = cli("data", "delete", "--yes")
    assert ran.code == 0 and not private_home.exists()
    assert "Deleted 3 files" in ran.out  # the data file, the backup it named, its copy of the content
    assert str(sheet) in ran.out and str(tmp_path / "copy.sqlite3") in ran.out
    assert sheet.exists() and (tmp_path / "copy.sqlite3").exists()


# --- 2. two edit windows keep each their own changes -------------------------------------------------


def test_two_edit_windows_each_keep_their_changes_aside(private_home: Path) -> None:
    saved(private_home)
    with Store.open(private_home) as first, Store.open(private_home) as second:
        mine, theirs = first.get("1"), second.get("1")
        mine.notes, theirs.notes = "the patient's changes", "the caregiver's changes"
        first.keep_edit(mine)
        second.keep_edit(theirs)
        fresh = second.get("1")
        second.save(fresh)  # a save of the visit from a third window does not throw them away
        kept = sorted(k.visit.notes for k in first.kept_edits(1))
    assert kept == ["the caregiver's changes", "the patient's changes"]


def test_picking_up_offers_each_window_s_changes(private_home: Path, content) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.interview.edit import edit_visit
    from tests.scripted import ScriptedPrompter

    saved(private_home)
    with Store.open(private_home) as store:
        for notes in ("from the laptop", "from the phone"):
            copy = store.get("1")
            copy.notes = notes
            store.keep_edit(copy)
        kept = store.kept_edits(1)
        p = ScriptedPrompter([("2 windows", kept[1].id), ("What would you like to change?", "save")])
        edit_visit(p, content, store, store.get("1"))
        offered = [o.title for o in p.offered[p.asked[0]]]
        assert sum("Pick up my unsaved changes" in t for t in offered) == 2
        assert store.get("1").notes == "from the phone"
        assert [k.visit.notes for k in store.kept_edits(1)] == ["from the laptop"]


# --- 3. what killed runs leave half-written is cleaned up -----------------------------------------


def test_a_killed_export_s_leftover_is_removed_by_the_next_export(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input").code == 0
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f".sheet.md.{DEAD_PID}-0123abcd.mbcprep-tmp"
    alive = out / f".sheet.md.{os.getpid()}-0123abcd.mbcprep-tmp"
    old_style = out / ".notes.md.0123abcd.tmp"  # could be another program's: never touched
    for path in (dead, alive, old_style):
        path.write_text("half")
    assert cli("export", "latest", "-o", str(out / "sheet.md")).code == 0
    assert not dead.exists() and alive.exists() and old_style.exists()


def test_a_killed_backup_s_leftovers_are_removed_by_the_next_backup(private_home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    saved(private_home)
    backups = private_home / "backups"
    backups.mkdir(mode=0o700)
    leftovers = [
        backups / f".mbcprep-20260101T000000Z-7.sqlite3.{DEAD_PID}-0123abcd.mbcprep-tmp",
        backups / f".mbcprep-20260101T000000Z-7.sqlite3.{DEAD_PID}-0123abcd.mbcprep-tmp-journal",
    ]
    for path in leftovers:
        path.write_text("half a copy")
    assert cli("data", "backup").code == 0
    assert not any(p.exists() for p in leftovers)
    assert len(list(backups.glob("mbcprep-*.sqlite3"))) == 1


# --- 4. usage errors never echo what was typed ------------------------------------------------------


def test_words_left_over_name_the_option_not_the_words(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--note", "My", "liver", "pain", "is", "worse")
    line = ran.one_error("--note takes one piece of text: put it in quotes")
    assert "liver" not in line and "worse" not in line


@pytest.mark.parametrize(
    ("args", "private"),
    [
        (["glossary", "my brain mets"], "brain"),
        (["new-visit", "--no-input", "--date", "brain-mets"], "brain"),
        (["my-secret-diagnosis"], "secret"),
        (["new-visit", "--liver-pain"], "liver"),
        (["show", "1", "my", "secret"], "secret"),
    ],
)
def test_no_usage_error_repeats_what_was_typed(cli, args: list[str], private: str) -> None:  # type: ignore[no-untyped-def]
    assert private not in cli(*args).one_error()


def test_a_glossary_word_of_two_words_needs_no_quotes(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("glossary", "tumor", "markers")
    assert ran.code == 0 and "tumor marker" in ran.out.lower()


# --- 5. a full disk is a full disk, not damage ---------------------------------------------------------


def _full(store: Store) -> Store:
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    return store


def test_a_full_disk_is_said_plainly_and_changes_nothing(private_home: Path) -> None:
    saved(private_home)
    with Store.open(private_home) as store:
        before = store.get("1")
        _full(store)
        big = store.get("1")
        big.notes = "x" * 200_000
        with pytest.raises(StoreError) as refused:
            store.save(big)
        assert refused.value.reason == "disk" and "disk is full" in str(refused.value)
        assert "damaged" not in str(refused.value)
        assert store.get("1") == before


def test_import_on_a_full_disk_says_so(
    private_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import date

    from mbcprep.formats.backup import render_backup as render_json

    saved(private_home)
    backup = tmp_path / "many.json"
    many = [visit(f"{n:08d}-aaaa-4bbb-8ccc-{n:012d}", notes="n" * 5000) for n in range(1, 60)]
    backup.write_text(render_json(many, date(2027, 1, 1)))
    real_open = Store.open.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Store, "open", classmethod(lambda cls, folder: _full(real_open(cls, folder))))
    cli("import", str(backup)).one_error("disk is full", "nothing was changed")
    monkeypatch.undo()
    with Store.open(private_home) as store:
        assert len(store.summaries()) == 1


def test_an_error_sqlite_already_rolled_back_is_not_hidden_by_the_rollback(private_home: Path) -> None:
    """A full disk during a delete: SQLite rolls the transaction back itself, so mbcprep's own ROLLBACK
    fails; the person must hear about the full disk, not about that."""
    saved(private_home)
    with Store.open(private_home) as store:
        with pytest.raises(StoreError) as refused, store.transaction() as db:
            db.execute("DELETE FROM visits WHERE id = 1")
            db.execute("ROLLBACK")  # what SQLite does by itself on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")
        assert refused.value.reason == "disk" and "disk is full" in str(refused.value)
        assert len(store.summaries()) == 1


# --- 6. inputs that deserve a sentence, not "Sorry" -------------------------------------------------------


def test_an_imported_id_with_a_lone_surrogate_is_one_sentence(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    doc = {"format": "mbcprep", "version": 1, "visits": [to_record(visit())]}
    doc["visits"][0]["questions"][0]["id"] = "\ud800"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc), encoding="ascii")
    cli("import", str(path)).one_error("'id' that is not valid text")


def test_a_bank_with_a_five_thousand_digit_number_is_reported(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    bank = tmp_path / "bank.yaml"
    bank.write_text("questions:\n  - id: q-one\n    text: " + "5" * 5000 + "\n")
    ran = cli("bank", "check", str(bank))
    assert ran.code == 1 and "far too long" in ran.err and "Sorry" not in ran.err
    assert "Sorry" not in cli("--bank", str(bank), "questions").err


def test_a_bank_folder_nested_very_deep_is_one_sentence(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path / "bank"
    here = deep
    for _ in range(40):
        here = here / "d"
    here.mkdir(parents=True)
    (here / "q.yaml").write_text("questions: []\n")
    ran = cli("bank", "check", str(deep))
    assert ran.code == 1 and "nested too deeply" in ran.err and "Sorry" not in ran.err


def test_a_data_folder_that_is_a_loop_of_links_is_one_sentence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    monkeypatch.setenv("MBCPREP_HOME", str(tmp_path / "a"))
    cli("visits").one_error("loop of links")


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes refused as a read-only file or folder refuses them (as root, permissions refuse nothing)."""
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def opened(cls, folder):  # type: ignore[no-untyped-def]
        store = real_open(cls, folder)
        store.db.execute("PRAGMA query_only = 1")
        return store

    monkeypatch.setattr(Store, "open", classmethod(opened))


@pytest.mark.parametrize("command", ["delete", "import"])
def test_a_read_only_data_file_is_said_plainly(
    private_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli,
    command: str,  # type: ignore[no-untyped-def]
) -> None:
    saved(private_home)
    backup = tmp_path / "one.json"
    backup.write_text(json.dumps({"format": "mbcprep", "version": 1, "visits": [to_record(visit(UUID[::-1]))]}))
    _read_only(monkeypatch)
    ran = cli("delete", "1", "--yes") if command == "delete" else cli("import", str(backup))
    ran.one_error("read-only", "nothing was changed")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_a_read_only_data_folder_is_said_plainly(private_home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    saved(private_home)
    private_home.chmod(0o500)
    try:
        cli("delete", "1", "--yes").one_error("read-only")
    finally:
        private_home.chmod(0o700)


def test_text_that_is_not_utf8_on_disk_still_comes_out(private_home: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = saved(private_home, visit(), visit(UUID[::-1], notes="fine"))
    behind_its_back(path, "UPDATE visits SET notes = CAST(X'4272696e67ff' AS TEXT) WHERE id = 1")
    shown = cli("show", "1")
    assert shown.code == 0 and "Bring\ufffd" in shown.out
    assert "no longer matches" in shown.err
    ran = cli("export", "--all", "--format", "json", "-o", str(tmp_path / "all.json"))
    assert ran.code == 0, ran
    assert len(json.loads((tmp_path / "all.json").read_text())["visits"]) == 2


# --- 7. one verdict for data check and every other command ------------------------------------------------


def _dangling(home: Path, tmp_path: Path) -> None:
    home.mkdir(mode=0o700)
    (home / DB_NAME).symlink_to(tmp_path / "gone.sqlite3")


def _version_minus_one(home: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(saved(home))
    db.execute("PRAGMA user_version = -1")
    db.close()


def _breaks_a_check(home: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(saved(home))
    db.execute("PRAGMA ignore_check_constraints = 1")
    db.execute("UPDATE visit_symptoms SET score = 42")
    db.commit()
    db.close()


def _lowered_version(home: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(saved(home))
    db.execute("PRAGMA user_version = 1")
    db.close()


@pytest.mark.parametrize("spoil", [_dangling, _version_minus_one, _breaks_a_check, _lowered_version])
def test_data_check_and_every_command_give_one_verdict(private_home: Path, tmp_path: Path, cli, spoil) -> None:  # type: ignore[no-untyped-def]
    spoil(private_home, tmp_path)
    check = cli("data", "check")
    assert check.code == 1, check
    for args in (["visits"], ["show", "latest"], ["new-visit", "--no-input"]):
        cli(*args).one_error()
    assert not (tmp_path / "gone.sqlite3").exists(), "a dangling link is never followed to create a file"
    assert not (private_home / "backups").exists(), "a file that is refused is never backed up either"


# --- 8. nothing a terminal would act on reaches it ---------------------------------------------------------


def test_bank_check_never_prints_escapes_from_the_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    bank = tmp_path / "evil\x1b[2J.yaml"
    bank.write_text(
        'questions:\n  - id: "\\e]0;PWNED\\a"\n    "bad\\ekey": x\n    kinds: ["\\e[31mred"]\n    text: "\\u202eevil"\n'
    )
    ran = cli("bank", "check", str(bank))
    assert ran.code == 1 and ran.err.count("\n") >= 3
    assert no_terminal_escapes(ran.out + ran.err), ran


def test_json_output_escapes_c1_controls_and_bidi_marks(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--with", "Dr \x9b31m Evil \u202eoh", "--note", "a\u2066b").code == 0
    listed = cli("visits", "--json")
    assert no_terminal_escapes(listed.out) and "\\u009b" in listed.out and "\\u202e" in listed.out
    assert json.loads(listed.out)[0]["with_whom"] == "Dr \x9b31m Evil \u202eoh"
    for args in (
        ["visits"],
        ["show", "latest"],
        ["export", "latest", "-o", "-"],
        ["export", "--all", "-f", "json", "-o", "-"],
    ):
        ran = cli(*args)
        assert ran.code == 0 and no_terminal_escapes(ran.out), (args, ran)


def test_prompts_never_print_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    prompter = QuestionaryPrompter.__new__(QuestionaryPrompter)
    prompter.say("You have an unfinished visit (visit 1, \x1b]0;PWNED\x07) " + "long " * 30)
    assert no_terminal_escapes(capsys.readouterr().out)


# --- 9. hostile sizes are refused early ---------------------------------------------------------------------


def test_a_backup_of_millions_of_empty_lists_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mbcprep.formats import backup as importing

    monkeypatch.setattr(importing, "MAX_CONTAINERS", 1000)
    monkeypatch.setattr(importing.json, "loads", lambda *a, **k: pytest.fail("parsed before counting"))
    path = tmp_path / "lists.json"
    path.write_text('{"format": "mbcprep", "version": 1, "visits": [' + ",".join(["[]"] * 5000) + "]}")
    with pytest.raises(UsageError, match="far more entries"):
        importing.read_backup(path)


def test_brackets_inside_text_do_not_count_as_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.formats import backup as importing

    monkeypatch.setattr(importing, "MAX_CONTAINERS", 50)
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"format": "mbcprep", "version": 1, "visits": [to_record(visit(notes="[{" * 500))]}))
    assert importing.read_backup(path).visits[0].notes == "[{" * 500


def test_a_bank_of_too_many_values_is_refused_early(tmp_path: Path) -> None:
    from mbcprep.content.bank_check import check_bank

    bank = tmp_path / "big.yaml"
    bank.write_text("questions: [" + "a, " * 30_000 + "a]\n")
    report = check_bank(bank)
    assert any("too many entries" in p.message for p in report.problems)


def test_a_huge_note_is_cut_for_the_screen_but_whole_on_the_sheet() -> None:
    from mbcprep.actions.sheets import clipped_for_screen

    big = visit(notes="word " * 2_000_000)
    shown = clipped_for_screen(big)
    assert len(shown.notes) < 3_000 and "more characters, see the sheet" in shown.notes
    assert big.notes == "word " * 2_000_000


# --- 10. exit codes and output that cannot be written --------------------------------------------------------


def _unbuffered_off() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return env


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["visits"], ["--version"], ["questions", "--json"]])
def test_buffered_output_to_a_full_disk_is_one_sentence(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mbcprep", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_unbuffered_off(),
        )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == "Error: mbcprep could not write its output (No space left on device)."


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_new_visit_whose_number_cannot_be_printed_says_it_is_saved(private_home: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mbcprep", "new-visit", "--no-input"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_unbuffered_off(),
        )
    assert result.returncode == 1
    assert "Visit 1 is saved, but its number could not be printed" in result.stderr


STOP_AFTER_COMMIT = """
import os, signal, sys
from mbcprep.storage.store import Store
from mbcprep.app import main

real_save = Store.save
def save_then_stopped(self, visit):
    out = real_save(self, visit)
    os.kill(os.getpid(), signal.{signal})
    return out
Store.save = save_then_stopped
sys.exit(main(["new-visit", "--no-input"]))
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_just_after_the_save_still_prints_the_number(private_home: Path, name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", STOP_AFTER_COMMIT.format(signal=name)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_the_final_save_of_an_interview_is_never_turned_back_into_a_draft(private_home: Path, content) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.errors import InterviewStopped
    from mbcprep.interview.interview import Interview
    from tests.scripted import ScriptedPrompter

    with Store.open(private_home) as store:
        draft = visit()
        draft.status, draft.draft_step = "draft", "review"
        store.save(draft)
        draft = store.get("1")

        def save_then_interrupted(options):  # type: ignore[no-untyped-def]
            real = store.save

            def save(v: Visit) -> Visit:
                out = real(v)
                os.kill(os.getpid(), signal.SIGINT)
                return out

            store.save = save  # type: ignore[method-assign]
            return "save"

        p = ScriptedPrompter([("Ready to save?", save_then_interrupted)])
        with pytest.raises(InterviewStopped) as stopped:
            Interview(p, content, store).run(draft)
        assert stopped.value.kept == "saved"
        assert store.get("1").status == "ready"


def test_ctrl_c_inside_a_command_says_stopped(monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input").code == 0
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    ran = cli("delete", "1")
    assert ran.code == 130 and ran.err.strip() == "Stopped."


# --- 11. strict imports and odd edges --------------------------------------------------------------------


def _document(**change: object) -> dict:  # type: ignore[type-arg]
    record = {**to_record(visit()), **change}
    return {"format": "mbcprep", "version": 1, "exported_on": "2027-01-01", "visits": [record]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "mbcprep", "format": "mbcprep", "version": 1, "visits": []}', "written twice"),
        (json.dumps({"format": "mbcprep", "version": 0, "visits": []}), "no version"),
        (json.dumps({"format": "mbcprep", "version": -3, "visits": []}), "no version"),
        (json.dumps(_document(date="2027-W01-1")), "not YYYY-MM-DD"),
        (json.dumps(_document(uuid="latest")), "uuid"),
        (json.dumps(_document(uuid="1")), "uuid"),
        (json.dumps(_document(created_at="\x1b]0;x\x07")), "not a date and time"),
    ],
)
def test_import_refuses_what_it_used_to_take_quietly(tmp_path: Path, text: str, message: str) -> None:
    from mbcprep.formats.backup import read_backup as read_export

    path = tmp_path / "backup.json"
    path.write_text(text)
    with pytest.raises(UsageError, match=message):
        read_export(path)


def test_an_empty_output_name_is_a_mistake(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input").code == 0
    cli("export", "latest", "-o", "").one_error("-o needs a file name")
    cli("data", "backup", "-o", "").one_error("-o needs a file name")
    assert not (Path.cwd() / "mbcprep-2026").exists() and list(Path.cwd().iterdir()) == []


def test_a_blank_mbcprep_home_is_a_mistake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MBCPREP_HOME", " ")
    cli("visits").one_error("MBCPREP_HOME")
    assert not (Path.cwd() / " ").exists()


def test_a_deleted_current_folder_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input").code == 0
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert cli("questions").code == 0
    cli("export", "latest").one_error("no longer exists")


def _version_3_file(home: Path) -> Path:
    from mbcprep.storage.database import APPLICATION_ID
    from mbcprep.storage.migrations import MIGRATIONS

    home.mkdir(mode=0o700)
    path = home / DB_NAME
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    for step in MIGRATIONS[:3]:
        step(db)
    db.execute("PRAGMA user_version = 3")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO visits (uuid, status, visit_date, kind, with_whom, filled_by, notes, draft_step, created_at,"
        " updated_at, revision) VALUES (?, 'ready', '2026-05-02', 'routine', 'Dr Old', 'patient', 'kept', '',"
        " '2026-05-02T10:00:00+00:00', '2026-05-02T10:00:00+00:00', 2)",
        (UUID,),
    )
    db.execute("INSERT INTO visit_questions VALUES (1, 0, NULL, 'Old question?', '', 'my-own', 1)")
    db.execute("INSERT INTO edit_drafts VALUES (1, ?, '2026-05-03T10:00:00+00:00')", (json.dumps(to_record(visit())),))
    db.execute("COMMIT")
    db.close()
    return path


def test_many_windows_opening_an_old_file_back_it_up_once(private_home: Path) -> None:
    _version_3_file(private_home)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(private_home).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(list((private_home / "backups").glob("before-v*.sqlite3"))) == 1


def test_migration_to_4_keeps_visits_kept_edits_and_seals_every_visit(private_home: Path) -> None:
    _version_3_file(private_home)
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = store.get("1")
        assert (old.notes, old.revision, old.intact) == ("kept", 2, True)
        assert [k.visit.notes for k in store.kept_edits(1)] == ["Bring the pill list."]
        (backup,) = (private_home / "backups").glob("before-v*.sqlite3")
        assert backup.resolve() in [p.resolve() for p, what in store.written_files() if what == "backup"]
    assert check_data(private_home).damaged_visits == []


# --- 12. damage SQLite cannot see is reported -----------------------------------------------------------------


def test_a_note_changed_on_disk_is_reported_when_read_and_by_data_check(private_home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = saved(private_home, visit(), visit(UUID[::-1]))
    behind_its_back(path, "UPDATE visits SET notes = 'Bring the pill lisT.' WHERE id = 2")
    shown = cli("show", "2")
    assert shown.code == 0 and "visit 2 no longer matches" in shown.err
    assert "no longer matches" not in cli("show", "1").err
    check = cli("data", "check")
    assert check.code == 1 and "visit 2 no longer matches" in check.err
    assert check_data(private_home).damaged_visits == [2]
