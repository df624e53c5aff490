"""End to end, in a real pseudo-terminal: plain mode as a braille display or a screen reader meets it
(whole lines typed, no escape byte ever written), and a demo on a computer that holds real data
(nothing of it read, shown or changed; nothing of the demo left behind, however it ends).

Plain-mode runs read the raw bytes mbcprep writes, so even one escape sequence is caught. The demo's
menus are driven with the `Terminal` of tests/scripted.py, as a person would. What the runs saved, and
the real data a demo must leave alone, are read and made in this process (`mbcprep.app.main`).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminal tests need a POSIX system", allow_module_level=True)

pexpect = pytest.importorskip("pexpect")

from mbcprep.model.content import Content  # noqa: E402
from tests.scripted import MBCPREP, SIZE, TIMEOUT, Start, child_env, done, visits  # noqa: E402
from tests.test_demo import snapshot  # noqa: E402
from tests.test_e2e_terminal import (  # noqa: E402
    ASK_BY,
    ASK_DATE,
    ASK_FEEL,
    ASK_FIRST,
    ASK_GLOSSARY,
    ASK_KIND,
    ASK_MATTERS,
    ASK_NEXT,
    ASK_NOTE,
    ASK_NOTES,
    ASK_OTHER_SYMPTOM,
    ASK_PLACE,
    ASK_SAVE,
    ASK_SCORE,
    ASK_SENSITIVE,
    ASK_SHEET,
    ASK_SUGGESTED,
    ASK_TIME,
    ASK_WHICH_SYMPTOMS,
    ASK_WITH,
    DONE_WITH_QUESTIONS,
    SAVE_THIS_VISIT,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ESC = b"\x1b"
DRAWN = re.compile("[\u2500-\u259f]")  # box-drawing characters and block elements
DEMO_LINE = "DEMO - nothing is saved"


class Lines:
    """One `mbcprep` run in a pty, answered a whole line at a time, as a braille display sends them.
    Everything it writes is kept as bytes."""

    def __init__(self, args: list[str], log: Path, **env: str) -> None:
        self.child = pexpect.spawn(
            MBCPREP[0], [*MBCPREP[1:], *args], env=child_env(**env), cwd=os.getcwd(), dimensions=SIZE, timeout=TIMEOUT
        )
        self.log = log.open("wb")
        self.child.logfile_read = self.log

    @property
    def raw(self) -> bytes:
        self.log.flush()
        return Path(self.log.name).read_bytes()

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8").replace("\r", "")

    def wait_for(self, *texts: str) -> int:
        try:
            return int(self.child.expect_exact([t.encode() for t in texts]))
        except (pexpect.EOF, pexpect.TIMEOUT):
            raise AssertionError(f"waited for {texts!r}; last output:\n{self.text[-1500:]}") from None

    def answer(self, prompt: str, line: str = "") -> None:
        """Wait for `prompt`, then send `line` and Enter at once."""
        self.wait_for(prompt)
        time.sleep(0.02)
        self.child.sendline(line)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, f"killed by signal {self.child.signalstatus}"
        return int(self.child.exitstatus)

    def kill(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)


@pytest.fixture
def lines(tmp_path: Path) -> Iterator[Any]:
    started: list[Lines] = []

    def start(*args: str, **env: str) -> Lines:
        started.append(Lines(list(args), tmp_path / f"lines-{len(started) + 1}.log", **env))
        return started[-1]

    yield start
    for one in started:
        one.kill()


@pytest.fixture
def temp_root(tmp_path: Path) -> Path:
    """The system's temporary folder for the programs these tests start (TMPDIR)."""
    root = tmp_path / "tmp"
    root.mkdir()
    return root


def number_of(titles: list[str], title: str) -> str:
    return str(titles.index(title) + 1)


# --- plain mode -----------------------------------------------------------------------------------------


def test_a_whole_interview_in_plain_mode_with_term_dumb(lines: Any, bank: Content) -> None:
    pain, tiredness = bank.symptoms["pain"].name, bank.symptoms["tiredness"].name
    listed = ["Nothing bothers me right now", *(s.name for s in bank.symptoms.values())]
    when = date.today() + timedelta(days=10)
    own = "Can I still travel to see my sister in May?"

    term = lines("new-visit", TERM="dumb")
    term.answer(ASK_DATE, when.isoformat())
    term.answer(ASK_TIME, "14:30")
    term.answer(ASK_WITH, "Dr Rivera")
    term.answer(ASK_PLACE)
    term.answer(ASK_KIND, number_of([k.label for k in bank.kinds.values()], bank.kinds["results"].label))
    term.answer(ASK_BY)  # Enter: the patient, said in words first
    term.answer(ASK_FEEL, "y")
    term.answer(ASK_WHICH_SYMPTOMS, f"{number_of(listed, pain)}, {number_of(listed, tiredness)}")
    term.answer("Chosen so far: ", "")
    term.answer(ASK_SCORE.format(name=pain), "4")
    term.answer(ASK_NOTE.format(name=pain.lower()), "worse at night")
    term.answer(ASK_SCORE.format(name=tiredness), "11")  # refused, and asked again with the range
    term.answer("must be a whole number from 0 to 10", "6")
    term.answer(ASK_NOTE.format(name=tiredness.lower()))
    term.answer(ASK_OTHER_SYMPTOM)
    term.answer(ASK_SENSITIVE, "no")
    term.answer(ASK_SUGGESTED, "1 2")
    term.answer("Chosen so far: ", "")
    term.answer("What next?", "3")  # write my own
    term.answer("Type your question", own)
    term.answer(ASK_NEXT.format(n=3), "9")  # out of range: said again with the range
    term.answer("Please type a number from 1 to 4.", "4")  # done with questions
    if term.wait_for(ASK_GLOSSARY, ASK_MATTERS) == 0:
        term.child.sendline("n")
        term.wait_for(ASK_MATTERS)
    term.child.sendline("n")
    term.answer(ASK_NOTES, "Bring the list of pills.")
    term.answer(ASK_SAVE, "1")
    term.answer(ASK_SHEET, "2")  # the whole sheet as a Markdown file
    term.wait_for("Your sheet is at")
    assert term.finish() == 0

    assert ESC not in term.raw
    said = term.text
    assert "Step 3 of 7: your questions" in said and "Chosen: Test or scan results" in said
    assert "Please type a number from 1 to 4." in said
    [saved] = visits()
    assert (saved["status"], saved["with_whom"], saved["question_count"]) == ("ready", "Dr Rivera", 3)
    sheet = Path.cwd() / f"mbcprep-{when.isoformat()}.md"
    text = sheet.read_text(encoding="utf-8")
    assert own in text and "worse at night" in text and "Dr Rivera" in text


@pytest.fixture(scope="module")
def one_visit(module_home: Path) -> Path:
    """A data folder holding one visit, made once for the runs below, which only read it."""
    done("new-visit", "--no-input", "--date", "2027-01-15", "--with", "Dr Rivera", "--symptom", "pain=4")
    return module_home


@pytest.mark.parametrize(
    "args", [["--help"], ["export", "--help"], ["visits"], ["show", "latest"], ["show", "99"], ["delete"]]
)
def test_plain_output_holds_no_escape_and_no_drawing(lines: Any, one_visit: Path, args: list[str]) -> None:
    # a colour terminal: outside plain mode, all of these would draw
    term = lines("--plain", *args, MBCPREP_HOME=str(one_visit))
    code = term.finish()
    assert ESC not in term.raw, term.raw[:300]
    assert not DRAWN.search(term.text), term.text[:600]
    if args[0] in ("show", "delete") and args[-1] != "latest":
        assert code == 1 and "Error: " in term.text
    else:
        assert code == 0 and ("Dr Rivera" in term.text or "Usage:" in term.text)


def test_delete_asks_in_plain_words(lines: Any) -> None:
    done("new-visit", "--no-input", "--date", "2027-01-15")
    term = lines("delete", "1", TERM="dumb")
    term.answer("Delete visit 1 (2027-01-15)? This cannot be undone.", "y")
    term.wait_for("Deleted visit 1.")
    assert term.finish() == 0
    assert ESC not in term.raw and "Type yes or no (Enter means no):" in term.text
    assert visits() == []


# --- the demo -------------------------------------------------------------------------------------------


@pytest.fixture
def real_data(private_home: Path) -> dict[str, Any]:
    """A real data folder holding visits, a backup and saved settings: plain mode on (so a demo that
    read them would not draw its menus)."""
    for args in (
        ["new-visit", "--no-input", "--date", "2027-01-15", "--with", "dr patel", "--note", "real note"],
        ["new-visit", "--no-input", "--date", "2027-02-01", "--with", "Dr. Okafor"],
        ["data", "backup"],
        ["settings", "plain", "on"],
    ):
        done(*args)
    return snapshot(private_home)


def test_a_whole_demo_leaves_the_real_data_and_this_folder_as_they_were(
    terminal: Start,
    real_data: dict[str, Any],
    private_home: Path,
    temp_root: Path,
) -> None:
    here = Path.cwd()
    before_here = snapshot(here)

    # The short interview, in menus drawn with arrows (the saved "plain on" is the real folder's).
    term = terminal("demo", "--fast", TMPDIR=str(temp_root))
    term.wait_for(DEMO_LINE)
    term.answer(ASK_DATE)  # Enter keeps each answer filled in
    term.answer(ASK_TIME)
    term.answer(ASK_WITH)
    term.choose(ASK_PLACE)
    term.choose(ASK_KIND)
    term.choose(ASK_BY)
    term.confirm(ASK_SENSITIVE, "n")
    assert term.wait_for("Since your last visit:") == 0  # what changed, said before the questions
    carried = term.read_list("Ask them again?")  # last time's questions not fully answered, ticked
    assert carried.ticked == [True, True]
    term.enter()
    suggested = term.read_list(ASK_SUGGESTED)
    assert "pain" in suggested.titles[0], "pain got worse since the last visit: its questions come first"
    term.enter()
    term.choose(ASK_NEXT.format(n=5), DONE_WITH_QUESTIONS)  # the four filled in, and one carried over
    first = ASK_FIRST.format(nth="first")
    if term.wait_for(ASK_GLOSSARY, first) == 0:
        term.enter()
        term.read_list(first)
    else:
        term.read_list_here(first)
    term.enter()
    term.choose(ASK_FIRST.format(nth="second"))
    term.choose(ASK_FIRST.format(nth="third"))
    term.choose(ASK_SAVE, SAVE_THIS_VISIT)
    term.confirm("See the page for the care team now?")
    term.wait_for("DEMO over")
    assert term.finish() == 0
    said = term.text
    assert "Step 2 of 4: your questions (demo: nothing is saved)" in said
    assert "unfinished visit" not in said and "dr patel" not in said
    page = said.split("See the page for the care team now?")[-1]
    assert "Dr Ada Example" in page  # the care team's page, shown
    # one line, not the whole list (wrapped at words to the terminal's width)
    assert "911" not in page and "'mbcprep urgent' lists them" in " ".join(page.split())
    assert "keeps your answers" not in said  # a demo keeps nothing

    listed = terminal("demo", "visits", TMPDIR=str(temp_root))
    assert listed.finish() == 0
    assert listed.text.count("Dr Ada Example") == 3
    assert "dr patel" not in listed.text and "Okafor" not in listed.text

    exported = terminal("demo", "export", "latest", TMPDIR=str(temp_root))
    exported.wait_for("press Enter")  # kept until the volunteer has shown it
    [made] = [p for p in temp_root.rglob("mbcprep-*.md")]
    assert "Dr Ada Example" in made.read_text(encoding="utf-8")
    exported.enter()
    assert exported.finish() == 0

    assert snapshot(private_home) == real_data
    assert snapshot(here) == before_here
    assert os.listdir(temp_root) == []


@pytest.mark.parametrize("how", ["ctrl-c", "ctrl-backslash", "closed terminal", "SIGTERM"])
def test_a_demo_stopped_half_way_leaves_nothing(lines: Any, temp_root: Path, how: str) -> None:
    term = lines("demo", TMPDIR=str(temp_root), TERM="dumb")
    term.answer(ASK_DATE, "next tuesday")
    term.answer("Is that the right day?", "")
    term.answer(ASK_TIME)
    term.answer(ASK_WITH, "1")  # Dr Ada Example, from her care team
    term.answer(ASK_PLACE)  # Enter: where she sees Dr Ada Example
    term.wait_for(ASK_KIND)
    assert len(os.listdir(temp_root)) == 1  # the demo's folder, while it runs
    if how == "ctrl-c":
        term.child.sendintr()
    elif how == "ctrl-backslash":  # SIGQUIT
        term.child.sendcontrol("\\")
    else:
        term.child.kill(signal.SIGHUP if how == "closed terminal" else signal.SIGTERM)
    assert term.finish() == 130
    assert "Stopped. The demo is over" in term.text and "kept as a draft" not in term.text
    assert "unfinished visit" not in term.text and "Traceback" not in term.text
    assert ESC not in term.raw
    assert os.listdir(temp_root) == []


def test_a_second_demo_clears_what_a_killed_one_left(lines: Any, temp_root: Path) -> None:
    term = lines("demo", TMPDIR=str(temp_root), TERM="dumb")
    term.wait_for(ASK_DATE)
    term.child.kill(signal.SIGKILL)  # nothing can tidy up after this
    term.child.close()
    assert len(os.listdir(temp_root)) == 1
    again = lines("demo", "visits", TMPDIR=str(temp_root))
    assert again.finish() == 0
    assert os.listdir(temp_root) == []
