"""Plain mode shows everything as plain lines of words: help without panels, the visits table as a
list, a visit as the plain-text sheet, every list prompt said back in words, and no hint about keys
that only a drawn menu has. (The modes themselves are chosen in tests/test_modes.py; the pseudo-
terminal runs are in tests/test_e2e_plain_demo.py.)"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mbcprep.cli.spoken import scores_in_words, spoken_list, spoken_row
from mbcprep.model.content import Content
from mbcprep.prompts.base import Option
from mbcprep.prompts.plain import PlainPrompter
from mbcprep.storage.store import Store
from tests.test_prompters import Driven, PlainFeeder, _whole_visit
from tests.test_wizard import TODAY

DRAWN = re.compile("[\x1b\u2500-\u259f]")  # an escape, or a box-drawing character or block element


@pytest.fixture
def visit_made(cli) -> None:  # type: ignore[no-untyped-def]
    made = cli(
        "new-visit", "--no-input", "--date", "2027-01-15", "--kind", "results", "--with", "Dr Rivera",
        "--question", "tx-why-this-one", "--symptom", "pain=4", "--symptom", "tiredness=6",
    )  # fmt: skip
    assert made.code == 0, made


def test_visits_are_a_list_of_sentences_in_plain_mode(cli, visit_made: None) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-02-01").code == 0
    ran = cli("--plain", "visits")
    assert ran.out.splitlines() == [
        "Visit 1: Friday 15 January 2027, Test or scan results, with Dr Rivera, 1 question, ready",
        "Visit 2: Monday 1 February 2027, Routine check-in, 0 questions, ready",
    ]  # the kind said in words, not as the id typed after --kind
    assert "ID  DATE" in cli("visits").out  # the table, outside plain mode


def test_show_is_the_plain_text_sheet_in_plain_mode(cli, visit_made: None) -> None:  # type: ignore[no-untyped-def]
    ran = cli("show", "latest", "--plain")
    assert ran.code == 0
    assert "My visit: Friday 15 January 2027" in ran.out
    assert "Pain: 4" in ran.out and "Tiredness: 6" in ran.out  # table rows as lines
    assert not re.search(r"[|#*]|\*\*", ran.out) and not DRAWN.search(ran.out)
    assert "| Pain | 4 |" in cli("show", "latest").out  # the Markdown sheet, outside plain mode


def test_help_is_plain_text_in_plain_mode(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (["--help"], ["export", "--help"], ["data", "--help"], ["demo", "--help"], []):
        ran = cli("--plain", *args)
        assert ran.code == 0 and "Usage: mbcprep" in ran.out, args
        assert not DRAWN.search(ran.out), (args, ran.out[:400])
    assert re.search("[\u2500-\u257f]", cli("--help").out)  # panels, outside plain mode
    assert not DRAWN.search(cli("--help", "--plain").out)  # a plain mode chosen after stays chosen


def test_a_command_s_help_follows_the_mode_of_each_run_in_one_process(cli) -> None:  # type: ignore[no-untyped-def]
    """The commands made for one way of drawing help (mbcprep.cli.group keeps them) are never the
    other's: a command's help, plain, with panels, and plain again."""
    for plain in (True, False, True, False):
        ran = cli(*(["--plain"] if plain else []), "export", "--help")
        assert ran.code == 0 and "Usage: mbcprep export" in ran.out, ran
        assert bool(DRAWN.search(ran.out)) is not plain, (plain, ran.out[:400])


def test_help_never_cuts_a_command_sentence(cli) -> None:  # type: ignore[no-untyped-def]
    """'trends  Muestra cómo cambió cada síntoma de su diario de síntomas:...': each command's first
    sentence, whole, wrapped by the formatter, in plain help and in the panels."""
    code = "from mbcprep.app import main; main(['--lang', 'es', '--plain', '--help'])"
    spanish = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    pages = {
        "en": cli("--plain", "--help").out,
        "data": cli("--plain", "data", "--help").out,
        "es": spanish,
    }
    for name, page in pages.items():
        commands = page.split("\n\n")[-1]
        assert "..." not in commands and "…" not in commands, (name, commands)
    assert "a small chart and the numbers." in " ".join(pages["en"].split())
    assert "It goes on the doctor's sheet" not in pages["en"]  # the first sentence only
    assert "un gráfico pequeño y los números." in " ".join(pages["es"].split())
    assert "a small chart and the numbers." in " ".join(cli("--help").out.replace("│", " ").split())


def test_plain_help_never_loads_rich() -> None:
    code = "import sys; from mbcprep.app import main; main(['--plain', '--help']); print('rich' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_a_mistake_in_plain_mode_is_one_plain_sentence(cli) -> None:  # type: ignore[no-untyped-def]
    line = cli("--plain", "export", "--no-such-option").one_error("No such option")
    assert not DRAWN.search(line)


# --- lists said in words, for any view --------------------------------------------------------------


def test_spoken_rows_leave_out_what_is_empty() -> None:
    assert spoken_row("Visit 3", ["Friday", "", "  ", "ready"]) == "Visit 3: Friday, ready"
    assert spoken_row("Visit 4", []) == "Visit 4"
    assert spoken_list([("A", ["1"]), ("B\x1b[2J", ["2\n3"])]) == "A: 1\nB\ufffd[2J: 2 3"


def test_scores_are_said_in_words() -> None:
    assert scores_in_words([3, None, 6, 5]) == "3, no score, 6, 5 (lowest 3, highest 6, last 5)"
    assert scores_in_words([None, None]) == "no scores yet"


# --- the plain prompter says every choice back ------------------------------------------------------


def test_plain_ticking_says_what_was_chosen_when_done() -> None:
    lines = ["2 3", ""]
    out = io.StringIO()
    p = PlainPrompter(lambda prompt: lines.pop(0), out)
    assert p.choose_many("Which?", [Option("Pain", "pain"), Option("Tiredness", "t"), Option("Worry", "w")]) == [
        "t",
        "w",
    ]
    assert out.getvalue().splitlines()[-1] == "Chosen: Tiredness; Worry"
    lines = [""]
    p.choose_many("Which?", [Option("Pain", "pain")])
    assert out.getvalue().splitlines()[-1] == "Nothing chosen."


@pytest.mark.parametrize(("count", "example"), [(2, "like 1 2."), (5, "like 2 3."), (1, "like 1.")])
def test_how_to_tick_gives_numbers_the_list_has(count: int, example: str) -> None:
    out = io.StringIO()
    PlainPrompter(lambda prompt: "", out).choose_many("Which?", [Option(f"o{n}", n) for n in range(count)])
    assert f"Type the numbers of the ones you want, {example}" in out.getvalue()


@pytest.mark.parametrize(("typed", "said"), [("", "Chosen: yes"), ("n", "Chosen: no"), ("Y", "Chosen: yes")])
def test_plain_yes_or_no_is_said_back(typed: str, said: str) -> None:
    out = io.StringIO()
    PlainPrompter(lambda prompt: typed, out).confirm("Make the sheet?", default=True)
    assert out.getvalue().splitlines()[-1] == said


def test_a_plain_interview_never_speaks_of_keys_only_a_menu_has(content: Content, private_home: Path) -> None:
    """Spaces, arrows and 'the line under the list' mean nothing to a person typing numbers."""
    from mbcprep.interview.interview import start_new_visit

    feeder = PlainFeeder()
    out = io.StringIO()
    with Store.open(private_home) as store:
        start_new_visit(
            Driven(PlainPrompter(feeder.read_line, out), feeder, _whole_visit(content)), content, store, TODAY
        )
    said = out.getvalue()
    assert "Step 7 of 7: check and save" in said
    for menu_word in ("Space", "arrow", "line under the list", "pointer"):
        assert menu_word not in said, menu_word
    assert not DRAWN.search(said)


# --- by ear: options alone, details on request, each hint once, nothing cut -------------------------


def plain_prompter(*typed: str) -> tuple[PlainPrompter, io.StringIO]:
    lines = list(typed)
    out = io.StringIO()

    def read_line(prompt: str) -> str:
        if not lines:
            raise EOFError
        return lines.pop(0)

    return PlainPrompter(read_line, out), out


KINDS = [
    Option("Routine check-in", "routine", "A regular visit while you are on treatment."),
    Option("Test or scan results", "results", "A visit to go over scans or blood tests."),
    Option("Something else", "other"),
]


@pytest.mark.parametrize("asked", ["?2", "? 2", "help 2", "HELP 2", "more 2"])
def test_plain_details_of_one_option_are_said_on_request(asked: str) -> None:
    p, out = plain_prompter(asked, "?3", "1")
    assert p.choose("What kind of visit is it?", KINDS) == "routine"
    said = out.getvalue().splitlines()
    assert "A visit to go over scans or blood tests." in said  # asked for
    assert "A regular visit while you are on treatment." not in said  # never asked for
    assert "To hear more about one, type ? and its number, like ?2." in said
    at = said.index("A visit to go over scans or blood tests.")
    assert said[at - 1] == "2. Test or scan results"
    assert "There is nothing more to say about this one." in said  # ?3 has no details
    assert said[-1] == "Chosen: Routine check-in"


def test_plain_details_on_request_in_a_list_to_tick_and_the_list_again() -> None:
    p, out = plain_prompter("?1", "?", "2", "?9", "")
    assert p.choose_many("Which?", KINDS) == ["results"]
    said = out.getvalue()
    assert "A regular visit while you are on treatment." in said
    assert said.count("3. Something else") == 2  # "?" alone says the list again, and how to tick
    assert said.count("A number typed again is taken off.") == 2
    assert "Please type a number from 1 to 3." in said  # ?9 is out of range


def test_plain_hints_on_how_to_answer_are_said_once() -> None:
    p, out = plain_prompter("1", "", "2", "", "1")
    p.choose_many("Which?", KINDS)
    p.choose_many("Which else?", KINDS)
    p.choose("What kind of visit is it?", KINDS)
    said = out.getvalue()
    assert said.count("A number typed again is taken off.") == 1
    assert said.count("To hear more about one") == 1


def test_a_help_every_option_shares_is_said_once_under_the_question() -> None:
    """'How would you like your care team to talk with you?' read its one hint five times."""
    shared = "Some people want all the facts. Others like a softer way in. Both are fine."
    options = [Option(title, title, shared) for title in ("Straight facts", "Gently", "Skip this one")]
    p, out = plain_prompter("1")
    p.choose("How would you like your care team to talk with you?", options)
    said = out.getvalue().splitlines()
    assert said.count(shared) == 1 and said[1] == shared
    assert "To hear more about one" not in out.getvalue()  # nothing more to hear


def test_plain_choices_are_said_back_whole() -> None:
    """'Chosen:' lines were cut mid-word: 'doing its jo…'."""
    title = "What signs will tell us that this treatment is doing its job for me?"
    options = [Option(title, 1), Option("Another question?", 2)]
    p, out = plain_prompter("1", "", "1")
    assert p.choose_many("Tick any", options) == [1]
    assert p.choose("Which first?", options) == 1
    said = out.getvalue()
    assert "…" not in said
    assert f"Chosen so far: 1. {title}" in said and f"Chosen: {title}" in said


def test_long_titles_ticked_so_far_are_said_by_number_and_whole_when_done() -> None:
    """Three questions ticked were read out whole twice in a row: by number, then whole once."""
    options = [Option(f"Question {n}: what will this treatment do for me and my family?", n) for n in range(1, 5)]
    p, out = plain_prompter("1 3 4", "")
    assert p.choose_many("Tick any", options) == [1, 3, 4]
    said = out.getvalue().splitlines()
    assert "Chosen so far: 1, 3, 4" in said
    assert sum("what will this treatment do" in line for line in said if not line[0].isdigit()) == 1


def test_nothing_ticked_with_symptoms_says_the_symptoms_win(content: Content, private_home: Path) -> None:
    from mbcprep.interview.interview import start_new_visit
    from tests.scripted import ScriptedPrompter

    script = [
        ("When is the visit?", "tomorrow"),
        ("What time is the visit?", ""),
        ("Who is it with?", ""),
        ("Where is the visit?", ""),
        ("What kind of visit", "routine"),
        ("Who is filling this in?", "patient"),
        ("(about a minute)", True),
        ("Which of these bother", ["", "pain"]),
        ("Pain right now", "2"),
        ("Anything else bothering", ""),
    ]
    p = ScriptedPrompter(script)
    with Store.open(private_home) as store, pytest.raises(AssertionError):
        start_new_visit(p, content, store, TODAY)  # stops once the script runs out
    assert 'You ticked "Nothing bothers me right now" and some symptoms too: the symptoms are kept.' in p.said


# Today's count, before options were read alone (issue 19): 2,131 words for this interview.
WORDS_BEFORE = 2131


def test_a_minimal_plain_interview_says_about_half_the_words_it_did(content: Content, private_home: Path) -> None:
    """A first visit by the person herself: a date, a name, the kind, one symptom scored, three of the
    suggested questions, the what-matters items with their defaults, no notes, saved. Every word a
    screen reader would speak is counted."""
    from mbcprep.interview.interview import start_new_visit
    from tests.test_wizard import ROUTINE_BY_THE_PATIENT, first_n, what_matters_skipping

    script = [
        *ROUTINE_BY_THE_PATIENT,
        ("Which of these bother", ["pain"]),
        ("Pain right now", "3"),
        ("Anything else bothering", ""),
        ("Show those questions too?", False),
        ("Suggested questions", first_n(3)),
        ("What next?", "done"),
        ("See what they mean?", False),
        ("what matters most", True),
        *what_matters_skipping(content, "routine", ""),
        ("notes", ""),
        ("Ready to save?", "save"),
    ]
    feeder = PlainFeeder()
    out = io.StringIO()
    with Store.open(private_home) as store:
        driven = Driven(PlainPrompter(feeder.read_line, out), feeder, script)
        start_new_visit(driven, content, store, TODAY)
    driven.scripted.done()
    said = out.getvalue()
    words = len(said.split())
    assert words <= WORDS_BEFORE * 0.56, f"{words} words: about half of {WORDS_BEFORE} was the aim"
    assert "Chosen: Save this visit" in said
    assert "…" not in said, "no sentence is cut, in the summary before saving either"


def test_plain_details_on_request_in_spanish() -> None:
    from mbcprep import i18n

    i18n.use_language("es")
    p, out = plain_prompter("ayuda 2", "1")
    assert p.choose("¿Qué tipo de cita es?", KINDS) == "routine"
    said = out.getvalue()
    assert "A visit to go over scans or blood tests." in said
    assert "Para oír más sobre una, escriba ? y su número, así: ?2." in said


# --- only the plain prompter says how to answer (a user test, in Spanish, with a screen reader) ------


def test_a_plain_demo_interview_says_how_to_answer_by_typing_only(content: Content, tmp_path: Path) -> None:
    """'Ya están marcadas; Espacio quita una.' was said before 'Escriba los números...'; and 'Each
    question comes with why you might ask it' when the reasons are only heard with ?N."""
    from mbcprep.demo.interview import DemoPrompter, short_interview
    from tests.test_demo import FAST_ANSWERS, _demo_store
    from tests.test_demo import TODAY as DEMO_TODAY

    _, store = _demo_store(tmp_path, content)
    feeder = PlainFeeder()
    out = io.StringIO()
    with store:
        driven = Driven(PlainPrompter(feeder.read_line, out), feeder, FAST_ANSWERS)
        short_interview(DemoPrompter(driven), content, store, DEMO_TODAY)  # type: ignore[arg-type]
    said = out.getvalue()
    assert "Ask them again?" in said and "Suggested questions" in said
    for menu_word in ("Space", "They are ticked", "comes with why"):
        assert menu_word not in said, menu_word
    assert said.count("To hear why you might ask a question, type ? and its number, like ?3.") == 1


def test_a_second_plain_diary_the_same_day_says_what_is_ticked_first(content: Content, private_home: Path) -> None:
    """The symptoms already noted were said by number only after typing, 'Space ticks one' came
    before 'Type the numbers', and 'Nothing more' was taken with other symptoms without a word."""
    from mbcprep.interview.diary import keep_diary

    def diary(*typed: str) -> list[str]:
        p, out = plain_prompter(*typed)
        with Store.open(private_home) as store:
            keep_diary(p, content, store, TODAY)
        return out.getvalue().splitlines()

    first = diary("3 4 5 6", "", "2", "3", "4", "5", "", "")
    assert not any("Space" in line for line in first)
    names = [content.symptoms[s].name for s in ("tiredness", "drowsiness", "nausea", "appetite")]
    second = diary("1", "", "", "", "", "", "", "")
    assert not any("Space" in line for line in second)
    ticked = "Already ticked: " + "; ".join(f"{n}. {name}" for n, name in enumerate(names, 2))
    at = second.index(ticked)
    assert second[at + 1].startswith("Chosen so far: 1. Nothing more")  # the last line before typing
    assert 'You ticked "Nothing more" and some symptoms too: the symptoms are kept.' in second
