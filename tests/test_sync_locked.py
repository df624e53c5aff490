"""Sharing while the data is locked (issues 22 and 23, point 4): the shared folder holds only files
encrypted with age (the household's key, itself encrypted with the household's passphrase), so the
service that holds the folder reads nothing; locked computers converge; a wrong passphrase, or a
computer not locked, is refused in one sentence and writes nothing there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mbcprep.formats import encrypted, household
from mbcprep.storage import cipher
from mbcprep.storage.sync import JOURNAL_DIR
from tests.test_lock import PASSPHRASE, _derive_once, _passphrase_file
from tests.test_lock import derive_each_key_once as derive_each_key_once  # the data files' keys, once a run

SECRETS = ["zebraNOTE", "walrusDIARY", "quokkaMED", "narwhalTREAT", "pangolinQ"]

_DECRYPT = encrypted.decrypt_bytes
OPENED_NOW: list[bytes] = []  # each household key file opened by this test


def _decrypt_noted(data: bytes, passphrase: str) -> bytes:
    OPENED_NOW.append(data)
    return _DECRYPT(data, passphrase)


@pytest.fixture(autouse=True)
def note_each_household_key_opened(monkeypatch: pytest.MonkeyPatch, small_age_work_factor: None) -> None:
    """Each household key file is written with a small scrypt work factor (tests/age_files.py: age's
    own costs a second or more a file, written and again opened); every opening is real, and noted."""
    OPENED_NOW.clear()
    monkeypatch.setattr(encrypted, "decrypt_bytes", _decrypt_noted)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


def _locked(cli, home: Path, *first: str) -> None:  # type: ignore[no-untyped-def]
    """A data folder with a diary score (and `first`), locked with the passphrase file's passphrase."""
    assert cli("--data-dir", str(home), "diary", "--no-input", "--symptom", "pain=3", *first).code == 0
    assert cli("--data-dir", str(home), "lock", "--no-input").code == 0


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def locked_computers(module_home: Path) -> tuple[Path, Path]:
    """Ana's and Kate's data folders, locked, made once for this module (see `two_locked`)."""
    from types import SimpleNamespace

    from tests.scripted import in_process

    def run(*args: str) -> SimpleNamespace:
        code, out, err = in_process(*args)
        return SimpleNamespace(code=code, out=out, err=err)

    ana, kate = module_home.parent / "ana", module_home.parent / "kate"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(cipher, "derive", _derive_once)
        monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(module_home.parent)))
        _locked(run, ana, "--note", SECRETS[0])
        _locked(run, kate)
    cipher.forget_keys()
    return ana, kate


@pytest.fixture
def two_locked(
    cli, tmp_path: Path, shared: Path, locked_computers, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """Ana's and Kate's computers, both locked with the household's passphrase, both sharing `shared`
    (each a copy of the module's locked folder: locking is tested elsewhere, and a copy keeps its
    salt, so its key is derived once a run)."""
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path)))
    ana, kate = tmp_path / "ana", tmp_path / "kate"
    shutil.copytree(locked_computers[0], ana)
    shutil.copytree(locked_computers[1], kate)
    for home, name in ((ana, "Ana's laptop"), (kate, "Kate's laptop")):
        joined = cli("--data-dir", str(home), "share", str(shared), "--name", name, "--no-input")
        assert joined.code == 0, joined.err
        assert "encrypted with your passphrase" in joined.out
    return ana, kate


def test_sharing_while_locked_leaves_no_typed_word_in_any_byte_of_the_shared_folder(
    cli, two_locked: tuple[Path, Path], shared: Path
) -> None:  # type: ignore[no-untyped-def]
    ana, kate = two_locked
    a = ["--data-dir", str(ana)]
    assert cli(*a, "new-visit", "--no-input", "--date", "2027-01-15", "--note", SECRETS[4]).code == 0
    assert cli(*a, "meds", "add", "--no-input", "--name", SECRETS[2]).code == 0
    assert cli(*a, "treatments", "add", "--no-input", "--what", SECRETS[3], "--kind", "hormone").code == 0
    assert cli(*a, "diary", "--no-input", "--symptom", "tiredness=4", "--note", SECRETS[1]).code == 0
    shown = cli("--data-dir", str(kate), "export", "--all", "-o", "-")
    assert shown.code == 0 and all(word in shown.out for word in SECRETS)
    journal = shared / JOURNAL_DIR
    stored = _every_byte(shared)
    assert stored and not any(word.encode() in stored for word in SECRETS)
    assert PASSPHRASE.encode() not in stored and b"AGE-SECRET-KEY" not in stored.upper()
    files = [p for p in journal.iterdir() if p.is_file()]
    assert len(files) >= 3 and all(encrypted.is_age(p.read_bytes()) for p in files)
    assert all(p.stat().st_mode & 0o077 == 0 for p in files)
    status = cli(*a, "share", "status")
    assert status.code == 0 and "encrypted with the household's passphrase" in status.out


def test_two_locked_computers_converge(cli, two_locked: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    ana, kate = two_locked
    assert cli("--data-dir", str(ana), "meds", "add", "--no-input", "--name", "anastrozole").code == 0
    assert cli("--data-dir", str(kate), "team", "add", "--no-input", "--name", "Dr Ruiz").code == 0
    for home in (ana, kate, ana):
        assert cli("--data-dir", str(home), "share", "sync").code == 0
    backups = [cli("--data-dir", str(home), "export", "--all", "-o", "-").out for home in (ana, kate)]
    for text in backups:
        assert "anastrozole" in text and "Dr Ruiz" in text and SECRETS[0] in text


def test_nothing_changed_opens_no_key(cli, two_locked: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    """A command with nothing to write and nothing new to read pays no scrypt for the household's key."""
    ana, kate = two_locked
    for home in (ana, kate, ana):
        assert cli("--data-dir", str(home), "share", "sync").code == 0
    OPENED_NOW.clear()
    assert cli("--data-dir", str(ana), "visits").code == 0
    assert OPENED_NOW == []


def test_a_passphrase_that_does_not_open_the_household_is_one_sentence(
    cli, two_locked: tuple[Path, Path], tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "bob"
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path, "another long passphrase here")))
    _locked(cli, other)
    before = sorted(p.name for p in (shared / JOURNAL_DIR).iterdir())
    refused = cli("--data-dir", str(other), "share", str(shared), "--no-input")
    assert refused.code == 1
    assert "does not open the shared folder" in refused.one_error() and "same passphrase" in refused.one_error()
    assert "damaged" not in refused.err
    assert sorted(p.name for p in (shared / JOURNAL_DIR).iterdir()) == before
    assert "shares no folder" in cli("--data-dir", str(other), "share", "status").out


def test_a_computer_not_locked_writes_nothing_in_an_encrypted_folder(
    cli, two_locked: tuple[Path, Path], tmp_path: Path, shared: Path
) -> None:  # type: ignore[no-untyped-def]
    ana, _kate = two_locked
    before = sorted(p.name for p in (shared / JOURNAL_DIR).iterdir())
    plain = tmp_path / "plain"
    assert cli("--data-dir", str(plain), "diary", "--no-input", "--symptom", "pain=2", "--note", "okapiPLAIN").code == 0
    refused = cli("--data-dir", str(plain), "share", str(shared), "--no-input")
    assert refused.code == 1 and "encrypted and your data here is not locked" in refused.one_error()
    # Ana unlocks: what she notes next stays here until she locks again.
    assert cli("--data-dir", str(ana), "unlock", "--no-input").code == 0
    noted = cli("--data-dir", str(ana), "diary", "--no-input", "--symptom", "tiredness=5", "--note", "okapiLATER")
    assert noted.code == 0
    assert "The shared folder is encrypted" in cli("--data-dir", str(ana), "share", "sync").one_error()
    assert sorted(p.name for p in (shared / JOURNAL_DIR).iterdir()) == before
    assert b"okapi" not in _every_byte(shared)
    status = cli("--data-dir", str(ana), "share", "status")
    assert "not locked" in status.err and "encrypted with the household's passphrase" in status.out


def test_a_locked_computer_shares_into_a_cloud_folder_without_the_unencrypted_warning(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path)))
    cloud = tmp_path / "Dropbox" / "family"
    cloud.mkdir(parents=True)
    _locked(cli, tmp_path / "ana", "--note", SECRETS[0])
    joined = cli("--data-dir", str(tmp_path / "ana"), "share", str(cloud), "--no-input")
    assert joined.code == 0 and "cloud service" not in joined.out + joined.err
    assert household.is_encrypted(cloud / JOURNAL_DIR)
    assert SECRETS[0].encode() not in _every_byte(cloud)


def test_a_computer_that_locks_while_sharing_stays_the_same_computer_and_shares_encrypted(
    cli, tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Locking writes a new data file: it is not taken for a copy from another computer (which would
    then write as a second one of the same name), and what it shares from then on is encrypted."""
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path)))
    ana = ["--data-dir", str(tmp_path / "ana")]
    assert cli(*ana, "diary", "--no-input", "--symptom", "pain=3").code == 0
    assert cli(*ana, "share", str(shared), "--name", "Ana's laptop", "--no-input").code == 0
    assert cli(*ana, "lock", "--no-input").code == 0
    assert cli(*ana, "diary", "--no-input", "--symptom", "tiredness=5", "--note", SECRETS[1]).code == 0
    status = cli(*ana, "share", "status")
    assert status.code == 0 and "encrypted with the household's passphrase" in status.out
    assert status.out.count("Ana's laptop") == 2  # "shares ... as", and one writer with 2 files
    assert "Ana's laptop (this computer): 2 files" in status.out
    assert SECRETS[1].encode() not in _every_byte(shared)
    assert cli(*ana, "unlock", "--no-input").code == 0
    assert "The shared folder is encrypted" in cli(*ana, "share", "sync").one_error()


def test_in_a_terminal_a_locked_computer_that_shares_asks_the_passphrase_once_a_command(
    cli, two_locked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The data file and the household's key both need the passphrase: it is typed once."""
    from tests.scripted import ScriptedPrompter

    ana, kate = two_locked
    assert cli("--data-dir", str(kate), "meds", "add", "--no-input", "--name", "letrozole").code == 0
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE")
    monkeypatch.setattr("mbcprep.passphrase.may_ask", lambda: True)
    prompter = ScriptedPrompter([("Passphrase for your mbcprep data", PASSPHRASE)])
    monkeypatch.setattr("mbcprep.prompts.make_prompter", lambda **_: prompter)
    OPENED_NOW.clear()
    ran = cli("--data-dir", str(ana), "meds", "list")
    assert ran.code == 0 and "letrozole" in ran.out, ran.err
    prompter.done()  # asked, and only once
    assert OPENED_NOW  # the household's key was opened, with the passphrase typed for the data file
