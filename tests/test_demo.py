"""`mbcprep demo`: made-up data in a throwaway folder, removed at the end; the real data folder (its
settings too) and the current folder are never read, written or shown.

These run the command line in this process (the `cli` fixture); tests/test_e2e_plain_demo.py runs
the demo's interview in a real pseudo-terminal, with Ctrl-C and a closed terminal.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mbcprep.content.load import load_content
from mbcprep.demo import sample
from mbcprep.demo.folder import PREFIX, make_demo_folder, remove_left_behind
from mbcprep.demo.interview import FAST_STEPS, DemoPrompter, run_demo_interview, short_interview
from mbcprep.formats.backup import read_backup, render_backup
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir
from mbcprep.settings import Settings
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, Maybe, ScriptedPrompter

TODAY = date(2026, 11, 30)


def snapshot(folder: Path) -> dict[str, Any]:
    """Everything about a folder a demo could change: each entry's bytes, mode and mtime, the
    folder's own mtime, and what it lists."""
    seen: dict[str, Any] = {".": (os.stat(folder).st_mtime_ns, sorted(os.listdir(folder)))}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        body = path.read_bytes() if path.is_file() else sorted(os.listdir(path)) if path.is_dir() else None
        seen[str(path.relative_to(folder))] = (body, info.st_mode, info.st_mtime_ns)
    return seen


@pytest.fixture
def real_data(cli, private_home: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A real data folder holding a visit, a backup and saved settings (plain mode on, Spanish)."""
    made = cli("new-visit", "--no-input", "--date", "2027-01-15", "--with", "dr patel", "--note", "real note")
    assert made.code == 0, made
    assert cli("data", "backup").code == 0
    assert cli("settings", "plain", "on").code == 0
    assert cli("settings", "lang", "es").code == 0
    return snapshot(private_home)


def demo_error(ran: Any, *words: str) -> None:
    """Exit 1 with the demo's line, then one 'Error: ...' sentence holding every word."""
    lines = [ln for ln in ran.err.splitlines() if ln.strip()]
    assert ran.code == 1 and len(lines) == 2, ran
    assert lines[0].startswith("DEMO - nothing is saved") and lines[1].startswith("Error: "), ran
    assert all(word in lines[1] for word in words), (words, lines[1])


# --- the sample ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_id_the_sample_names_is_in_the_content(language: str) -> None:
    root = shipped_data_dir() / "es" if language == "es" else None
    content = load_content(data_dir=root, include_env=False)
    missing = [qid for qid in sample.QUESTION_IDS if qid not in content.questions]
    assert missing == [], f"the demo's sample names questions the bank no longer has: {missing}"
    assert [s for s in sample.SYMPTOM_IDS if s not in content.symptoms] == []
    assert [c for c in sample.CONSIDERATION_IDS if c not in content.considerations] == []
    made = sample.build_sample(content, TODAY)
    named = [q.question_id for v in made.visits for q in v.questions if q.question_id]
    assert sorted(set(named)) == sorted(set(sample.QUESTION_IDS) - set(sample.UPCOMING_QUESTIONS))
    assert {v.kind for v in made.visits} <= set(content.kinds)
    assert {s.symptom_id for v in made.visits for s in v.symptoms} <= set(content.symptoms)


def test_the_sample_is_a_valid_backup_and_reads_back_the_same(content: Content, tmp_path: Path) -> None:
    made = sample.build_sample(content, TODAY)
    path = tmp_path / "sample.json"
    path.write_text(render_backup(made.visits, TODAY, made.records), encoding="utf-8")
    back = read_backup(path)  # every field checked as an import checks it
    assert [v.uuid for v in back.visits] == [v.uuid for v in made.visits]
    assert back.visits == made.visits
    for key, records in made.records.items():
        assert back.of(key) == records, key


def test_the_sample_is_a_recent_made_up_life(content: Content) -> None:
    made = sample.build_sample(content, TODAY)
    days = [date.fromisoformat(v.visit_date) for v in made.visits]
    assert days == sorted(days) and len(days) == 3 and all(d < TODAY for d in days)
    last = made.visits[-1]
    assert last.debriefed_at and last.told and date.fromisoformat(last.next_visit) > TODAY
    assert {q.outcome for q in last.questions} == {"answered", "partly", "not"}
    assert [v.status for v in made.visits] == ["ready"] * 3
    diary_days = {e.day for e in made.records["diary"]}
    assert len(diary_days) == sample.DIARY_DAYS and max(diary_days) < TODAY.isoformat()
    assert made.records["treatments"] and made.records["medicines"]
    team = made.records["care_team"]
    assert any(m.after_hours for m in team) and all(m.phone.startswith("555-01") for m in team)
    people = [m.name for m in team] + [v.with_whom for v in made.visits] + [sample.person()]
    assert all(any(word in name for word in ("Demo", "Example", "Sample", "Placeholder")) for name in people)


def test_the_spanish_sample_names_its_medicines_in_spanish() -> None:
    from mbcprep.i18n import use_language

    use_language("es")  # the autouse fixture sets English back afterwards
    spanish = load_content(lang="es", include_env=False)
    made = sample.build_sample(spanish, TODAY)
    names = [t.what for t in made.records["treatments"]] + [m.name for m in made.records["medicines"]]
    assert names[:3] == ["letrozol y palbociclib", "capecitabina", "capecitabina"]
    assert "ondansetrón" in names and "1000 UI" in [m.dose for m in made.records["medicines"]]
    assert any(m.role.startswith("enfermera navegadora") for m in made.records["care_team"])


# --- the folder -------------------------------------------------------------------------------------


def test_the_demo_folder_is_private_and_never_inside_the_data_or_current_folder(
    temp_root: Path, tmp_path: Path
) -> None:
    folder = make_demo_folder([tmp_path / "elsewhere"])
    assert folder.root.parent == temp_root and folder.root.name.startswith(f"{PREFIX}{os.getpid()}-")
    for made in (folder.root, folder.data, folder.sheets):
        assert made.stat().st_mode & 0o777 == 0o700
    with pytest.raises(Exception, match="must not write there"):
        make_demo_folder([tmp_path])  # the temporary folder is inside this one


def test_what_a_killed_demo_left_is_removed_by_the_next_one(temp_root: Path) -> None:
    dead = temp_root / f"{PREFIX}999999999-abc123"
    (dead / "data").mkdir(parents=True)
    (dead / "data" / "mbcprep.sqlite3").write_text("made up")
    running = temp_root / f"{PREFIX}{os.getpid()}-xyz789"
    running.mkdir()
    not_ours = temp_root / "mbcprep-demo-notes"
    not_ours.mkdir()
    link = temp_root / f"{PREFIX}999999998-link"
    link.symlink_to(not_ours)
    assert remove_left_behind(temp_root) == [dead]
    assert not dead.exists() and running.is_dir() and not_ours.is_dir() and link.is_symlink()


# --- commands on the demo's data --------------------------------------------------------------------


def test_demo_visits_shows_the_made_up_visits_and_leaves_nothing(  # type: ignore[no-untyped-def]
    cli, real_data: dict[str, Any], private_home: Path, temp_root: Path
) -> None:
    here = Path.cwd()
    before_here = snapshot(here)
    ran = cli("demo", "visits")
    assert ran.code == 0, ran
    assert ran.err.splitlines()[0].startswith("DEMOSTRACIÓN: no se guarda nada")  # the saved language
    assert "DEMO" not in ran.out  # stdout stays clean for a pipe
    assert ran.out.count("Dr. Adán Ejemplo") == 3 and "dr patel" not in ran.out  # the Spanish sample
    # The saved settings (plain on, Spanish): a demo speaks the saved language, and plain mode stays
    # the real folder's own (the table is drawn).
    assert "NÚM  FECHA" in ran.out
    assert snapshot(private_home) == real_data
    assert snapshot(here) == before_here
    assert os.listdir(temp_root) == []


def test_demo_json_and_show_have_the_debrief_diary_and_care(cli, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    visits = json.loads(cli("demo", "visits", "--json").out)
    assert [v["status"] for v in visits] == ["ready"] * 3
    backup = json.loads(cli("demo", "export", "--all", "-o", "-").out)
    assert len(backup["diary"]) == 2 * sample.DIARY_DAYS
    assert {len(backup[k]) for k in ("treatments", "medicines", "care_team")} == {2, 3}
    last = backup["visits"][-1]
    assert last["told"] and last["next_visit"] and last["debriefed_at"]
    shown = cli("demo", "show", "latest")
    assert shown.code == 0 and "Dr Ada Example" in shown.out
    assert os.listdir(temp_root) == []


def test_demo_export_writes_only_in_the_demo_folder(  # type: ignore[no-untyped-def]
    cli, real_data: dict[str, Any], private_home: Path, temp_root: Path
) -> None:
    here = Path.cwd()
    before_here = snapshot(here)
    ran = cli("--lang", "en", "demo", "export", "latest")  # English words to read the paths by
    assert ran.code == 0, ran
    written = Path(ran.out.split("Saved ", 1)[1].strip())
    assert temp_root in written.parents and written.name.startswith("mbcprep-")
    assert not written.exists()  # removed with the demo
    named = cli("--lang", "en", "demo", "export", "latest", "-o", "sheet.html")
    assert named.code == 0 and Path(named.out.split("Saved ", 1)[1].split("\n")[0]).parent.parent.parent == temp_root
    printed = cli("--lang", "en", "demo", "export", "latest", "-o", "-", "--format", "txt")
    assert printed.code == 0 and "Dr Ada Example" in printed.out
    demo_error(cli("--lang", "en", "demo", "export", "latest", "-o", str(here / "sheet.md")), "own temporary folder")
    demo_error(cli("--lang", "en", "demo", "data", "backup", "-o", str(here / "copy.sqlite3")), "own temporary folder")
    assert snapshot(here) == before_here
    assert snapshot(private_home) == real_data
    assert os.listdir(temp_root) == []


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "visits", "--data-dir", "elsewhere"],
        ["--data-dir=elsewhere", "demo", "visits"],
        ["demo", "--data-dir", "elsewhere"],
    ],
)
def test_data_dir_is_refused_in_a_demo(cli, args: list[str], temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*args).one_error("--data-dir")
    assert os.listdir(temp_root) == [] and not Path("elsewhere").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["demo", "demo"], ["demo already"]),
        (["demo", "--fast", "visits"], ["--fast is for the interview"]),
        (["demo", "--json"], ["--fast"]),
        (["demo"], ["needs a terminal"]),
        (["demo", "--fast"], ["needs a terminal"]),
    ],
)
def test_demo_mistakes_are_one_sentence(cli, args: list[str], words: list[str], temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    cli(*args).one_error(*words)
    assert os.listdir(temp_root) == []


def test_demo_help_says_what_it_does(cli, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("demo", "--help")
    assert ran.code == 0 and "--fast" in ran.out and "made-up data" in ran.out
    listed = cli("--help")
    assert "demo" in listed.out
    assert os.listdir(temp_root) == []


def test_plain_mode_in_a_demo_follows_the_option_and_the_environment(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, temp_root: Path
) -> None:
    assert cli("demo", "visits", "--plain").out.startswith("Visit 1: ")
    monkeypatch.setenv("MBCPREP_PLAIN", "1")
    assert "Visit 3: " in cli("demo", "visits").out


def test_an_error_inside_a_demo_still_removes_it(cli, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    demo_error(cli("demo", "show", "99"), "no visit")
    assert os.listdir(temp_root) == []


def test_the_real_home_is_back_after_a_demo(cli, private_home: Path, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", "data", "where").out.strip() != str(private_home)
    assert os.environ["MBCPREP_HOME"] == str(private_home)
    assert cli("data", "where").out.strip() == str(private_home)


# --- the interview on the demo's data ---------------------------------------------------------------

FAST_ANSWERS = [
    ("When is the visit?", ""),
    ("What time is the visit?", ""),
    ("Who is it with?", "Dr Ada Example"),  # picked from her care team
    ("Where is the visit?", ""),
    ("What kind of visit", "routine"),
    ("Who is filling this in?", "patient"),
    ("Show those questions too?", False),
    ("Ask them again?", lambda options: [o.value for o in options if o.checked]),  # carried from last time
    ("Suggested questions", lambda options: [o.value for o in options if o.checked]),
    ("What next?", "done"),
    ("See what they mean?", Maybe(False)),
    ("Which question to ask first?", lambda options: options[0].value),
    ("Which question to ask second?", lambda options: options[0].value),
    ("Which question to ask third?", lambda options: options[0].value),
    ("Ready to save?", "save"),
]


def _demo_store(tmp_path: Path, content: Content) -> tuple[Settings, Store]:
    settings = Settings(data_dir=str(tmp_path / "demo-data"))
    store = settings.open_store()
    made = sample.build_sample(content, TODAY)
    store.import_everything(made.visits, made.records)
    return settings, store


def test_the_short_interview_asks_four_steps_over_a_visit_filled_in(content: Content, tmp_path: Path) -> None:
    _, store = _demo_store(tmp_path, content)
    prompter = ScriptedPrompter(FAST_ANSWERS)
    with store:
        visit = short_interview(DemoPrompter(prompter), content, store, TODAY)  # type: ignore[arg-type]
        saved = store.get(str(visit.id))
    prompter.done()
    assert [s for s in prompter.said if s.startswith("Step ")] == [
        f"Step {n} of {len(FAST_STEPS)}: {title} (demo: nothing is saved)"
        for n, title in enumerate(["the visit", "your questions", "the three to ask first", "check and save"], 1)
    ]
    assert saved.status == "ready" and saved.id == 4
    assert saved.visit_date == "2026-12-09" and saved.with_whom == "Dr Ada Example"
    assert len(saved.first_questions()) == 3 and len(saved.questions) == 5
    assert [q.question_id for q in saved.questions if q.carried] == ["sw-if-it-stops"]  # last time's, again
    assert saved.symptoms and saved.considerations and saved.notes  # filled in, not asked


def test_the_demo_interview_offers_the_sheet(content: Content, tmp_path: Path) -> None:
    settings, store = _demo_store(tmp_path, content)
    store.close()
    shown = run_demo_interview(
        settings,
        fast=True,
        prompter=ScriptedPrompter([*FAST_ANSWERS, ("See the page for the care team now?", True)]),  # type: ignore[arg-type]
        today=TODAY,
    )
    assert shown == 4
    stopped = ScriptedPrompter([("When is the visit?", CTRL_C)])
    with pytest.raises(KeyboardInterrupt):
        run_demo_interview(settings, fast=True, prompter=stopped, today=TODAY)  # type: ignore[arg-type]
