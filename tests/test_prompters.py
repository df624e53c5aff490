"""The two real prompters, the plain one (a line at a time) and the questionary one (menus), behave
alike: the same scripted interviews run through each give the same visit.

The scripts are the ones `ScriptedPrompter` reads (tests/scripted.py). A driver turns each scripted
answer into what a person would type at that prompter: lines for the plain prompter, keys sent
through prompt_toolkit's pipe input for questionary. Each answer the real prompter returns must be
the scripted one. The plain prompter's own wording (numbered choices, the choice said back, the range
on a wrong answer, yes/no in words) is checked on its own, and that it writes no escape sequence.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

from mbcprep.interview.edit import edit_visit
from mbcprep.interview.interview import start_new_visit
from mbcprep.model.content import Content
from mbcprep.model.record import to_record
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import NO_DEFAULT, Option, Validator, default_index
from mbcprep.prompts.plain import PlainPrompter
from mbcprep.storage.store import Store
from tests.scripted import ScriptedPrompter
from tests.test_store import sample_visit
from tests.test_wizard import DETAILS, FIRST, QUESTIONS, REST, SYMPTOMS, TODAY, what_matters_skipping

KEY_DOWN = "\x1b[B"
KEY_UP = "\x1b[A"
KEY_ENTER = "\r"
KEY_CLEAR_LINE = "\x15"  # Ctrl-U: remove what is before the cursor on its line (a default answer)
KEY_BACKSPACE = "\x7f"


# --- the plain prompter on its own ---------------------------------------------------------------------


def plain(*lines: str) -> tuple[PlainPrompter, io.StringIO, list[str]]:
    typed = list(lines)
    asked: list[str] = []

    def read_line(prompt: str) -> str:
        asked.append(prompt)
        if not typed:
            raise EOFError
        return typed.pop(0)

    out = io.StringIO()
    return PlainPrompter(read_line, out), out, asked


KINDS = [Option("Routine check-in", "routine", "A regular visit"), Option("Test results", "results")]


def test_plain_choices_are_a_numbered_list_and_the_choice_is_said_back() -> None:
    p, out, asked = plain("2")
    assert p.choose("What kind of visit is it?", KINDS) == "results"
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["What kind of visit is it?", "1. Routine check-in", "2. Test results"]  # titles alone
    assert "A regular visit" not in out.getvalue()  # said only when asked for (tests/test_plain_mode.py)
    assert lines[-1] == "Chosen: Test results"
    assert asked == ["Type a number from 1 to 2: "]


@pytest.mark.parametrize("wrong", ["0", "3", "two", "", "1.5", "9" * 5000])
def test_plain_asks_again_with_the_range_after_a_wrong_answer(wrong: str) -> None:
    p, out, _ = plain(wrong, "1")
    assert p.choose("What kind of visit is it?", KINDS) == "routine"
    assert "Please type a number from 1 to 2." in out.getvalue()


def test_plain_enter_takes_the_default_and_says_it_in_words() -> None:
    p, out, asked = plain("")
    assert p.choose("What kind of visit is it?", KINDS, default="results") == "results"
    assert asked == ["Type a number from 1 to 2 (Enter means 2): "]
    assert out.getvalue().splitlines()[-1] == "Chosen: Test results"
    # "Press Enter for 2. Test results" read the option again, just after the list
    assert out.getvalue().count("Test results") == 2


def test_plain_reads_the_same_list_of_options_once_per_run() -> None:
    """The debrief read its four answers again for each of five questions."""
    p, out, _asked = plain("1", "?", "2", "1")
    for n in (1, 2):
        p.choose(f"Question {n} of 2: why this one?", KINDS)
    p.choose("Another list?", [Option("Yes", 1), Option("No", 0)])
    said = out.getvalue().splitlines()
    assert said.count("2. Test results") == 2  # read once, and again when "?" asked for it
    assert said.count("The same choices as before, 1 to 2; type ? to hear them again.") == 1
    assert "1. Yes" in said  # another list is read out


def test_plain_enter_never_chooses_when_there_is_no_default() -> None:
    p, out, _ = plain("", "1")
    assert p.choose("Which question to ask second?", [Option("A?", 0), Option("That is enough", None)]) == 0
    assert "Please type a number from 1 to 2." in out.getvalue()


def test_plain_ticks_by_numbers_typed_on_one_line_or_several() -> None:
    options = [Option(f"Question {n}?", n, checked=n == 3) for n in range(1, 6)]
    p, out, _ = plain("1, 2", "3 5", "0")
    assert p.choose_many("Tick any you want to ask", options) == [1, 2, 5]
    said = out.getvalue()
    # what was already ticked is said first, by name, as the last line before the prompt
    assert said.splitlines()[7] == "Already ticked: 3. Question 3?"
    assert "Chosen so far: 1. Question 1?; 2. Question 2?; 5. Question 5?" in said


def test_plain_ticking_refuses_numbers_out_of_range() -> None:
    p, out, _ = plain("7", "2", "")
    assert p.choose_many("Tick any", [Option("A", "a"), Option("B", "b")]) == ["b"]
    assert "Please type numbers from 1 to 2, or press Enter when you are done." in out.getvalue()


@pytest.mark.parametrize(("typed", "default", "answer"), [("y", False, True), ("No", True, False), ("", False, False)])
def test_plain_yes_or_no_in_words(typed: str, default: bool, answer: bool) -> None:
    p, _, asked = plain(typed)
    assert p.confirm("Show those questions too?", default=default) is answer
    assert asked[0] == f"Type yes or no (Enter means {'yes' if default else 'no'}): "


def test_plain_yes_or_no_asks_again() -> None:
    p, out, _ = plain("maybe", "yes")
    assert p.confirm("Save?") is True
    assert "Please type yes or no." in out.getvalue()


def test_plain_text_keeps_the_default_on_enter_and_asks_again_when_refused() -> None:
    p, out, _ = plain("", "x", "5")
    assert p.ask_text("Pain right now (0-10):", default="4") == "4"
    refuse = lambda answer: None if answer.isdigit() else "A score must be a whole number."  # noqa: E731
    assert p.ask_text("Pain right now (0-10):", validate=refuse) == "5"
    assert "Press Enter to keep: 4" in out.getvalue()
    assert "A score must be a whole number." in out.getvalue()


def test_plain_end_of_input_stops_like_ctrl_d() -> None:
    p, _, _ = plain()
    with pytest.raises(EOFError):
        p.ask_text("When is the visit?")


def test_plain_says_progress_in_words_and_never_writes_an_escape() -> None:
    p, out, _ = plain("1")
    p.progress(3, 7, "your questions")
    p.say("Dr \x1b[31mRed\x1b[0m \u202eevil")
    p.choose("Which?", [Option("\x1b]0;title\x07A", "a")])
    text = out.getvalue()
    assert "Step 3 of 7: your questions" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


# --- the same scripts through both real prompters -----------------------------------------------------


class Feeder:
    """How a person answers at one kind of prompter."""

    def text(self, answer: str, default: str) -> None: ...

    def choose(self, index: int, start: int) -> None: ...

    def tick(self, toggles: list[int]) -> None: ...

    def confirm(self, yes: bool) -> None: ...


class PlainFeeder(Feeder):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def read_line(self, prompt: str) -> str:
        assert self.lines, f"the plain prompter asked more than the script answered: {prompt!r}"
        return self.lines.pop(0)

    def text(self, answer: str, default: str) -> None:
        self.lines.append("" if answer == default else answer)

    def choose(self, index: int, start: int) -> None:
        self.lines.append(str(index + 1))

    def tick(self, toggles: list[int]) -> None:
        if toggles:
            self.lines.append(", ".join(str(i + 1) for i in toggles))
        self.lines.append("")

    def confirm(self, yes: bool) -> None:
        self.lines.append("yes" if yes else "no")


class KeysFeeder(Feeder):
    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe

    def text(self, answer: str, default: str) -> None:
        clear = (KEY_CLEAR_LINE + KEY_BACKSPACE) * default.count("\n") + KEY_CLEAR_LINE
        self.pipe.send_text(KEY_ENTER if answer == default else clear + answer + KEY_ENTER)

    def choose(self, index: int, start: int) -> None:
        moves = index - start
        self.pipe.send_text((KEY_DOWN * moves if moves > 0 else KEY_UP * -moves) + KEY_ENTER)

    def tick(self, toggles: list[int]) -> None:
        at, keys = 0, ""
        for i in toggles:
            keys += KEY_DOWN * (i - at) + " "
            at = i
        self.pipe.send_text(keys + KEY_ENTER)

    def confirm(self, yes: bool) -> None:
        self.pipe.send_text(("y" if yes else "n") + KEY_ENTER)


class Driven:
    """A real prompter answered as the script says, through the keys or lines a person would type.
    Every answer it gives back must be the scripted one."""

    def __init__(self, real: Any, feeder: Feeder, script: Sequence[tuple[str, Any]]) -> None:
        self.real = real
        self.feed = feeder
        self.scripted = ScriptedPrompter(script)

    def say(self, text: str) -> None:
        self.real.say(text)

    def progress(self, step: int, steps: int, title: str) -> None:
        self.real.progress(step, steps, title)

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        answer = self.scripted.ask_text(message, default=default, hint=hint, validate=validate)
        self.feed.text(answer, default)
        got = self.real.ask_text(message, default=default, hint=hint, validate=validate)
        assert got == answer, (message, got, answer)
        return got

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        value = self.scripted.choose(message, options, default=default)
        start = default_index(options, default) or 0
        self.feed.choose([o.value for o in options].index(value), start)
        got = self.real.choose(message, options, default=default)
        assert got == value, (message, got, value)
        return got

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        wanted = self.scripted.choose_many(message, options, hint=hint)
        values = [o.value for o in options]
        desired = {values.index(v) for v in wanted}
        checked = {i for i, o in enumerate(options) if o.checked}
        self.feed.tick(sorted(desired ^ checked))
        got = self.real.choose_many(message, options, hint=hint, pick_pointed=pick_pointed, reasons=reasons)
        assert sorted(values.index(v) for v in got) == sorted(desired), (message, got, wanted)
        return got

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        yes = self.scripted.confirm(message, default=default)
        self.feed.confirm(yes)
        got = self.real.confirm(message, default=default)
        assert got is yes, (message, got, yes)
        return got


@contextmanager
def driven(kind: str, script: Sequence[tuple[str, Any]]) -> Iterator[Driven]:
    if kind == "plain":
        feeder = PlainFeeder()
        yield Driven(PlainPrompter(feeder.read_line, io.StringIO()), feeder, script)
        return
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield Driven(QuestionaryPrompter(), KeysFeeder(pipe), script)


def _without_moments(visit: Visit) -> dict[str, Any]:
    record = to_record(visit)
    for key in ("uuid", "created_at", "updated_at"):
        record.pop(key)
    return record


def _whole_visit(content: Content) -> list[tuple[str, Any]]:
    return [
        *DETAILS,
        *SYMPTOMS,
        *QUESTIONS,
        *FIRST,
        *REST,
        *what_matters_skipping(content),
        ("notes", "Bring the list of pills."),
        ("Ready to save?", "save"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["plain", "menus"])
def test_a_whole_interview_gives_the_same_visit_through_each_prompter(
    kind: str, content: Content, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = ScriptedPrompter(_whole_visit(content))
    expected = _without_moments(start_new_visit(reference, content, store, TODAY))
    with driven(kind, _whole_visit(content)) as prompter:
        visit = start_new_visit(prompter, content, store, TODAY)
    prompter.scripted.done()
    assert _without_moments(store.get(str(visit.id))) == expected
    if kind == "plain":
        assert "\x1b" not in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["plain", "menus"])
def test_an_edit_gives_the_same_visit_through_each_prompter(kind: str, content: Content, store: Store) -> None:
    saved = store.save(sample_visit())
    script = [
        ("What would you like to change?", "notes"),
        ("notes", "Ask about the scan."),
        ("What would you like to change?", "order"),
        ("Which question do you want to move?", 1),
        ("Move it where?", "top"),
        ("Which question do you want to move?", None),
        ("What would you like to change?", "save"),
    ]
    with driven(kind, script) as prompter:
        edited = edit_visit(prompter, content, store, store.get(str(saved.id)))
    prompter.scripted.done()
    assert edited.notes == "Ask about the scan."
    assert [q.text for q in edited.questions] == ["Can I still travel in May?", "How will I know it works?"]


# --- what Enter alone does -----------------------------------------------------------------------------


@contextmanager
def menus() -> Iterator[tuple[Any, Any]]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield QuestionaryPrompter(), pipe


def test_enter_alone_never_ends_a_list_that_offers_that_is_enough(capsys: pytest.CaptureFixture[str]) -> None:
    """The pointer starts on the first real choice, not on "That is enough" (whose value is None)."""
    options = [Option("Question one?", 0), Option("Question two?", 1), Option("That is enough", None)]
    with menus() as (prompter, pipe):
        pipe.send_text(KEY_ENTER)
        assert prompter.choose("Which question to ask second?", options) == 0


def test_enter_on_a_line_with_nothing_ticked_takes_that_line(capsys: pytest.CaptureFixture[str]) -> None:
    options = [Option("Nothing bothers me right now", ""), Option("Pain", "pain"), Option("Tiredness", "tiredness")]
    with menus() as (prompter, pipe):
        pipe.send_text(KEY_DOWN + KEY_ENTER)
        assert prompter.choose_many("Which of these bother you?", options, pick_pointed=True) == ["pain"]
    with menus() as (prompter, pipe):
        pipe.send_text(KEY_DOWN + " " + KEY_DOWN + KEY_ENTER)  # what is ticked is what counts
        assert prompter.choose_many("Which of these bother you?", options, pick_pointed=True) == ["pain"]
    with menus() as (prompter, pipe):
        pipe.send_text(KEY_DOWN + KEY_ENTER)  # where it is not asked for, Enter takes nothing
        assert prompter.choose_many("Tick the questions to remove:", options) == []


def test_a_yes_or_no_with_no_default_must_be_typed(capsys: pytest.CaptureFixture[str]) -> None:
    with menus() as (prompter, pipe):
        pipe.send_text(KEY_ENTER + "maybe" + KEY_CLEAR_LINE + "no" + KEY_ENTER)
        assert prompter.confirm("Show those questions too?", default=None) is False
    p, _out, asked = plain("", "yes")
    assert p.confirm("Show those questions too?", default=None) is True
    assert asked == ["Type yes or no: ", "Type yes or no: "]


def test_the_default_keys_are_made_once_and_still_answer_every_question(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """prompt_toolkit's default key bindings are made for the first question only (a fifth of an
    interview's time was making them again), and the keys they hold (Ctrl-U, Backspace, arrows) still
    work at each question after it, of each kind."""
    from prompt_toolkit.application import application
    from prompt_toolkit.key_binding import defaults

    made: list[object] = []
    make = defaults.load_key_bindings

    def counted() -> object:
        made.append(1)
        return make()

    import mbcprep.prompts.questionary_prompter as menus_module

    monkeypatch.setattr(menus_module, "_keys_made_once", False)
    monkeypatch.setattr(application, "load_key_bindings", counted)
    with menus() as (prompter, pipe):
        pipe.send_text("Dr Lee" + KEY_CLEAR_LINE + "Dr Rivera" + KEY_BACKSPACE + "o" + KEY_ENTER)
        assert prompter.ask_text("Who is the visit with?") == "Dr Rivero"
        pipe.send_text(KEY_DOWN + KEY_ENTER)
        assert prompter.choose("What kind of visit is it?", KINDS) == "results"
        pipe.send_text(KEY_DOWN + KEY_UP + KEY_ENTER)
        assert prompter.choose("What kind of visit is it?", KINDS) == "routine"
        pipe.send_text("no" + KEY_ENTER)
        assert prompter.confirm("Show those questions too?", default=None) is False
    assert made == [1]


def test_a_title_too_long_for_the_line_ends_with_an_ellipsis_and_shows_whole_under_the_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    monkeypatch.setenv("COLUMNS", "80")
    long = "Do I need a new biopsy to see if my hormone receptor or HER2 results have changed since the first one?"
    options = [Option(long, "biopsy", "Results can change over time."), Option("Who will give me my results?", "who")]
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
        pipe.send_text(" " + KEY_ENTER)
        assert QuestionaryPrompter().choose_many("Pick any:", options) == ["biopsy"]
    drawn = screen.getvalue()
    shown = "Do I need a new biopsy to see if my hormone receptor or HER2 results…"
    line = next(line for line in drawn.splitlines() if "○ Do I need" in line)
    assert line.rstrip().endswith("○ " + shown), line  # cut at a word, with "…"
    assert len(line.rstrip()) < 80, "within the terminal's line"
    assert long in " ".join(drawn.split()), "the whole question is under the list while it is pointed at"
    assert "Who will give me my results?" in drawn and "results?…" not in drawn, "a short title is whole"


def test_a_refused_answer_s_long_message_is_shown_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """prompt_toolkit gives the message one line: a long one (Spanish, or a narrow window) was cut."""
    import io
    import threading

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    monkeypatch.setenv("COLUMNS", "60")
    message = "Por favor, escriba una fecha como 2027-01-15, 8 dic, el próximo martes, hoy o mañana."  # 85

    def date_only(answer: str) -> str | None:
        return None if answer == "tomorrow" else message

    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
        pipe.send_text("xyz" + KEY_ENTER)
        # Ctrl-U clears the line, then a date it takes, once the refusal has been drawn.
        later = threading.Timer(0.5, pipe.send_text, ["\x15tomorrow" + KEY_ENTER])
        later.start()
        try:
            assert QuestionaryPrompter().ask_text("When?", validate=date_only) == "tomorrow"
        finally:
            later.join()
    drawn = screen.getvalue()
    assert message in " ".join(drawn.split()), drawn  # its last words were past the line's end
    assert "xyz\r\nPor favor" in drawn, "right under the answer, not at the window's foot"
    assert "\nPor favor, escriba una fecha como 2027-01-15, 8 dic, el\r\npróximo" in drawn, "at a word"


@pytest.mark.parametrize(("count", "asked"), [(21, "Money and practical matters: pick any you…"), (3, "Your choice")])
def test_a_long_prompt_over_a_list_taller_than_the_window_stays_in_sight(
    count: int, asked: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A prompt too long for its line is printed above the list; a list too tall for the window
    scrolls that away, so the prompt line keeps the start of it instead of "Your choice"."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    message = "Money and practical matters: pick any you want to ask at this visit, or none at all."
    options = [Option(f"Question {n}?", n) for n in range(count)]
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
        pipe.send_text(" " + KEY_ENTER)
        assert QuestionaryPrompter().choose_many(message, options) == [0]
    assert message in " ".join(capsys.readouterr().out.split()), "the whole prompt is printed above either way"
    assert screen.getvalue().startswith(f"? {asked} (Space picks, Enter when done)"), screen.getvalue()[:200]


def test_a_list_taller_than_the_window_keeps_the_description_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The why under a list was drawn after its last line, so a list taller than the window pushed it
    off the foot. It has a window of its own now: the list scrolls with its pointer above it (tried in
    tmux at 80x24: a test's screen here shows only what changed after the first drawing)."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    monkeypatch.setenv("COLUMNS", "80")
    why = "Ask this to learn which sample was tested and when, and what each result may mean for you. " * 3
    options = [Option(f"Question {n}?", n, why + f"(the why of question {n})") for n in range(45)]  # 40 rows
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
        pipe.send_text(" " + KEY_ENTER)
        assert QuestionaryPrompter().choose_many("Pick any:", options) == [0]
    drawn = " ".join(screen.getvalue().split())
    assert "(the why of question 0)" in drawn, "the pointed line's description, whole, under a list too tall"
    assert "Question 0?" in drawn and "Question 44?" not in drawn, "the list is cut to leave it room"
