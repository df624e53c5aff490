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


def test_two_computers_changing_different_things_of_a_visit_both_keep_them(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(james) as store:  # both change the visit before either reads the other
        visit = store.get(UUID)
        visit.with_whom = "Dr Chen"
        store.save(visit)
    with Store.open(ana) as store:
        store.sync_if_shared = lambda: None  # type: ignore[method-assign]  # offline for now
        visit = store.get(UUID)
        visit.notes = "Ask about the scan."
        store.save(visit)
    for home in (ana, james, ana):
        with Store.open(home) as store:
            visit = store.get(UUID)
            assert (visit.with_whom, visit.notes) == ("Dr Chen", "Ask about the scan.")
            assert store.conflicts("visits", UUID) == {}


def notes_changed_on_both(tmp_path: Path, shared: Path) -> tuple[Path, Path]:
    """Ana's and James's computers, each of which changed the visit's notes before reading the other's."""
    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
    with Store.open(james) as store:
        pass
    offline = tmp_path / "offline"
    shutil.copytree(shared, offline)
    with Store.open(james) as store:
        visit = store.get(UUID)
        visit.notes = "James's words"
        store.save(visit)
    # Ana writes before James's segment reaches her: her folder is a copy without it.
    moved = shared.rename(tmp_path / "later")
    offline.rename(shared)
    with Store.open(ana) as store:
        visit = store.get(UUID)
        visit.notes = "Ana's words"
        store.save(visit)
    for segment in (moved / JOURNAL_DIR).iterdir():
        if not (shared / JOURNAL_DIR / segment.name).exists():
            shutil.copy(segment, shared / JOURNAL_DIR / segment.name)
    return ana, james


def test_the_same_answer_changed_on_two_computers_at_once_keeps_both(tmp_path: Path, shared: Path) -> None:
    ana, james = notes_changed_on_both(tmp_path, shared)
    seen = []
    for home in (ana, james):
        with Store.open(home) as store:
            both = store.conflicts("visits", UUID)
            assert sorted(both["notes"]) == [("Ana's laptop", "Ana's words"), ("James's laptop", "James's words")]
            seen.append(store.get(UUID).notes)
    assert seen[0] == seen[1] in ("Ana's words", "James's words")


def test_a_deletion_travels(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
        store.diary.save(entry("d1", "2027-01-10", 6))
    with Store.open(james) as store:
        store.delete(store.resolve(UUID))
        store.diary.delete(store.diary.get("d1").id)
    with Store.open(ana) as store:
        assert store.all_visits() == [] and store.diary.all() == []


def test_a_cut_short_segment_and_a_sync_tools_conflict_copy_wait_and_are_never_trusted(
    tmp_path: Path, shared: Path
) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
    (segment,) = (shared / JOURNAL_DIR).iterdir()
    whole = segment.read_bytes()
    segment.write_bytes(whole[: len(whole) // 2])  # half synced
    stem = segment.name.removesuffix(journal.SUFFIX)
    (shared / JOURNAL_DIR / f"{stem}.sync-conflict-20270101-101010-ABCDEFG.mbcj").write_bytes(whole)
    (shared / JOURNAL_DIR / f"{stem} (James's conflicted copy 2027-01-01).mbcj").write_bytes(whole)
    with Store.open(james) as store:
        assert store.all_visits() == []
        assert store.sync().waiting == [segment.name]
    segment.write_bytes(whole.replace(b"Dr Rivera", b"Dr Evil!!"))  # whole length, wrong checksum
    with Store.open(james) as store:
        assert store.all_visits() == []
    segment.write_bytes(whole)  # the sync tool finished
    with Store.open(james) as store:
        assert [v.with_whom for v in store.all_visits()] == ["Dr Rivera"]
    assert sorted(p.name for p in (shared / JOURNAL_DIR).iterdir() if "conflict" in p.name) == sorted(
        [f"{stem}.sync-conflict-20270101-101010-ABCDEFG.mbcj", f"{stem} (James's conflicted copy 2027-01-01).mbcj"]
    )


def test_a_computer_whose_clock_is_hours_behind_keeps_its_own_edits_in_order(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
    real = time.time
    with Store.open(james) as store:  # James reads Ana's visit, then his clock goes back five hours
        monkeypatch.setattr(time, "time", lambda: real() - 5 * 3600)
        visit = store.get(UUID)
        visit.notes = "first"
        store.save(visit)
    with Store.open(james) as store:
        visit = store.get(UUID)
        visit.notes = "second"
        store.save(visit)
    monkeypatch.setattr(time, "time", real)
    with Store.open(ana) as store:
        assert store.get(UUID).notes == "second"
        assert store.conflicts("visits", UUID) == {}


def test_nothing_changed_costs_no_segment_and_no_sync(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mbcprep.storage import sync

    ana = computer(tmp_path, "Ana's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
    monkeypatch.setattr(sync, "SETTLED_NS", 0)
    with Store.open(ana):
        pass
    count = len(list((shared / JOURNAL_DIR).iterdir()))
    calls = []
    monkeypatch.setattr(sync.SyncTable, "sync", lambda self: calls.append(1))
    with Store.open(ana) as store:
        store.all_visits()
    assert calls == [] and len(list((shared / JOURNAL_DIR).iterdir())) == count


def test_two_scores_for_the_same_day_on_two_computers_keep_the_first_everywhere(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    with Store.open(ana) as store:
        store.sync_if_shared = lambda: None  # type: ignore[method-assign]
        store.diary.save(entry("from-ana", "2027-01-10", 6))
        store.sync()
    away = shared.rename(tmp_path / "away")  # James is offline: his copy of the folder is not reachable
    with Store.open(james) as store:
        store.diary.save(entry("from-james", "2027-01-10", 3))
    away.rename(shared)
    for home in (ana, james):
        with Store.open(home) as store:
            assert [(e.uuid, e.score) for e in store.diary.all()] == [("from-ana", 6)]
    with Store.open(ana) as store:
        store.diary.delete(store.diary.get("from-ana").id)
    for home in (ana, james):
        with Store.open(home) as store:
            assert [(e.uuid, e.score) for e in store.diary.all()] == [("from-james", 3)]


# --- the command line ---------------------------------------------------------------------------


def test_share_on_two_computers_brings_in_everything_and_status_names_who_wrote(cli, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    ana, james = tmp_path / "ana", tmp_path / "james"
    assert cli("--data-dir", str(ana), "diary", "--no-input", "--date", "2026-11-10", "--symptom", "pain=6").code == 0
    first = cli("--data-dir", str(ana), "share", str(shared), "--name", "Ana's laptop", "--no-input")
    assert first.code == 0, first.err
    assert f'shares {shared} as "Ana\'s laptop"' in first.out and "Wrote 1 change" in first.out
    second = cli("--data-dir", str(james), "share", str(shared), "--name", "James's laptop", "--no-input")
    assert second.code == 0 and "Read 1 file of changes" in second.out
    listed = cli("--data-dir", str(james), "diary", "list", "--all", "--json")
    assert '"score": 6' in listed.out
    status = cli("--data-dir", str(james), "share", "status")
    assert status.code == 0
    assert "Ana's laptop: 1 file, the last on" in status.out
    assert "James's laptop (this computer)" not in status.out  # James has written nothing yet
    assert cli("--data-dir", str(james), "share", "sync").out.strip() == "Nothing new: this computer is up to date."
    left = cli("--data-dir", str(james), "share", "leave")
    assert left.code == 0 and "no longer shares" in left.out
    assert "shares no folder" in cli("--data-dir", str(james), "share", "status").out


def test_share_refuses_a_folder_holding_the_data_and_one_that_is_not_there(cli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    inside = cli("--data-dir", str(home / "data"), "share", str(home), "--no-input")
    assert inside.code == 1 and "holds mbcprep's data folder" in inside.one_error()
    missing = cli("--data-dir", str(home / "data"), "share", str(tmp_path / "nowhere"), "--no-input")
    assert missing.code == 1 and "is not a folder" in missing.one_error()


def test_share_warns_before_sharing_unencrypted_into_a_cloud_folder(cli, tmp_path: Path) -> None:
    cloud = tmp_path / "Dropbox" / "family"
    cloud.mkdir(parents=True)
    refused = cli("--data-dir", str(tmp_path / "data"), "share", str(cloud), "--no-input")
    assert refused.code == 1 and "cloud service" in refused.err and "--yes" in refused.err
    assert not (cloud / JOURNAL_DIR).exists()
    agreed = cli("--data-dir", str(tmp_path / "data"), "share", str(cloud), "--no-input", "--yes")
    assert agreed.code == 0 and "cloud service" in agreed.err


def test_share_sync_and_leave_need_a_shared_folder(cli, tmp_path: Path) -> None:
    ran = cli("share", "sync")
    assert ran.code == 1 and "shares no folder yet" in ran.one_error()
    assert cli("share", "leave").code == 1


def test_edit_says_both_versions_were_kept_and_the_choice_goes_to_every_computer(
    tmp_path: Path, shared: Path, content, cli
) -> None:
    from mbcprep.interview.edit import edit_visit
    from tests.scripted import ScriptedPrompter

    ana, james = notes_changed_on_both(tmp_path, shared)
    shown = cli("--data-dir", str(james), "show", UUID)
    assert "changed on two computers at the same time" in shown.err and "Added by Ana's laptop." in shown.err
    with Store.open(james) as store:

        def james_words(options: list) -> int:
            return next(o.value for o in options if o.title == "James's words (from James's laptop)")

        prompter = ScriptedPrompter([("Which do you keep?", james_words), ("What would you like to change?", "save")])
        edit_visit(prompter, content, store, store.get(UUID))
        assert any("changed on two computers at the same time" in line for line in prompter.said)
    for home in (ana, james):
        with Store.open(home) as store:
            assert store.get(UUID).notes == "James's words"
            assert store.conflicts("visits", UUID) == {}
    assert "changed on two computers" not in cli("--data-dir", str(ana), "show", UUID).err


def _foreign_segment(shared: Path, changes: list[journal.Change], version: int | None = None) -> str:
    """A segment from another computer, as a newer (or a broken) mbcprep might write it."""
    from mbcprep.formats.backup import FORMAT_VERSION

    segment = journal.Segment(
        computer="f" * 16,
        seq=1,
        name="Newer laptop",
        clock=(1, 0),
        seen={},
        written_at="2027-01-01T10:00:00+00:00",
        format_version=version or FORMAT_VERSION,
        changes=changes,
    )
    (shared / JOURNAL_DIR / segment.file_name).write_bytes(journal.render(segment))
    return segment.file_name


def test_a_record_a_table_refuses_or_a_kind_not_known_yet_never_stops_the_rest(tmp_path: Path, shared: Path) -> None:
    james = computer(tmp_path, "James's laptop", shared)
    good = {"uuid": "d2", "day": "2027-01-11", "symptom": "pain", "name": "Pain", "score": 4, "note": ""}
    _foreign_segment(
        shared,
        [
            journal.Change("diary", "d1", {**good, "uuid": "d1", "score": 11}),  # out of range: refused
            journal.Change("blood_results", "r1", {"uuid": "r1", "what": "CA 15-3"}),  # a newer kind
            journal.Change("diary", "d2", good),
        ],
    )
    with Store.open(james) as store:
        assert [(e.uuid, e.score) for e in store.diary.all()] == [("d2", 4)]
        kept = store.read("SELECT kind, uuid FROM sync_fields WHERE field = 'uuid' ORDER BY kind", plain=True)
        assert [tuple(r) for r in kept] == [("blood_results", "r1"), ("diary", "d1"), ("diary", "d2")]


def test_a_segment_from_a_newer_mbcprep_waits_unread(tmp_path: Path, shared: Path) -> None:
    from mbcprep.formats.backup import FORMAT_VERSION

    james = computer(tmp_path, "James's laptop", shared)
    good = {"uuid": "d2", "day": "2027-01-11", "symptom": "pain", "name": "Pain", "score": 4, "note": ""}
    name = _foreign_segment(shared, [journal.Change("diary", "d2", good)], FORMAT_VERSION + 1)
    with Store.open(james) as store:
        assert store.diary.all() == [] and store.sync().waiting == [name]


def test_the_same_visit_on_both_computers_before_sharing_is_nothing_to_choose_between(
    tmp_path: Path, shared: Path
) -> None:
    homes = [tmp_path / "ana", tmp_path / "james"]
    for home in homes:  # the same backup imported on both, say
        with Store.open(home) as store:
            store.import_visits([sample_visit()])
    for home, name in zip(homes, ["Ana's laptop", "James's laptop"], strict=True):
        with Store.open(home) as store:
            store.join(shared, name)
    for home in (*homes, *homes):
        with Store.open(home) as store:
            assert store.conflicts("visits", UUID) == {} and store.conflict_count() == 0
            assert len(store.all_visits()) == 1
            assert store.added_by("visits", UUID) == "Ana's laptop"  # the first to write it
    with Store.open(homes[1]) as store:
        visit = store.get(UUID)
        visit.notes = "changed after"
        store.save(visit)
    with Store.open(homes[0]) as store:
        assert store.get(UUID).notes == "changed after" and store.conflict_count() == 0


def test_a_sync_cut_off_after_its_file_was_written_reads_that_file_back_and_never_reuses_its_number(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mbcprep.storage import sync

    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    real = sync.SyncTable._apply

    def cut_off(self, db, segment, report, *, fresh=False):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # Ctrl-C just after the segment reached the folder

    store = Store.open(ana)
    store.save(sample_visit())
    monkeypatch.setattr(sync.SyncTable, "_apply", cut_off)
    with pytest.raises(KeyboardInterrupt):
        store.sync()
    monkeypatch.setattr(sync.SyncTable, "_apply", real)
    store.close()  # the next sync reads its own file first: nothing is written twice
    names = sorted(p.name for p in (shared / JOURNAL_DIR).iterdir())
    assert [n.rsplit("-", 1)[1] for n in names] == ["00000001.mbcj"]
    with Store.open(ana) as again:
        visit = again.get(UUID)
        visit.notes = "later"
        again.save(visit)
    assert sorted(p.name.rsplit("-", 1)[1] for p in (shared / JOURNAL_DIR).iterdir()) == [
        "00000001.mbcj",
        "00000002.mbcj",
    ]
    with Store.open(james) as other:
        assert other.get(UUID).notes == "later"


def test_years_of_diary_arrive_in_one_go_and_a_clash_among_them_still_keeps_the_first(
    tmp_path: Path, shared: Path
) -> None:
    from datetime import date, timedelta

    from mbcprep.storage import sync_merge

    ana = computer(tmp_path, "Ana's laptop", shared)
    james = computer(tmp_path, "James's laptop", shared)
    kate = computer(tmp_path, "Kate's laptop", shared)
    days = [(date(2026, 1, 1) + timedelta(n)).isoformat() for n in range(sync_merge.BULK + 10)]
    with Store.open(ana) as store, store.transaction() as db:
        store.diary.import_in(db, [entry(f"a{n}", day, n % 11) for n, day in enumerate(days)])
    away = shared.rename(tmp_path / "away")
    with Store.open(james) as store:  # offline: the same day and symptom as one of Ana's, noted later
        store.diary.save(entry("j1", days[5], 9))
    away.rename(shared)
    for home in (james, kate, ana):
        with Store.open(home) as store:
            found = {e.day: (e.uuid, e.score) for e in store.diary.all()}
            assert len(found) == len(days) and found[days[5]] == ("a5", 5)


def test_share_asks_before_sharing_unencrypted_into_a_cloud_folder_in_a_terminal(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import mbcprep.prompts
    from tests.scripted import ScriptedPrompter

    cloud = tmp_path / "OneDrive" / "family"
    cloud.mkdir(parents=True)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    script = ScriptedPrompter([("Share there anyway?", False), ("Share there anyway?", True)])
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: script)
    said_no = cli("share", str(cloud))
    assert "cloud service" in said_no.out and "Nothing was shared." in said_no.out
    assert not (cloud / JOURNAL_DIR).exists()
    said_yes = cli("share", str(cloud), "--name", "Ana's laptop")
    assert said_yes.code == 0 and (cloud / JOURNAL_DIR).is_dir() and 'as "Ana\'s laptop"' in said_yes.out
    script.done()


def test_a_data_file_copied_to_another_computer_writes_as_a_computer_of_its_own(tmp_path: Path, shared: Path) -> None:
    ana = computer(tmp_path, "Ana's laptop", shared)
    with Store.open(ana) as store:
        store.save(sample_visit())
        first = store.sharing()
    copy = tmp_path / "copied"
    shutil.copytree(ana, copy)  # the whole data folder taken to James's laptop, offline for now
    away = shared.rename(tmp_path / "away")
    with Store.open(copy) as store:
        visit = store.get(UUID)
        visit.notes = "James's words"
        store.save(visit)
    away.rename(shared)
    with Store.open(ana) as store:  # Ana's second file: the number the copy would have used too
        visit = store.get(UUID)
        visit.notes = "Ana's words"
        store.save(visit)
        assert store.sharing() == first
    with Store.open(copy) as store:
        moved = store.sharing()
    assert first is not None and moved is not None and moved.computer != first.computer
    names = sorted(p.name for p in (shared / JOURNAL_DIR).iterdir())
    assert len(names) == len(set(names)) == 3
    for home in (ana, copy):
        with Store.open(home) as store:
            assert sorted(v for _name, v in store.conflicts("visits", UUID)["notes"]) == [
                "Ana's words",
                "James's words",
            ]
