"""A caregiver reads about the patient by name: step titles, the opening, the diary, the debrief,
the framing of the suggested questions; symptom descriptions are in words that fit both."""

from __future__ import annotations

import re
from datetime import date

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
    # The caregiver's own questions come first among them, in the caregiver's voice: said so.
    (suggested,) = [options for message, options in p.offered.items() if message.startswith("Suggested")]
    assert "caregivers" in {content.questions[o.value].topic for o in suggested if o.value in content.questions}
    assert "The ones about helping at home are yours to ask." in p.said


def test_a_patient_filling_in_hears_nothing_about_helping_at_home(content: Content, store: Store) -> None:
    p = ScriptedPrompter([("Show those questions too?", False), ("Suggested", []), ("What next?", "done")])
    Interview(p, content, store, TODAY, autosave=False).ask_questions(Visit(uuid="c2", kind="routine"))
    assert not [line for line in p.said if "helping at home" in line or "would ask them" in line]


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


# --- the warning signs, to a caregiver (José filling in for Ana) ------------------------------------


def anas_new_visit() -> Visit:
    return Visit(uuid="ana-2", filled_by="caregiver", patient_name="Ana")


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "she says she doesn't want to live"), ("es", "dice que ya no quiere seguir viviendo")]
)
def test_a_caregivers_crisis_words_speak_of_the_patient_and_are_kept_unscored_on_both_sheets(
    store: Store, lang: str, typed: str
) -> None:
    from mbcprep.i18n import _
    from mbcprep.interview.symptoms import NOT_SCORED
    from mbcprep.sheets.sheet import render_sheet

    use_language(lang)  # English again after the test (conftest)
    content = load_content(lang=lang, include_env=False)
    more = _("Anything else bothering {name}? (a word or two, or Enter)").format(name="Ana")
    p = ScriptedPrompter(
        [
            (_("Note how {name} is feeling right now? (about a minute)").format(name="Ana"), True),
            ("Ana", [""]),
            (more, typed),
            (more, ""),  # no "(0-10)" is asked in between: the script would stop on it
        ]
    )
    visit = anas_new_visit()
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    crisis = content.urgent_levels["crisis"]
    self_harm = content.warning_signs["self-harm"]
    assert crisis.caregiver_help.format(name="Ana") in p.said
    assert self_harm.caregiver_detail.format(name="Ana") in p.said
    assert crisis.help not in p.said and self_harm.detail not in p.said, "not spoken to José as if he were in crisis"
    assert "988" in crisis.caregiver_help and "911" in crisis.caregiver_help
    kept = [(s.name, s.score, s.note) for s in visit.symptoms]
    assert kept == [(typed, None, _(NOT_SCORED))], "what was typed is kept, with no score"
    for reader in ("doctor", "me"):
        assert typed in render_sheet(visit, content, TODAY, reader), reader


def test_the_warnings_said_to_a_caregiver_name_the_patient(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("(about a minute)", True),
            ("bother", [""]),
            ("Anything else bothering Ana", "fever and chills"),
            ("fever and chills right now", ""),
            ("Anything else bothering Ana", "chest pain"),
            ("chest pain right now", ""),
            ("Anything else bothering Ana", ""),
        ]
    )
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(anas_new_visit())
    said = " ".join(p.said)
    assert "Check the temperature of Ana before giving any fever medicine" in said
    assert "Say that Ana has cancer" in said
    assert "take Ana to an emergency room" in said
    assert "should not wait for the visit." in said
    for to_the_patient in ("your visit", "Take your temperature", "Say that you have cancer"):
        assert to_the_patient not in said, to_the_patient


def test_the_diary_and_the_debrief_warn_about_the_patient(content: Content, store: Store) -> None:
    from mbcprep.actions.warnings import SignWatch

    last = anas_last_visit(store)
    p = ScriptedPrompter(
        [
            ("What would you like to note?", ["pain"]),
            ("Pain (0-10)", "9"),
            ("Anything else?", ""),
            ("A note about the day?", "fever at night"),
        ]
    )
    keep_diary(p, content, store, TODAY)
    assert "If it is still this bad for Ana now, you do not have to wait for the visit." in p.said  # a past day
    assert content.warning_signs["fever"].caregiver_advice.format(name="Ana") in p.said
    d = ScriptedPrompter(
        [
            ("Question 1 of 1", "answered"),
            ("What was the answer", "call if her chest hurts"),
        ]
    )
    d.script.append(("Anything new", CTRL_C))
    with pytest.raises(InterviewStopped):
        debrief_visit(d, store, last, TODAY, SignWatch(content))
    assert content.urgent_levels["emergency"].caregiver_help.format(name="Ana") in d.said
    assert not [line for line in d.said if "your visit" in line]
