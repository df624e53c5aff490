"""A process killed with SIGKILL at any moment of a save leaves the data readable, and every visit
that finished saving is still there, complete.

Child processes save visits in a loop through `mbcprep.store.Store` and print each visit's uuid only
after `save` returns; they are killed after a random short delay (seeded). After each kill the data
file is opened read-only with sqlite3: `PRAGMA integrity_check` must say ok, every reported visit
must be there with all its questions, symptoms and answers, and nothing half-saved may be there.
Then `Store.open` must work and take one more visit.

Some kills land while SQLite is committing, between syncing its rollback journal and deleting it.
A *read-only* connection cannot roll that "hot" journal back, so mbcprep's first look at the file
(`inspect_file`, `check_data`) must let SQLite do it: the tests at the end and the loop check that.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from mbcprep.model.visit import Visit
from mbcprep.paths import DB_NAME
from mbcprep.storage.maintenance import check_data
from mbcprep.storage.migrations import SCHEMA_VERSION
from mbcprep.storage.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

SEED = 20261123
FIRST_MOMENT_DELAYS = [0.0, 0.0, 0.0005, 0.001, 0.002, 0.004, 0.008]  # each on a fresh data folder
LOOP_KILLS = 16  # on one data folder that keeps growing, 0-300 ms each

# Shared by the children and the test, so the test knows exactly what each saved visit holds.
VISIT_SRC = r"""
def make_visit(uid, version):
    from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
    size = int(uid[:2], 16)
    questions = [
        VisitQuestion(f"Question {i} of {uid}, version {version}?", "my-own", "", None, i + 1 if i < 3 else None)
        for i in range(size % 12 + 1 + version)
    ]
    return Visit(
        uuid=uid,
        visit_date="2027-01-%02d" % (size % 28 + 1),
        kind="results",
        with_whom=f"Dr {uid[:6]}",
        filled_by="patient",
        notes=f"version {version}\n" + "a longer note to fill pages " * (size * 3),
        status="ready",
        questions=questions,
        symptoms=[
            SymptomScore("pain", "Pain", version % 11),
            SymptomScore("other", f"itch {uid[:4]}", None, f"note {version}"),
        ],
        considerations=[ConsiderationAnswer("how-to-talk", "How should we talk?", f"answer {version}")],
    )
"""
namespace: dict[str, object] = {}
exec(VISIT_SRC, namespace)
make_visit: Callable[[str, int], Visit] = namespace["make_visit"]  # type: ignore[assignment]

# Saves new visits, and every third time a new version of the one before (an update in place).
CHILD = (
    """
import sys, uuid
from pathlib import Path
from mbcprep.storage.store import Store
"""
    + VISIT_SRC
    + """
print("ready", flush=True)
sys.stdin.readline()
store = Store.open(Path(sys.argv[1]))
last = None
n = 0
while True:
    n += 1
    if last is not None and n % 3 == 0:
        uid, version = last[0], last[1] + 1
    else:
        uid, version = str(uuid.uuid4()), 0
    store.save(make_visit(uid, version))
    print(uid, version, flush=True)
    last = (uid, version)
"""
)


def expected_rows(visit) -> tuple:
    """What the tables must hold for a visit, in the store's own column order."""
    return (
        (visit.status, visit.visit_date, visit.kind, visit.with_whom, visit.filled_by, visit.notes, visit.draft_step),
        [(q.question_id, q.text, q.why, q.topic, q.rank) for q in visit.questions],
        [(s.symptom_id, s.name, s.score, s.note) for s in visit.symptoms],
        [(c.consideration_id, c.prompt, c.answer) for c in visit.considerations],
    )


def read_all(db: sqlite3.Connection) -> dict[str, tuple]:
    """Every visit with its rows, each table read once (a query a visit was most of this test's time)."""

    def by_visit(sql: str) -> dict[int, list[tuple]]:
        rows: dict[int, list[tuple]] = {}
        for vid, *row in db.execute(sql):
            rows.setdefault(vid, []).append(tuple(row))
        return rows

    questions = by_visit(
        "SELECT visit_id, question_id, text, why, topic, rank FROM visit_questions ORDER BY visit_id, position"
    )
    symptoms = by_visit(
        "SELECT visit_id, symptom_id, name, score, note FROM visit_symptoms ORDER BY visit_id, position"
    )
    answers = by_visit(
        "SELECT visit_id, consideration_id, prompt, answer FROM visit_considerations ORDER BY visit_id, position"
    )
    visits = db.execute(
        "SELECT id, uuid, status, visit_date, kind, with_whom, filled_by, notes, draft_step FROM visits"
    ).fetchall()
    return {
        uid: (tuple(row), questions.get(vid, []), symptoms.get(vid, []), answers.get(vid, []))
        for vid, uid, *row in visits
    }


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=15)


def has_hot_journal(path: Path) -> bool:
    """True when SQLite must roll back an interrupted commit before anyone can read the file."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        db = open_read_only(path)
        try:
            db.execute("PRAGMA user_version").fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            return True
        raise
    return False


def roll_back_like_any_sqlite_writer(path: Path) -> None:
    db = sqlite3.connect(path, timeout=15)
    try:
        db.execute("PRAGMA user_version").fetchone()  # the first read rolls the hot journal back
    finally:
        db.close()


def start_child(folder: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    return child


def run_and_kill(folder: Path, delay: float) -> dict[str, int]:
    """Start a saver, let it run `delay` seconds, SIGKILL it; return {uuid: version} it reported saved."""
    child = start_child(folder)
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    if delay:
        time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err  # it was still saving, not stopped by an error
    reported: dict[str, int] = {}
    for line in out.splitlines(keepends=True):
        if line.endswith("\n"):  # one write per line, so a line is whole or absent
            uid, version = line.split()
            reported[uid] = int(version)
    return reported


class Ledger:
    """What the children said they saved in one data folder, checked after every kill."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.reported: dict[str, int] = {}
        self.unreported: set[str] = set()  # saved but killed before it could say so
        self.hot_journals = 0

    def check_after_kill(self, reported: dict[str, int]) -> None:
        self.reported.update(reported)
        if not self.path.exists():
            assert not self.reported, "visits were reported saved but there is no data file"
        else:
            if has_hot_journal(self.path):
                self.hot_journals += 1
                # mbcprep's own first look rolls the cut-off save back, as SQLite must before anyone reads.
                assert check_data(self.folder).problem == ""
                assert not has_hot_journal(self.path)
            self.check_read_only()
        self.prove_usable()

    def check_read_only(self) -> None:
        db = open_read_only(self.path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                stored: dict[str, tuple] = {}
            else:
                assert db.execute("PRAGMA foreign_key_check").fetchall() == []
                stored = read_all(db)
        finally:
            db.close()
        missing = set(self.reported) - set(stored)
        assert not missing, f"{len(missing)} visit(s) reported saved are gone"
        new = set(stored) - set(self.reported) - self.unreported
        assert len(new) <= 1, f"more than the one in-flight visit appeared: {len(new)}"
        self.unreported |= new
        for uid, rows in stored.items():
            version = int(rows[0][5].split("\n", 1)[0].removeprefix("version "))
            assert rows == expected_rows(make_visit(uid, version)), f"visit {uid} is not whole"
            if uid in self.reported:
                # The last version reported, or the next one if it was saved but not yet reported.
                assert version in (self.reported[uid], self.reported[uid] + 1)

    def prove_usable(self) -> None:
        extra = make_visit(str(uuid.uuid4()), 0)
        with Store.open(self.folder) as store:
            store.save(extra)
            assert expected_rows(store.get(extra.uuid)) == expected_rows(make_visit(extra.uuid, 0))
        self.reported[extra.uuid] = 0
        self.check_read_only()


@pytest.mark.slow
def test_sigkill_at_the_first_moment_of_a_fresh_data_folder(tmp_path: Path) -> None:
    for n, delay in enumerate(FIRST_MOMENT_DELAYS):
        ledger = Ledger(tmp_path / f"fresh-{n}")
        ledger.check_after_kill(run_and_kill(ledger.folder, delay))
        assert ledger.path.exists()  # prove_usable made it


@pytest.mark.slow(seconds=8)
def test_sigkill_at_random_moments_of_saving_loses_nothing_saved(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    ledger = Ledger(tmp_path / "home")
    delays = [0.0] + [rng.uniform(0, 0.3) for _ in range(LOOP_KILLS - 1)]
    total = 0
    for delay in delays:
        reported = run_and_kill(ledger.folder, delay)
        total += len(reported)
        ledger.check_after_kill(reported)
    assert total > LOOP_KILLS  # the children really were saving when they were killed
    with Store.open(ledger.folder) as store:
        assert len(store.summaries()) == len(ledger.reported) + len(ledger.unreported)
    print(f"{total} saves reported over {LOOP_KILLS} kills; {ledger.hot_journals} kill(s) left a hot journal")


# --- a kill in the middle of a commit --------------------------------------------------------------

# Keeps one visit, then dies inside the transaction of a second one after SQLite has synced its
# rollback journal and written pages to the data file: the state a SIGKILL during COMMIT leaves.
# (A tiny page cache makes SQLite spill to the file before the commit, so the moment is certain.)
MID_COMMIT_CHILD = (
    """
import sys, time
from pathlib import Path
from mbcprep.storage.store import Store
"""
    + VISIT_SRC
    + """
store = Store.open(Path(sys.argv[1]))
store.save(make_visit(sys.argv[2], 0))
big = make_visit(sys.argv[3], 0)
# Large (many pages), yet each field within what mbcprep keeps (a backup must read it back).
big.notes = "x" * 190_000
big.told = "t" * 190_000
store.db.execute("PRAGMA cache_size = 2")
with store.transaction() as db:
    store.write_visit(db, big)
    print("mid-commit", flush=True)
    time.sleep(60)
"""
)

KEPT = "aaaaaaaa-0000-4000-8000-000000000001"
HALF = "bbbbbbbb-0000-4000-8000-000000000002"


@pytest.fixture
def killed_mid_commit(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    child = subprocess.Popen(
        [sys.executable, "-c", MID_COMMIT_CHILD, str(folder), KEPT, HALF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    _, err = child.communicate(timeout=30)
    assert line == "mid-commit\n", err
    path = folder / DB_NAME
    assert (folder / (DB_NAME + "-journal")).exists()
    assert has_hot_journal(path)
    return folder


def test_a_kill_mid_commit_leaves_the_data_whole_for_sqlite(killed_mid_commit: Path) -> None:
    """The file itself is safe: SQLite's own recovery gives back exactly the visits that were saved."""
    path = killed_mid_commit / DB_NAME
    roll_back_like_any_sqlite_writer(path)
    db = open_read_only(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert read_all(db) == {KEPT: expected_rows(make_visit(KEPT, 0))}
    finally:
        db.close()


def test_store_opens_after_a_kill_mid_commit(killed_mid_commit: Path) -> None:
    with Store.open(killed_mid_commit) as store:
        assert [v.uuid for v in store.all_visits()] == [KEPT]
        store.save(make_visit(HALF, 0))


def test_data_check_does_not_call_a_kill_mid_commit_damage(killed_mid_commit: Path) -> None:
    """Nothing else holds the file, so the check opens it, SQLite rolls the cut-off save back, and the
    check finds the file whole: no problem at all (neither damaged nor busy), the one visit saved."""
    report = check_data(killed_mid_commit)
    assert report.problem == ""
    assert (report.exists, report.schema_version, report.visits, report.drafts) == (True, SCHEMA_VERSION, 1, 0)
    assert report.damaged_visits == []
    with Store.open(killed_mid_commit) as store:
        assert [v.uuid for v in store.all_visits()] == [KEPT]
