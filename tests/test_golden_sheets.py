"""Every sheet, as it is made today, kept in tests/golden/sheets/: each reader (the person's own, the
doctor's, the family's with nothing shared and with everything shared) in each format a sheet is
written in (Markdown, HTML, plain text), in English and Spanish, from one fixed visit whose own words
are awkward on purpose: Markdown and HTML marks, a `<script>`, pipes in table cells, a very long word,
emoji, a note to oneself, and words typed in English shown on a Spanish sheet.

A change to how a sheet reads shows here as a difference, file by file. When the change is meant,
make the files again and read the difference before committing it:

    MBCPREP_REGOLD=1 python -m pytest -n 0 -q tests/test_golden_sheets.py
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import pytest

from mbcprep import i18n
from mbcprep.actions.sheets import render_visits
from mbcprep.model.care import Medicine, TeamMember
from mbcprep.model.visit import SymptomScore, Visit, VisitQuestion
from mbcprep.settings import Settings
from mbcprep.sheets.context import SheetContext, SheetOptions
from tests.test_print import CONTEXT, typical_visit

GOLDEN = Path(__file__).parent / "golden" / "sheets"
REGOLD = os.environ.get("MBCPREP_REGOLD") == "1"
MADE_ON = date(2026, 11, 30)
FORMATS = ("md", "html", "txt")
LANGUAGES = ("en", "es")
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
SHARED = SheetOptions(
    scores=True,
    notes=True,
    message="Please bring her *reading* glasses & call Marta <555 0123> if late.\n# not a heading\n- nor a list",
    after_visit=True,
)
READERS = {"me": None, "doctor": None, "family": SheetOptions(), "family-shared": SHARED}
TRICKY_CONTEXT = SheetContext(
    medicines=[*CONTEXT.medicines, Medicine("m-4", "vitamin *B12* | cyano", "1 mg", "once a day | with food", "", "")],
    treatments=CONTEXT.treatments,
    team=[
        *CONTEXT.team,
        TeamMember("c-2", "Triage nurse <on call>", "oncology nurse", "", "555 0199 | 555 0198", True),
    ],
    changes=["Tiredness went from 3 to 7 since your visit on 8 December.", "Pain_score rose *a lot* | 2 -> 6."],
)


def tricky_visit() -> Visit:
    """The typical visit of the print tests, told, with awkward words in every field a person types."""
    content = Settings().content(lang="en")
    visit = typical_visit(content)
    visit.language = "en"
    visit.questions[-2].text = "Can I still go to my **daughter's** wedding in June? <script>alert(1)</script>"
    visit.questions[-1].carried = 2
    visit.questions += [VisitQuestion(f"What does {LONG_WORD} mean? 🙂 [link](http://x.example) | a | b")]
    visit.symptoms += [SymptomScore("other", "itchy | skin", 3, "at night ~~ `code` \\ 👍🏽")]
    visit.notes = (
        "New cough for 2 weeks.\n# not a heading\nme: ask about a parking pass\n"
        "1. not a list\n<b>not bold</b> & so on\n\n" + LONG_WORD
    )
    visit.questions[0].outcome, visit.questions[0].answer = "answered", "Because the last one *stopped* working."
    visit.questions[1].outcome = "partly"
    visit.questions[-2].outcome, visit.questions[-2].answer = "not", "- Ask again | next time"
    visit.told = "Start capecitabine on Monday.\nCall if the cough gets worse.\n> not a quote"
    visit.next_visit, visit.debriefed_at = "2027-02-12", "2027-01-15T18:00:00+00:00"
    return visit


CASES = [(reader, fmt, lang) for reader in READERS for lang in LANGUAGES for fmt in FORMATS]


def made(reader: str, fmt: str, lang: str) -> str:
    i18n.use_language(lang)
    try:
        return render_visits(
            [tricky_visit()],
            fmt,
            Settings(),
            MADE_ON,
            reader=reader.split("-")[0],
            context=TRICKY_CONTEXT,
            options=READERS[reader],
        )
    finally:
        i18n.use_language("en")


@pytest.mark.parametrize(("reader", "fmt", "lang"), CASES)
def test_each_sheet_reads_as_its_golden_file(reader: str, fmt: str, lang: str) -> None:
    path = GOLDEN / f"{reader}-{lang}.{fmt}"
    text = made(reader, fmt, lang)
    if REGOLD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    kept = path.read_bytes().decode("utf-8")
    if text != kept:
        diff = difflib.unified_diff(kept.splitlines(), text.splitlines(), str(path), "made now", lineterm="", n=1)
        pytest.fail("\n".join(list(diff)[:60]) + "\n(MBCPREP_REGOLD=1 makes the file again: see the docstring)")


def test_every_golden_file_is_one_of_the_cases() -> None:
    """A file left from a reader or format no longer made would pass unread."""
    expected = {f"{reader}-{lang}.{fmt}" for reader, fmt, lang in CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected


def test_the_tricky_visit_is_on_the_sheets() -> None:
    """The awkward words reach the sheets, so the golden files hold them (a fixture that lost them
    would keep passing)."""
    text = made("family-shared", "txt", "es") + made("me", "txt", "en") + made("doctor", "txt", "en")
    for words in ("<script>alert(1)</script>", "itchy | skin", LONG_WORD, "👍🏽", "reading", "555 0199 | 555 0198"):
        assert words in text, words
    assert "parking" not in made("doctor", "md", "en")
