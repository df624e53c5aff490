"""A caregiver reads about the patient by name: step titles, the opening, the diary, the debrief,
the framing of the suggested questions; symptom descriptions are in words that fit both."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mbcprep.content.load import load_content
from mbcprep.errors import InterviewStopped
from mbcprep.i18n import use_language
from mbcprep.interview.debrief import debrief_visit
from mbcprep.interview.diary import keep_diary
from mbcprep.interview.interview import STEP_BY_NAME, Interview
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit, VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, ScriptedPrompter

TODAY = date(2026, 11, 30)


@pytest.fixture
def store(private_home: Path) -> Iterator[Store]:
    s = Store.open(private_home)
    yield s
    s.close()


def anas_last_visit(store: Store) -> Visit:
    return store.save(
        Visit(
            uuid="ana-1",
            status="ready",
            visit_date="2026-11-02",
            kind="routine",
            filled_by="caregiver",
            patient_name="Ana",
            questions=[VisitQuestion(text="Can I keep working?")],
        )
    )


def test_the_steps_and_the_opening_name_the_patient(content: Content, store: Store) -> None:
    anas_last_visit(store)
    p = ScriptedPrompter([("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped):
        Interview(p, content, store, TODAY).run()
    assert p.said[0].startswith("Let's help Ana get ready for the visit.")
    assert not any("your visit" in s or "your last visit" in s for s in p.said)
    ana = Visit(uuid="x", filled_by="caregiver", patient_name="Ana")
    interview = Interview(p, content, store, TODAY)
    assert interview.title_of(STEP_BY_NAME["symptoms"], ana) == "how Ana feels"
    assert interview.title_of(STEP_BY_NAME["matters"], ana) == "what matters to Ana"
    assert interview.title_of(STEP_BY_NAME["symptoms"], Visit(uuid="y")) == "how you feel"
    changes = [o.title for o in interview.change_options(ana)]
    assert "Change how Ana feels" in changes and "Change what matters to Ana" in changes
    use_language("es")  # English again after the test (conftest)
    assert interview.title_of(STEP_BY_NAME["symptoms"], ana) == "cómo se siente Ana"


def test_suggested_questions_are_framed_for_a_caregiver(content: Content, store: Store) -> None:
    p = ScriptedPrompter([("Show those questions too?", False), ("Suggested", []), ("What next?", "done")])
    visit = Visit(uuid="c1", kind="routine", filled_by="caregiver", patient_name="Ana")
    Interview(p, content, store, TODAY, autosave=False).ask_questions(visit)
    assert "They are written as Ana would ask them: ask them for Ana, or write your own." in p.said


def test_questions_carried_from_the_last_visit_are_offered_to_a_caregiver(content: Content, store: Store) -> None:
    last = anas_last_visit(store)
    last.questions[0].outcome = "not"
    store.save(last)
    p = ScriptedPrompter([("not fully answered at the visit of", lambda options: [])])
    visit = Visit(uuid="c2", visit_date="2026-12-14", filled_by="caregiver", patient_name="Ana")
    Interview(p, content, store, TODAY, autosave=False).offer_carried(visit)
    p.done()


def test_the_diary_and_the_debrief_speak_of_the_patient(content: Content, store: Store) -> None:
    last = anas_last_visit(store)
    p = ScriptedPrompter([("What would you like to note?", [""]), ("Anything else?", "")])
    keep_diary(p, content, store, TODAY)
    assert p.said[0] == "How Ana is on Monday 30 November 2026. Enter skips anything."
    d = ScriptedPrompter([("Question 1 of 1", CTRL_C)])
    with pytest.raises(InterviewStopped):
        debrief_visit(d, store, last, TODAY)
    assert d.said[0].startswith("After the visit of Monday 2 November 2026: for each question on the sheet")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_symptom_descriptions_fit_a_patient_and_a_caregiver(lang: str) -> None:
    content = load_content(lang=lang, include_env=False)
    speaks_to_one = re.compile(r"\b(you|your|yours|usted|su|sus|le)\b", re.I)
    for symptom in content.symptoms.values():
        assert not speaks_to_one.search(symptom.help), (symptom.id, symptom.help)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_what_matters_descriptions_fit_a_patient_and_a_caregiver(lang: str) -> None:
    """The line under each checklist item is read by the patient and by a caregiver alike (the
    question itself has a caregiver's form)."""
    content = load_content(lang=lang, include_env=False)
    speaks_to_one = re.compile(r"\b(you|your|yours|usted|su|sus)\b", re.I)
    for item in content.considerations.values():
        assert not speaks_to_one.search(item.help), (item.id, item.help)
