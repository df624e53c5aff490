"""A record is declared once: a field added to a medicine's declaration (here a test-only copy of the
record, registered for the test, with its migration) is found in every
surface without any other code: the store, the backup, `add --no-input` and `edit` options and their
help, the form, the list and `--json`, and the doctor's sheet."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mbcprep.i18n import N_
from mbcprep.model.care import Medicine
from mbcprep.model.record import text_field
from mbcprep.model.registry import BY_KEY
from tests.scripted import ScriptedPrompter


@dataclass
class PharmacyMedicine(Medicine):
    """A medicine with one more field, declared as a real one would be."""

    pharmacy: str = text_field(  # as the README's recipe says
        option="--pharmacy",
        help=N_("Where you pick it up."),
        prompt=N_("Which pharmacy? (Enter to skip)"),
        hint=N_("For example: the one on Main Street"),
        listed=N_("Pharmacy: {place}"),
        sheet=N_("Pharmacy"),
    )


def m_test_pharmacy(db: sqlite3.Connection) -> None:
    """The field's migration, as `mbcprep.storage.migrations` would hold it."""
    db.execute("ALTER TABLE medicines ADD COLUMN pharmacy TEXT NOT NULL DEFAULT ''")


@pytest.fixture
def with_pharmacy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Medicines are `PharmacyMedicine` while the test runs: the registry says so, the field's
    migration is the last one (the data file is made with it), and the `meds` group is built anew
    (none of the commands this process made before is used meanwhile)."""
    from mbcprep.cli import group as commands_made
    from mbcprep.cli import load_commands
    from mbcprep.cli.care import care_group
    from mbcprep.storage import database, maintenance, migrations

    version = migrations.SCHEMA_VERSION + 1
    migrations.MIGRATIONS.append(m_test_pharmacy)
    for module in (migrations, database, maintenance):
        monkeypatch.setattr(module, "SCHEMA_VERSION", version)
    kept = BY_KEY["medicines"]
    object.__setattr__(kept, "cls", PharmacyMedicine)
    group = next(g for g in load_commands("meds").registered_groups if g.name == "meds")
    monkeypatch.setattr(group, "typer_instance", care_group("medicines", ("meds", "list", "add", "edit", "remove")))
    monkeypatch.setattr(commands_made, "_made", {})
    try:
        yield
    finally:
        object.__setattr__(kept, "cls", Medicine)
        migrations.MIGRATIONS.remove(m_test_pharmacy)
        migrations._EXPECTED.pop(version, None)


def test_a_field_declared_once_is_in_every_surface(cli, with_pharmacy: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The options of add and edit, with their help.
    shown = cli("meds", "add", "--help").out
    assert "--pharmacy" in shown and "Where you pick it up." in shown
    assert "--pharmacy" in cli("meds", "edit", "--help").out

    # add --no-input, then the list and --json.
    ran = cli("meds", "add", "--no-input", "--name", "letrozole", "--pharmacy", "Main Street")
    assert ran.code == 0, ran
    assert "    Pharmacy: Main Street" in cli("meds", "list").out
    assert json.loads(cli("meds", "list", "--json").out)[0]["pharmacy"] == "Main Street"

    # edit changes only what its options say; the store gives the field back.
    assert cli("meds", "edit", "1", "--no-input", "--pharmacy", "Oak Avenue").code == 0
    from mbcprep.settings import Settings

    with Settings().open_store() as store:
        (kept,) = store.records("medicines").all(checked=True)
    assert isinstance(kept, PharmacyMedicine)
    assert (kept.name, kept.pharmacy, kept.intact) == ("letrozole", "Oak Avenue", True)

    # The backup holds it, and an import brings it back.
    backup = tmp_path / "backup.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    assert json.loads(backup.read_text(encoding="utf-8"))["medicines"][0]["pharmacy"] == "Oak Avenue"
    from mbcprep.formats.backup import parse_backup

    parsed = parse_backup(json.loads(backup.read_text(encoding="utf-8")), "backup.json")
    assert [m.pharmacy for m in parsed.records["medicines"]] == ["Oak Avenue"]

    # The doctor's sheet: a column of its own.
    assert cli("new-visit", "--no-input", "--date", "2027-01-15").code == 0
    sheet = cli("export", "latest", "--for", "doctor", "-o", "-").out
    assert "| Medicine | Dose | How often | What for | Since | Pharmacy |" in sheet
    assert "| letrozole |  |  |  |  | Oak Avenue |" in sheet


def test_the_form_asks_a_declared_field_and_keeps_it_with_enter(with_pharmacy: None) -> None:
    from mbcprep.actions.care import MEDICINES
    from mbcprep.forms.care import ask_record

    script = [
        ("medicine called", "letrozole"),
        ("how much", ""),
        ("how often", ""),
        ("what is it for", ""),
        ("since when", ""),
        ("which pharmacy", "Main Street"),
    ]
    p = ScriptedPrompter(script)
    made = ask_record(MEDICINES, prompter=p)
    assert isinstance(made, PharmacyMedicine) and made.pharmacy == "Main Street"
    again = ScriptedPrompter([(words, "") for words, _answer in script])
    assert ask_record(MEDICINES, made, prompter=again).pharmacy == "Main Street", "Enter keeps the old answer"
    assert not p.script and not again.script


def test_the_test_record_is_a_copy_with_one_more_field() -> None:
    """What the tests above add is one declared field, nothing else."""
    names = [f.name for f in dataclasses.fields(PharmacyMedicine)]
    assert names == [*(f.name for f in dataclasses.fields(Medicine)), "pharmacy"]


def test_the_readme_recipe_for_a_field_is_the_one_tested() -> None:
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert 'text_field(option="--pharmacy", help=N_("Where you pick it up."), prompt=N_("Which' in readme
    assert "tests/test_declared_once.py" in readme
