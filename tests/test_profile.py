"""`mbcprep profile`: who I am and what my cancer is (issue 21, point 1): the records, their migration,
the commands, the history of results kept, the backup and import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.paths import DB_NAME
from mbcprep.storage.database import APPLICATION_ID
from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from mbcprep.storage.store import Store


def _version_8_file(home: Path) -> None:
    """A data file as the release before the profile left it (schema 8), holding a treatment."""
    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / DB_NAME, isolation_level=None)
    db.execute("BEGIN")
    for step in MIGRATIONS[:8]:
        step(db)
    db.execute("PRAGMA user_version = 8")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO treatments (uuid, what, kind, started, stopped, why_stopped, how_it_went, created_at,"
        " updated_at) VALUES ('t-8', 'letrozole', 'hormone', '2024-03', '', '', '', '2026-10-02T10:00:00+00:00',"
        " '2026-10-02T10:00:00+00:00')"
    )
    db.execute("COMMIT")
    db.close()


def test_m009_adds_the_profile_keeps_what_was_there_and_backs_up_first(private_home: Path) -> None:
    _version_8_file(private_home)
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [t.what for t in store.treatments.all()] == ["letrozole"]
        assert store.records("treatments").damaged() == []  # resealed after the migration
        store.records("profile").save(Profile("p-1", "Ana"))
        assert [p.name for p in store.records("profile").all()] == ["Ana"]
    assert list((private_home / "backups").glob("before-v9-*.sqlite3"))


def test_one_profile_a_folder_and_each_place_once(private_home: Path) -> None:
    with Store.open(private_home) as store:
        store.records("profile").save(Profile("p-1", "Ana"))
        # A backup's profile under another uuid is skipped: the one here stays.
        with store.transaction() as db:
            assert store.records("profile").import_in(db, [Profile("p-2", "Other")]) == (0, 1)
            sites = [CancerSite("s-1", "bone"), CancerSite("s-2", "bone")]
            assert store.records("cancer_sites").import_in(db, sites) == (1, 1)
            same = [TumourResult("r-1", "er", result="positive"), TumourResult("r-2", "er", result="positive")]
            assert store.records("tumour_results").import_in(db, same) == (1, 1)
        assert [p.name for p in store.records("profile").all()] == ["Ana"]


@pytest.mark.parametrize("born", ["1968", "1968-04-12", ""])
def test_a_year_or_a_whole_date_of_birth_reads_from_a_backup(born: str) -> None:
    from mbcprep.model.record import from_record

    assert from_record(Profile, {"uuid": "p", "born": born}, "p").born == born


@pytest.mark.parametrize("born", ["68", "1968-13", "April 1968", "1850"])
def test_a_wrong_birth_is_refused_from_a_backup(born: str) -> None:
    from mbcprep.errors import UsageError
    from mbcprep.model.record import from_record

    with pytest.raises(UsageError, match="born"):
        from_record(Profile, {"uuid": "p", "born": born}, "p")
