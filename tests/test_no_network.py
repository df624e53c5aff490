"""mbcprep keeps everything on this computer: no command touches the network, nothing is written
anywhere but the data folder and the files the person names, and all of it is private (0600 files,
0700 folders) even when the umask would let everyone read.

The commands run in this process through `mbcprep.main.main`, with every way to open a socket
replaced by one that fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from mbcprep.app import main
from mbcprep.content.cache import CACHE_NAME
from mbcprep.storage.maintenance import check_data

NETWORK_CALLS: list[str] = []


def _refuse(name: str):
    def refuse(*args: object, **kwargs: object) -> None:
        NETWORK_CALLS.append(name)
        raise AssertionError("network used")

    return refuse


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        NETWORK_CALLS.append("socket.socket")
        raise AssertionError("network used")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    NETWORK_CALLS.clear()
    monkeypatch.setattr(socket, "socket", _NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "socketpair"):
        monkeypatch.setattr(socket, name, _refuse(f"socket.{name}"))
    return NETWORK_CALLS


@pytest.fixture
def sealed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[str]) -> Path:
    """HOME and the temp folder moved into tmp_path, so a stray write anywhere shows up there."""
    home = tmp_path / "fake-home"
    temp = tmp_path / "temp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return tmp_path


def test_the_guard_really_stops_the_network(no_network: list[str]) -> None:
    with pytest.raises(AssertionError, match="network used"):
        socket.create_connection(("example.com", 443), timeout=1)
    with pytest.raises(AssertionError, match="network used"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(AssertionError, match="network used"):
        socket.getaddrinfo("example.com", 443)
    assert no_network == ["socket.create_connection", "socket.socket", "socket.getaddrinfo"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, (args, out, err)
    assert err == "", (args, err)
    return out


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_every_command_works_offline_privately_and_only_where_asked(
    sealed: Path,
    no_network: list[str],
    private_home: Path,
    content,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = sealed / "out"
    out.mkdir()
    second_home = out / "second-home"
    sheet, everything, copy = out / "sheet.md", out / "all.json", out / "copy.sqlite3"
    question_id = next(iter(content.questions))

    old_umask = os.umask(0)
    try:
        new_id = run(
            capsys,
            "new-visit",
            "--no-input",
            "--date",
            "2027-01-15",
            "--kind",
            "results",
            "--with",
            "Dr Rivera",
            "--by",
            "caregiver",
            "--question",
            question_id,
            "--ask",
            "Can I still travel in May?",
            "--symptom",
            "pain=4",
            "--symptom",
            "other:itchy skin=2",
            "--consider",
            "how-to-talk=straight facts",
            "--note",
            "Bring the scan disc.",
        )
        assert new_id.strip() == "1"
        assert "Dr Rivera" in run(capsys, "visits")
        rows = json.loads(run(capsys, "visits", "--json"))
        assert [(r["id"], r["with_whom"], r["question_count"]) for r in rows] == [(1, "Dr Rivera", 2)]
        assert "# Visit: Friday 15 January 2027" in run(capsys, "show", "latest")  # by a caregiver
        assert str(sheet) in run(capsys, "export", "latest", "-o", str(sheet))
        assert str(everything) in run(capsys, "export", "--all", "--format", "json", "-o", str(everything))
        assert "Imported 0 visits; 1 already here" in run(capsys, "import", str(everything))
        assert "Imported 1 visit; 0 already" in run(capsys, "--data-dir", str(second_home), "import", str(everything))
        assert question_id in {q["id"] for q in json.loads(run(capsys, "questions", "--json"))}
        assert run(capsys, "checklist").strip()
        assert "HER2" in run(capsys, "glossary", "HER2")
        assert "1 ready, 0 unfinished" in run(capsys, "data", "check")
        assert str(copy) in run(capsys, "data", "backup", "-o", str(copy))
        assert str(private_home / "backups") in run(capsys, "data", "backup")
        assert run(capsys, "data", "where").strip() == str(private_home)
    finally:
        os.umask(old_umask)

    assert no_network == []

    # Nothing written outside the data folders and the files asked for, no temp files left behind.
    backups = sorted(p.name for p in (private_home / "backups").iterdir())
    assert len(backups) == 1 and backups[0].startswith("mbcprep-") and backups[0].endswith(".sqlite3")
    written = tree(sealed)
    cached = {p for p in written if p.startswith("mbcprep-home/cache/")}
    assert len(cached) == 1 and CACHE_NAME.fullmatch(cached.pop().split("/")[-1]), "one checked copy of the content"
    assert written - {p for p in written if p.startswith("mbcprep-home/cache")} == {
        "fake-home",
        "temp",
        "work",
        "out",
        "mbcprep-home",
        "mbcprep-home/mbcprep.sqlite3",
        "mbcprep-home/backups",
        f"mbcprep-home/backups/{backups[0]}",
        "out/sheet.md",
        "out/all.json",
        "out/copy.sqlite3",
        "out/second-home",
        "out/second-home/mbcprep.sqlite3",
    }

    # Private whatever the umask: the files asked for, and everything in each data folder.
    for path in (sheet, everything, copy):
        assert mode(path) == 0o600, path
    for folder in (private_home, second_home):
        assert mode(folder) == 0o700
        for path in folder.rglob("*"):
            assert mode(path) == (0o700 if path.is_dir() else 0o600), path
        assert check_data(folder).private

    # And what was written is what was asked for.
    assert "Can I still travel in May?" in sheet.read_text(encoding="utf-8")
    assert json.loads(everything.read_text(encoding="utf-8"))["visits"][0]["with"] == "Dr Rivera"


def test_sharing_works_offline_and_writes_only_private_files_in_the_folder_chosen(
    sealed: Path, no_network: list[str], private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mbcprep.storage.sync import JOURNAL_DIR

    shared = sealed / "Sync"
    shared.mkdir()
    old_umask = os.umask(0)
    try:
        run(capsys, "diary", "--no-input", "--symptom", "pain=3")
        run(capsys, "share", str(shared), "--name", "Ana's laptop", "--no-input")
        run(capsys, "diary", "--no-input", "--symptom", "tiredness=5")
        run(capsys, "share", "sync")
        run(capsys, "share", "status")
        run(capsys, "share", "leave")
    finally:
        os.umask(old_umask)
    assert no_network == []
    written = tree(shared)
    assert written and all(p == JOURNAL_DIR or p.startswith(JOURNAL_DIR + "/") for p in written)
    assert mode(shared / JOURNAL_DIR) == 0o700
    assert all(mode(p) == 0o600 for p in (shared / JOURNAL_DIR).iterdir())
    assert tree(sealed / "fake-home") == set() and tree(sealed / "temp") == set()
