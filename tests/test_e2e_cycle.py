"""End to end in a real pseudo-terminal: the diary and the debrief, typed at as a person would, with
Ctrl-C midway. (The terminal helpers are in tests/scripted.py.)"""

from __future__ import annotations

import pytest

from mbcprep.model.content import Content
from tests.scripted import Start, done, read_json, saved_visit

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ASK_WHAT = "What would you like to note?"
ASK_MORE = "Anything else? (a word or two, or Enter)"
ASK_DAY_NOTE = "A note about the day?"
ASK_ANSWER = "What was the answer, in a few words?"
ASK_TOLD = "Anything new you were told?"
ASK_NEXT_VISIT = "When is your next visit?"


def diary() -> list[dict[str, object]]:
    return list(read_json("diary", "list", "--json"))


def test_diary_typed_with_ctrl_c_midway_keeps_the_score_given(terminal: Start, bank: Content) -> None:
    names = [s.name for s in bank.symptoms.values()]
    pain, tiredness = names.index("Pain") + 1, names.index("Tiredness") + 1  # after "Nothing more"
    term = terminal("diary")
    term.tick(ASK_WHAT, [pain, tiredness])
    term.answer("Pain (0-10):", "3")
    term.wait_for("Tiredness (0-10):")
    term.ctrl_c()
    assert term.finish() == 130
    assert "Stopped. The 1 score you gave is kept in your diary." in term.text
    assert [(e["symptom"], e["score"]) for e in diary()] == [("pain", 3)]

    term = terminal("diary")
    term.wait_for("Already noted for that day: Pain 3.")
    drawn = term.tick(ASK_WHAT, [tiredness])
    assert drawn.ticked[pain] and not drawn.ticked[tiredness]  # what is noted shows ticked
    term.answer("Pain (0-10):")  # Enter keeps the 3 already there
    term.answer("Tiredness (0-10):", "6")
    term.answer(ASK_MORE, "itchy skin")
    term.answer("itchy skin (0-10):", "2")
    term.answer(ASK_MORE)
    term.answer(ASK_DAY_NOTE, "slept badly")
    assert term.finish() == 0
    assert "Kept 3 scores for" in term.text
    assert sorted((e["name"], e["score"], e["note"]) for e in diary()) == [
        ("Pain", 3, "slept badly"),
        ("Tiredness", 6, "slept badly"),
        ("itchy skin", 2, "slept badly"),
    ]


def test_debrief_typed_with_ctrl_c_midway_picks_up_where_it_stopped(terminal: Start) -> None:
    done("new-visit", "--no-input", "--date", "today", "--ask", "Can I travel in May?", "--ask", "Why the cough?")
    term = terminal("debrief", "latest")
    term.choose("Question 1 of 2: Can I travel in May?", "Answered")
    term.answer(ASK_ANSWER, "yes, with a letter")
    term.wait_for("Question 2 of 2: Why the cough?")
    term.ctrl_c()
    assert term.finish() == 130
    assert "run 'mbcprep debrief 1' to pick up where you left off" in " ".join(term.text.split())
    assert [q["outcome"] for q in saved_visit(1)["questions"]] == ["answered", ""]

    term = terminal("debrief", "1")
    term.wait_for("Picking up where you left off.")
    term.choose("Question 2 of 2: Why the cough?", "Not asked, or not answered")
    term.answer(ASK_TOLD, "scan in January")
    term.answer("Any new medicine to add", "")
    term.answer(ASK_NEXT_VISIT, "2027-01-15")
    assert term.finish() == 0
    assert "The one not fully answered will be offered again" in " ".join(term.text.split())
    saved = saved_visit(1)
    assert [(q["outcome"], q["answer"]) for q in saved["questions"]] == [
        ("answered", "yes, with a letter"),
        ("not", ""),
    ]
    assert (saved["told"], saved["next_visit"]) == ("scan in January", "2027-01-15")
