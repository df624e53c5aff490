"""`mbcprep lock` and `unlock` (issue 22): the data folder locked with a passphrase, nothing typed
left readable under it, every command still working, encrypted backups in the age format."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mbcprep.paths import DB_NAME
from mbcprep.storage import cipher
from tests.scripted import ScriptedPrompter

PASSPHRASE = "blue kettle garden violin"
# Words typed into every kind of record, a draft and a backup: none may be found under the folder
# once it is locked.
SECRETS = ["zebraNOTE", "walrusDIARY", "quokkaMED", "narwhalTREAT", "axolotlTEAM", "pangolinQ", "okapiDRAFT"]


def _passphrase_file(tmp_path: Path, text: str = PASSPHRASE) -> Path:
    path = tmp_path / f"pass-{abs(hash(text))}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


_DERIVE = cipher.derive
_DERIVED: dict[tuple[str, bytes], bytes] = {}


def _derive_once(passphrase: str, salt: bytes) -> bytes:
    if (passphrase, salt) not in _DERIVED:
        _DERIVED[passphrase, salt] = _DERIVE(passphrase, salt)
    return _DERIVED[passphrase, salt]


@pytest.fixture(autouse=True)
def derive_each_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real key derivation, each passphrase and salt once for the whole run (it is made to be slow)."""
    monkeypatch.setattr(cipher, "derive", _derive_once)


@pytest.fixture
def with_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _passphrase_file(tmp_path)
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(path))
    return path


def _fill(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-01-15", "--note", SECRETS[0], "--ask", SECRETS[5]).code == 0
    assert cli("diary", "--no-input", "--symptom", "pain=4", "--note", SECRETS[1]).code == 0
    assert cli("meds", "add", "--no-input", "--name", SECRETS[2]).code == 0
    assert cli("treatments", "add", "--no-input", "--what", SECRETS[3], "--kind", "hormone").code == 0
    assert cli("team", "add", "--no-input", "--name", SECRETS[4]).code == 0
    assert cli("settings", "lang", "en").code == 0
    assert cli("data", "backup").code == 0


@pytest.fixture(scope="module")
def locked_template(module_home: Path) -> Path:
    """A data folder filled (`_fill`) and locked with PASSPHRASE, made once for this module."""
    from types import SimpleNamespace

    from tests.scripted import in_process

    def run(*args: str) -> SimpleNamespace:
        code, out, err = in_process(*args)
        return SimpleNamespace(code=code, out=out, err=err)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(cipher, "derive", _derive_once)
        monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(module_home.parent)))
        _fill(run)
        locking = run("lock", "--no-input")
        assert locking.code == 0 and "Locked." in locking.out, locking
    cipher.forget_keys()
    return module_home


@pytest.fixture
def locked(private_home: Path, with_passphrase: Path, locked_template: Path) -> Path:
    """The test's own data folder: a copy of the module's filled and locked one (its salt too, so the
    key is derived once a run). For the tests of what a locked folder does, not of locking it."""
    shutil.copytree(locked_template, private_home)
    return private_home


def _keep_a_draft(home: Path) -> None:
    from mbcprep.storage.store import Store

    with Store.open(home) as store:
        visit = store.get("latest")
        visit.notes = SECRETS[6]
        store.keep_edit(visit)


def _every_byte_under(folder: Path) -> dict[Path, bytes]:
    found = {}
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(top) / name
            found[path] = path.read_bytes()
    return found


def _plain_secrets_in(folder: Path) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(folder)), secret)
        for path, raw in _every_byte_under(folder).items()
        for secret in SECRETS
        if secret.encode() in raw or secret.encode("utf-16-le") in raw
    ]


def test_after_lock_no_typed_word_is_found_in_any_byte_under_the_data_folder(
    cli, private_home: Path, with_passphrase: Path
) -> None:  # type: ignore[no-untyped-def]
    _fill(cli)
    _keep_a_draft(private_home)
    assert _plain_secrets_in(private_home), "the test's words were not stored where it looks"
    ran = cli("lock", "--no-input")
    assert ran.code == 0, ran.err
    assert "forgotten" in ran.out and "1 backup in the data folder was locked too." in ran.out
    assert _plain_secrets_in(private_home) == []
    assert cipher.is_locked(private_home / DB_NAME)
    assert not (private_home / DB_NAME).read_bytes().startswith(b"SQLite format 3")
    # Nothing but mbcprep's own files is left, all private.
    for path in _every_byte_under(private_home):
        assert (path.stat().st_mode & 0o077) == 0, path
    shown = cli("show", "latest")
    assert shown.code == 0 and SECRETS[0] in shown.out


def test_every_command_works_locked_and_unlock_gives_the_plain_file_back(
    cli, private_home: Path, with_passphrase: Path, locked: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert SECRETS[0] in cli("show", "latest").out
    assert "2027-01-15" in cli("visits").out
    assert cli("diary", "--no-input", "--symptom", "tiredness=3").code == 0
    assert SECRETS[2] in cli("meds", "list").out
    assert cli("trends").code == 0
    sheet = cli("export", "latest", "-o", str(tmp_path / "sheet.md"))
    assert sheet.code == 0 and "not" in sheet.err and "locked" in sheet.err
    assert cli("data", "backup").code == 0
    check = cli("data", "check")
    assert check.code == 0 and "HMAC" in check.out and "Backups: 2." in check.out
    ran = cli("unlock", "--no-input")
    assert ran.code == 0, ran.err
    assert "2 backups in the data folder were unlocked too." in ran.out
    assert (private_home / DB_NAME).read_bytes().startswith(b"SQLite format 3")
    assert not (private_home / cipher.MARKER_NAME).exists()
    for backup in (private_home / "backups").iterdir():
        assert backup.read_bytes().startswith(b"SQLite format 3")
    os.environ.pop("MBCPREP_PASSPHRASE_FILE")
    assert SECRETS[0] in cli("show", "latest").out  # no passphrase needed any more
    assert cli("unlock").out.strip() == "Your data is not locked."


def test_a_wrong_passphrase_is_one_sentence_and_exit_1_never_damaged(
    cli, tmp_path: Path, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path, "not the one")))
    for command in (["visits"], ["data", "check"], ["show", "latest"], ["diary", "--no-input", "--symptom", "pain=2"]):
        ran = cli(*command)
        assert ran.code == 1, command
        assert ran.err.strip().startswith("Error: That passphrase does not open the data file"), ran.err
        assert ran.err.count("\n") == 1 and "damaged" not in ran.err and "ERROR" not in ran.err
    assert cli("unlock", "--no-input").code == 1
    assert cipher.is_locked(Path(os.environ["MBCPREP_HOME"]) / DB_NAME)


def test_no_input_without_a_passphrase_file_refuses_in_one_sentence(
    cli, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")
    ran = cli("diary", "--no-input", "--symptom", "pain=2")
    assert ran.code == 1
    assert ran.err == (
        "Error: Your data is locked: run this in a terminal to type the passphrase, or set MBCPREP_PASSPHRASE_FILE"
        " to a file that holds it.\n"
    )


def test_a_passphrase_file_others_can_read_is_refused(cli, with_passphrase: Path) -> None:  # type: ignore[no-untyped-def]
    with_passphrase.chmod(0o644)
    ran = cli("lock", "--no-input")
    assert ran.code == 1 and "chmod 600" in ran.err and PASSPHRASE not in ran.err


def test_in_a_terminal_the_passphrase_is_asked_once_for_a_whole_command(
    cli, private_home: Path, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")
    monkeypatch.setattr("mbcprep.passphrase.may_ask", lambda: True)
    for command in (["show", "latest"], ["export", "--all", "-o", "-"], ["data", "check"]):
        prompter = ScriptedPrompter([("Passphrase for your mbcprep data", PASSPHRASE)])
        monkeypatch.setattr("mbcprep.prompts.make_prompter", lambda prompter=prompter, **_: prompter)
        ran = cli(*command)
        assert ran.code == 0, (command, ran.err)
        prompter.done()  # asked, and only once (a second ask would find no answer)
        assert PASSPHRASE not in ran.out + ran.err


def test_lock_in_a_terminal_warns_offers_a_backup_and_asks_twice(
    cli, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_age_work_factor: None
) -> None:  # type: ignore[no-untyped-def]
    """(The backup is written with a small scrypt work factor, tests/age_files.py: seconds less.)"""
    _fill(cli)
    backup = tmp_path / "safe.age"
    prompter = ScriptedPrompter(
        [
            ("encrypted backup", True),
            ("Where should it go", str(backup)),
            ("Choose a passphrase", "short"),
            ("Use it anyway", False),  # the hint, then another try
            ("Choose a passphrase", PASSPHRASE),
            ("same passphrase again", "a typo"),
            ("Choose a passphrase", PASSPHRASE),
            ("same passphrase again", PASSPHRASE),
        ]
    )
    said: list[str] = []
    prompter.say = said.append  # type: ignore[method-assign]
    monkeypatch.setattr("mbcprep.passphrase.may_ask", lambda: True)
    monkeypatch.setattr("mbcprep.prompts.make_prompter", lambda **_: prompter)
    ran = cli("lock")
    assert ran.code == 0, ran.err
    prompter.done()
    assert any("easier to guess" in line for line in said) and any("did not match" in line for line in said)
    assert ran.out.index("forgotten") < ran.out.index("Locked.")
    assert "Encrypted backup saved to" in ran.out
    from mbcprep.formats.encrypted import decrypt_bytes

    assert SECRETS[0] in decrypt_bytes(backup.read_bytes(), PASSPHRASE).decode()
    assert stat_mode(backup) == 0o600


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_changed_page_of_a_locked_file_is_found_by_data_check(
    cli, private_home: Path, with_passphrase: Path, locked: Path
) -> None:  # type: ignore[no-untyped-def]
    path = private_home / DB_NAME
    raw = bytearray(path.read_bytes())
    raw[3 * 4096 + 100] ^= 0xFF  # one bit pattern inside the fourth page
    path.write_bytes(bytes(raw))
    ran = cli("data", "check")
    assert ran.code == 1 and "damaged" in ran.err and "passphrase" not in ran.err


def test_migrating_a_locked_file_backs_it_up_locked(private_home: Path, with_passphrase: Path) -> None:
    from mbcprep.storage.locking import lock_files
    from mbcprep.storage.migrations import SCHEMA_VERSION
    from mbcprep.storage.store import Store
    from tests.test_store import _version_1_file

    _version_1_file(private_home)
    salt = os.urandom(16)
    lock_files(private_home, cipher.derive(PASSPHRASE, salt), salt)
    cipher.forget_keys()
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.get("old-visit").with_whom == "Dr Old"
    (backup,) = (private_home / "backups").glob("before-v*.sqlite3")
    raw = backup.read_bytes()
    assert b"Dr Old" not in raw and raw[:16] == salt
    copy = cipher.connect_locked(backup, cipher.derive(PASSPHRASE, salt))
    assert copy.execute("SELECT with_whom FROM visits").fetchall() == [("Dr Old",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    copy.close()


def test_data_delete_needs_no_passphrase_and_leaves_nothing(
    cli, private_home: Path, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")  # forgotten
    ran = cli("data", "delete", "--yes")
    assert ran.code == 0, ran.err
    assert "Left" not in ran.out and "not listed" in ran.out
    assert not private_home.exists()


def test_a_window_open_before_the_lock_never_writes_into_the_replaced_file(
    cli, private_home: Path, with_passphrase: Path
) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.errors import StoreError
    from mbcprep.storage.store import Store

    _fill(cli)
    with Store.open(private_home) as other_window:
        visit = other_window.get("latest")
        assert cli("lock", "--no-input").code == 0
        visit.notes = "saved in the other window"
        with pytest.raises(StoreError, match="another window"):
            other_window.save(visit)
    assert "saved in the other window" not in cli("show", "latest").out


def test_the_demo_is_never_locked_and_never_asks(
    cli,
    private_home: Path,
    with_passphrase: Path,
    locked_template: Path,
    temp_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    ran = cli("demo", "lock", "--no-input")
    assert ran.code == 1 and "never locked" in ran.err
    assert not private_home.exists()
    shutil.copytree(locked_template, private_home)  # filled and locked
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")  # the real data is locked; the demo needs nothing
    shown = cli("demo", "visits")
    assert shown.code == 0 and "2027-01-15" not in shown.out and "passphrase" not in shown.out + shown.err


def test_spanish_lock_and_wrong_passphrase(cli, tmp_path: Path, with_passphrase: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _fill(cli)
    ran = cli("--lang", "es", "lock", "--no-input")
    assert ran.code == 0 and "contraseña" in ran.out.lower()
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path, "otra")))
    wrong = cli("--lang", "es", "visits")
    assert wrong.code == 1 and "contraseña" in wrong.err.lower() and "dañ" not in wrong.err


def test_plain_mode_asks_the_passphrase_hidden_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from mbcprep.prompts.plain import PlainPrompter

    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or PASSPHRASE)
    said = io.StringIO()
    prompter = PlainPrompter(out=said)
    answer = prompter.ask_secret("Passphrase for your mbcprep data:")
    assert answer == PASSPHRASE and asked == ["> "]
    assert "Nothing shows while you type" in said.getvalue() and PASSPHRASE not in said.getvalue()
    prompter.ask_secret("Type the same passphrase again:")
    assert said.getvalue().count("Nothing shows while you type") == 1  # how to answer is said once


def test_an_unlocked_command_never_loads_sqlcipher(private_home: Path, tmp_path: Path) -> None:
    code = (
        "import sys\nfrom mbcprep.app import main\nmain(['diary', '--no-input', '--symptom', 'pain=3'])\n"
        "main(['visits'])\nprint('sqlcipher3' in sys.modules, 'pyrage' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert ran.stdout.strip().endswith("False False"), ran.stdout + ran.stderr


def test_sqlcipher_errors_are_kinds_of_the_standard_modules_errors() -> None:
    sc = cipher.library()
    assert issubclass(sc.OperationalError, sqlite3.OperationalError)
    assert issubclass(sc.DatabaseError, sqlite3.DatabaseError)
    assert issubclass(sc.IntegrityError, sqlite3.Error)


@pytest.mark.e2e
@pytest.mark.parametrize("plain_mode", [False, True])
def test_in_a_real_terminal_the_passphrase_is_never_shown(
    cli, terminal, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch, plain_mode: bool
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")
    term = terminal(*(["--plain"] if plain_mode else []), "show", "latest")
    term.wait_for("Passphrase for your mbcprep data:")
    if plain_mode:
        term.wait_for("Nothing shows while you type")
    term.type(PASSPHRASE)
    term.enter()
    term.wait_for(SECRETS[0])
    assert term.finish() == 0
    assert PASSPHRASE not in term.text and "*" * len(PASSPHRASE) not in term.text


def test_lock_while_another_window_saves_says_busy_and_changes_nothing(
    cli, private_home: Path, with_passphrase: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _fill(cli)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"db = sqlite3.connect({str(private_home / DB_NAME)!r}, isolation_level=None)\n"
            "db.execute('BEGIN IMMEDIATE')\nprint('held', flush=True)\nsys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr("mbcprep.storage.locking.BUSY_TIMEOUT_MS", 50)
        ran = cli("lock", "--no-input")
    finally:
        holder.communicate("")
    assert ran.code == 1 and "Another program" in ran.err and "Sorry" not in ran.err
    assert (private_home / DB_NAME).read_bytes().startswith(b"SQLite format 3")
    assert cli("lock", "--no-input").code == 0


def test_without_the_sqlcipher3_library_locked_data_is_one_sentence(
    cli, with_passphrase: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)  # as if it were not installed
    ran = cli("visits")
    assert ran.code == 1 and ran.err.count("\n") == 1 and "sqlcipher3" in ran.err and "Install mbcprep again" in ran.err


def test_a_locked_file_is_a_standard_sqlcipher_4_file(
    cli, private_home: Path, with_passphrase: Path, locked: Path
) -> None:  # type: ignore[no-untyped-def]
    sc = cipher.library()
    db = sc.connect(str(private_home / DB_NAME))
    try:
        db.execute(f"PRAGMA key = '{PASSPHRASE}'")  # SQLCipher's own key derivation, its 4.x defaults
        assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 1
        assert db.execute("PRAGMA kdf_iter").fetchone()[0] == "256000"
        assert db.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
    finally:
        db.close()


# --- locked or unlocked in another window during a long session -------------------------------------


def test_a_session_that_follows_goes_on_in_the_file_locked_or_unlocked_meanwhile(
    cli, private_home: Path, with_passphrase: Path
) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.errors import StoreError
    from mbcprep.model.visit import Visit
    from mbcprep.storage.store import Store

    assert cli("new-visit", "--no-input", "--date", "2027-01-15").code == 0
    told: list[str] = []
    session, other = Store.open(private_home), Store.open(private_home)
    session.follow_replacements(lambda: told.append("told"))
    draft = session.save(Visit(uuid="d-1", status="draft", visit_date="2027-02-01", kind="routine"))
    assert cli("lock", "--no-input").code == 0  # another window
    assert [s.id for s in session.summaries()] == [1, 2], "read on, in the locked file"
    draft.with_whom = "Dr Kim"
    session.save(draft)
    assert told == ["told"]
    with pytest.raises(StoreError) as refused:  # a window that does not follow is still refused
        other.summaries()
    assert refused.value.reason == "replaced"
    other.close()
    assert cli("unlock", "--no-input").code == 0
    draft.notes = "after the unlock"
    session.save(draft)  # saved in the unlocked file, told again
    session.close()
    assert told == ["told", "told"]
    with Store.open(private_home) as store:
        assert not cipher.is_cipher_connection(store.db)
        assert (store.get("2").with_whom, store.get("2").notes) == ("Dr Kim", "after the unlock")


def test_a_session_that_follows_still_refuses_data_deleted_meanwhile(
    cli, private_home: Path, with_passphrase: Path
) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.errors import StoreError
    from mbcprep.model.visit import Visit
    from mbcprep.storage.store import Store

    assert cli("new-visit", "--no-input").code == 0
    told: list[str] = []
    session = Store.open(private_home)
    session.follow_replacements(lambda: told.append("told"))
    assert cli("data", "delete", "--yes").code == 0
    with pytest.raises(StoreError) as refused:
        session.save(Visit(uuid="d-2", status="draft", kind="routine"))
    session.close()
    assert refused.value.reason == "replaced" and told == []
    assert not (private_home / DB_NAME).exists(), "deleted stays deleted"
