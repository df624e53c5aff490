"""End to end: the installed `mbcprep` in a real pseudo-terminal, typed at as a person would.

Each test starts `mbcprep new-visit` in an 80x24 pty with pexpect, waits for each question to be
drawn, then presses keys (arrows, Space, Enter, letters, Ctrl-C). For a list it reads the list as
drawn (where the pointer is, what each line says) and moves to the line it wants, as a person
would. What was saved is then read back with `mbcprep visits --json` and `mbcprep export --format
json` (run in this process: tests/scripted.py), and the sheet on disk is read back.

The test plays the part of the terminal too: prompt_toolkit asks a real terminal where the cursor
is (ESC [ 6 n) and a real terminal answers; a bare pty does not, which would print a warning and
stall every prompt for a second. `Terminal.wait_for` (tests/scripted.py) answers those requests.
"""

from __future__ import annotations

import signal
import stat
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminal tests need a POSIX system", allow_module_level=True)

from mbcprep.formats.markdown import escape
from mbcprep.interview.symptoms import NOTE_FROM
from mbcprep.model.content import Content
from tests.scripted import (
    COLOUR_256,
    KEY_CTRL_D,
    TIMEOUT,
    Start,
    Terminal,
    run,
    same_line,
    saved_visit,
    visits,
)

pytestmark = pytest.mark.e2e

# --- what mbcprep asks (the start of each question; one place to follow a rewording) -----------------

ASK_DATE = "When is the visit?"
ASK_WITH = "Who is it with?"
ASK_TIME = "What time is the visit?"
ASK_PLACE = "Where is the visit?"
ASK_KIND = "What kind of visit is it?"
ASK_BY = "Who is filling this in?"
ASK_FEEL = "Note how you feel right now?"
ASK_SCORE = "{name} right now (0-10):"
ASK_WHICH_SYMPTOMS = "Which of these bother you right now?"
ASK_NOTE = "Anything to add about {name}?"
ASK_OTHER_SYMPTOM = "Anything else bothering you?"
ASK_SENSITIVE = "Show those questions too?"
ASK_SUGGESTED = "Suggested questions"
ASK_NEXT = "You have {n} questions. What next?"  # "1 question" for one
ASK_OWN = "Type your question"
ASK_TOPIC = "Which topic?"
ASK_GLOSSARY = "See what they mean?"
ASK_FIRST = "Which question to ask {nth}?"
ASK_MATTERS = "Think about what matters most to you?"
ASK_MORE_MATTERS = "Would you like to think about any of these too?"
ASK_NOTES = "Any notes for yourself or the team?"
ASK_SAVE = "Ready to save?"
ASK_SHEET = "Make the pages to print now?"
SHEET_AS_MARKDOWN = "The whole sheet as a Markdown file (text)"
ASK_RESUME = "You have an unfinished visit (visit {id}, {date})"

# menu lines the tests move to
DONE_WITH_QUESTIONS = "Done with questions"
WRITE_MY_OWN = "Write my own question"
MORE_BY_TOPIC = "See more questions by topic"
PICK_UP = "Pick up where I left off"
SKIP_THIS_ONE = "Skip this one"
THAT_IS_ENOUGH = "That is enough"
BACK = "Back"
SAVE_THIS_VISIT = "Save this visit"


def symptom_lines(bank: Content, names: list[str]) -> list[int]:
    """Where each symptom is drawn in the pick list: after the line "Nothing bothers me right now"."""
    listed = [s.name for s in bank.symptoms.values()]
    return [listed.index(name) + 1 for name in names]


def fill_details(term: Terminal, when: str, with_whom: str = "") -> None:
    """Date and doctor typed; the kind of visit and who fills it in left as they are."""
    term.answer(ASK_DATE, when)
    term.answer(ASK_TIME)
    term.answer(ASK_WITH, with_whom)
    term.answer(ASK_PLACE)
    term.choose(ASK_KIND)
    term.choose(ASK_BY)


def score_symptoms(term: Terminal, bank: Content, scores: dict[str, str]) -> None:
    """The symptom step: the symptoms named ticked in the list and scored (with nothing to add about
    them), nothing else."""
    term.confirm(ASK_FEEL)
    term.tick(ASK_WHICH_SYMPTOMS, symptom_lines(bank, list(scores)))
    for symptom in bank.symptoms.values():
        if symptom.name in scores:
            term.answer(ASK_SCORE.format(name=symptom.name), scores[symptom.name])
            if int(scores[symptom.name]) >= NOTE_FROM:
                term.answer(ASK_NOTE.format(name=symptom.name.lower()))
    term.answer(ASK_OTHER_SYMPTOM)


def done_with_questions(term: Terminal, count: int, until: str) -> None:
    """Choose 'Done with questions', say no to the glossary if it comes (it depends on the words in
    the questions), and wait for `until`."""
    term.choose(ASK_NEXT.format(n=count), DONE_WITH_QUESTIONS)
    if term.wait_for(ASK_GLOSSARY, until) == 0:
        term.enter()  # default: no
        term.wait_for(until)


def shown_as(saved: list[dict[str, Any]], drawn: list[str]) -> None:
    """Each saved question is the one on the line drawn at the same place."""
    assert len(saved) == len(drawn), (saved, drawn)
    for question, line in zip(saved, drawn, strict=True):
        assert same_line(line, question["text"]), (line, question["text"])


# --- the tests ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_full_interview_typed_by_a_person(terminal: Start, bank: Content) -> None:
    kinds = list(bank.kinds.values())
    kind = kinds[[k.id for k in kinds].index("routine") + 1]  # not the one the pointer starts on
    pain, tiredness = bank.symptoms["pain"].name, bank.symptoms["tiredness"].name
    own = "Can I still travel to see my sister in May?"

    term = terminal("new-visit")

    # details: the date first in a form mbcprep cannot read, then corrected
    term.answer(ASK_DATE, "15/01/2027")
    term.wait_for("Please type a date like 2027-01-15")
    term.backspace(len("15/01/2027"))
    term.type("2027-01-15")
    term.enter()
    term.answer(ASK_TIME, "2:30 pm")
    term.answer(ASK_WITH, "Dr Rivera")
    term.answer(ASK_PLACE, "Clinic B")
    drawn = term.choose(ASK_KIND, kind.label)
    assert drawn.titles[drawn.pointer] == bank.kinds["routine"].label
    term.choose(ASK_BY)

    # symptoms: pain and tiredness ticked; pain 4 with a word about it, tiredness first typed as 11
    # (refused), then 6
    term.confirm(ASK_FEEL)
    picked = term.tick(ASK_WHICH_SYMPTOMS, symptom_lines(bank, [pain, tiredness]))
    assert picked.pointer == 0 and picked.titles[0].startswith("Nothing bothers me"), "nothing chosen for you"
    term.answer(ASK_SCORE.format(name=pain), "4")
    term.answer(ASK_NOTE.format(name=pain.lower()), "worse at night")
    term.answer(ASK_SCORE.format(name=tiredness), "11")
    term.wait_for("must be a whole number from 0 to 10")
    term.backspace(2)
    term.type("6")
    term.enter()
    term.answer(ASK_NOTE.format(name=tiredness.lower()))
    term.answer(ASK_OTHER_SYMPTOM)

    # questions: the 1st, 3rd and 6th suggested ones ticked with Space, then one of my own
    term.confirm(ASK_SENSITIVE, "n")  # no answer is chosen for the person: it is typed
    suggested = term.tick(ASK_SUGGESTED, [0, 2, 5])
    assert not any(suggested.ticked), "nothing is ticked before the person ticks it"
    term.choose(ASK_NEXT.format(n=3), WRITE_MY_OWN)
    term.answer(ASK_OWN, own)
    done_with_questions(term, 4, until=ASK_FIRST.format(nth="first"))

    # the three to ask first: my own, then the 3rd suggested, then the 1st suggested
    assert "Pick the three questions you most want to ask" in term.text
    ranking = term.read_list_here(ASK_FIRST.format(nth="first"))
    assert len(ranking.titles) == 4
    term.move(ranking.pointer, ranking.index(own))
    term.enter()
    term.choose(ASK_FIRST.format(nth="second"), suggested.titles[2])
    term.choose(ASK_FIRST.format(nth="third"), suggested.titles[0])

    # what matters: the items that fit the kind of visit; the second answer to every choice, 7 on the
    # first scale, one text answer; no other item added
    term.confirm(ASK_MATTERS)
    expected_matters = []
    scale_done = text_done = False
    fits = [c for c in bank.considerations.values() if kind.id in c.kinds]
    for c in fits:
        prompt = c.prompt[:40]
        if c.answer == "choice":
            term.choose(prompt, c.choices[1])
            expected_matters.append(c.choices[1])
        elif c.answer == "scale" and not scale_done:
            term.answer(prompt, "7")
            expected_matters.append(f"7 out of 10 (0 = {c.low}; 10 = {c.high})")
            scale_done = True
        elif c.answer == "text" and not text_done:
            term.answer(prompt, "My sister Ana")
            expected_matters.append("My sister Ana")
            text_done = True
        else:
            term.answer(prompt)
    if len(fits) < len(bank.considerations):
        term.tick(ASK_MORE_MATTERS, [])

    term.answer(ASK_NOTES, "Bring the scan disc.")
    term.choose(ASK_SAVE, SAVE_THIS_VISIT)
    term.wait_for("Saved as visit 1.")
    term.choose(ASK_SHEET, SHEET_AS_MARKDOWN)  # (the pages to print are the default)
    term.wait_for("Your sheet is at")
    assert term.finish() == 0, term.text[-1500:]

    shown = term.text
    assert f"Date: 2027-01-15 14:30   With: Dr Rivera   Kind: {kind.label}" in shown
    assert f"Questions: 4   Symptoms noted: 2   What matters: {len(expected_matters)}   Notes: yes" in shown
    assert "Traceback" not in shown
    assert "doesn't support cursor position requests" not in shown  # the harness answered like a terminal

    [listed] = visits()
    assert listed["status"] == "ready"
    assert listed["visit_date"] == "2027-01-15"
    assert listed["question_count"] == 4
    assert listed["kind"] == kind.id
    assert listed["with_whom"] == "Dr Rivera"
    assert (listed["visit_time"], listed["place"]) == ("14:30", "Clinic B")  # "2:30 pm" as typed

    saved = saved_visit(listed["id"])
    shown_as(saved["questions"][:3], [suggested.titles[i] for i in (0, 2, 5)])
    assert saved["questions"][3]["text"] == own
    assert [q["first"] for q in saved["questions"]] == [3, 2, None, 1]
    first_three = [own, saved["questions"][1]["text"], saved["questions"][0]["text"]]

    sheet = Path.cwd() / "mbcprep-2027-01-15.md"
    assert sheet.is_file(), sorted(p.name for p in Path.cwd().iterdir())
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    md = sheet.read_text(encoding="utf-8")
    assert own in md
    first_part = md.split("## Ask these first\n", 1)[1].split("\n## ", 1)[0]
    for n, text in enumerate(first_three, 1):
        assert f"{n}. [ ] {escape(text)}" in first_part
    assert f"4. [ ] {escape(saved['questions'][2]['text'])}" in md, "the rest follow, numbered on"
    assert "not medical advice" in md
    assert f"| {pain} | 4 | worse at night |" in md
    assert f"| {tiredness} | 6 |" in md
    assert f"**Kind of visit:** {kind.label}" in md
    assert "**With:** Dr Rivera" in md
    assert "Bring the scan disc." in md
    matters = md.split("## What matters to me\n", 1)[1].split("\n## ", 1)[0]
    assert [ln.strip() for ln in matters.splitlines() if ln.startswith("  **")] == [
        f"**{escape(answer)}**" for answer in expected_matters
    ]


@pytest.mark.slow
def test_ctrl_c_keeps_a_draft_and_new_visit_picks_it_up(terminal: Start, bank: Content) -> None:
    pain = bank.symptoms["pain"]

    term = terminal("new-visit")
    fill_details(term, "2027-02-03")
    score_symptoms(term, bank, {pain.name: "3"})
    term.confirm(ASK_SENSITIVE, "n")
    suggested = term.tick(ASK_SUGGESTED, [0, 1])
    term.wait_for(ASK_NEXT.format(n=2))
    term.ctrl_c()
    assert term.finish() == 130
    said = term.text
    words = " ".join(said.split())  # the message is wrapped at words to the terminal's width
    assert "Your answers so far are kept as a draft (visit 1)" in words
    assert "run 'mbcprep new-visit' to pick up where you left off" in words
    assert "'mbcprep new-visit'" in said, "a command named is never split across lines"
    assert "Traceback" not in said
    assert COLOUR_256 in term.raw  # colours are on here, so the NO_COLOR check below means something

    [listed] = visits()
    assert listed["status"] == "draft"
    assert listed["visit_date"] == "2027-02-03"
    assert listed["question_count"] == 2
    draft_id = listed["id"]

    # again, without colour: offered the draft, pick it up, land back in the questions step
    term = terminal("new-visit", NO_COLOR="1")
    term.choose(ASK_RESUME.format(id=draft_id, date="Wednesday 3 February 2027"), PICK_UP)
    assert term.wait_for(ASK_SENSITIVE, ASK_DATE, ASK_FEEL) == 0, "did not pick up at the questions"
    assert "Picking up where you left off: step 3 of 7, your questions." in term.text
    term.press("n")
    term.enter()
    done_with_questions(term, 2, until=ASK_MATTERS)
    assert ASK_SUGGESTED not in term.text, "the questions chosen before Ctrl-C are not asked again"
    term.press("n")
    term.enter()  # a yes/no answer waits for Enter
    term.answer(ASK_NOTES)
    term.choose(ASK_SAVE, SAVE_THIS_VISIT)
    term.wait_for(f"Saved as visit {draft_id}.")
    term.choose(ASK_SHEET, "Not now")
    term.wait_for(f"You can make it later with: mbcprep export {draft_id}")
    assert term.finish() == 0, term.text[-1500:]
    said = term.text
    assert ASK_DATE not in said
    assert "right now (0-10)" not in said  # the symptoms were not asked again
    assert "Date: 2027-02-03" in said
    assert "Questions: 2   Symptoms noted: 1" in said
    assert COLOUR_256 not in term.raw, "NO_COLOR=1 should turn the colours off"
    assert "Traceback" not in said

    assert [(v["id"], v["status"], v["visit_date"], v["question_count"]) for v in visits()] == [
        (draft_id, "ready", "2027-02-03", 2)
    ]
    saved = saved_visit(draft_id)
    shown_as(saved["questions"], suggested.titles[:2])
    assert [(s["id"], s["score"]) for s in saved["symptoms"]] == [(pain.id, 3)]
    assert not list(Path.cwd().glob("mbcprep-*.md")), "said no to the sheet, so none should be written"


def test_new_visit_without_a_terminal_says_use_no_input() -> None:
    done = run("new-visit")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "--no-input" in lines[0]
    assert lines[0].startswith("Error: ")
    assert done.stdout == ""
    assert visits() == []


def test_ctrl_c_at_the_first_question_keeps_nothing(terminal: Start) -> None:
    term = terminal("new-visit", NO_COLOR="1")
    term.wait_for(ASK_DATE)
    term.type("2027")  # typed but not yet answered: still nothing to keep
    term.ctrl_c()
    assert term.finish() == 130
    said = term.text
    assert "Nothing had been typed yet, so nothing was kept." in said
    assert "kept as a draft" not in said
    assert "Traceback" not in said
    assert COLOUR_256 not in term.raw
    assert visits() == []


def test_closed_terminal_keeps_a_draft(terminal: Start, bank: Content) -> None:
    pain, nausea = bank.symptoms["pain"], bank.symptoms["nausea"]
    term = terminal("new-visit")
    fill_details(term, "tomorrow", "Nurse Kim")
    term.confirm(ASK_FEEL)
    term.tick(ASK_WHICH_SYMPTOMS, symptom_lines(bank, [pain.name, nausea.name]))
    term.answer(ASK_SCORE.format(name=pain.name), "5")
    term.answer(ASK_NOTE.format(name=pain.name.lower()))
    term.wait_for(ASK_SCORE.format(name=nausea.name))
    term.hang_up()
    assert term.finish() == 130
    assert "kept as a draft (visit 1)" in term.text
    assert "Traceback" not in term.text

    [listed] = visits()
    assert (listed["status"], listed["with_whom"]) == ("draft", "Nurse Kim")
    assert listed["visit_date"] == (date.today() + timedelta(days=1)).isoformat()
    # The score given, and the symptom picked but not scored yet: picking up the visit asks its score.
    assert [(s["id"], s["score"]) for s in saved_visit(listed["id"])["symptoms"]] == [(pain.id, 5), (nausea.id, None)]


@pytest.mark.parametrize("step", ["details", "feel", "list"])
def test_closing_the_window_keeps_what_was_typed(terminal: Start, step: str) -> None:
    term = terminal("new-visit")
    fill_details(term, "2027-03-01", "Dr Rivera")
    if step == "feel":
        term.wait_for(ASK_FEEL)
    elif step == "list":
        term.confirm(ASK_FEEL, "n")
        term.confirm(ASK_SENSITIVE, "n")
        term.read_list(ASK_SUGGESTED)
    else:
        term.wait_for(ASK_FEEL)
        term.press("x")  # half way through a key press, so to speak
    assert term.close_window() == 130
    [listed] = visits()
    assert (listed["status"], listed["visit_date"], listed["with_whom"]) == ("draft", "2027-03-01", "Dr Rivera")


def test_ctrl_d_at_a_list_stops_and_keeps_a_draft(terminal: Start) -> None:
    term = terminal("new-visit")
    _to_the_questions(term)
    term.read_list(ASK_SUGGESTED)
    term.press(KEY_CTRL_D)
    assert term.finish() == 130
    assert "kept as a draft (visit 1)" in term.text
    assert [v["status"] for v in visits()] == ["draft"]


@pytest.mark.slow
def test_a_yes_or_no_waits_for_enter_and_enter_never_answers_the_next_question(terminal: Start) -> None:
    term = terminal("new-visit")
    fill_details(term, "2027-03-01")
    term.wait_for(ASK_FEEL)
    term.press("n")
    assert not term.shows_within(ASK_SENSITIVE, 1.0), "'n' alone answered the question"
    term.enter()
    assert term.shows_within(ASK_SENSITIVE, TIMEOUT)
    assert not term.shows_within(ASK_SUGGESTED, 1.0), "the Enter after 'n' answered the next question too"
    term.ctrl_c()
    assert term.finish() == 130


@pytest.mark.slow
def test_enter_and_skip_this_one_leave_what_matters_empty(terminal: Start, bank: Content) -> None:
    choices = [c for c in bank.considerations.values() if c.answer == "choice"]
    assert choices, "the checklist has choice questions"
    term = terminal("new-visit")
    fill_details(term, "2027-03-01")
    term.confirm(ASK_FEEL, "n")
    term.confirm(ASK_SENSITIVE, "n")
    term.choose(ASK_SUGGESTED)  # nothing ticked
    done_with_questions(term, 0, until=ASK_MATTERS)
    term.enter()
    fits = [c for c in bank.considerations.values() if "routine" in c.kinds]
    choices = [c for c in fits if c.answer == "choice"] or choices
    for c in fits:
        if c.answer != "choice":
            term.answer(c.prompt[:40])
            continue
        drawn = term.read_list(c.prompt[:40])
        assert drawn.titles == [*c.choices, SKIP_THIS_ONE]
        assert drawn.titles[drawn.pointer] == SKIP_THIS_ONE, "Enter alone should skip: nothing chosen for you"
        if c is choices[0]:  # look at the answers, then come back to "Skip this one"
            term.move(drawn.pointer, 0)
            term.move(0, drawn.index(SKIP_THIS_ONE))
        term.enter()
    term.tick(ASK_MORE_MATTERS, [])
    term.answer(ASK_NOTES)
    term.choose(ASK_SAVE, SAVE_THIS_VISIT)
    term.choose(ASK_SHEET, SHEET_AS_MARKDOWN)
    term.wait_for("Your sheet is at")
    assert term.finish() == 0
    assert "What matters: 0" in term.text
    assert saved_visit(1)["what_matters"] == []
    md = (Path.cwd() / "mbcprep-2027-03-01.md").read_text(encoding="utf-8")
    assert "What matters to me" not in md
    assert SKIP_THIS_ONE not in md


# --- bugs found by these tests, fixed: they stay as regression tests ------------------------------------


def _to_the_questions(term: Terminal) -> None:
    fill_details(term, "2027-03-01")
    term.confirm(ASK_FEEL, "n")
    term.confirm(ASK_SENSITIVE, "n")


def test_that_is_enough_after_the_first_question(terminal: Start) -> None:
    term = terminal("new-visit")
    _to_the_questions(term)
    term.tick(ASK_SUGGESTED, [0, 1, 2, 3])
    done_with_questions(term, 4, until=ASK_FIRST.format(nth="first"))
    term.enter()
    term.choose(ASK_FIRST.format(nth="second"), THAT_IS_ENOUGH)
    term.wait_for(ASK_MATTERS)
    term.ctrl_c()
    assert term.finish() == 130


def test_back_from_the_topic_list(terminal: Start) -> None:
    term = terminal("new-visit")
    _to_the_questions(term)
    term.choose(ASK_SUGGESTED)
    term.choose(ASK_NEXT.format(n=0), MORE_BY_TOPIC)
    term.choose(ASK_TOPIC, BACK)
    term.wait_for(ASK_NEXT.format(n=0))
    term.ctrl_c()
    assert term.finish() == 130


def _saved_with_nothing_chosen(term: Terminal) -> None:
    """From the start to the offer of the sheet: a date, no scores, no questions, nothing else."""
    _to_the_questions(term)
    term.choose(ASK_SUGGESTED)
    done_with_questions(term, 0, until=ASK_MATTERS)
    term.press("n")
    term.enter()  # a yes/no answer waits for Enter
    term.answer(ASK_NOTES)
    term.choose(ASK_SAVE, SAVE_THIS_VISIT)
    term.wait_for("Saved as visit 1.")


def test_the_sheet_path_is_printed_in_one_piece(
    terminal: Start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "maria-jose" / "cancer-care" / "visit-sheets"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    term = terminal("new-visit")
    _saved_with_nothing_chosen(term)
    term.choose(ASK_SHEET, SHEET_AS_MARKDOWN)
    term.wait_for("Your sheet is at")
    assert term.finish() == 0
    sheet = folder / "mbcprep-2027-03-01.md"
    assert sheet.is_file()
    assert str(sheet) in term.text, "a person copying the path from the screen gets a broken path"


def test_ctrl_c_at_the_sheet_offer_says_stopped(terminal: Start) -> None:
    term = terminal("new-visit")
    _saved_with_nothing_chosen(term)
    term.wait_for(ASK_SHEET)
    term.ctrl_c()
    assert term.finish() == 130
    assert [(v["id"], v["status"]) for v in visits()] == [(1, "ready")]  # saved before the offer
    assert not list(Path.cwd().glob("mbcprep-*.md"))
    assert "Stopped." in term.text


def test_closing_the_window_exits_130_with_output_buffered(terminal: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # as most people run it: output waits in a buffer
    term = terminal("new-visit")
    fill_details(term, "2027-03-01", "Dr Rivera")
    term.wait_for(ASK_FEEL)
    assert term.close_window() == 130
    assert [v["status"] for v in visits()] == ["draft"]


def test_interrupt_sent_as_a_signal_stops_a_list(terminal: Start) -> None:
    term = terminal("new-visit")
    _to_the_questions(term)
    term.read_list(ASK_SUGGESTED)
    term.child.kill(signal.SIGINT)  # kill -INT, as a script or another window would send it
    assert term.finish() == 130
    assert "kept as a draft (visit 1)" in term.text
    assert [v["status"] for v in visits()] == ["draft"]


def test_ctrl_c_at_the_delete_question_says_stopped_and_deletes_nothing(terminal: Start) -> None:
    assert run("new-visit", "--no-input").returncode == 0
    term = terminal("delete", "1")
    term.wait_for("This cannot be undone.")
    term.ctrl_c()
    assert term.finish() == 130
    assert "Stopped." in term.text and "Traceback" not in term.text
    assert [v["id"] for v in visits()] == [1]
