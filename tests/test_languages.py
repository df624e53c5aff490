"""One list of languages (`mbcprep.languages`) that the visit's check, the backup, settings, the
environment, help, language names and dates all read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from mbcprep import languages
from mbcprep.languages import Language

# A program that adds French to the one list before anything else is loaded, the way an entry written
# in mbcprep/languages.py would be, then asks each surface whether it knows French.
_WITH_FRENCH = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from datetime import date
    from pathlib import Path

    from mbcprep import languages
    languages.LANGUAGES = (*languages.LANGUAGES, languages.Language("fr", "French", "français", day_first=True))

    from mbcprep.errors import UsageError
    from mbcprep.formats.backup import parse_backup, render_backup
    from mbcprep.model.visit import Visit

    found = {}
    backup = json.loads(render_backup([Visit(uuid="11111111-2222-3333-4444-555555555555", language="fr")],
                                      date(2027, 1, 15)))
    found["backup"] = parse_backup(backup, "backup.json").visits[0].language
    backup["visits"][0]["language"] = "de"
    try:
        parse_backup(backup, "backup.json")
        found["unknown refused"] = False
    except UsageError:
        found["unknown refused"] = True

    from mbcprep import modes
    from mbcprep.actions.preferences import change_setting
    from mbcprep.languages import language_name
    from mbcprep.preferences import read_preferences

    folder = Path(sys.argv[1])
    change_setting(folder, "lang", "fr")
    found["settings"] = read_preferences(folder).lang
    found["environment"] = modes.choose_language(None, None, {"LANG": "fr_FR.UTF-8"})
    found["name"] = language_name("fr")

    from mbcprep.app import main

    for argv in (["--help"], ["settings", "--help"]):
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            main(argv)
        found[" ".join(argv)] = " ".join(shown.getvalue().split())
    print(json.dumps(found))
    """
)


def test_a_language_added_to_the_one_list_is_seen_everywhere(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    ran = subprocess.run(
        [sys.executable, "-c", _WITH_FRENCH, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout.splitlines()[-1])
    assert found["backup"] == "fr"  # the visit's own check and the backup
    assert found["unknown refused"] is True  # and still refuses one not in the list
    assert found["settings"] == "fr"
    assert found["environment"] == "fr"
    assert found["name"] == "French"
    assert "fr (français)" in found["--help"]  # --lang
    assert "on, off, en, es, fr, minutes or auto" in found["settings --help"]


def test_today_the_list_is_english_and_spanish_and_only_it_names_them() -> None:
    from mbcprep.model.record import declared
    from mbcprep.model.visit import Visit

    assert languages.codes() == ("en", "es")
    assert languages.LANGUAGES[0].code == "en"  # the language the messages are written in comes first
    spec = next(d.spec for d in declared(Visit) if d.name == "language")
    assert spec.choices == ("", "en", "es")
    # Every catalogue and content folder named in the list is shipped.
    package = Path(languages.__file__).parent
    for lang in languages.LANGUAGES[1:]:
        assert (package / "locale" / lang.code / "LC_MESSAGES" / "mbcprep.mo").is_file(), lang
        assert (package.parent / "data" / lang.code / "kinds.yaml").is_file(), lang
    # No other module writes the list out again.
    written_again = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "languages.py" and any(f in path.read_text() for f in ('("en", "es")', '"", "en", "es"'))
    ]
    assert written_again == []


def test_typed_dates_follow_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.dates import read_date

    today = date(2027, 1, 2)
    assert read_date("8/12", today) == date(2027, 8, 12)  # English: month first
    monkeypatch.setattr(languages, "LANGUAGES", (Language("en", "English", "English", day_first=True),))
    assert read_date("8/12", today) == date(2027, 12, 8)


def test_the_visits_language_is_checked_when_a_backup_is_read() -> None:
    from mbcprep.errors import UsageError
    from mbcprep.formats.backup import parse_backup, render_backup
    from mbcprep.model.visit import Visit

    backup = json.loads(
        render_backup([Visit(uuid="11111111-2222-3333-4444-555555555555", language="es")], date.today())
    )
    assert parse_backup(backup, "b.json").visits[0].language == "es"
    backup["visits"][0]["language"] = "fr"
    with pytest.raises(UsageError):
        parse_backup(backup, "b.json")
