"""The SQLite store: round trips, ids, migrations, refusing files it must not touch, permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from mbcprep.errors import StoreError, UsageError
from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.paths import DB_NAME
from mbcprep.storage.database import APPLICATION_ID
from mbcprep.storage.maintenance import check_data, delete_all_data
from mbcprep.storage.migrations import SCHEMA_VERSION
from mbcprep.storage.store import Store


def sample_visit(uuid: str = "11111111-2222-3333-4444-555555555555", when: str = "2027-01-15") -> Visit:
    return Visit(
        uuid=uuid,
        visit_date=when,
        kind="results",
        with_whom="Dr Rivera",
        filled_by="caregiver",
        notes="Bring the scan disc.\nAsk about parking.",
        status="ready",
        questions=[
            VisitQuestion("How will I know it works?", "monitoring", "Ask this if ...", "mon-know-working", 1),
            VisitQuestion("Can I still travel in May?", "my-own", "", None, None),
        ],
        symptoms=[SymptomScore("pain", "Pain", 4), SymptomScore("other", "itchy skin", None, "at night")],
        considerations=[ConsiderationAnswer("how-to-talk", "How should we talk?", "straight facts")],
    )


@pytest.fixture
def store(private_home: Path) -> Store:
    s = Store.open(private_home)
    yield s
    s.close()


def test_save_and_load_round_trip(store: Store) -> None:
    visit = store.save(sample_visit())
    assert visit.id == 1
    loaded = store.get("1")
    assert loaded == visit
    assert store.get(visit.uuid) == visit


def test_saving_again_updates_in_place(store: Store) -> None:
    visit = store.save(sample_visit())
    visit.questions.pop()
    visit.notes = "changed"
    store.save(visit)
    again = store.get("1")
    assert again.notes == "changed" and len(again.questions) == 1
    assert [s.id for s in store.summaries()] == [1]


def test_latest_is_the_finished_visit_made_most_recently(store: Store) -> None:
    draft = sample_visit("c", "2028-01-01")
    draft.status = "draft"
    store.save(draft)
    assert store.get("latest").uuid == "c", "with no finished visit, the draft"
    store.save(sample_visit("a", "2027-03-01"))
    store.save(sample_visit("b", "2027-01-01"))  # made after "a", for an earlier day
    assert store.get("latest").uuid == "b"
    assert store.latest_draft() is not None and store.latest_draft().uuid == "c"  # type: ignore[union-attr]


def test_ids_are_not_reused_after_delete(store: Store) -> None:
    first = store.save(sample_visit("a"))
    assert first.id is not None
    store.delete(first.id)
    second = store.save(sample_visit("b"))
    assert second.id == 2
    with pytest.raises(UsageError, match="There is no visit '1'"):
        store.get("1")


def test_unknown_reference_is_a_plain_sentence(store: Store) -> None:
    with pytest.raises(UsageError, match="no visits yet"):
        store.get("latest")
    with pytest.raises(UsageError, match="There is no visit with that id") as refused:
        store.get("nope")
    assert "nope" not in str(refused.value), "what was typed may be private: never repeated"
    with pytest.raises(UsageError, match="There is no visit '42'"):
        store.get("42")


def test_import_skips_visits_already_present(store: Store) -> None:
    assert store.import_visits([sample_visit("a"), sample_visit("b")]) == (2, 0)
    assert store.import_visits([sample_visit("a"), sample_visit("c")]) == (1, 1)
    assert len(store.summaries()) == 3


def test_a_failed_transaction_changes_nothing(store: Store) -> None:
    store.save(sample_visit("a"))
    bad = sample_visit("b")
    bad.symptoms = [SymptomScore("pain", "Pain", 4), SymptomScore("nausea", "Nausea", 99)]  # breaks the CHECK
    with pytest.raises(StoreError):
        store.save(bad)
    assert [s.uuid for s in store.summaries()] == ["a"]


def test_new_database_is_private_whatever_the_umask(private_home: Path) -> None:
    old = os.umask(0)
    try:
        Store.open(private_home).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((private_home / DB_NAME).stat().st_mode) == 0o600


def test_migrations_from_a_blank_database(private_home: Path) -> None:
    private_home.mkdir(mode=0o700)
    sqlite3.connect(private_home / DB_NAME).close()  # an empty file, version 0, as a killed first save leaves
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        store.save(sample_visit())


def test_migrations_are_registered_beside_their_functions_in_order() -> None:
    from mbcprep.storage import migrations

    names = [step.__name__ for step in migrations.MIGRATIONS]
    assert (
        names
        == [
            "m001_visits",
            "m002_edit_drafts",
            "m003_revisions",
            "m004_checksums_kept_edits_written_files",
            "m005_scale_answers_as_numbers",
            "m006_patient_name_and_sheets_of_a_visit",
            "m007_diary_debrief_and_my_care",
            "m008_checksums_of_the_diary_and_my_care",
            "m009_profile",
            "m010_results",
            "m011_visit_time_and_place",
            "m012_shared_folder",
        ][: len(names)]
    )
    assert SCHEMA_VERSION == len(names) >= 12
    # The order of the file is the order applied: a migration named out of turn is refused, not appended.
    kept = list(migrations.MIGRATIONS)

    def m003_again(db: sqlite3.Connection) -> None:
        raise AssertionError("never run")

    with pytest.raises(ValueError, match="out of turn"):
        migrations.migration(m003_again)
    assert kept == migrations.MIGRATIONS


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_newer_database_is_refused_and_left_alone(private_home: Path) -> None:
    Store.open(private_home).close()
    path = private_home / DB_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match="newer version of mbcprep"):
        Store.open(private_home)
    assert _bytes(path) == before


@pytest.mark.parametrize(
    "garbage",
    [b"this is my shopping list, not a database\n", b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_a_damaged_file_is_reported_and_left_byte_for_byte(private_home: Path, garbage: bytes) -> None:
    private_home.mkdir(mode=0o700)
    path = private_home / DB_NAME
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="left as it is"):
        Store.open(private_home)
    assert _bytes(path) == garbage
    report = check_data(private_home)
    assert report.problem
    assert _bytes(path) == garbage


def test_a_database_from_another_program_is_refused(private_home: Path) -> None:
    private_home.mkdir(mode=0o700)
    path = private_home / DB_NAME
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match="not an mbcprep data file"):
        Store.open(private_home)
    assert _bytes(path) == before


def test_backup_is_a_consistent_private_copy(store: Store, tmp_path: Path) -> None:
    store.save(sample_visit())
    dest = tmp_path / "copy.sqlite3"
    store.backup(dest)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    copy = sqlite3.connect(dest)
    assert copy.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 1
    copy.close()
    with pytest.raises(UsageError, match="already exists"):
        store.backup(dest)


def test_check_data_reports_counts(store: Store, private_home: Path) -> None:
    store.save(sample_visit("a"))
    draft = sample_visit("b")
    draft.status = "draft"
    store.save(draft)
    report = check_data(private_home)
    assert (report.problem, report.visits, report.drafts, report.private) == ("", 1, 1, True)


def test_delete_all_data_removes_only_our_files(private_home: Path) -> None:
    with Store.open(private_home) as store:
        store.save(sample_visit())
        (private_home / "backups").mkdir(mode=0o700)
        store.backup(private_home / "backups" / "x.sqlite3")
    (private_home / "my-letter.txt").write_text("not ours")
    report = delete_all_data(private_home)
    assert len(report.removed) == 2
    assert sorted(p.name for p in private_home.iterdir()) == ["my-letter.txt"]
    assert [(p.name, why) for p, why in report.left] == [("my-letter.txt", "mbcprep did not make it")]


def _version_1_file(home: Path) -> Path:
    """A data file as mbcprep 0.1's first schema left it, holding one visit."""
    from mbcprep.storage.migrations import MIGRATIONS

    home.mkdir(mode=0o700)
    path = home / DB_NAME
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO visits (uuid, status, visit_date, kind, with_whom, filled_by, notes, draft_step, created_at,"
        " updated_at) VALUES ('old-visit', 'ready', '2026-01-02', 'routine', 'Dr Old', 'patient', 'kept', '',"
        " '2026-01-02T10:00:00+00:00', '2026-01-02T10:00:00+00:00')"
    )
    db.execute("INSERT INTO visit_questions VALUES (1, 0, NULL, 'Old question?', '', 'my-own', 1)")
    db.execute("COMMIT")
    db.close()
    return path


def test_migration_from_version_1_backs_up_first_and_keeps_every_visit(private_home: Path) -> None:
    _version_1_file(private_home)
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = store.get("old-visit")
        assert (old.with_whom, old.notes, [q.text for q in old.questions]) == ("Dr Old", "kept", ["Old question?"])
        store.keep_edit(old)  # the new table works
        assert [k.visit.notes for k in store.kept_edits(old.id or 0)] == ["kept"]
    (backup,) = (private_home / "backups").glob("before-v*.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT with_whom FROM visits").fetchall() == [("Dr Old",)]
    copy.close()


def test_a_save_from_a_stale_copy_is_refused_and_writes_nothing(private_home: Path) -> None:
    from mbcprep.errors import VisitChangedElsewhere

    with Store.open(private_home) as first, Store.open(private_home) as second:
        first.save(sample_visit())
        mine, theirs = first.get("1"), second.get("1")
        theirs.notes = "saved in the other window"
        second.save(theirs)
        mine.notes = "saved here"
        with pytest.raises(VisitChangedElsewhere) as refused:
            first.save(mine)
        assert refused.value.visit_id == 1
        assert "another window" in str(refused.value)
        assert first.get("1").notes == "saved in the other window"
        fresh = first.get("1")
        fresh.notes = "saved here, after a fresh look"
        first.save(fresh)
        assert second.get("1").notes == "saved here, after a fresh look"


def test_unsaved_edit_changes_remember_which_save_they_started_from(store: Store) -> None:
    store.save(sample_visit())
    visit = store.get("1")
    store.save(store.get("1"))  # saved again elsewhere: revision moves on
    store.keep_edit(visit)
    (kept,) = store.kept_edits(1)
    assert kept.visit.revision == visit.revision
    assert kept.visit.revision != store.get("1").revision


# --- files in odd states: report them, never change them -------------------------------------------


def _store_with_pages(home: Path, visits: int = 60) -> Path:
    with Store.open(home) as store:
        for n in range(visits):
            visit = sample_visit(f"uuid-{n}")
            visit.notes = f"visit {n} " * 80
            store.save(visit)
    return home / DB_NAME


def test_damage_inside_an_intact_looking_file_is_caught_by_every_open(private_home: Path) -> None:
    path = _store_with_pages(private_home)
    page = 4096
    assert path.stat().st_size > 8 * page
    with path.open("r+b") as fh:  # a b-tree page header that points nowhere sensible
        fh.seek(5 * page)
        fh.write(b"\x0d\x00\x00\x00\x09\x0f\xff\x00")
    before = _bytes(path)
    with pytest.raises(StoreError, match="damaged inside"):
        Store.open(private_home)
    assert _bytes(path) == before
    assert check_data(private_home).problem


def test_a_read_only_data_file_is_never_made_writable(private_home: Path) -> None:
    path = _store_with_pages(private_home, visits=1)
    path.chmod(0o400)
    with Store.open(private_home) as store:
        assert len(store.summaries()) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    path.chmod(0o644)  # loose permissions are still tightened
    Store.open(private_home).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_shared_folder_is_refused_not_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses.txt").write_text("not ours")
    shared.chmod(0o1777)
    with pytest.raises(UsageError, match="Choose a folder of its own"):
        Store.open(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert sorted(p.name for p in shared.iterdir()) == ["someone-elses.txt"]
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o777)
    empty.chmod(0o777)
    Store.open(empty).close()
    assert stat.S_IMODE(empty.stat().st_mode) == 0o700


def test_a_file_held_locked_elsewhere_is_busy_not_damaged(private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.storage import database as store_mod

    path = _store_with_pages(private_home, visits=1)
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        problem = check_data(private_home).problem
        with pytest.raises(StoreError) as refused:
            Store.open(private_home)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for text in (problem, str(refused.value)):
        assert "try again in a moment" in text and "damaged" not in text


def test_a_pipe_in_place_of_the_data_file_is_refused_at_once(private_home: Path) -> None:
    private_home.mkdir(mode=0o700)
    os.mkfifo(private_home / DB_NAME)
    with pytest.raises(StoreError, match="not an ordinary file"):
        Store.open(private_home)  # would hang forever if it opened the pipe


def test_data_delete_will_not_pretend_a_linked_file_is_gone(private_home: Path, tmp_path: Path) -> None:
    real = _store_with_pages(tmp_path / "real", visits=1)
    private_home.mkdir(mode=0o700)
    (private_home / DB_NAME).symlink_to(real)
    with pytest.raises(UsageError, match="is a link to"):
        delete_all_data(private_home)
    assert real.exists() and (private_home / DB_NAME).is_symlink()


def _settle(path: Path) -> None:
    """Make the file look as if it was last changed a minute ago (its times, not its bytes)."""
    old = path.stat().st_mtime_ns - 60_000_000_000
    os.utime(path, ns=(old, old))


def test_an_unchanged_file_is_not_checked_page_by_page_again(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mbcprep.storage import database, verified

    path = _store_with_pages(private_home, visits=3)
    assert not (private_home / "cache" / verified.CHECKED_NAME).exists()  # just changed: nothing noted
    calls: list[int] = []
    real = database.pages_are_sound
    monkeypatch.setattr(database, "pages_are_sound", lambda db: calls.append(1) or real(db))
    with Store.open(private_home):
        pass
    assert calls == [1]
    with Store.open(private_home):
        pass
    assert calls == [1, 1]  # changed too recently to be trusted: checked again
    time.sleep(0.01)
    _settle(path)
    monkeypatch.setattr(verified, "SETTLED_NS", 0)
    with Store.open(private_home):
        pass
    with Store.open(private_home) as store:
        assert len(store.all_visits()) == 3
    assert calls == [1, 1, 1]  # the second open of a settled file trusted the first one's check
    assert stat.S_IMODE((private_home / "cache" / verified.CHECKED_NAME).stat().st_mode) == 0o600


def test_a_file_unchanged_since_its_full_check_is_opened_without_making_its_schema_again(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The expected schema is made by running every migration in memory (a few milliseconds each
    command): a file unchanged since a full check, which held its schema too, does without; a file
    changed since has its schema checked again, and one changed by another program is refused."""
    from mbcprep.storage import database, verified

    monkeypatch.setattr(verified, "SETTLED_NS", 0)
    path = _store_with_pages(private_home, visits=3)
    with Store.open(private_home):
        pass  # checked and noted
    made: list[int] = []
    real = database.expected_schema
    monkeypatch.setattr(database, "expected_schema", lambda version: made.append(version) or real(version))
    with Store.open(private_home) as store:
        assert len(store.all_visits()) == 3
    assert made == []
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE not_ours (x)")
    db.close()
    with pytest.raises(StoreError, match="changed by another program"):
        Store.open(private_home)
    assert made == [SCHEMA_VERSION]


def test_a_schema_changed_between_the_look_at_the_file_and_the_snapshot_is_still_refused(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is looked at (its note matches) before the snapshot is taken: another program changing
    the schema in between is caught by the schema's version counter, read inside the snapshot."""
    from mbcprep.storage import verified

    monkeypatch.setattr(verified, "SETTLED_NS", 0)
    path = _store_with_pages(private_home, visits=2)
    with Store.open(private_home):
        pass  # checked and noted
    noted = verified.checked_schema(private_home, path)
    assert noted is not None
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE intruder (x)")
    db.close()
    # As if the look had come just before the change: the note matches what the file looks like now.
    verified.remember_checked(private_home, path, noted)
    assert verified.checked_schema(private_home, path) == noted
    with pytest.raises(StoreError, match="changed by another program"):
        Store.open(private_home)


def test_a_file_damaged_unseen_is_still_never_written(private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Damage the file system cannot see (bit rot: the note of the last check still matches) lets a
    command read, but the first write checks every page and refuses, changing nothing."""
    from mbcprep.storage import verified

    monkeypatch.setattr(verified, "SETTLED_NS", 0)
    path = _store_with_pages(private_home)
    with Store.open(private_home):
        pass  # checked and noted
    with path.open("r+b") as fh:
        fh.seek(5 * 4096)
        fh.write(b"\x0d\x00\x00\x00\x09\x0f\xff\x00")
    with sqlite3.connect(path) as db:
        cookie = db.execute("PRAGMA schema_version").fetchone()[0]
    db.close()
    verified.remember_checked(private_home, path, cookie)  # as if the damage had come unseen
    before = _bytes(path)
    store = Store.open(private_home)
    try:
        with pytest.raises(StoreError, match="damaged inside"):
            store.save(sample_visit("new-one"))
    finally:
        store.close()
    assert _bytes(path) == before
    assert check_data(private_home).problem  # `data check` always looks at every page


def test_one_process_asking_twice_in_a_second_never_gets_the_same_file_name() -> None:
    from mbcprep.storage.database import timestamp

    names = [timestamp() for _ in range(5)]
    assert len(set(names)) == 5 and names == sorted(names)


def test_a_backup_of_an_unchanged_file_reads_without_checking_every_seal_again(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full backup that found every seal sound notes it; the next one of the very same file gives the
    same text without holding each visit and record to its seal again; any change to the file (a
    save, or another program's) makes the next backup check every seal again, and find what changed."""
    from mbcprep.formats.backup import RECORD_SEPARATOR
    from mbcprep.model.diary import DiaryEntry
    from mbcprep.storage import verified, visits

    monkeypatch.setattr(verified, "SETTLED_NS", 0)
    checks: list[int] = []
    add_seal_function = visits.add_seal_function

    def counted(database):  # type: ignore[no-untyped-def]
        checks.append(1)
        add_seal_function(database)

    monkeypatch.setattr(visits, "add_seal_function", counted)
    monkeypatch.setattr("mbcprep.storage.records.add_seal_function", counted)
    with Store.open(private_home) as store:
        store.save(sample_visit("v-1"))
        store.diary.save(DiaryEntry("d-1", "2026-12-01", "pain", "Pain", 3, "at night"))
    path = private_home / DB_NAME
    with Store.open(private_home) as store:  # a first look at the changed file checks and notes its pages
        first = store.backup_json(RECORD_SEPARATOR)
        assert first[1] == [] and first[3] == [] and checks, "every seal checked"
        assert verified.seals_sound(private_home, path)
        checks.clear()
        assert store.backup_json(RECORD_SEPARATOR) == first and checks == [], "the same file: read only"

    with sqlite3.connect(path) as db:  # changed behind mbcprep's back
        db.execute("UPDATE diary_entries SET score = 9")
    db.close()
    assert not verified.seals_sound(private_home, path), "the note is of the file as it was"
    with Store.open(private_home) as store:
        _lines, _damaged, records, damaged_records = store.backup_json(RECORD_SEPARATOR)
        assert checks and damaged_records == [("diary", 1)] and '"score":9' in records["diary"]
        checks.clear()
        assert store.backup_json(RECORD_SEPARATOR)[3] == [("diary", 1)] and checks, "damage is never noted sound"
