"""A SIGKILL at any moment of `mbcprep lock` or `unlock` leaves the old file or the new one complete
and usable, never neither; running the command again finishes the job (issue 22).

Each named step of a conversion is a place to be killed (MBCPREP_TEST_CRASH_AT, read by
`mbcprep.storage.locking.crash_point`); runs killed after a random time catch the moments between
them. Whatever moment the kill lands on, the same must hold, so no run waits for the program to get
anywhere first."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mbcprep.paths import DB_NAME
from mbcprep.storage import cipher
from tests.test_lock import PASSPHRASE, derive_each_key_once  # noqa: F401 (a fixture used by every test)

pytestmark = pytest.mark.slow

SECRET = "capybaraSECRET"
LOCK_STEPS = ["locked-out", "exported", "marked", "replaced", "overwritten", "backup-0"]
UNLOCK_STEPS = ["backup-0", "exported", "exported#2", "replaced#2", "before-marker"]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A plain data folder (a visit, a diary note, a backup) and the same folder locked."""
    from mbcprep.model.diary import DiaryEntry
    from mbcprep.storage.locking import lock_files
    from mbcprep.storage.store import Store
    from tests.test_store import sample_visit

    plain = tmp_path_factory.mktemp("crash") / "plain"
    with Store.open(plain) as store:
        visit = sample_visit()
        visit.notes = SECRET
        store.save(visit)
        store.diary.save(
            DiaryEntry(uuid="d1", day="2026-12-01", symptom_id="pain", key="pain", name="Pain", score=3, note=SECRET)
        )
        (plain / "backups").mkdir(mode=0o700)
        store.backup(plain / "backups" / "mbcprep-20261201T101010Z-1.sqlite3")
    locked = plain.parent / "locked"
    shutil.copytree(plain, locked)
    salt = os.urandom(16)
    lock_files(locked, cipher.derive(PASSPHRASE, salt), salt)
    cipher.forget_keys()
    return plain, locked


def _env(home: Path, tmp_path: Path, **more: str) -> dict[str, str]:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MBCPREP_")}
    return {**env, "MBCPREP_HOME": str(home), "MBCPREP_PASSPHRASE_FILE": str(secret), "LANG": "C.UTF-8", **more}


def _mbcprep(*args: str) -> list[str]:
    return [sys.executable, "-m", "mbcprep", *args]


def _key(salt: bytes) -> bytes:
    return cipher.derive(PASSPHRASE, salt)


def _complete(home: Path) -> str:
    """The data file as it is now: plain or locked, and whole either way (every visit and note)."""
    path = home / DB_NAME
    raw = path.read_bytes()
    if raw.startswith(b"SQLite format 3\x00"):
        kind, db = "plain", sqlite3.connect(path)
    else:
        assert cipher.marked(home), "a locked file without its marker"
        kind, db = "locked", cipher.connect_locked(path, _key(raw[:16]))
    try:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert db.execute("SELECT notes FROM visits").fetchall() == [(SECRET,)]
        assert db.execute("SELECT count(*) FROM diary_entries").fetchone()[0] == 1
    finally:
        db.close()
    return kind


def _no_secret_left(home: Path) -> None:
    for top, _dirs, names in os.walk(home):
        for name in names:
            assert SECRET.encode() not in (Path(top) / name).read_bytes(), name


def _all_plain(home: Path) -> None:
    assert _complete(home) == "plain"
    for backup in (home / "backups").iterdir():
        assert backup.read_bytes().startswith(b"SQLite format 3\x00"), backup.name
    assert not (home / cipher.MARKER_NAME).exists()


def _finish(cli, command: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The same command again (in this process), which finishes what the killed one began."""
    for name, value in _env(home, tmp_path).items():
        if name.startswith("MBCPREP_"):
            monkeypatch.setenv(name, value)
    ran = cli(command, "--no-input")
    assert ran.code == 0, ran.err
    if command == "lock":
        assert _complete(home) == "locked"
        _no_secret_left(home)
    else:
        _all_plain(home)


@pytest.mark.parametrize("step", LOCK_STEPS)
def test_lock_killed_at_each_step_leaves_a_whole_file(templates, cli, tmp_path: Path, step: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    shutil.copytree(templates[0], home)
    ran = subprocess.run(_mbcprep("lock", "--no-input"), env=_env(home, tmp_path, MBCPREP_TEST_CRASH_AT=step))
    assert ran.returncode == -signal.SIGKILL
    expected = "plain" if step in ("locked-out", "exported", "synced", "marked") else "locked"
    assert _complete(home) == expected
    _finish(cli, "lock", home, tmp_path, monkeypatch)


@pytest.mark.parametrize("step", UNLOCK_STEPS)
def test_unlock_killed_at_each_step_leaves_a_whole_file(templates, cli, tmp_path: Path, step: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    shutil.copytree(templates[1], home)
    ran = subprocess.run(_mbcprep("unlock", "--no-input"), env=_env(home, tmp_path, MBCPREP_TEST_CRASH_AT=step))
    assert ran.returncode == -signal.SIGKILL
    expected = "plain" if step in ("replaced#2", "before-marker") else "locked"
    assert _complete(home) == expected
    _finish(cli, "unlock", home, tmp_path, monkeypatch)


@pytest.mark.parametrize("command", ["lock", "unlock"])
def test_lock_and_unlock_killed_at_random_moments_leave_a_whole_file(
    templates, cli, tmp_path: Path, command: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    chance = random.Random(f"{command}-{os.getpid()}-{time.time()}")
    for n in range(2):
        home = tmp_path / f"home-{n}"
        shutil.copytree(templates[0] if command == "lock" else templates[1], home)
        child = subprocess.Popen(_mbcprep(command, "--no-input"), env=_env(home, tmp_path), stdout=subprocess.DEVNULL)
        try:
            child.wait(timeout=chance.uniform(0.0, 1.5))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        assert _complete(home) in ("plain", "locked")
        _finish(cli, command, home, tmp_path, monkeypatch)
