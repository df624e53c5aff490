"""Markdown and JSON export: the golden sheet, escaping of anything a person types, round trips."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mbcprep.errors import UsageError
from mbcprep.formats.backup import backup_document as export_document
from mbcprep.formats.backup import parse_backup as parse_document
from mbcprep.formats.backup import render_backup as render_json
from mbcprep.formats.markdown import escape
from mbcprep.model.content import Consideration, Content, Kind, Topic, UrgentLevel, WarningSign
from mbcprep.model.record import to_record
from mbcprep.model.visit import ConsiderationAnswer
from mbcprep.sheets.sheet import render_sheet as render_markdown
from tests.test_store import sample_visit

GOLDEN = Path(__file__).parent / "golden" / "visit.md"
CONTENT = Content(
    kinds={"results": Kind("results", "Test or scan results", "")},
    topics={"monitoring": Topic("monitoring", "Is treatment working?", "")},
    considerations={
        "how-to-talk": Consideration("how-to-talk", "How should we talk?", "", "choice", "seed:003", ("a", "b")),
        "pain-control": Consideration("pain-control", "How much?", "", "scale", "seed:003", low="None", high="All"),
    },
    urgent_levels={"call-now": UrgentLevel("call-now", "Call your care team now, day or night", "")},
    warning_signs={"fever": WarningSign("fever", "call-now", "A fever of 100.4 F (38 C) or higher", ("fever",), "x")},
)


def sheet(visit=None) -> str:  # type: ignore[no-untyped-def]
    return render_markdown(visit or sample_visit(), CONTENT, date(2026, 11, 23))


def test_markdown_matches_the_golden_sheet() -> None:
    assert sheet() == GOLDEN.read_text(encoding="utf-8")


def test_sheet_has_first_questions_then_the_rest_symptoms_and_footer() -> None:
    text = sheet()
    order = ["## Ask these first", "## My other questions", "## How the person I care for feels right now"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert text.count("How will I know it works?") == 1, "the questions to ask first are on the sheet once"
    assert "2. [ ] Can I still travel in May?" in text, "the rest follow in the person's order, numbered on"
    assert "Scores given by a caregiver." in text
    assert "| Pain | 4 |" in text
    assert "## Don't wait for your visit" in text and "A fever of 100.4 F (38 C) or higher" in text
    assert "not medical advice" in text
    assert "Made with mbcprep on 2026-11-23" in text


md = MarkdownIt("commonmark").enable("table")


def structure(text: str) -> list[str]:
    return [t.type for t in md.parse(text) if t.type.endswith("_open") or t.type in ("html_block", "hr")]


MARKUP = {"em_open", "strong_open", "link_open", "image", "code_inline", "html_inline", "s_open"}


def inline_markup(text: str) -> Counter[str]:
    return Counter(c.type for tok in md.parse(text) for c in tok.children or [] if c.type in MARKUP)


HOSTILE = [
    "# heading",
    "- list item",
    "1. numbered",
    "<script>alert(1)</script>",
    "[link](http://example.com)",
    "![img](x.png)",
    "a | b | c",
    "**bold** _em_ `code`",
    "---",
    "===",
    "> quote",
    "    indented code",
    "&amp; &lt;",
    "<http://auto.link>",
    "line one\nline two\n# heading two",
    "\\",
    "~~strike~~",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_never_changes_the_sheet_structure(text: str) -> None:
    plain = sample_visit()
    plain.notes = "ok"
    baseline = structure(sheet(plain))
    hostile = sample_visit()
    hostile.with_whom = text
    hostile.notes = "ok"
    hostile.questions[1].text = text
    hostile.symptoms[1].name = text
    hostile.symptoms[1].note = text
    hostile.considerations[0].answer = text
    rendered = sheet(hostile)
    assert structure(rendered) == baseline
    assert inline_markup(rendered) == inline_markup(sheet(plain))


@pytest.mark.parametrize("text", HOSTILE)
def test_notes_are_plain_paragraphs_whatever_they_hold(text: str) -> None:
    visit = sample_visit()
    visit.notes = text
    rendered = sheet(visit)
    start = rendered.index("## Notes")
    notes = rendered[start : rendered.index("\n## ", start + 1)]  # up to the next section
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert structure(notes)[1:] == ["paragraph_open"] * len(lines)
    assert not inline_markup(notes)


def test_escape_keeps_ordinary_punctuation_readable() -> None:
    assert escape("Can I travel in May? It's fine, Dr. Lee said.") == "Can I travel in May? It's fine, Dr. Lee said."


def test_json_round_trip_is_exact() -> None:
    visits = [sample_visit("a"), sample_visit("b", "2027-02-02")]
    text = render_json(visits, date(2026, 11, 23))
    data = json.loads(text)
    assert data["format"] == "mbcprep" and data["version"] == 4
    back = parse_document(data, "x.json").visits
    assert back == visits
    assert render_json(back, date(2026, 11, 23)) == text


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_document_is_the_documented_one_with_a_visit_to_a_line(count: int) -> None:
    visits = [sample_visit(str(n), f"2027-01-0{n + 1}") for n in range(count)]
    text = render_json(visits, date(2026, 11, 23))
    assert json.loads(text) == export_document(visits, date(2026, 11, 23))
    visit_lines = [ln for ln in text.splitlines() if ln.startswith('    {"uuid"')]
    assert len(visit_lines) == count
    assert text.endswith("}\n")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "not an mbcprep export"),
        ({"format": "other", "version": 1, "visits": []}, "not an mbcprep export"),
        ({"format": "mbcprep", "version": 99, "visits": []}, "newer mbcprep"),
        ({"format": "mbcprep", "version": 1, "visits": [{"uuid": "a"}]}, "visit 1 is missing"),
        (
            {
                "format": "mbcprep",
                "version": 1,
                "visits": [dict(to_record(sample_visit()), symptoms=[{"id": "pain", "name": "Pain", "score": 11}])],
            },
            "score outside 0-10",
        ),
    ],
)
def test_import_refuses_what_is_not_ours(doc: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_document(doc, "x.json")


def test_the_order_a_person_sets_shows_on_the_sheet() -> None:
    visit = sample_visit()
    visit.questions.reverse()
    visit.questions[0].rank, visit.questions[1].rank = None, None
    text = sheet(visit)
    assert text.index("1. [ ] Can I still travel in May?") < text.index("2. [ ] How will I know it works?")


def test_a_scale_answer_says_what_its_two_ends_mean() -> None:
    visit = sample_visit()
    visit.considerations = [ConsiderationAnswer("pain-control", "How much?", score=7)]
    assert "**7 out of 10 (0 = None; 10 = All)**" in sheet(visit)


def test_a_caregiver_sheet_names_the_patient() -> None:
    visit = sample_visit()
    visit.patient_name = "Ana"
    text = sheet(visit)
    assert "# Visit for Ana: Friday 15 January 2027" in text
    assert "## How Ana feels right now" in text and "## What matters to Ana" in text
    visit.filled_by = "patient"
    text = sheet(visit)
    assert "# My visit:" in text and "## How I feel right now" in text and "Ana" not in text
