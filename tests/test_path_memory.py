"""What the path remembers, and what "no" means: "no" at "Anything else?" is nothing more; the diary
offers what was scored lately; a new visit starts from the last one and its debrief."""

from __future__ import annotations

from datetime import date

import pytest

from mbcprep.actions.care import MEDICINES
from mbcprep.actions.changes import change_sentences, what_changed
from mbcprep.actions.diary import new_entry
from mbcprep.i18n import use_language
from mbcprep.inputs import means_nothing
from mbcprep.interview.debrief import debrief_visit
from mbcprep.interview.diary import keep_diary
from mbcprep.interview.interview import Interview
from mbcprep.model.content import Content
from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import Maybe, ScriptedPrompter

TODAY = date(2026, 11, 30)


# --- "no" is nothing more --------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["no", "No.", "none", "nothing", "Nothing else", "no thanks", "n/a", "NOPE"])
def test_english_ways_of_saying_no(said: str) -> None:
    assert means_nothing(said)


@pytest.mark.parametrize("said", ["nada", "Nada más", "no gracias", "No, gracias", "ninguno", "n/a", "no"])
def test_spanish_ways_of_saying_no(said: str) -> None:
    use_language("es")  # English again after the test (conftest)
    assert means_nothing(said)


@pytest.mark.parametrize("said", ["nausea", "no appetite", "numbness", "nothing tastes right", "dolor"])
def test_a_symptom_is_never_taken_for_no(said: str) -> None:
    assert not means_nothing(said)


def test_no_at_anything_else_in_the_interview_is_not_a_symptom(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [("(about a minute)", True), ("bother", ["pain"]), ("Pain right now", "2"), ("Anything else bothering", "no")]
    )
    visit = Visit(uuid="n1")
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    p.done()
    assert [s.name for s in visit.symptoms] == ["Pain"]


def test_nada_at_anything_else_in_the_spanish_diary_is_not_a_symptom(content: Content, store: Store) -> None:
    from mbcprep.content.load import load_content

    use_language("es")
    banco = load_content(lang="es", include_env=False)
    p = ScriptedPrompter([("", ["pain"]), ("", "3"), ("", "nada"), ("", "")])
    kept = keep_diary(p, banco, store, TODAY)
    assert [e.symptom_id for e in kept] == ["pain"]


def test_a_second_sitting_the_same_day_adds_its_note_and_no_replaces_nothing(content: Content, store: Store) -> None:
    """A user test: a second diary the same day, its note "nada", replaced the first sitting's note
    (in English: "nothing")."""
    first = ScriptedPrompter(
        [("What would you like", ["tiredness"]), ("Tiredness", "6"), ("Anything else?", ""), ("A note", "bad night")]
    )
    keep_diary(first, content, store, TODAY)
    for said in ("nothing", "no", "walked a little"):
        again = ScriptedPrompter(
            [
                ("What would you like", ["tiredness"]),
                ("Tiredness", "7"),
                ("already noted", Maybe(True)),  # asked when the score changes
                ("Anything else?", ""),
                ("A note", said),
            ]
        )
        keep_diary(again, content, store, TODAY)
    (entry,) = store.diary.all()
    assert (entry.score, entry.note) == (7, "bad night; walked a little")


def test_nothing_said_about_a_symptom_is_no_note(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", ["pain"]),
            ("Pain right now", "6"),
            ("Anything to add", "nothing"),
            ("Anything else bothering", ""),
        ]
    )
    visit = Visit(uuid="n2")
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    assert [(s.name, s.score, s.note) for s in visit.symptoms] == [("Pain", 6, "")]


# --- the diary remembers ------------------------------------------------------------------------------


def test_the_diary_offers_what_was_scored_lately_first_and_ticked(content: Content, store: Store) -> None:
    store.diary.save(new_entry("2026-11-29", "numbness-tingling", "Numbness", 5))
    store.diary.save(new_entry("2026-11-25", "other", "Itchy skin", 2))
    store.diary.save(new_entry("2026-10-01", "pain", "Pain", 6))  # two months ago: not kept track of now
    p = ScriptedPrompter(
        [
            ("What would you like to note?", lambda options: [o.value for o in options if o.checked]),
            ("Numbness or tingling (0-10)", "4"),
            ("Itchy skin (0-10)", "1"),
            ("Anything else?", ""),
            ("A note about the day?", ""),
        ]
    )
    keep_diary(p, content, store, TODAY)
    p.done()
    options = p.offered["What would you like to note?"]
    assert [o.title for o in options[:3]] == ["Nothing more", "Numbness or tingling", "Itchy skin"]
    assert [o.title for o in options if o.checked] == ["Numbness or tingling", "Itchy skin"]
    assert not next(o for o in options if o.value == "pain").checked


# --- the next visit remembers ----------------------------------------------------------------------------


def last_visit(store: Store, **kw: object) -> Visit:
    visit = Visit(
        uuid="last",
        status="ready",
        visit_date="2026-11-02",
        kind="results",
        with_whom="Dr Rivera",
        filled_by="caregiver",
        patient_name="Ana",
        considerations=[ConsiderationAnswer("how-to-talk", "How would Ana like...", "Straight facts, numbers and all")],
        symptoms=[SymptomScore("pain", "Pain", 4), SymptomScore("tiredness", "Tiredness", 3)],
        next_visit="2026-12-14",
        **kw,  # type: ignore[arg-type]
    )
    return store.save(visit)


def test_a_new_visit_starts_from_the_last_one_and_its_debrief(content: Content, store: Store) -> None:
    last_visit(store)
    p = ScriptedPrompter(
        [
            ("When is the visit?", ""),
            ("What time is the visit?", ""),
            ("Who is it with?", ""),
            ("Where is the visit?", ""),
            ("What kind of visit", "routine"),
            ("Who is filling this in?", lambda options: options[1].value),  # offered: caregiver
            ("first name of the person you are helping", ""),
        ]
    )
    interview = Interview(p, content, store, TODAY, autosave=False)
    visit = Visit(uuid="new")
    interview.start_from_last(visit)
    interview.ask_details(visit)
    p.done()
    assert (visit.visit_date, visit.with_whom) == ("2026-12-14", "Dr Rivera")
    assert (visit.filled_by, visit.patient_name) == ("caregiver", "Ana")
    assert [a.answer for a in visit.considerations] == ["Straight facts, numbers and all"]
    assert visit.symptoms == [] and visit.questions == []  # what bothers her today is asked afresh


def test_show_the_future_questions_offers_last_visits_answer(content: Content, store: Store) -> None:
    future = next(q for q in content.questions.values() if q.sensitive)
    last_visit(store, questions=[VisitQuestion(text=future.text, topic=future.topic, question_id=future.id)])
    interview = Interview(ScriptedPrompter([]), content, store, TODAY, autosave=False)
    assert interview.saw_future(Visit(uuid="new", visit_date="2026-12-14")) is True
    store.delete(store.get("last").id or 0)
    last_visit(store)
    assert interview.saw_future(Visit(uuid="new", visit_date="2026-12-14")) is False


def test_a_symptom_scored_last_time_and_not_this_time_is_named(store: Store) -> None:
    last_visit(store)
    visit = Visit(uuid="new", visit_date="2026-12-14", symptoms=[SymptomScore("pain", "Pain", 7)])
    said = change_sentences(what_changed(store, visit, TODAY), TODAY)
    assert said[0].startswith("Pain went from 4 to 7")
    assert said[-1] == "Not scored this time: Tiredness (3), scored at the visit on Monday 2 November."


def test_a_medicine_started_at_the_visit_goes_on_the_list(store: Store) -> None:
    visit = last_visit(store)
    p = ScriptedPrompter(
        [
            ("Anything new you were told?", "start duloxetine"),
            ("Any new medicine to add to the list of medicines?", "duloxetine"),  # a caregiver's visit
            ("Another new medicine?", "no"),
            ("When is the next visit?", ""),
        ]
    )
    debrief_visit(p, store, visit, TODAY)
    p.done()
    (med,) = store.records(MEDICINES.key).all()
    assert (med.name, med.since) == ("duloxetine", "2026-11")
    said = " ".join(p.said)  # a caregiver is told of the list, never "your" medicines
    assert "Added to the medicines." in said and "your" not in said.lower()
    assert "'mbcprep meds edit 1'" in said  # the command as it can be typed, with its number
