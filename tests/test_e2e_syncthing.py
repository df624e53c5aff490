"""Two computers keep one record of care through real Syncthing (issue 23).

Two Syncthing instances run on the loopback interface only (no discovery, relays, NAT or usage
reports), each with its own home, its own copy of the shared folder and its own mbcprep data folder.
A diary score and a visit made on one appear on the other; the same answer changed on both while one
is offline is kept twice on both, and the one that was offline catches up. Every wait polls against a
deadline. Skipped, saying why, where Syncthing is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import stat
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mbcprep.model.diary import DiaryEntry
from mbcprep.storage.store import Store
from mbcprep.storage.sync import JOURNAL_DIR
from tests.test_store import sample_visit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("syncthing") is None, reason="Syncthing is not installed (apt-get install syncthing)"
    ),
]

FOLDER_ID = "mbcprep-family"
DEADLINE_S = 60
UUID = "11111111-2222-3333-4444-555555555555"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@functools.cache
def _serve_flags() -> list[str]:
    """The flags of `syncthing serve` this version has (they differ between Debian's and Homebrew's)."""
    shown = subprocess.run(["syncthing", "serve", "--help"], capture_output=True, text=True, timeout=30)
    return [flag for flag in ("--no-browser", "--no-restart") if flag in shown.stdout + shown.stderr]


def _poll(what: Callable[[], object], about: str, deadline: float = DEADLINE_S) -> object:
    end = time.monotonic() + deadline
    while True:
        found = what()
        if found:
            return found
        if time.monotonic() > end:
            raise AssertionError(f"not within {deadline} s: {about}")
        time.sleep(0.2)


class Syncthing:
    """One Syncthing instance of its own, reachable only on 127.0.0.1."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.home = root / f"{name}-syncthing"
        self.folder = root / f"{name}-shared"
        self.data = root / f"{name}-mbcprep"
        self.folder.mkdir(parents=True)
        (self.folder / ".stfolder").mkdir()
        self.port, self.gui = _free_port(), _free_port()
        self.key = f"key-{name}-{os.getpid()}"
        out = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            check=True,
            env=self.env,
        )
        self.device = next(line.split()[-1] for line in (out.stdout + out.stderr).splitlines() if "Device ID" in line)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(self.home)}

    def configure(self, peer: Syncthing) -> None:
        devices = f'<device id="{self.device}"></device><device id="{peer.device}"></device>'
        (self.home / "config.xml").write_text(
            f"""<configuration version="36">
    <folder id="{FOLDER_ID}" label="family" path="{self.folder}" type="sendreceive" rescanIntervalS="3600"
        fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false">
        {devices}
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="{self.device}" name="{self.name}"><address>dynamic</address></device>
    <device id="{peer.device}" name="{peer.name}"><address>tcp://127.0.0.1:{peer.port}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:{self.gui}</address><apikey>{self.key}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{self.port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
""",
            encoding="utf-8",
        )

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", *_serve_flags()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        _poll(lambda: self._get("/rest/system/ping"), f"{self.name}'s Syncthing answering")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def _request(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui}{path}", method=method, headers={"X-API-Key": self.key}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:  # loopback only
                body = answer.read()
        except OSError:
            return None
        return json.loads(body) if body.strip() else True

    def _get(self, path: str) -> object:
        return self._request(path)

    def scan(self) -> None:
        """Tell Syncthing the folder changed (its watcher would notice within a second or so too)."""
        self._request(f"/rest/db/scan?folder={FOLDER_ID}", "POST")

    def connected(self, peer: Syncthing) -> bool:
        found = self._get("/rest/system/connections")
        return bool(isinstance(found, dict) and found["connections"].get(peer.device, {}).get("connected"))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Syncthing, Syncthing]]:
    root = Path(str(tmp_path))
    ana, james = Syncthing(root, "ana"), Syncthing(root, "james")
    ana.configure(james)
    james.configure(ana)
    try:
        ana.start()
        james.start()
        _poll(lambda: ana.connected(james) and james.connected(ana), "the two Syncthings connected")
        yield ana, james
    finally:
        ana.stop()
        james.stop()


def _until(side: Syncthing, others: list[Syncthing], check: Callable[[Store], object], about: str) -> None:
    """Poll `side`'s mbcprep (each open brings it up to date) until `check` holds."""

    def look() -> object:
        for other in others:
            other.scan()
        with Store.open(side.data) as store:
            return check(store)

    _poll(look, about)


def test_two_computers_keep_one_record_of_care_through_syncthing(pair: tuple[Syncthing, Syncthing], cli) -> None:
    ana, james = pair
    with Store.open(ana.data) as store:
        store.save(sample_visit())
        store.diary.save(DiaryEntry(uuid="d1", day="2026-11-10", symptom_id="pain", name="Pain", score=6))
    assert cli("--data-dir", str(ana.data), "share", str(ana.folder), "--name", "Ana's laptop", "--no-input").code == 0
    assert (
        cli("--data-dir", str(james.data), "share", str(james.folder), "--name", "James's laptop", "--no-input").code
        == 0
    )

    # What Ana made appears on James's computer, saying who added it.
    _until(
        james,
        [ana],
        lambda s: [v.with_whom for v in s.all_visits()] == ["Dr Rivera"] and [e.score for e in s.diary.all()] == [6],
        "Ana's visit and diary score on James's computer",
    )
    with Store.open(james.data) as store:
        assert store.added_by("visits", UUID) == "Ana's laptop"

    # James is offline while both change the same answer, and Ana notes another day.
    james.stop()
    with Store.open(ana.data) as store:
        visit = store.get(UUID)
        visit.notes = "Ana: ask about the scan"
        store.save(visit)
        store.diary.save(DiaryEntry(uuid="d2", day="2026-11-11", symptom_id="pain", name="Pain", score=4))
    with Store.open(james.data) as store:
        visit = store.get(UUID)
        visit.notes = "James: ask about parking"
        visit.with_whom = "Dr Chen"
        store.save(visit)
    james.start()

    both = sorted([("Ana's laptop", "Ana: ask about the scan"), ("James's laptop", "James: ask about parking")])

    def converged(store: Store) -> object:
        visit = store.get(UUID)
        return (
            sorted(store.conflicts("visits", UUID).get("notes", [])) == both
            and visit.with_whom == "Dr Chen"
            and sorted(e.day for e in store.diary.all()) == ["2026-11-10", "2026-11-11"]
        ) and visit.notes

    _until(james, [ana], converged, "James caught up, keeping both answers")
    _until(ana, [james], converged, "Ana has James's changes, keeping both answers")
    with Store.open(ana.data) as a, Store.open(james.data) as j:
        assert a.get(UUID).notes == j.get(UUID).notes  # the same one shows first on both
    for side in (ana, james):  # every computer's segments stay private on the other side too
        segments = list((side.folder / JOURNAL_DIR).glob("*.mbcj"))
        assert len(segments) >= 3 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in segments)
    status = cli("--data-dir", str(ana.data), "share", "status")
    assert "Ana's laptop (this computer)" in status.out and "James's laptop" in status.out
    assert "changed on two computers at the same time" in status.out
