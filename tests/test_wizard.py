"""The interview, driven by a scripted prompter: every step, drafts, resuming and Ctrl-C."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mbcprep.content import search as content_mod
from mbcprep.errors import InterviewStopped
from mbcprep.interview.edit import edit_visit
from mbcprep.interview.interview import Interview, start_new_visit
from mbcprep.model.content import Content
from mbcprep.model.visit import VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, Maybe, ScriptedPrompter
from tests.test_store import sample_visit

TODAY = date(2026, 11, 23)


@pytest.fixture
def store(private_home: Path) -> Store:
    s = Store.open(private_home)
    yield s
    s.close()


def first_n(n: int):  # type: ignore[no-untyped-def]
    return lambda options: [o.value for o in options[:n]]


def questions_to_the_end(suggested: object) -> list[tuple[str, object]]:
    """From the questions' step to the save: no question about the future, `suggested` ticked, done."""
    return [
        ("Show those questions too?", False),
        ("Suggested", suggested),
        ("What next?", "done"),
        ("See what they mean?", Maybe(False)),
        ("what matters most", False),
        ("notes", ""),
        ("Ready to save?", "save"),
    ]


DETAILS = [
    ("When is the visit?", "tomorrow"),
    ("What time is the visit?", ""),
    ("Who is it with?", "Dr Rivera"),
    ("Where is the visit?", ""),
    ("What kind of visit", "treatment-decision"),
    ("Who is filling this in?", "caregiver"),
    ("first name of the person you are helping", "Ana"),
]
# A routine visit's details, filled in by the patient, up to the symptoms' first question.
ROUTINE_BY_THE_PATIENT = [
    ("When is the visit?", "tomorrow"),
    ("What time is the visit?", ""),
    ("Who is it with?", "Dr Rivera"),
    ("Where is the visit?", ""),
    ("What kind of visit", "routine"),
    ("Who is filling this in?", "patient"),
    ("(about a minute)", True),
]
SYMPTOMS = [
    ("(about a minute)", True),
    ("Which of these bother", ["pain", "tiredness", "sleep"]),
    ("Pain right now", "4"),
    ("Anything to add about pain", ""),
    ("Tiredness right now", "7"),
    ("Anything to add about tiredness", "worse after lunch"),
    ("Trouble sleeping right now", "5"),
    ("Anything to add about trouble sleeping", ""),
    ("Anything else bothering", "itchy skin"),
    ("itchy skin right now", "2"),
    ("Anything else bothering", ""),
]
QUESTIONS = [
    ("Show those questions too?", False),
    ("Suggested questions", first_n(4)),
    ("What next?", "own"),
    ("Type your question", "Can I still go to my daughter's wedding in June?"),
    ("What next?", "done"),
    ("See what they mean?", True),
]
FIRST = [
    ("ask first", lambda options: options[4].value),  # the own question
    ("ask second", lambda options: options[0].value),
    ("ask third", None),  # "That is enough"
]
REST = [
    ("what matters most to", True),
]


def what_matters_skipping(
    content: Content, kind: str = "treatment-decision", caregiver_for: str = "Ana"
) -> list[tuple[str, object]]:
    """The items that fit the kind of visit, all skipped but `how-to-talk` (answered with its first
    choice, asked among the others if it does not fit), and no other item added. Asked of a
    caregiver (as DETAILS fills in) in the caregiver's words."""
    items = list(content.considerations.values())
    fits = [c for c in items if kind in c.kinds] or items

    def asked(c):  # type: ignore[no-untyped-def]
        return c.caregiver_prompt.format(name=caregiver_for) if caregiver_for else c.prompt

    out: list[tuple[str, object]] = [(asked(c), "") for c in fits if c.id != "how-to-talk"]
    talk = content.considerations["how-to-talk"]
    if talk in fits:
        at = fits.index(talk)
        out.insert(at, (asked(talk), lambda options: options[0].value))
        out.append(("think about any of these too", []))
    else:
        out += [("think about any of these too", ["how-to-talk"]), (asked(talk), lambda options: options[0].value)]
    return out


def test_a_whole_visit_is_saved_with_everything_typed(content: Content, store: Store) -> None:
    script = [
        *DETAILS,
        *SYMPTOMS,
        *QUESTIONS,
        *FIRST,
        *REST,
        *what_matters_skipping(content),
        ("notes", "Bring the list of pills."),
        ("Ready to save?", "save"),
    ]
    p = ScriptedPrompter(script)
    visit = start_new_visit(p, content, store, TODAY)
    p.done()
    saved = store.get(str(visit.id))
    assert saved.status == "ready" and saved.draft_step == ""
    assert (saved.visit_date, saved.with_whom, saved.kind, saved.filled_by) == (
        "2026-11-24",
        "Dr Rivera",
        "treatment-decision",
        "caregiver",
    )
    assert [(s.symptom_id, s.score) for s in saved.symptoms] == [
        ("pain", 4),
        ("tiredness", 7),
        ("sleep", 5),
        ("other", 2),
    ]
    assert saved.symptoms[-1].name == "itchy skin"
    assert saved.symptoms[1].note == "worse after lunch", "a moderate score asks for a word about it"
    assert len(saved.questions) == 5
    first = saved.first_questions()
    assert first[0].text == "Can I still go to my daughter's wedding in June?"
    assert [q.rank for q in first] == [1, 2]
    assert [c.consideration_id for c in saved.considerations] == ["how-to-talk"]
    assert saved.notes == "Bring the list of pills."
    shown = [line for line in p.said if line.split(":")[0] in {t.term for t in content.glossary}]
    assert shown, "the glossary was offered and its meanings shown"


def test_suggestions_follow_the_kind_of_visit_and_hide_sensitive_ones(content: Content, store: Store) -> None:
    p = ScriptedPrompter([*DETAILS, ("(about a minute)", False), *QUESTIONS[:2], ("What next?", CTRL_C)])
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    offered = next(opts for msg, opts in p.offered.items() if msg.startswith("Suggested"))
    assert 1 <= len(offered) <= 12
    for option in offered:
        q = content.questions[option.value]
        assert "treatment-decision" in q.kinds and not q.sensitive
        assert option.help.startswith(q.why)


def test_ctrl_c_keeps_a_draft_and_the_next_run_resumes_it(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            *DETAILS,
            ("(about a minute)", True),
            ("bother", ["pain", "tiredness"]),
            ("Pain right now", "6"),
            ("Anything to add about pain", ""),
            ("Tiredness", CTRL_C),
        ]
    )
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    assert stopped.value.kept == "draft"
    draft = store.latest_draft()
    assert draft is not None and draft.id == stopped.value.visit_id
    assert draft.status == "draft" and draft.draft_step == "symptoms"
    # What was scored, and what was picked but not scored yet (so that picking up can score it).
    assert [(s.symptom_id, s.score) for s in draft.symptoms] == [("pain", 6), ("tiredness", None)]

    resume = ScriptedPrompter(
        [
            ("unfinished visit", "resume"),
            ("What would you like to do?", "keep"),  # what was scored is not asked again, the rest left out
            *questions_to_the_end(first_n(2)),
        ]
    )
    visit = start_new_visit(resume, content, store, TODAY)
    assert any("Picking up where you left off: step 2 of 7, how Ana feels" in line for line in resume.said)
    assert any(line.startswith("Noted so far: Pain 6") for line in resume.said), "resumed where it stopped"
    assert "Still to score: Tiredness." in resume.said
    assert visit.id == draft.id
    saved = store.get(str(visit.id))
    assert saved.status == "ready" and saved.visit_date == "2026-11-24"
    assert [(s.symptom_id, s.score) for s in saved.symptoms] == [("pain", 6)]
    assert [q.rank for q in saved.questions] == [1, 2]


def test_a_visit_picked_up_after_ctrl_c_at_a_score_scores_the_rest(content: Content, store: Store) -> None:
    picked = ["pain", "tiredness", "nausea", "hand-foot"]
    assert [k for k in content.symptoms if k in picked] == picked, "scored in the list's order"
    p = ScriptedPrompter(
        [
            *DETAILS,
            ("(about a minute)", True),
            ("bother", picked),
            ("Pain right now", "6"),
            ("Anything to add about pain", ""),
            ("Tiredness right now", "3"),
            ("right now", CTRL_C),  # the third of the four
        ]
    )
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    third, fourth = picked[2:]
    resume = ScriptedPrompter(
        [
            ("unfinished visit", "resume"),
            ("What would you like to do?", lambda options: options[0].value),  # what Enter takes
            (content.symptoms[third].name, "7"),
            ("Anything to add", ""),
            (content.symptoms[fourth].name, ""),  # Enter skips it, as it would have the first time
            ("Anything else bothering", ""),
            *questions_to_the_end([]),
        ]
    )
    visit = start_new_visit(resume, content, store, TODAY)
    resume.done()
    names = ", ".join(content.symptoms[k].name for k in picked[2:])
    assert f"Still to score: {names}." in resume.said
    offered = [[(o.title, o.value) for o in options] for options in resume.offered.values()]
    assert [("Score those and go on", "rest"), ("Leave those out and go on", "keep"), ("Change them", "change")] in (
        offered
    ), "scoring the rest comes first (Enter takes it), and what keeping does is said"
    saved = store.get(str(visit.id))
    assert [(s.symptom_id, s.score) for s in saved.symptoms] == [("pain", 6), ("tiredness", 3), (third, 7)]


def test_ctrl_c_before_anything_is_typed_keeps_nothing(content: Content, store: Store) -> None:
    p = ScriptedPrompter([("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    assert stopped.value.kept == "nothing"
    assert store.summaries() == []


def test_discarding_a_draft_deletes_it(content: Content, store: Store) -> None:
    with pytest.raises(InterviewStopped):
        start_new_visit(ScriptedPrompter([*DETAILS, ("(about a minute)", CTRL_C)]), content, store, TODAY)
    assert len(store.summaries()) == 1
    p = ScriptedPrompter([("unfinished visit", "discard"), ("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    assert store.summaries() == []


def _three_drafts(store: Store) -> list[int]:
    """Three unfinished visits, made in this order (so the last is the one changed last)."""
    from mbcprep.model.visit import Visit

    made = [store.save(Visit(uuid=f"draft-{n}", visit_date=f"2027-01-{10 + n}", kind="routine")) for n in range(3)]
    assert all(v.status == "draft" for v in made)
    return [v.id for v in made if v.id is not None]


def test_an_older_unfinished_visit_can_be_picked_up(content: Content, store: Store) -> None:
    first, second, latest = _three_drafts(store)
    p = ScriptedPrompter(
        [
            ("3 unfinished visits", "older"),
            ("Which unfinished visit?", first),
            ("When is the visit?", CTRL_C),
        ]
    )
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    assert p.asked[0] == (
        f"You have 3 unfinished visits. The one you worked on last is visit {latest}, Tuesday 12 January 2027."
        " What would you like to do?"
    )
    assert [o.value for o in p.offered[p.asked[0]]] == ["resume", "older", "new", "discard"]
    assert [(o.title, o.value) for o in p.offered["Which unfinished visit?"]] == [
        (f"Visit {second}, Monday 11 January 2027", second),
        (f"Visit {first}, Sunday 10 January 2027", first),
        ("Back", None),
    ]
    assert stopped.value.visit_id == first, "the one chosen was picked up, not the latest"
    assert sorted(d[0] for d in store.drafts()) == [first, second, latest], "all three are still unfinished"


def test_back_from_the_older_ones_asks_again_and_in_spanish(content: Content, store: Store) -> None:
    from mbcprep import i18n

    first, _second, latest = _three_drafts(store)
    i18n.use_language("es")
    p = ScriptedPrompter(
        [
            ("3 citas sin terminar", "older"),
            ("¿Qué cita sin terminar?", None),
            ("3 citas sin terminar", "resume"),
            ("¿Cuándo es la cita?", CTRL_C),
        ]
    )
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    assert p.asked[0] == (
        f"Tiene 3 citas sin terminar. La última en la que trabajó es la cita {latest}, martes, 12 de enero de 2027."
        " ¿Qué quiere hacer?"
    )
    assert p.offered["¿Qué cita sin terminar?"][-1].title == "Volver"
    assert (f"Cita {first}, domingo, 10 de enero de 2027", first) in [
        (o.title, o.value) for o in p.offered["¿Qué cita sin terminar?"]
    ]
    assert stopped.value.visit_id == latest


def test_a_draft_with_no_date_yet_says_when_it_was_begun_not_a_visit_date(content: Content, store: Store) -> None:
    from mbcprep.model.visit import Visit

    dated = store.save(Visit(uuid="dated", visit_date="2027-01-12", kind="routine"))
    undated = store.save(Visit(uuid="undated", visit_date="", kind="routine", created_at="2026-12-08T09:30:00+00:00"))
    p = ScriptedPrompter([("unfinished visits", "older"), ("Which unfinished visit?", None)])
    p.script.append(("unfinished visits", "new"))
    p.script.append(("When is the visit?", CTRL_C))
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    assert p.asked[0].startswith(
        f"You have 2 unfinished visits. The one you worked on last is visit {undated.id}, no date yet, begun "
    )
    assert "December at " in p.asked[0], "when it was begun, in words and local time"
    assert [o.title for o in p.offered["Which unfinished visit?"]] == [
        f"Visit {dated.id}, Tuesday 12 January 2027",
        "Back",
    ]


def test_with_several_unfinished_visits_throwing_away_takes_only_the_latest(content: Content, store: Store) -> None:
    first, second, latest = _three_drafts(store)
    p = ScriptedPrompter([("unfinished visits", "discard"), ("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    assert sorted(d[0] for d in store.drafts()) == [first, second]
    assert f"Visit {latest} was thrown away." in p.said, "said, not silent"


def test_one_unfinished_visit_is_asked_about_as_before(content: Content, store: Store) -> None:
    first, second, only = _three_drafts(store)
    store.delete(first)
    store.delete(second)
    p = ScriptedPrompter([("unfinished visit", "resume"), ("When is the visit?", CTRL_C)])
    with pytest.raises(InterviewStopped) as stopped:
        start_new_visit(p, content, store, TODAY)
    assert (
        p.asked[0]
        == f"You have an unfinished visit (visit {only}, Tuesday 12 January 2027). What would you like to do?"
    )
    assert [o.value for o in p.offered[p.asked[0]]] == ["resume", "new", "discard"]
    assert stopped.value.visit_id == only


def test_review_can_go_back_and_change_a_step(content: Content, store: Store) -> None:
    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    p = ScriptedPrompter(
        [
            *DETAILS,
            ("(about a minute)", False),
            ("Show those questions too?", True),
            ("Suggested", []),
            ("What next?", "done"),
            ("what matters", False),
            ("notes", "first note"),
            ("Ready to save?", "notes"),
            ("notes", "second note"),
            ("Ready to save?", "save"),
        ]
    )
    interview.p = p
    visit = interview.run()
    p.done()
    assert store.get(str(visit.id)).notes == "second note"


def test_edit_removes_and_reorders_then_saves_once(content: Content, store: Store) -> None:
    visit = store.save(sample_visit())
    p = ScriptedPrompter(
        [
            ("What would you like to change?", "remove"),
            ("Tick the questions to remove", [0]),
            ("What would you like to change?", "notes"),
            ("notes", "new notes"),
            ("What would you like to change?", "save"),
        ]
    )
    edit_visit(p, content, store, store.get("1"))
    saved = store.get("1")
    assert [q.text for q in saved.questions] == ["Can I still travel in May?"]
    assert saved.questions[0].rank == 1
    assert saved.notes == "new notes"
    assert saved.uuid == visit.uuid


def test_ctrl_c_in_edit_leaves_the_visit_as_it_was(content: Content, store: Store) -> None:
    before = store.save(sample_visit())
    p = ScriptedPrompter([("What would you like to change?", "notes"), ("notes", CTRL_C)])
    with pytest.raises(InterviewStopped) as stopped:
        edit_visit(p, content, store, store.get("1"))
    assert stopped.value.kept == "unchanged"
    assert store.get("1") == before


def test_ctrl_c_in_edit_keeps_the_changes_aside_and_the_next_edit_offers_them(content: Content, store: Store) -> None:
    before = store.save(sample_visit())
    p = ScriptedPrompter(
        [
            ("What would you like to change?", "notes"),
            ("notes", "changed my mind"),
            ("What would you like to change?", CTRL_C),
        ]
    )
    with pytest.raises(InterviewStopped) as stopped:
        edit_visit(p, content, store, store.get("1"))
    assert stopped.value.kept == "edit-draft"
    assert store.get("1") == before, "the saved visit is untouched until Save"
    (kept,) = store.kept_edits(1)
    assert kept.visit.notes == "changed my mind"

    resume = ScriptedPrompter(
        [
            ("unsaved changes", kept.id),
            ("What would you like to change?", "save"),
        ]
    )
    edit_visit(resume, content, store, store.get("1"))
    assert store.get("1").notes == "changed my mind"
    assert store.kept_edits(1) == []


def test_unsaved_edit_changes_can_be_thrown_away(content: Content, store: Store) -> None:
    store.save(sample_visit())
    visit = store.get("1")
    visit.notes = "draft notes"
    store.keep_edit(visit)
    p = ScriptedPrompter([("unsaved changes", "discard"), ("What would you like to change?", "quit")])
    with pytest.raises(InterviewStopped):
        edit_visit(p, content, store, store.get("1"))
    assert store.kept_edits(1) == []
    assert store.get("1").notes == sample_visit().notes


def test_enter_alone_on_a_choice_chooses_nothing_for_you(content: Content, store: Store) -> None:
    visit = store.save(sample_visit())
    visit.considerations = []
    seen: dict[str, object] = {}

    class RecordingPrompter(ScriptedPrompter):
        def choose(self, message, options, *, default=None):  # type: ignore[no-untyped-def]
            seen[message] = default
            return default  # what pressing Enter picks

        def choose_many(self, message, options, *, hint="", pick_pointed=False, reasons=False):  # type: ignore[no-untyped-def]
            return [o.value for o in options if o.checked]  # Enter keeps what was ticked: nothing

        def ask_text(self, message, *, default="", hint="", validate=None):  # type: ignore[no-untyped-def]
            return default

        def confirm(self, message, *, default=True):  # type: ignore[no-untyped-def]
            return True

    Interview(RecordingPrompter([]), content, store, TODAY).ask_what_matters(visit)
    assert seen, "choice items were asked"
    assert visit.considerations == []


def test_caregiver_questions_are_suggested_only_to_caregivers(content: Content, store: Store) -> None:
    from mbcprep.model.visit import Visit

    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    interview.show_sensitive = False
    patient = interview.suggested(Visit(uuid="p", kind="routine", filled_by="patient"))
    carer = interview.suggested(Visit(uuid="c", kind="routine", filled_by="caregiver"))
    assert patient and not any(q.topic == "caregivers" for q in patient)
    assert carer[0].topic == "caregivers"
    treatment = interview.suggested(Visit(uuid="t", kind="treatment-decision", filled_by="patient"))
    topics = [q.topic for q in treatment]
    assert topics[0] == max(set(topics), key=lambda t: len(interview.find(topic=t, kind="treatment-decision")))


def test_editing_symptoms_keeps_every_own_symptom_and_its_note(content: Content, store: Store) -> None:
    from mbcprep.model.visit import SymptomScore

    visit = sample_visit()
    visit.symptoms = [
        SymptomScore("pain", "Pain", 4, "worse at night"),
        SymptomScore("other", "itchy skin", 3),
        SymptomScore("other", "cough", 2, "dry"),
    ]
    store.save(visit)
    p = ScriptedPrompter(
        [
            ("What would you like to change?", "symptoms"),
            ("(about a minute)", True),
            ("bother", lambda options: [o.value for o in options if o.checked]),  # Enter keeps the ticks
            ("Pain right now", ""),
            ("Anything to add about pain", ""),
            ("itchy skin right now", ""),
            ("cough right now", "5"),
            ("Anything to add about cough", ""),
            ("Anything else bothering", ""),
            ("What would you like to change?", "save"),
        ]
    )
    edit_visit(p, content, store, store.get("1"))
    p.done()
    assert [(s.name, s.score, s.note) for s in store.get("1").symptoms] == [
        ("Pain", 4, "worse at night"),
        ("itchy skin", 3, ""),
        ("cough", 5, "dry"),
    ]


def test_an_edit_finished_after_another_window_saved_is_kept_as_a_new_visit(content: Content, store: Store) -> None:
    store.save(sample_visit())

    def other_window_saves_then_save(options):  # type: ignore[no-untyped-def]
        with Store.open(store.folder) as other:
            theirs = other.get("1")
            theirs.notes = "the caregiver's notes"
            other.save(theirs)
        return "save"

    p = ScriptedPrompter(
        [
            ("What would you like to change?", "notes"),
            ("notes", "the patient's notes"),
            ("What would you like to change?", other_window_saves_then_save),
        ]
    )
    saved = edit_visit(p, content, store, store.get("1"))
    assert saved.id == 2 and saved.notes == "the patient's notes" and saved.status == "ready"
    assert store.get("1").notes == "the caregiver's notes", "the other window's save is kept"
    assert store.get("2").questions == store.get("1").questions
    assert store.get("2").uuid != store.get("1").uuid
    assert store.kept_edits(1) == [] and store.kept_edits(2) == []
    assert any("another window" in line and "visit 2" in line for line in p.said)


def test_a_draft_resumed_in_two_windows_becomes_two_drafts(content: Content, store: Store) -> None:
    p = ScriptedPrompter([*DETAILS, ("(about a minute)", CTRL_C)])
    with pytest.raises(InterviewStopped):
        start_new_visit(p, content, store, TODAY)
    draft = store.latest_draft()
    assert draft is not None
    with Store.open(store.folder) as other:  # the other window picks the same draft up and moves on
        theirs = other.get(str(draft.id))
        theirs.notes = "typed in the other window"
        other.save(theirs)
    mine = Interview(ScriptedPrompter([("(about a minute)", False)]), content, store, TODAY)
    mine.ask_symptoms(draft)
    mine.checkpoint(draft, "questions")
    assert draft.id != 1 and draft.status == "draft"
    assert store.get("1").notes == "typed in the other window"
    assert {s.id for s in store.summaries()} == {1, draft.id}
    assert any("another window" in line and f"draft {draft.id}" in line for line in mine.p.said)


def test_a_high_score_gets_one_calm_line_about_not_waiting(content: Content, store: Store) -> None:
    from mbcprep.actions.warnings import CALL_NOW, CALL_NOW_ABOUT

    symptoms = list(content.symptoms.values())[:3]

    def script(scores: list[str]) -> list[tuple[str, object]]:
        out: list[tuple[str, object]] = [("(about a minute)", True), ("bother", [s.id for s in symptoms])]
        for symptom, score in zip(symptoms, scores, strict=True):
            out += [(f"{symptom.name} right now", score), ("Anything to add", "")]
        return [*out, ("Anything else bothering", "")]

    p = ScriptedPrompter(script(["9", "4", "10"]))
    visit = sample_visit()
    visit.symptoms = []
    Interview(p, content, store, TODAY, autosave=False).ask_symptoms(visit)
    p.done()
    # sample_visit is filled in by a caregiver who gave no name: the line speaks about "the person"
    said = CALL_NOW_ABOUT.format(name="the person you care for")
    assert p.said.count(said) == 1 and CALL_NOW not in p.said
    assert [s.score for s in visit.symptoms] == [9, 4, 10]
    for level in content.urgent_levels.values():  # no sign that nothing brought up (a screen reader's alarm)
        assert not any(line.startswith(level.label) for line in p.said), level.id
    assert p.said.count("'mbcprep urgent' lists every sign that cannot wait.") == 1

    calm = ScriptedPrompter(script(["7", "7", "7"]))
    visit.symptoms = []
    Interview(calm, content, store, TODAY, autosave=False).ask_symptoms(visit)
    assert said not in calm.said and CALL_NOW not in calm.said


def test_the_pick_list_says_what_a_medical_word_means(content: Content, store: Store) -> None:
    with_term = next(q for q in content.questions.values() if content_mod.terms_in(content, q.text))
    term = content_mod.terms_in(content, with_term.text)[0]
    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    line = interview.why_and_words(with_term)
    assert line.startswith(with_term.why) and f"({term.term}: {term.meaning})" in line


def test_a_search_that_only_finds_hidden_questions_says_so(content: Content, store: Store) -> None:
    p = ScriptedPrompter(
        [
            ("Show those questions too?", False),
            ("Suggested questions", []),
            ("What next?", "search"),
            ("Word to look for", "hospice"),
            ("What next?", "done"),
        ]
    )
    visit = sample_visit()
    Interview(p, content, store, TODAY, autosave=False).ask_questions(visit)
    assert any("about the future, which you chose not to see" in line for line in p.said)


def test_edit_moves_questions_up_and_down_the_list(content: Content, store: Store) -> None:
    visit = sample_visit()
    visit.questions = [VisitQuestion(f"Question {n}?", "my-own") for n in range(1, 5)]
    store.save(visit)
    p = ScriptedPrompter(
        [
            ("What would you like to change?", "order"),
            ("Which question do you want to move?", 3),  # the fourth
            ("Move it where?", "top"),
            ("Which question do you want to move?", 1),  # now "Question 1?"
            ("Move it where?", "down"),
            ("Which question do you want to move?", None),
            ("What would you like to change?", "save"),
        ]
    )
    edit_visit(p, content, store, store.get("1"))
    assert [q.text for q in store.get("1").questions] == ["Question 4?", "Question 2?", "Question 1?", "Question 3?"]
