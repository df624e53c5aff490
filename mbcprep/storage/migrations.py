"""The data file's schema, one named migration a step. Append only; never edit one.

A migration is registered by `@migration` beside its function, so the order of this file is the
order they run in: `m009_...` comes after `m008_...` (the decorator refuses a name out of turn).

Each migration turns a file of one version into the next, inside the one transaction the store's
migration runner opens (after backing the file up). `expected_schema` says which tables and columns
a file of each version has, so a file changed by another program is noticed before anything is done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# MIGRATIONS[n] turns a version-n file into a version-(n+1) file.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []


def migration(step: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register `step` as the next migration; its name must say its number (m009_... after m008_...)."""
    number = f"m{len(MIGRATIONS) + 1:03d}_"
    if not step.__name__.startswith(number):
        raise ValueError(f"migration {step.__name__} is out of turn: the next one is named {number}...")
    MIGRATIONS.append(step)
    return step


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): that commits first, which would break the one-transaction rule.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m001_visits(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('draft', 'ready')),
            visit_date TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            with_whom TEXT NOT NULL DEFAULT '',
            filled_by TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            draft_step TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX visits_by_date ON visits (status, visit_date, id);
        CREATE TABLE visit_questions (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT,
            text TEXT NOT NULL,
            why TEXT NOT NULL DEFAULT '',
            topic TEXT NOT NULL,
            rank INTEGER CHECK (rank IS NULL OR rank BETWEEN 1 AND 3),
            PRIMARY KEY (visit_id, position)
        );
        CREATE TABLE visit_symptoms (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            symptom_id TEXT NOT NULL,
            name TEXT NOT NULL,
            score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (visit_id, position)
        );
        CREATE TABLE visit_considerations (
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            consideration_id TEXT NOT NULL,
            prompt TEXT NOT NULL,
            answer TEXT NOT NULL,
            PRIMARY KEY (visit_id, position)
        );
        """,
    )


@migration
def m002_edit_drafts(db: sqlite3.Connection) -> None:
    # Changes made in `edit` but not saved yet (kept aside when the edit is interrupted).
    _run_script(
        db,
        """
        CREATE TABLE edit_drafts (
            visit_id INTEGER PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )


@migration
def m003_revisions(db: sqlite3.Connection) -> None:
    # Counts the saves of each visit, so a save notices another window's save in between.
    db.execute("ALTER TABLE visits ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


@migration
def m004_checksums_kept_edits_written_files(db: sqlite3.Connection) -> None:
    """A checksum for each visit (filled in by the migration runner, which reseals every visit);
    changes kept aside per window rather than one per visit; and the list of files mbcprep wrote."""
    _run_script(
        db,
        """
        ALTER TABLE visits ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
        CREATE TABLE kept_edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        INSERT INTO kept_edits (visit_id, payload, updated_at)
            SELECT visit_id, payload, updated_at FROM edit_drafts ORDER BY visit_id;
        DROP TABLE edit_drafts;
        CREATE TABLE written_files (
            path TEXT PRIMARY KEY,
            what TEXT NOT NULL CHECK (what IN ('backup', 'sheet', 'export')),
            written_at TEXT NOT NULL
        );
        """,
    )


@migration
def m005_scale_answers_as_numbers(db: sqlite3.Connection) -> None:
    """A 0-10 answer of the checklist is kept as a number, no longer as the words "7 out of 10"."""
    _run_script(
        db,
        """
        ALTER TABLE visit_considerations ADD COLUMN score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10);
        UPDATE visit_considerations
            SET score = CAST(substr(answer, 1, instr(answer, ' ') - 1) AS INTEGER), answer = ''
            WHERE answer GLOB '[0-9] out of 10' OR answer = '10 out of 10'
        """,
    )


@migration
def m006_patient_name_and_sheets_of_a_visit(db: sqlite3.Connection) -> None:
    """The first name of the person a caregiver fills a visit in for; and which visit a sheet was
    made from, so `edit` can offer to make that sheet again."""
    _run_script(
        db,
        """
        ALTER TABLE visits ADD COLUMN patient_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE written_files ADD COLUMN visit_uuid TEXT
        """,
    )


@migration
def m007_diary_debrief_and_my_care(db: sqlite3.Connection) -> None:
    """A symptom diary between visits (one score a day for each symptom); after a visit, what became of
    each question and what the person was told; how many visits a question was carried over from; the
    language a visit was prepared in; the treatment history, the medicines taken now and the care team."""
    _run_script(
        db,
        """
        CREATE TABLE diary_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL,
            symptom_id TEXT NOT NULL,
            name TEXT NOT NULL,
            score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            key TEXT NOT NULL
        );
        CREATE UNIQUE INDEX diary_by_day ON diary_entries (day, key);
        CREATE INDEX diary_by_symptom ON diary_entries (key, day);
        ALTER TABLE visit_questions ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
            CHECK (outcome IN ('', 'answered', 'partly', 'not'));
        ALTER TABLE visit_questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
        ALTER TABLE visit_questions ADD COLUMN carried INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE visits ADD COLUMN told TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN next_visit TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN debriefed_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN language TEXT NOT NULL DEFAULT '';
        CREATE TABLE treatments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            what TEXT NOT NULL,
            kind TEXT NOT NULL,
            started TEXT NOT NULL DEFAULT '',
            stopped TEXT NOT NULL DEFAULT '',
            why_stopped TEXT NOT NULL DEFAULT '',
            how_it_went TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE medicines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            dose TEXT NOT NULL DEFAULT '',
            how_often TEXT NOT NULL DEFAULT '',
            what_for TEXT NOT NULL DEFAULT '',
            since TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE care_team (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            after_hours INTEGER NOT NULL DEFAULT 0 CHECK (after_hours IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
    )


@migration
def m008_checksums_of_the_diary_and_my_care(db: sqlite3.Connection) -> None:
    """A checksum for each diary entry, treatment, medicine and member of the care team, as each visit
    has (filled in by the migration runner, which reseals every record)."""
    _run_script(
        db,
        """
        ALTER TABLE diary_entries ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
        ALTER TABLE treatments ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
        ALTER TABLE medicines ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
        ALTER TABLE care_team ADD COLUMN checksum TEXT NOT NULL DEFAULT ''
        """,
    )


# Numbered m012 when merged after m009 (profile), m010 (results) and m011 (visit time and place).
@migration
def m009_shared_folder(db: sqlite3.Connection) -> None:
    """Sharing through a folder a sync tool keeps in step (`mbcprep share`): this computer's name and
    folder, the segments of every computer's journal read so far, each field's latest values, and the
    records changed here since the last segment was written (mbcprep.storage.sync)."""
    _run_script(
        db,
        """
        CREATE TABLE sync_self (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            computer TEXT NOT NULL,
            name TEXT NOT NULL,
            folder TEXT NOT NULL,
            clock_ms INTEGER NOT NULL DEFAULT 0,
            clock_n INTEGER NOT NULL DEFAULT 0,
            listing TEXT NOT NULL DEFAULT '',
            file_id TEXT NOT NULL DEFAULT '',
            joined_at TEXT NOT NULL
        );
        CREATE TABLE sync_segments (
            computer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            written_at TEXT NOT NULL,
            seen TEXT NOT NULL,
            PRIMARY KEY (computer, seq)
        );
        CREATE TABLE sync_fields (
            kind TEXT NOT NULL,
            uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            heads TEXT NOT NULL,
            PRIMARY KEY (kind, uuid, field)
        );
        CREATE TABLE sync_dirty (
            kind TEXT NOT NULL,
            uuid TEXT NOT NULL,
            PRIMARY KEY (kind, uuid)
        );
        CREATE TABLE sync_chosen (
            kind TEXT NOT NULL,
            uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            PRIMARY KEY (kind, uuid, field)
        )
        """,
    )


SCHEMA_VERSION = len(MIGRATIONS)  # after the last migration above


def schema_of(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: tuple(c[1] for c in db.execute(f'PRAGMA table_info("{name}")')) for name in names}


_EXPECTED: dict[int, dict[str, tuple[str, ...]]] = {}


def expected_schema(version: int) -> dict[str, tuple[str, ...]]:
    """The tables and columns a file of `version` has: the migrations up to it, run in memory."""
    if version not in _EXPECTED:
        db = sqlite3.connect(":memory:", isolation_level=None)
        for step in MIGRATIONS[: max(version, 0)]:
            step(db)
        _EXPECTED[version] = schema_of(db)
        db.close()
    return _EXPECTED[version]
