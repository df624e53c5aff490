"""Sharing through a folder (issue 23): each computer writes only its own sealed segments; merging
loses nothing in any order. Plain folders stand in for the sync tool here; tests/test_e2e_syncthing.py
runs the real one."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from mbcprep.formats import journal
from mbcprep.model.diary import DiaryEntry
from mbcprep.storage.store import Store
from mbcprep.storage.sync import JOURNAL_DIR
from tests.test_store import sample_visit

UUID = "11111111-2222-3333-4444-555555555555"


def computer(root: Path, name: str, shared: Path) -> Path:
    """A data folder of its own that shares `shared` under `name`."""
    home = root / name.replace(" ", "-")
    with Store.open(home) as store:
        store.join(shared, name)
    return home


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    (folder / JOURNAL_DIR).mkdir(parents=True)
    return folder


def entry(uuid: str, day: str, score: int, symptom: str = "pain") -> DiaryEntry:
    return DiaryEntry(uuid=uuid, day=day, symptom_id=symptom, name=symptom.title(), score=score)


def test_a_visit_and_a_diary_score_made_on_one_computer_appear_on_the_other(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
        store.diary.save(entry("d1", "2027-01-10", 6))
    with Store.open(james) as store:
        (visit,) = store.all_visits()
        assert (visit.uuid, visit.with_whom, len(visit.questions)) == (UUID, "Dr Rivera", 2)
        assert [(e.day, e.score) for e in store.diary.all()] == [("2027-01-10", 6)]
        assert store.added_by("visits", UUID) == "Ana's laptop"


def test_each_computer_writes_only_its_own_private_sealed_segments(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
        me = store.sharing()
    assert me is not None
    files = sorted((shared / JOURNAL_DIR).iterdir())
    assert [f.name for f in files] == [journal.segment_name(me.computer, 1)]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    segment = journal.parse(files[0].read_bytes(), files[0].name)
    assert segment is not None and segment.name == "Ana's laptop"
    assert {c.kind for c in segment.changes} == {"visits"}
    assert not list(shared.glob("*.sqlite3")) and not list((shared / JOURNAL_DIR).glob("*.sqlite3"))
