"""Words typed about how someone feels are checked for the signs that cannot wait wherever they are
typed (issue 17): own symptoms and notes in new-visit, edit and the diary, what was told in the
debrief, and the same options with --no-input (the sign on stderr, the answer kept, exit 0). The
diary's warning after a high score knows the day and gives the after-hours number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from mbcprep.actions.warnings import CALL_NOW, CALL_NOW_PAST, SignWatch, high_score_lines
from mbcprep.interview.debrief import debrief_visit
from mbcprep.interview.diary import keep_diary
from mbcprep.interview.edit import edit_visit
from mbcprep.interview.interview import Interview
from mbcprep.model.care import TeamMember
from mbcprep.model.content import Content
from mbcprep.model.visit import OWN_TOPIC, SymptomScore, Visit, VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import Maybe, ScriptedPrompter

TODAY = date.today()
CHEST = "Chest pain, pressure or tightness: this can be a sign that should not wait for your visit."
CRISIS = "Thoughts of harming yourself or ending your life: this can be a sign that should not wait"


@pytest.fixture
def store(private_home: Path) -> Iterator[Store]:
    s = Store.open(private_home)
    yield s
    s.close()


def said_once(said: list[str], start: str) -> None:
    assert len([line for line in said if line.startswith(start)]) == 1, said


# --- the words said -----------------------------------------------------------------------------


def test_a_sign_is_said_with_its_level_what_to_do_and_the_levels_help_once(content: Content) -> None:
    watch = SignWatch(content)
    lines = watch.check("fever 38.5 and chills", "shaking chills")
    fever = content.warning_signs["fever"]
    call_now = content.urgent_levels["call-now"]
    assert lines[0] == f"{fever.text}: this can be a sign that should not wait for your visit. {call_now.label}."
    assert fever.advice in lines and fever.detail in lines and call_now.help in lines
    assert len(lines) == 4, "each sign once, however often its words come"
    assert watch.check("fever again") == [], "a sign already said is not said again"
    infection = watch.check("sore throat")
    assert call_now.help not in infection, "a level's help line is said once"


def test_a_sign_to_call_about_now_gives_the_after_hours_number_asked_for_only_then(content: Content) -> None:
    """A user test: the fever warning said "use the number your team gave you" though one was saved."""
    asked = []
    line = TeamMember("c-1", "Triage line", phone="555 0199", after_hours=True)
    watch = SignWatch(content)
    watch.team = lambda: asked.append(1) or [line, TeamMember("c-2", "Dr Rivera", phone="555 0100")]
    assert watch.check("I feel a little sad today") == [] and not asked, "no sign: the team is not read"
    chest = watch.check("chest pain")
    assert not any("555" in x for x in chest) and not asked, "911 is not the after-hours line"
    fever = watch.check("temp 38.6 tonight")
    help_line = content.urgent_levels["call-now"].help
    assert fever[fever.index(help_line) + 1] == "When the office is closed, call: Triage line; 555 0199"
    assert not any("555 0100" in x for x in fever)


def test_diary_no_input_gives_the_after_hours_number_under_the_fever_sign(cli) -> None:  # type: ignore[no-untyped-def]
    cli("team", "add", "--no-input", "--after-hours", "--phone", "555 0199")
    ran = cli("diary", "--no-input", "--symptom", "tiredness=3", "--note", "fever 38.6 tonight, chills")
    assert ran.code == 0 and "555 0199" in ran.err, ran


def test_the_content_is_loaded_only_when_there_is_something_to_check(content: Content) -> None:
    loaded: list[int] = []

    def load() -> Content:
        loaded.append(1)
        return content

    watch = SignWatch(load)
    assert watch.check("", "   ") == [] and not loaded
    assert watch.check("chest pain") and loaded == [1]


def test_the_high_score_warning_knows_the_day_and_the_after_hours_number(content: Content) -> None:
    team = [
        TeamMember(uuid="a", name="Dr Rivera", phone="555 0100"),
        TeamMember(uuid="b", name="Triage line", phone="555 0199", after_hours=True),
    ]
    today = high_score_lines(team, TODAY, TODAY)
    yesterday = high_score_lines(team, TODAY - timedelta(days=1), TODAY)
    assert today[0] == CALL_NOW and yesterday[0] == CALL_NOW_PAST
    assert "When the office is closed, call: Triage line; 555 0199" in today
    assert not any("Dr Rivera" in line for line in today)
    assert not any("office is closed" in line for line in high_score_lines(team[:1], TODAY, TODAY))


def test_a_high_score_after_a_fever_note_says_only_the_fever_once_and_points_to_urgent(
    content: Content, store: Store
) -> None:
    """A screen reader hears only what matched: no 911 or 988 lines nothing brought up, no sign twice."""
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", [""]),
            ("Anything else bothering", "fever"),
            ("fever right now", "9"),
            ("Anything to add about fever", "chills since last night"),
            ("Anything else bothering", ""),
        ]
    )
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(Visit(uuid="f1"))
    fever = content.warning_signs["fever"]
    assert len([line for line in p.said if fever.text in line]) == 1, p.said
    assert CALL_NOW in p.said
    for level in ("emergency", "crisis"):
        label = content.urgent_levels[level].label
        assert not [line for line in p.said if label in line], f"nothing brought up the {level} level"
    assert not [line for line in p.said if "988" in line or "911" in line], p.said
    assert len([line for line in p.said if "mbcprep urgent" in line]) == 1


# --- new-visit and edit, in the interview ---------------------------------------------------------


def test_the_interview_checks_a_symptoms_note_and_the_notes(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", ["pain"]),
            ("Pain right now", "6"),
            ("Anything to add about pain", "in my chest since last night"),
            ("Anything else bothering", "no fever"),
            ("no fever right now", ""),
            ("Anything else bothering", ""),
        ]
    )
    visit = Visit(uuid="n1")
    interview = Interview(p, content, store, TODAY, autosave=False)
    interview.ask_symptoms(visit)
    assert not [line for line in p.said if "should not wait" in line], "no sign in 'in my chest' or 'no fever'"
    interview.p = p = ScriptedPrompter([("Any notes", "I want to die some days")])
    interview.ask_notes(visit)
    said_once(p.said, CRISIS)
    assert content.urgent_levels["crisis"].help in p.said
    assert visit.notes == "I want to die some days", "what was typed is kept"


def test_edit_checks_new_notes(content: Content, store: Store) -> None:
    saved = store.save(Visit(uuid="e1", status="ready", visit_date="2026-12-01", notes="bring the pills"))
    p = ScriptedPrompter(
        [
            ("What would you like to change?", "notes"),
            ("Any notes", "tight chest when I climb stairs"),
            ("What would you like to change?", "save"),
            (" ", Maybe(True)),
        ]
    )
    edited = edit_visit(p, content, store, saved)
    said_once(p.said, CHEST)
    assert edited.notes == "tight chest when I climb stairs"


# --- the diary ----------------------------------------------------------------------------------


def test_the_diary_checks_its_note_and_a_past_days_high_score_says_if_it_is_still_this_bad(
    content: Content, store: Store
) -> None:
    store.team.save(TeamMember(uuid="t", name="Triage line", phone="555 0199", after_hours=True))
    p = ScriptedPrompter(
        [
            ("What would you like to note?", ["pain"]),
            ("Pain (0-10)", "9"),
            ("Anything else?", ""),
            ("A note about the day?", "temp 38,6 at night"),
        ]
    )
    kept = keep_diary(p, content, store, TODAY - timedelta(days=1))
    assert [(e.score, e.note) for e in kept] == [(9, "temp 38,6 at night")]
    assert CALL_NOW_PAST in p.said and CALL_NOW not in p.said
    assert "When the office is closed, call: Triage line; 555 0199" in p.said
    said_once(p.said, content.warning_signs["fever"].text + ":")


def test_a_high_score_for_today_says_right_now(content: Content, store: Store) -> None:
    p = ScriptedPrompter([("What would you like to note?", ["pain"]), ("Pain (0-10)", "9"), ("Anything else?", "")])
    p.script.append(("A note about the day?", ""))
    keep_diary(p, content, store, TODAY)
    assert CALL_NOW in p.said and CALL_NOW_PAST not in p.said
    assert not any("office is closed" in line for line in p.said), "no after-hours number noted: none said"


# --- the debrief --------------------------------------------------------------------------------


def test_the_debrief_checks_the_answers_and_what_was_told(content: Content, store: Store) -> None:
    visit = store.save(
        Visit(
            uuid="d1",
            status="ready",
            visit_date="2026-11-02",
            questions=[VisitQuestion("Why am I so tired?", OWN_TOPIC)],
        )
    )
    p = ScriptedPrompter(
        [
            ("Question 1 of 1", "answered"),
            ("What was the answer", "my yellow eyes may be the liver"),
            ("Anything new you were told?", "go to the ER if I can't breathe"),
            ("Any new medicine to add to your list?", ""),
            ("When is your next visit?", ""),
        ]
    )
    done = debrief_visit(p, store, visit, TODAY, SignWatch(content))
    assert done is not None and done.told == "go to the ER if I can't breathe"
    said_once(p.said, content.warning_signs["yellow-skin"].text + ":")
    said_once(p.said, content.warning_signs["sudden-breathlessness"].text + ":")


# --- with --no-input: on stderr, the answer kept, exit 0 -------------------------------------------


def test_diary_no_input_says_the_sign_of_an_own_symptom_and_keeps_the_score(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("diary", "--no-input", "--symptom", "other:chest pain=5")
    assert ran.code == 0 and ran.out.startswith("Kept 1 score for")
    assert CHEST in ran.err and "Call 911 (or your local emergency number) now" in ran.err
    listed = cli("diary", "list", "--json")
    assert '"score": 5' in listed.out and "chest pain" in listed.out


def test_diary_no_input_checks_the_note_and_nothing_when_nothing_matches(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("diary", "--no-input", "--symptom", "tiredness=4", "--note", "no chest pain, slept badly")
    assert ran.code == 0 and ran.err == ""
    ran = cli("diary", "--no-input", "--symptom", "pain=3", "--note", "temp 38,5")
    assert ran.code == 0 and "A temperature of 100.4 F (38 C) or higher" in ran.err


def test_diary_no_input_high_score_for_yesterday_with_the_after_hours_number(cli) -> None:  # type: ignore[no-untyped-def]
    added = cli("team", "add", "--no-input", "--name", "Triage line", "--phone", "555 0199", "--after-hours")
    assert added.code == 0
    ran = cli("diary", "--no-input", "--date", "yesterday", "--symptom", "pain=9")
    assert ran.code == 0 and ran.out.startswith("Kept 1 score for")
    assert CALL_NOW_PAST in ran.err and CALL_NOW not in ran.err
    assert "When the office is closed, call: Triage line; 555 0199" in ran.err
    today = cli("diary", "--no-input", "--symptom", "tiredness=8")
    assert CALL_NOW in today.err


def test_new_visit_no_input_checks_own_symptoms_and_notes(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("new-visit", "--no-input", "--symptom", "other:lips are blue=6", "--note", "sin fiebre", "--note", "x")
    assert ran.code == 0 and ran.out.strip().isdigit()
    assert "Sudden or severe shortness of breath" in ran.err
    assert "temperature" not in ran.err
    quiet = cli("new-visit", "--no-input", "--symptom", "pain=9", "--ask", "Is chest pain normal?")
    assert quiet.code == 0 and quiet.err == "", "a question is not how someone feels"


def test_debrief_no_input_checks_told_and_answers(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--ask", "What next?").code == 0
    ran = cli("debrief", "latest", "--no-input", "--answered", "1=watch for mouth sores", "--told", "no fever")
    assert ran.code == 0 and "Saved what came of visit" in ran.out
    assert "Mouth sores that make it hard to eat or drink" in ran.err
    assert "temperature" not in ran.err


def test_spanish_no_input_says_the_sign_in_spanish(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("--lang", "es", "diary", "--no-input", "--symptom", "other:me quiero morir=7")
    assert ran.code == 0
    assert "Pensamientos de hacerse daño o de quitarse la vida" in ran.err
    assert "800 911 2000" in ran.err and "escriba AYUDA al 988" in ran.err


def test_the_interview_still_checks_its_own_symptoms_in_both_languages(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", []),
            ("Anything else bothering", "I can't feel my legs"),
            ("I can't feel my legs right now", "7"),
            ("Anything to add", ""),
            ("Anything else bothering", ""),
        ]
    )
    visit = Visit(uuid="n2")
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    lines = [line for line in p.said if "should not wait" in line]
    assert lines[0].startswith(content.warning_signs["sudden-leg-weakness"].text), "the most urgent first"
    assert [s.score for s in visit.symptoms] == [7]
    assert visit.symptoms[0] == SymptomScore("other", "I can't feel my legs", 7, "")


# --- start-up stays cheap -----------------------------------------------------------------------

LOADED = """
import sys
from mbcprep.app import main
code = main({args!r})
print("MATCHER=" + str("mbcprep.content.warning_match" in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["diary", "--no-input", "--symptom", "pain=3"], False),
        (["diary", "--no-input", "--symptom", "pain=3", "--date", "yesterday", "--note", "good day"], True),
    ],
)
def test_the_matcher_is_loaded_only_when_there_are_words_to_check(
    private_home: Path, args: list[str], loaded: bool
) -> None:
    import subprocess
    import sys

    ran = subprocess.run([sys.executable, "-c", LOADED.format(args=args)], capture_output=True, text=True, timeout=60)
    assert f"MATCHER={loaded}" in ran.stderr, ran.stderr


def test_the_diary_keeps_words_of_self_harm_as_typed_without_asking_a_score(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("What would you like to note?", [""]),
            ("Anything else?", "I don't want to live like this"),
            ("Anything else?", ""),  # no "(0-10)" in between: the script would stop on it
            ("A note about the day?", ""),
        ]
    )
    kept = keep_diary(p, content, store, TODAY)
    assert [(e.name, e.score) for e in kept] == [("I don't want to live like this", None)]
    said_once(p.said, CRISIS)
    assert [e.name for e in store.diary.all()] == ["I don't want to live like this"], "kept in the file"
