"""The command line as a script or a person at a prompt would run it (no interview here).

Most tests run `mbcprep` in this process (the `cli` fixture), with stdin that is not a terminal, as a
script's would be. Only what needs a fresh interpreter or real output runs `python -m mbcprep`: which
libraries a command imports, and output to a full disk.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.scripted import prompt_libraries_loaded

if TYPE_CHECKING:
    from tests.conftest import Ran

Cli = Callable[..., "Ran"]
Ok = Callable[..., str]
NewVisit = Callable[..., int]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to read and no terminal, as for `mbcprep ... < /dev/null` from a script."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())


@pytest.fixture
def ok(cli: Cli) -> Ok:
    """Run `mbcprep ARGS...`, check it exits 0, and give what it printed."""

    def run(*args: str) -> str:
        ran = cli(*args)
        assert ran.code == 0, ran
        return ran.out

    return run


@pytest.fixture
def new_visit(ok: Ok) -> NewVisit:
    def make(*extra: str) -> int:
        out = ok("new-visit", "--no-input", "--date", "2027-01-15", "--kind", "routine", "--with", "Dr Rivera", *extra)
        return int(out.strip())

    return make


def test_version_and_help_say_what_it_is(ok: Ok) -> None:
    from mbcprep import __version__

    assert ok("--version").strip() == f"mbcprep {__version__}"
    text = ok("--help")
    assert "not give medical advice" in text
    for command in ("new-visit", "visits", "show", "edit", "delete", "export", "import", "questions", "checklist"):
        assert command in text


@pytest.mark.parametrize(
    "command",
    [
        ["new-visit"],
        ["visits"],
        ["show"],
        ["edit"],
        ["delete"],
        ["export"],
        ["import"],
        ["questions"],
        ["checklist"],
        ["glossary"],
        ["bank", "check"],
        ["data", "check"],
        ["data", "where"],
        ["data", "backup"],
        ["data", "delete"],
        ["settings"],
    ],
)
def test_every_command_has_one_plain_help_sentence(command: list[str], ok: Ok) -> None:
    text = ok(*command, "--help")
    assert f"Usage: mbcprep {' '.join(command)}" in " ".join(text.split())
    # What an option takes is said in words: never Python's names for it (Typer's <str>, <bool>).
    assert not re.search(r"<(str|bool|int|float|list\[\w+\])>", text), text
    # A default is said once, in the sentence's own words ("Which visit (default latest)."), never
    # again in Typer's "[default: latest]" beside it.
    assert "[default:" not in text, text
    # An optional argument is bracketed once, by Typer ("[NAME]", never "[[NAME]]").
    assert "[[" not in text, text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_help_at_80_columns_cuts_nothing_short(ok: Ok, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long choice list as the value's name ("me|doctor|family|trial") took the help's room, and a
    long word in it ("MBCPREP_PASSPHRASE_FILE") was cut with "…"."""
    monkeypatch.setenv("COLUMNS", "80")
    for command in (["export"], ["profile", "set"], ["treatments", "add"], ["results", "add"], ["new-visit"]):
        text = ok("--lang", lang, *command, "--help")
        assert "…" not in text, text
        assert max(len(line) for line in text.splitlines()) <= 80
    assert "MBCPREP_PASSPHRASE_FILE" in ok("--lang", lang, "export", "--help")


def test_help_says_in_words_what_a_value_is_and_nothing_beside_a_switch(ok: Ok) -> None:
    text = ok("demo", "--help")
    assert re.search(r"COMMAND\s+WORDS", text) and "<list[str]>" not in text
    fast = next(line for line in text.splitlines() if "--fast" in line)
    assert "<" not in fast and "yes or no" not in fast.lower(), "a switch takes no value"
    # In capitals, as the metavars declared beside them are (--time TIME, --place TEXT).
    visit = " ".join(ok("--plain", "new-visit", "--help").split())
    assert "--kind TEXT" in visit and "--place TEXT" in visit and "<text>" not in visit


def test_no_input_visit_is_saved_and_listed(ok: Ok, new_visit: NewVisit) -> None:
    vid = new_visit(
        "--question",
        "tx-why-this-one",
        "--ask",
        "Can I travel in May?",
        "--symptom",
        "pain=4",
        "--symptom",
        "other:itchy skin=2",
        "--note",
        "bring pills",
        "--consider",
        "how-to-talk=straight",
    )
    assert vid == 1
    rows = json.loads(ok("visits", "--json"))
    assert rows == [
        {
            "id": 1,
            "uuid": rows[0]["uuid"],
            "visit_date": "2027-01-15",
            "kind": "routine",
            "with_whom": "Dr Rivera",
            "status": "ready",
            "question_count": 2,
            "debriefed": False,
            "visit_time": "",
            "place": "",
        }
    ]
    table = ok("visits")
    assert "2027-01-15" in table and "routine" in table and "ready" in table


def test_export_writes_a_private_sheet_and_never_overwrites(cli: Cli, ok: Ok, new_visit: NewVisit) -> None:
    new_visit("--ask", "My question?")
    out = ok("export", "latest")
    sheet = Path("mbcprep-2027-01-15.md")
    assert sheet.exists() and str(sheet.name) in out
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert "My question?" in sheet.read_text()
    sheet.write_text("my own edits")
    cli("export", "latest").one_error("already exists", "--force")
    assert sheet.read_text() == "my own edits"
    ok("export", "1", "--force")
    assert "My question?" in sheet.read_text()
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600


def test_export_to_stdout_and_json(ok: Ok, new_visit: NewVisit) -> None:
    new_visit("--ask", "My question?")
    assert "## Ask these first" in ok("export", "latest", "-o", "-")
    doc = json.loads(ok("export", "latest", "--format", "json", "-o", "-"))
    assert doc["format"] == "mbcprep" and doc["version"] == 4 and len(doc["visits"]) == 1


def test_export_does_not_follow_a_symlink(tmp_path: Path, cli: Cli, ok: Ok, new_visit: NewVisit) -> None:
    new_visit()
    target = tmp_path / "elsewhere.txt"
    target.write_text("precious")
    Path("mbcprep-2027-01-15.md").symlink_to(target)
    cli("export", "latest").one_error("already exists")
    ok("export", "latest", "--force")
    assert target.read_text() == "precious"
    assert not Path("mbcprep-2027-01-15.md").is_symlink()


def test_export_import_export_gives_the_same_visits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ok: Ok, new_visit: NewVisit
) -> None:
    new_visit("--ask", "One?", "--symptom", "nausea=3")
    new_visit("--ask", "Two | *three*?", "--note", "line\nbreak")
    backup = tmp_path / "all.json"
    ok("export", "--all", "--format", "json", "-o", str(backup))
    monkeypatch.setenv("MBCPREP_HOME", str(tmp_path / "other-home"))
    assert "Imported 2 visits; 0 already here" in ok("import", str(backup))
    assert "Imported 0 visits; 2 already here" in ok("import", str(backup))
    again = json.loads(ok("export", "--all", "--format", "json", "-o", "-"))
    assert again["visits"] == json.loads(backup.read_text())["visits"]


def test_data_dir_option_moves_the_data(tmp_path: Path, ok: Ok) -> None:
    place = tmp_path / "usb" / "mbcprep"
    ok("--data-dir", str(place), "new-visit", "--no-input")
    assert (place / "mbcprep.sqlite3").exists()
    assert stat.S_IMODE(place.stat().st_mode) == 0o700
    assert ok("--data-dir", str(place), "data", "where").strip() == str(place)
    assert json.loads(ok("visits", "--json")) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["show", "42"], ["no visit '42'"]),
        (["export", "nope"], ["no visit with that id"]),
        (["new-visit", "--no-input", "--date", "2027-02-30"], ["not a date"]),
        (["new-visit", "--no-input", "--symptom", "pain=11"], ["0 to 10"]),
        (["new-visit", "--no-input", "--symptom", "pian=3"], ["--symptom does not start with a symptom id"]),
        (["new-visit", "--no-input", "--question", "no-such-id"], ["--question is not a question id"]),
        (["new-visit", "--no-input", "--kind", "weekly"], ["--kind takes one of"]),
        (["new-visit", "--date", "2027-01-01"], ["--no-input"]),
        (["new-visit"], ["needs a terminal", "--no-input"]),
        (["import", "missing.json"], ["no file"]),
        (["export", "-o", "no/such/folder/x.md"], ["does not exist"]),
        (["questions", "--topic", "astrology"], ["no topic"]),
        (["questions", "--kind", "astrology"], ["no kind of visit"]),
        (["glossary", "flibbertigibbet"], ["not in the glossary"]),
        (["delete", "1"], ["no visit"]),
        (["--no-such-option"], ["No such option"]),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(args: list[str], words: list[str], cli: Cli, new_visit: NewVisit) -> None:
    if args[0] in ("export",) and "nope" not in args:
        new_visit()
    cli(*args).one_error(*words)


def test_importing_a_file_from_something_else(tmp_path: Path, cli: Cli) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "left-pad"}')
    cli("import", str(other)).one_error("not an mbcprep export")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    cli("import", str(text)).one_error("not JSON")


def test_delete_needs_a_yes_without_a_terminal(cli: Cli, ok: Ok, new_visit: NewVisit) -> None:
    new_visit()
    cli("delete", "1").one_error("--yes")
    assert "Deleted visit 1" in ok("delete", "1", "--yes")
    assert json.loads(ok("visits", "--json")) == []


def test_a_damaged_data_file_is_reported_by_every_command(private_home: Path, cli: Cli) -> None:
    private_home.mkdir(mode=0o700)
    db = private_home / "mbcprep.sqlite3"
    db.write_bytes(b"not a database at all")
    for args in (["visits"], ["show", "latest"], ["new-visit", "--no-input"], ["export", "latest"]):
        cli(*args).one_error("left as it is")
    check = cli("data", "check")
    assert check.code == 1 and "not an mbcprep data file" in check.err
    assert db.read_bytes() == b"not a database at all"


def test_data_backup_and_delete(private_home: Path, tmp_path: Path, ok: Ok, new_visit: NewVisit) -> None:
    new_visit()
    out = ok("data", "backup", "-o", str(tmp_path / "copy.sqlite3"))
    assert "copy.sqlite3" in out
    assert stat.S_IMODE((tmp_path / "copy.sqlite3").stat().st_mode) == 0o600
    assert "Visits: 1 ready" in ok("data", "check")
    ok("data", "delete", "--yes")
    assert not private_home.exists()


ASK_NOTHING = [
    ["--version"],
    ["--help"],
    ["visits"],
    ["questions", "--json"],
    ["export", "latest", "-o", "-"],
    ["new-visit", "--no-input"],
    ["checklist"],
    ["data", "check"],
]


@pytest.fixture(scope="module")
def loaded(module_home: Path) -> Callable[[Sequence[str]], list[str]]:
    return prompt_libraries_loaded(ASK_NOTHING)


@pytest.mark.parametrize("args", ASK_NOTHING)
def test_commands_that_ask_nothing_never_load_the_prompt_library(
    args: list[str], loaded: Callable[[Sequence[str]], list[str]]
) -> None:
    assert loaded(args) == []


def test_choice_answers_by_number_or_first_words(cli: Cli, ok: Ok, new_visit: NewVisit) -> None:
    new_visit("--consider", "how-to-talk=straight", "--consider", "know-the-future=2", "--consider", "pain-control=7")
    doc = json.loads(ok("export", "latest", "--format", "json", "-o", "-"))
    answers = {c["id"]: (c["answer"], c["score"]) for c in doc["visits"][0]["what_matters"]}
    assert answers == {
        "how-to-talk": ("Straight facts, numbers and all", None),
        "know-the-future": ("The main points only", None),
        "pain-control": ("", 7),  # a scale answer is kept as the number
    }
    assert "7 out of 10" in ok("show", "latest")
    cli("new-visit", "--no-input", "--consider", "how-to-talk=plain").one_error("1. Straight facts")


def test_exports_and_backups_never_land_on_mbcprep_files(private_home: Path, cli: Cli, new_visit: NewVisit) -> None:
    new_visit()
    db = private_home / "mbcprep.sqlite3"
    before = db.read_bytes()
    cli("export", "latest", "-o", str(db), "--force").one_error("outside mbcprep's data folder")
    cli("data", "backup", "-o", str(db), "--force").one_error("outside mbcprep's data folder")
    assert db.read_bytes() == before
    cli("export", "latest", "-o", str(private_home.parent)).one_error("is a folder")


def test_an_import_cannot_steer_the_sheet_name_out_of_the_folder(
    tmp_path: Path, cli: Cli, ok: Ok, new_visit: NewVisit
) -> None:
    new_visit()
    doc = json.loads(ok("export", "latest", "--format", "json", "-o", "-"))
    doc["visits"][0]["uuid"] = "crafted"
    doc["visits"][0]["date"] = "x/../../outside/pwned"
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(doc))
    cli("import", str(crafted)).one_error("not YYYY-MM-DD")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["show", "²"], ["no visit"]),
        (["show", "99999999999999999999999"], ["no visit"]),
        (["new-visit", "--no-input", "--symptom", "pain=²"], ["0 to 10"]),
        (["--data-dir", "/etc/passwd", "visits"], ["not a folder"]),
        (["--bank", "", "questions"], ["--bank needs"]),
        (["data", "backup", "-o", "-"], ["not -"]),
    ],
)
def test_odd_input_found_in_review_is_one_sentence(args: list[str], words: list[str], cli: Cli) -> None:
    cli(*args).one_error(*words)


def test_data_delete_also_removes_leftover_temporary_copies(private_home: Path, ok: Ok, new_visit: NewVisit) -> None:
    new_visit()
    ok("data", "backup")
    dead = 2**22 + 12345  # a process number no running program has (Linux caps them at 2**22)
    (private_home / "backups" / f".mbcprep-x.sqlite3.{dead}-abcd0123.mbcprep-tmp").write_bytes(b"half a copy")
    (private_home / f".mbcprep-2027.md.{dead}-abcd0123.mbcprep-tmp").write_bytes(b"half a sheet")
    ok("data", "delete", "--yes")
    assert not private_home.exists()


def test_data_delete_removes_the_copies_mbcprep_keeps_of_its_content(
    private_home: Path, ok: Ok, new_visit: NewVisit
) -> None:
    new_visit()
    ok("export", "latest", "--for", "doctor", "-o", str(private_home.parent / "doctor.html"))
    kept = sorted(p.name for p in (private_home / "cache").iterdir())
    assert any(name.startswith("labs-") for name in kept) and any(name.startswith("content-") for name in kept), kept
    said = ok("data", "delete", "--yes")
    assert "did not make it" not in said
    assert not private_home.exists()


def test_missing_parent_folders_are_private_too(tmp_path: Path, ok: Ok) -> None:
    home = tmp_path / "a" / "b" / "home"
    old = os.umask(0)
    try:
        ok("--data-dir", str(home), "new-visit", "--no-input")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", home):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_force_never_replaces_a_special_file(tmp_path: Path, cli: Cli) -> None:
    assert cli("new-visit", "--no-input", "--ask", "A question?").code == 0
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # Held open at both ends, so a regression that opened the pipe would fail here instead of hanging.
    held = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)
    try:
        result = cli("export", "latest", "-o", str(pipe), "--force")
        with pytest.raises(BlockingIOError):
            os.read(held, 1)  # nothing was written into it
    finally:
        os.close(held)
    assert result.code == 1 and "not an ordinary file" in result.err
    assert pipe.is_fifo()


@pytest.mark.parametrize(
    "args",
    [
        ["--symptom", "my secret lump=3"],
        ["--question", "will I see my daughter graduate"],
        ["--consider", "my secret fear=1"],
        ["--date", "when my scan comes back"],
        ["--kind", "hospice because I am tired"],
    ],
)
def test_mistakes_never_repeat_words_that_may_be_private(args: list[str], cli: Cli) -> None:
    result = cli("new-visit", "--no-input", *args)
    assert result.code == 1 and result.err.startswith("Error: ")
    words = args[1].split("=")[0]
    assert words not in result.err
    assert not any(w in result.err for w in ("secret", "daughter", "scan", "hospice"))


def test_a_mistake_names_the_option_and_which_one_but_never_what_was_typed(cli: Cli) -> None:
    result = cli("new-visit", "--no-input", "--question", "tx-why-this-one", "--question", "tx-why-ths-one")
    assert "--question number 2 is not a question id" in result.err
    assert "tx-why-ths-one" not in result.err
    dated = cli("new-visit", "--no-input", "--date", "brain-mets")
    assert "The --date given is not a date" in dated.err and "brain-mets" not in dated.err
    assert "2027-13-45" not in cli("new-visit", "--no-input", "--date", "2027-13-45").err


def test_every_note_is_kept_when_note_is_given_twice(cli: Cli) -> None:
    assert cli("new-visit", "--no-input", "--note", "Bring the pill list.", "--note", "Ask about parking.").code == 0
    shown = cli("show", "latest").out
    assert "Bring the pill list." in shown and "Ask about parking." in shown


def test_an_empty_data_dir_is_a_mistake_not_the_default_folder(cli: Cli) -> None:
    result = cli("--data-dir", "", "visits")
    assert result.code == 1 and "--data-dir needs a folder name" in result.err


def test_import_reads_a_file_with_a_byte_order_mark_and_refuses_monster_numbers(tmp_path: Path, cli: Cli) -> None:
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"format": "mbcprep", "version": 1, "exported_on": "2026-01-01", "visits": []}')
    assert cli("import", str(bom)).code == 0
    huge = tmp_path / "huge.json"
    huge.write_text('{"format": "mbcprep", "version": ' + "9" * 5000 + ', "visits": []}')
    result = cli("import", str(huge))
    assert result.code == 1 and "is not an mbcprep export" in result.err and "Sorry" not in result.err


def test_import_gives_up_on_a_file_of_millions_of_objects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.errors import UsageError
    from mbcprep.formats import backup as importing

    monkeypatch.setattr(importing, "MAX_OBJECTS", 100)
    many = tmp_path / "many.json"
    many.write_text('{"format": "mbcprep", "version": 1, "visits": [' + ",".join(["{}"] * 500) + "]}")
    with pytest.raises(UsageError, match="far more entries"):
        importing.read_backup(many)


def test_output_to_a_full_disk_is_one_sentence(cli: Cli) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    assert cli("new-visit", "--no-input", "--ask", "A question?").code == 0
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mbcprep", "show", "latest"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: mbcprep could not write its output (No space left on device)."
