"""The records kept beside the visits (diary, treatments, medicines, care team): declared once, kept in
their own tables by a migration that keeps what was there, and carried in the JSON backup."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from mbcprep.errors import UsageError
from mbcprep.formats.backup import parse_backup, render_backup
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.model.record import from_record, to_record
from mbcprep.model.results import Result
from mbcprep.model.visit import Visit
from mbcprep.paths import DB_NAME
from mbcprep.storage.database import APPLICATION_ID
from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from mbcprep.storage.store import Store

MADE_ON = date(2027, 3, 1)


def _records() -> dict[str, list[object]]:
    return {
        "diary": [
            DiaryEntry("d-1", "2027-02-01", "fatigue", "Tiredness", 3),
            DiaryEntry("d-2", "2027-02-02", "other", "Itchy  Skin", 5, "after the shower"),
        ],
        "treatments": [
            Treatment("t-1", "letrozole + palbociclib", "hormone", "2024-03", "2026-01", "stopped-working", "ok"),
            Treatment("t-2", "capecitabine", "chemotherapy", "2026-02"),
            Treatment("t-3", "letrozole + ribociclib", "hormone,targeted", "2026-06"),
        ],
        "medicines": [Medicine("m-1", "ondansetron", "8 mg", "when sick", "nausea", "2026-02")],
        "care_team": [TeamMember("c-1", "Dr Rivera", "oncologist", "City Cancer Centre", "555 0100", True)],
        "profile": [Profile("p-1", "Ana Ruiz", born="1968", sex="female", pregnancy_possible="no", ecog="1")],
        "tumour_results": [
            TumourResult("r-1", "her2", result="2+ish-", origin="tissue", sample="breast", tested="2019-05"),
            TumourResult("r-2", "her2", result="1+", origin="tissue", sample="liver biopsy", tested="2024-03"),
        ],
        "cancer_sites": [CancerSite("s-1", "bone", since="2024-03"), CancerSite("s-2", "brain", status="stable")],
        "results": [
            Result("r-1", "2026-09-01", "CA 15-3", "ca15-3", 48.0, "U/mL", None, 30.0, note="a little up"),
            Result("r-2", "2026-09-02", scan="ct", area="chest", finding="stable"),
        ],
    }


@pytest.fixture
def store(private_home: Path) -> Store:
    s = Store.open(private_home)
    yield s
    s.close()


def test_an_own_symptom_gets_one_key_however_it_is_typed() -> None:
    a = DiaryEntry("a", "2027-02-01", "other", "Itchy  Skin", 2)
    b = DiaryEntry("b", "2027-02-02", "other", "itchy skin ", 4)
    assert a.key == b.key == "other:itchy skin"
    assert DiaryEntry("c", "2027-02-01", "fatigue", "Tiredness", 1).key == "fatigue"


def test_each_table_saves_reads_and_deletes_its_records(store: Store) -> None:
    for key, records in _records().items():
        table = store.records(key)
        for record in records:
            table.save(record)
        back = table.all()
        assert [to_record(r) for r in back] == [to_record(r) for r in records]
        assert all(r.created_at and r.updated_at for r in back)
        first = back[0]
        assert table.get(str(first.id)).uuid == first.uuid
        table.delete(first.id)
        assert [r.uuid for r in table.all()] == [r.uuid for r in records[1:]]
    assert store.team.all() == []  # the one member was removed above
    with pytest.raises(UsageError):
        store.treatments.get("999")


def test_a_flag_comes_back_as_true_or_false(store: Store) -> None:
    store.team.save(TeamMember("c-2", "Night line", after_hours=True))
    (back,) = store.team.all()
    assert back.after_hours is True
    assert to_record(back)["after_hours"] is True


def test_the_diary_keeps_one_score_a_day_for_each_symptom(store: Store) -> None:
    store.diary.save(DiaryEntry("d-1", "2027-02-01", "other", "itchy skin", 2))
    with pytest.raises(UsageError, match="already one"):
        store.diary.save(DiaryEntry("d-9", "2027-02-01", "other", "Itchy Skin", 6))
    assert [e.score for e in store.diary.all()] == [2]


def test_a_full_backup_round_trips_every_list() -> None:
    visit = Visit(uuid="v-1", status="ready", visit_date="2027-02-10", language="es")
    text = render_backup([visit], MADE_ON, _records())
    data = json.loads(text)
    assert data["version"] == 4
    assert [len(data[k]) for k in ("diary", "treatments", "medicines", "care_team", "results")] == [2, 3, 1, 1, 2]
    assert [len(data[k]) for k in ("profile", "tumour_results", "cancer_sites")] == [1, 2, 2]
    assert data["treatments"][2]["kind"] == ["hormone", "targeted"]  # several kinds, as a list
    assert (data["results"][0]["value"], data["results"][0]["low"]) == (48.0, None)
    assert "key" not in data["diary"][0] and "id" not in data["diary"][0]  # this computer's bookkeeping
    back = parse_backup(data, "x.json")
    assert back.visits == [visit]
    assert {k: [to_record(r) for r in v] for k, v in back.records.items()} == {
        k: [to_record(r) for r in v] for k, v in _records().items()
    }
    assert render_backup(back.visits, MADE_ON, back.records) == text
    assert back.of("diary")[1].key == "other:itchy skin"  # worked out again on reading


def test_a_backup_without_the_new_lists_still_reads() -> None:
    version_1 = {"format": "mbcprep", "version": 1, "visits": [{"uuid": "v-1", "kind": "routine", "status": "ready"}]}
    back = parse_backup(version_1, "old.json")
    assert [v.uuid for v in back.visits] == ["v-1"]
    assert back.records == {
        "diary": [],
        "treatments": [],
        "medicines": [],
        "care_team": [],
        "profile": [],
        "tumour_results": [],
        "cancer_sites": [],
        "results": [],
    }
    assert (back.visits[0].language, back.visits[0].told, back.visits[0].questions) == ("", "", [])


@pytest.mark.parametrize(
    ("key", "record", "message"),
    [
        ("treatments", {"uuid": "t", "what": "x", "kind": "magic"}, "unknown 'kind'"),
        ("treatments", {"uuid": "t", "what": "x", "kind": "hormone", "started": "2024-13"}, "not YYYY-MM"),
        ("treatments", {"uuid": "t", "what": "", "kind": "hormone"}, "missing 'what'"),
        ("care_team", {"uuid": "c", "name": "x", "after_hours": 1}, "not true or false"),
        ("diary", {"uuid": "d", "day": "2027-02-30", "symptom": "pain", "name": "Pain"}, "not YYYY-MM-DD"),
        ("diary", {"uuid": "d", "day": "2027-02-03", "symptom": "pain", "name": "Pain", "score": 11}, "outside 0-10"),
    ],
)
def test_a_wrong_record_is_refused_in_a_plain_sentence(key: str, record: dict[str, object], message: str) -> None:
    data = {"format": "mbcprep", "version": 2, "visits": [], key: [record]}
    with pytest.raises(UsageError, match=message):
        parse_backup(data, "x.json")


def test_months_and_whole_dates_are_both_accepted() -> None:
    for when in ("2024-03", "2024-03-15", ""):
        assert from_record(Treatment, {"uuid": "t", "what": "x", "kind": "other", "started": when}, "t").started == when


def test_importing_twice_adds_nothing_the_second_time(store: Store) -> None:
    records = _records()
    first = store.import_everything([Visit(uuid="v-1", status="ready")], records)
    mine = {"profile": (1, 0), "tumour_results": (2, 0), "cancer_sites": (2, 0)}
    assert first == {
        "visits": (1, 0),
        "diary": (2, 0),
        "treatments": (3, 0),
        "medicines": (1, 0),
        "care_team": (1, 0),
        "results": (2, 0),
        **mine,
    }
    again = store.import_everything([Visit(uuid="v-1", status="ready")], _records())
    assert again == {
        "visits": (0, 1),
        "diary": (0, 2),
        "treatments": (0, 3),
        "medicines": (0, 1),
        "care_team": (0, 1),
        "profile": (0, 1),
        "tumour_results": (0, 2),
        "cancer_sites": (0, 2),
        "results": (0, 2),
    }
    # A diary score for a day already scored here, under another uuid, leaves the one here alone.
    clash = {"diary": [DiaryEntry("d-other", "2027-02-01", "fatigue", "Tiredness", 9)]}
    assert store.import_everything([], clash)["diary"] == (0, 1)
    assert [e.score for e in store.diary.all() if e.day == "2027-02-01"] == [3]


def _version_6_file(home: Path) -> None:
    """A data file as the last release left it (schema 6), holding one visit with a question."""
    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / DB_NAME, isolation_level=None)
    db.execute("BEGIN")
    for step in MIGRATIONS[:6]:
        step(db)
    db.execute("PRAGMA user_version = 6")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO visits (uuid, status, visit_date, kind, with_whom, filled_by, notes, draft_step, created_at,"
        " updated_at) VALUES ('six', 'ready', '2026-10-02', 'routine', 'Dr Six', 'patient', 'kept', '',"
        " '2026-10-02T10:00:00+00:00', '2026-10-02T10:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO visit_questions (visit_id, position, question_id, text, why, topic, rank)"
        " VALUES (1, 0, NULL, 'Still here?', '', 'my-own', 1)"
    )
    db.execute("COMMIT")
    db.close()


def test_the_migration_to_version_7_keeps_every_visit_and_backs_up_first(private_home: Path) -> None:
    assert SCHEMA_VERSION >= 7
    _version_6_file(private_home)
    with Store.open(private_home) as store:
        visit = store.get("six")
        assert (visit.with_whom, visit.notes, visit.intact) == ("Dr Six", "kept", True)
        assert [(q.text, q.outcome, q.answer, q.carried) for q in visit.questions] == [("Still here?", "", "", 0)]
        assert (visit.told, visit.next_visit, visit.debriefed_at, visit.language) == ("", "", "", "")
        store.diary.save(DiaryEntry("d-1", "2027-02-01", "pain", "Pain", 2))  # the new tables work
        assert len(store.diary.all()) == 1
    backups = sorted(p.name for p in (private_home / "backups").glob("before-v*.sqlite3"))
    assert backups and "6" in backups[-1]
    copy = sqlite3.connect(private_home / "backups" / backups[-1])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 6
    assert copy.execute("SELECT with_whom FROM visits").fetchall() == [("Dr Six",)]
    copy.close()


ODD_TEXT = 'Dr "Ré" \\ \x1b[31m\x7f\u2028\U0001f600\t\n'


def test_seals_held_inside_sqlite_find_what_python_finds(store: Store) -> None:
    """`damaged()` and `damaged_visits()` hold each row to its checksum inside SQLite (no Python value
    of each): for odd text they agree with Python's own check, and a change made behind mbcprep's back
    is found in every kind of record and in any part of a visit."""
    from tests.test_store import sample_visit

    for n in (1, 2, 3):
        visit = sample_visit(f"v-{n}")
        visit.notes = visit.questions[0].text = ODD_TEXT
        store.save(visit)
    store.save(Visit(uuid="v-bare", status="draft", draft_step="symptoms"))  # no parts at all
    store.diary.save(DiaryEntry("d-1", "2026-01-02", "other", ODD_TEXT, None, ODD_TEXT))
    store.diary.save(DiaryEntry("d-2", "2026-01-03", "pain", "Pain", 10, ""))
    store.medicines.save(Medicine("m-1", ODD_TEXT, ODD_TEXT, "", ODD_TEXT, "2024-03"))
    store.team.save(TeamMember("c-1", ODD_TEXT, after_hours=True))
    keys = ("diary", "medicines", "treatments", "care_team")
    assert store.damaged_visits() == [] and all(store.records(k).damaged() == [] for k in keys)

    with store.transaction() as db:  # behind mbcprep's back
        db.execute("UPDATE visit_questions SET text = 'changed' WHERE visit_id = 3 AND position = 0")
        db.execute("UPDATE visits SET notes = 'changed' WHERE id = 1")
        db.execute("UPDATE diary_entries SET score = 9 WHERE uuid = 'd-2'")
        db.execute("UPDATE care_team SET after_hours = 0")
    assert store.damaged_visits() == [1, 3] == [v.id for v in store.all_visits() if not v.intact]
    assert store.records("diary").damaged() == [2] == [r.id for r in store.diary.all(checked=True) if not r.intact]
    assert store.records("care_team").damaged() == [1]
    assert store.records("medicines").damaged() == []
