"""The interview as new users met it (issue 10): the signs that cannot wait, a short path through a
routine visit, a caregiver's voice, dates as people write them, symptoms picked from one list with a
word about each, one answer changed from the review screen, and a draft that picks up where it
stopped without asking again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mbcprep.content.suggest import SUGGESTED_MAX
from mbcprep.dates import far_from_today, read_date
from mbcprep.errors import InterviewStopped
from mbcprep.interview.interview import Interview, start_new_visit
from mbcprep.model.content import Content
from mbcprep.model.visit import OWN_TOPIC, SymptomScore, Visit, VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, Maybe, ScriptedPrompter
from tests.test_wizard import ROUTINE_BY_THE_PATIENT

TODAY = date(2026, 11, 30)  # a Monday


# --- dates as people write them ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2027-01-15", date(2027, 1, 15)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 12, 1)),
        ("next tuesday", date(2026, 12, 1)),
        ("monday", date(2026, 12, 7)),  # on a Monday, "monday" is next week's
        ("dec 8", date(2026, 12, 8)),
        ("8 December", date(2026, 12, 8)),
        ("December 8th, 2027", date(2027, 12, 8)),
        ("Tuesday 8 December", date(2026, 12, 8)),
        ("12/8", date(2026, 12, 8)),
        ("1/15/27", date(2027, 1, 15)),
        ("jan 5", date(2027, 1, 5)),  # a date without a year is the next one to come
    ],
)
def test_dates_are_read_as_people_write_them(typed: str, day: date) -> None:
    assert read_date(typed, TODAY) == day


@pytest.mark.parametrize("typed", ["", "soon", "feb 30", "13/45", "2027-W01-1", "the 8th", "dec", "8 9 december"])
def test_what_cannot_be_read_for_sure_is_refused(typed: str) -> None:
    assert read_date(typed, TODAY) is None


def test_a_date_far_away_gets_a_second_look() -> None:
    assert far_from_today(date(2026, 11, 1), TODAY) == "That date is in the past."
    assert "more than a year" in (far_from_today(date(2028, 1, 1), TODAY) or "")
    assert far_from_today(date(2027, 1, 15), TODAY) is None


def test_the_interview_says_how_it_read_the_date_and_checks_one_in_the_past(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("When is the visit?", "nov 2 2026"),
            ("in the past. Is that the right date?", False),
            ("When is the visit?", "next tuesday"),
            ("Is that the right day?", True),
            ("What time is the visit?", ""),
            ("Who is it with?", ""),
            ("Where is the visit?", ""),
            ("What kind of visit", "routine"),
            ("Who is filling this in?", "patient"),
        ]
    )
    visit = Visit(uuid="a1")
    Interview(p, content, store, TODAY, autosave=False).ask_details(visit)
    p.done()
    assert visit.visit_date == "2026-12-01"
    assert "That is Tuesday 1 December 2026." in p.said


def test_a_day_named_by_its_name_can_be_corrected_on_the_spot(content: Content, store: Store) -> None:
    """On Monday 30 November "next tuesday" is read as tomorrow; the person meant the week after."""
    p = ScriptedPrompter(
        [
            ("When is the visit?", "next tuesday"),
            ("Is that the right day?", False),
            ("When is the visit?", "dec 8"),
            ("What time is the visit?", ""),
            ("Who is it with?", ""),
            ("Where is the visit?", ""),
            ("What kind of visit", "routine"),
            ("Who is filling this in?", "patient"),
        ]
    )
    visit = Visit(uuid="a1b")
    Interview(p, content, store, TODAY, autosave=False).ask_details(visit)
    p.done()
    assert visit.visit_date == "2026-12-08"
    assert p.said[:2] == ["That is Tuesday 1 December 2026.", "That is Tuesday 8 December 2026."]


# --- the signs that cannot wait -----------------------------------------------------------------------


def test_a_typed_symptom_that_is_a_warning_sign_is_named_calmly_once(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", []),
            ("Anything else bothering", "a fever since last night"),
            ("a fever since last night right now", "6"),
            ("Anything to add", ""),
            ("Anything else bothering", "fever again"),
            ("fever again right now", ""),
            ("Anything else bothering", ""),
        ]
    )
    visit = Visit(uuid="a2")
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    p.done()
    fever = content.warning_signs["fever"]
    level = content.urgent_levels[fever.level].label
    said = [line for line in p.said if fever.text in line]
    assert len(said) == 1 and level in said[0]
    assert "!" not in said[0] and said[0] != said[0].upper(), "said calmly, never shouted"


def test_the_urgent_command_lists_every_level_and_sign(cli, content: Content) -> None:  # type: ignore[no-untyped-def]
    ran = cli("urgent")
    assert ran.code == 0
    for level in content.urgent_levels.values():
        assert level.label in ran.out
    for sign in content.warning_signs.values():
        assert sign.text.split()[0] in ran.out
    assert "988" in ran.out and "911" in ran.out


# --- the short path of a routine visit ---------------------------------------------------------------


def test_a_routine_visit_is_short(content: Content, store: Store) -> None:
    """A tired patient: two symptoms, three suggested questions, the checklist items that fit and
    nothing else, no notes. Every prompt is counted: it must stay short."""
    fits = [c for c in content.considerations.values() if "routine" in c.kinds]
    p = ScriptedPrompter(
        [
            ("When is the visit?", "tomorrow"),
            ("What time is the visit?", ""),
            ("Who is it with?", ""),
            ("Where is the visit?", ""),
            ("What kind of visit", "routine"),
            ("Who is filling this in?", "patient"),
            ("(about a minute)", True),
            ("bother", ["pain", "tiredness"]),
            ("Pain right now", "3"),
            ("Tiredness right now", "5"),
            ("Anything to add", ""),
            ("Anything else bothering", ""),
            ("Show those questions too?", False),
            ("Suggested", lambda options: [o.value for o in options[:3]]),
            ("What next?", "done"),
            ("See what they mean?", Maybe(False)),
            ("what matters most to you", True),
            *[(c.prompt, "") for c in fits],
            ("think about any of these too", []),
            ("notes", ""),
            ("Ready to save?", "save"),
        ]
    )
    visit = start_new_visit(p, content, store, TODAY)
    p.done()
    assert visit.status == "ready" and len(visit.questions) == 3
    assert len(fits) <= 5 and len(p.asked) <= 25, p.asked


def test_high_scores_bring_their_symptom_s_questions_first(content: Content, store: Store) -> None:
    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    interview.show_sensitive = False
    sleep = content.symptoms["sleep"]
    visit = Visit(uuid="a3", kind="routine", symptoms=[SymptomScore("sleep", sleep.name, 8)])
    suggested = [q.id for q in interview.suggested(visit)]
    shown = [qid for qid in sleep.questions if not content.questions[qid].sensitive]
    assert suggested[: len(shown)] == shown and len(suggested) <= SUGGESTED_MAX
    calm = Visit(uuid="a4", kind="routine", symptoms=[SymptomScore("sleep", sleep.name, 3)])
    assert [q.id for q in interview.suggested(calm)][: len(shown)] != shown


RESULTS_FIRST = ["mon-results-show", "mon-is-it-working", "mon-new-or-bigger"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_results_visit_starts_with_what_the_results_show(store: Store, lang: str) -> None:
    """Issue 17: not how HER2 was tested or PARP inhibitors, but what the results show, whether the
    treatment works and whether anything is new or bigger, in both languages."""
    from mbcprep.content.load import load_content

    bank = load_content(lang=lang, include_env=False)
    assert list(bank.kinds["results"].first) == RESULTS_FIRST
    interview = Interview(ScriptedPrompter([]), bank, store, TODAY)
    for show_sensitive in (False, True):
        interview.show_sensitive = show_sensitive
        suggested = [q.id for q in interview.suggested(Visit(uuid="r1", kind="results"))]
        assert suggested[:3] == RESULTS_FIRST and len(suggested) == SUGGESTED_MAX
        assert len(set(suggested)) == len(suggested)  # named first, so not offered twice
    # a high score still brings its questions, right after the three
    sleep = bank.symptoms["sleep"]
    tired = Visit(uuid="r2", kind="results", symptoms=[SymptomScore("sleep", sleep.name, 8)])
    suggested = [q.id for q in interview.suggested(tired)]
    assert suggested[:3] == RESULTS_FIRST and suggested[3] == sleep.questions[0]


def test_a_kind_without_first_questions_is_unchanged(content: Content, store: Store) -> None:
    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    interview.show_sensitive = False
    assert all(not k.first for k in content.kinds.values() if k.id != "results")
    suggested = [q.id for q in interview.suggested(Visit(uuid="r3", kind="routine"))]
    assert not set(suggested) & {"mon-results-show", "mon-new-or-bigger"}


def test_the_question_about_the_future_has_no_answer_chosen_for_the_person(content: Content, store: Store) -> None:
    seen: dict[str, object] = {}

    class Recording(ScriptedPrompter):
        def confirm(self, message, *, default=True):  # type: ignore[no-untyped-def]
            seen[message] = default
            return super().confirm(message, default=default)

    p = Recording([("Show those questions too?", True), ("Suggested", []), ("What next?", "done")])
    Interview(p, content, store, TODAY, autosave=False).ask_questions(Visit(uuid="a5", kind="routine"))
    assert seen["Show those questions too?"] is None


# --- a caregiver's voice -------------------------------------------------------------------------------


def test_a_caregiver_is_asked_about_the_patient_by_name(content: Content, store: Store) -> None:
    talk = content.considerations["how-to-talk"]
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("Which of these bother Ana right now?", ["pain"]),
            ("Pain right now", "2"),
            ("Anything else bothering Ana?", ""),
        ]
    )
    visit = Visit(uuid="a6", kind="routine", filled_by="caregiver", patient_name="Ana")
    interview = Interview(p, content, store, TODAY, autosave=False)
    interview.ask_symptoms(visit)
    p.done()
    assert p.asked[0] == "Note how Ana is feeling right now? (about a minute)"
    assert interview.prompt_of(visit, talk) == talk.caregiver_prompt.format(name="Ana")
    assert "Ana" in interview.prompt_of(visit, talk) and "you " not in interview.prompt_of(visit, talk)


# --- symptoms: one list, a word about each, and the person's own removed by unticking ------------------


def test_unticking_an_own_symptom_removes_it(content: Content, store: Store) -> None:
    visit = Visit(uuid="a7", symptoms=[SymptomScore("pain", "Pain", 4), SymptomScore("other", "itchy skin", 3)])
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", ["pain"]),
            ("Pain right now", "6"),
            ("Anything to add about pain", "at night"),
            ("Anything else bothering", ""),
        ]
    )
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    p.done()
    assert [(s.name, s.score, s.note) for s in visit.symptoms] == [("Pain", 6, "at night")]


def test_a_note_already_there_is_kept_with_enter_and_the_question_does_not_say_skip(
    content: Content, store: Store
) -> None:
    visit = Visit(uuid="a9", symptoms=[SymptomScore("pain", "Pain", 4, "at night")])
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", ["pain", "tiredness"]),
            ("Pain right now", "6"),
            ("Anything to add about pain", ""),
            ("Tiredness right now", "5"),
            ("Anything to add about tiredness", ""),
            ("Anything else bothering", ""),
        ]
    )
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    p.done()
    assert [(s.name, s.score, s.note) for s in visit.symptoms] == [("Pain", 6, "at night"), ("Tiredness", 5, "")]
    asked = [m for m in p.asked if m.startswith("Anything to add about")]
    assert asked == [
        "Anything to add about pain? (when, where, what helps)",  # Enter keeps "at night"
        "Anything to add about tiredness? (when, where, what helps; Enter to skip)",
    ]


def test_ctrl_c_at_a_symptom_s_note_keeps_its_score_in_the_draft(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            *ROUTINE_BY_THE_PATIENT,
            ("Which of these bother", ["pain", "tiredness"]),
            ("Pain right now", "5"),
            ("Anything to add about pain", "at night"),
            ("Tiredness right now", "7"),
            ("Anything to add about tiredness", CTRL_C),
        ]
    )
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    p.done()
    assert stopped.value.kept == "draft"
    draft = store.get(str(stopped.value.visit_id))
    assert [(s.symptom_id, s.score, s.note) for s in draft.symptoms] == [("pain", 5, "at night"), ("tiredness", 7, "")]


# --- the review screen changes one answer ------------------------------------------------------------


def test_the_review_screen_changes_one_symptom_without_the_whole_step(content: Content, store: Store) -> None:
    visit = Visit(uuid="a8", kind="routine", draft_step="review")
    visit.symptoms = [SymptomScore("pain", "Pain", 4), SymptomScore("tiredness", "Tiredness", 2)]
    store.save(visit)
    p = ScriptedPrompter(
        [
            ("Ready to save?", "one-symptom"),
            ("Which symptom?", "tiredness"),
            ("Tiredness right now", "6"),
            ("Anything to add about tiredness", ""),
            ("Ready to save?", "save"),
        ]
    )
    saved = Interview(p, content, store, TODAY).run(store.get("1"))
    p.done()
    assert [(s.symptom_id, s.score) for s in saved.symptoms] == [("pain", 4), ("tiredness", 6)]


# --- the program's own options after the command -----------------------------------------------------


def test_data_dir_and_bank_work_after_the_command(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    place = tmp_path / "usb"
    assert cli("new-visit", "--no-input", "--data-dir", str(place)).code == 0
    assert (place / "mbcprep.sqlite3").exists()
    assert cli("data", "where", "--data-dir", str(place)).out.strip() == str(place)
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'questions:\n  - id: group-parking\n    text: "Is there free parking?"\n    why: "Ask if it adds up."\n'
        '    topic: care-team\n    kinds: [routine]\n    source: "ref:Tuesday group"\n'
    )
    assert "group-parking" in cli("questions", "--search", "parking", "--bank", str(bank)).out


# --- the three to ask first --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (0, "No questions yet, so there is nothing to put first."),
        (1, "Your question goes at the top of the sheet."),
        (3, "All 3 of your questions go at the top of the sheet."),
    ],
)
def test_with_three_questions_or_fewer_the_step_says_so_instead_of_asking(
    content: Content, store: Store, count: int, said: str
) -> None:
    visit = Visit(uuid="f1", kind="routine")
    visit.questions = [VisitQuestion(f"Question {n}?", OWN_TOPIC) for n in range(count)]
    p = ScriptedPrompter([])
    Interview(p, content, store, TODAY, autosave=False).ask_first(visit)
    p.done()
    assert p.said == [said]
    assert [q.rank for q in visit.questions] == [1, 2, 3][:count]
