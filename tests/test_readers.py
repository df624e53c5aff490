"""Sheets for their reader: the person's own, one page for the doctor, plain words for the family;
what changed, the medicines, treatments and care team beside the visit, and "After the visit"."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.visit import SymptomScore, Visit, VisitQuestion
from mbcprep.sheets.context import SheetContext, SheetOptions
from mbcprep.sheets.sheet import render_sheet
from tests.scripted import ScriptedPrompter
from tests.test_export import CONTENT
from tests.test_store import sample_visit

MADE_ON = date(2026, 11, 23)
CONTEXT = SheetContext(
    medicines=[
        Medicine("m-1", "letrozole", "2.5 mg", "once a day", "the cancer", "2024-03"),
        Medicine("m-2", "ondansetron", "8 mg", "when needed", "nausea", "2026-02"),
        Medicine("m-3", "vitamin D", "1000 IU", "once a day"),
    ],
    treatments=[
        Treatment("t-3", "lumpectomy", "surgery", "2019-05", "", "finished"),
        Treatment(
            "t-1", "letrozole + palbociclib", "hormone", "2024-03", "2026-01", "stopped-working", "two good years"
        ),
        Treatment("t-2", "capecitabine", "chemotherapy", "2026-02"),
    ],
    team=[
        TeamMember("c-1", "Dr Rivera", "oncologist", "City Cancer Centre", "555 0100"),
        TeamMember("c-2", "Triage nurse", "oncology nurse", "", "555 0199", True),
    ],
    changes=["Tiredness went from 3 to 7 since your visit on 8 December."],
)


def typical(**fields: object) -> Visit:
    visit = sample_visit()
    visit.filled_by = "patient"
    visit.questions = [
        VisitQuestion("How will I know it works?", "monitoring", "Ask this if ...", "mon-know-working", 2),
        VisitQuestion("Can I still travel in May?", "my-own", "", None, None),
        VisitQuestion("What do I do about the cough?", "my-own", "", None, 1),
        VisitQuestion("Should I keep taking vitamin D?", "my-own", "", None, 3),
    ]
    visit.symptoms = [
        SymptomScore("pain", "Pain", 4, "worse at night"),
        SymptomScore("tiredness", "Tiredness", 7),
        SymptomScore("nausea", "Nausea", 2),
        SymptomScore("other", "itchy skin", None, "on the arms"),
    ]
    return replace(visit, **fields)  # type: ignore[arg-type]


def debriefed(visit: Visit) -> Visit:
    visit.questions[0].outcome, visit.questions[0].answer = "answered", "A scan every 3 months."
    visit.questions[2].outcome, visit.questions[2].answer = "partly", "An X-ray first."
    visit.questions[3].outcome = "not"
    visit.told = "Start a new pill on Monday.\nCall if the cough gets worse."
    visit.next_visit = "2027-02-12"
    visit.debriefed_at = "2027-01-15T18:00:00+00:00"
    return visit


def render(visit: Visit, reader: str, context: SheetContext = CONTEXT, **options: object) -> str:
    return render_sheet(visit, CONTENT, MADE_ON, reader, context, SheetOptions(**options))  # type: ignore[arg-type]


def in_order(text: str, parts: list[str]) -> bool:
    found = [text.index(p) for p in parts]
    return found == sorted(found)


# --- the person's own sheet -----------------------------------------------------------------------


def test_my_sheet_has_what_changed_at_the_top_and_who_to_call_at_night() -> None:
    text = render(typical(), "me")
    assert in_order(
        text, ["# My visit:", "## What changed since last time", "- Tiredness went from 3 to 7", "## Ask these first"]
    )
    assert "**Where:** City Cancer Centre  \n**Phone:** 555 0100" in text, "the visit is with a member of the team"
    assert "**When the office is closed, call:** Triage nurse; oncology nurse; 555 0199" in text
    assert in_order(text, ["## Don't wait for your visit", "When the office is closed", "Call your care team now"])
    assert text.count("What do I do about the cough?") == 1 and "*Why ask:* Ask this if ..." in text
    assert "## Medicines now" not in text and "letrozole" not in text


def test_my_sheet_without_anything_beside_the_visit_is_as_it_was() -> None:
    assert render(sample_visit(), "me", SheetContext()) == render_sheet(sample_visit(), CONTENT, MADE_ON)
    assert "What changed" not in render(typical(), "me", SheetContext())


# --- the doctor's sheet --------------------------------------------------------------------------


def test_the_doctor_s_sheet_says_how_many_questions_come_first() -> None:
    """Two (or one) chosen to ask first: the heading says two (or one), not three."""
    two = typical()
    two.questions[3] = replace(two.questions[3], rank=None)
    assert "## Questions (the first two matter most)" in render(two, "doctor")
    one = typical()
    one.questions = [replace(q, rank=None) if q.rank != 1 else q for q in one.questions]
    assert "## Questions (the first one matters most)" in render(one, "doctor")
    none = typical()
    none.questions = [replace(q, rank=None) for q in none.questions]
    shown = render(none, "doctor")
    assert "## Questions\n" in shown and "## Questions (" not in shown


def test_the_doctor_s_sheet_puts_what_matters_most_first() -> None:
    text = render(typical(notes="New cough for 2 weeks."), "doctor")
    order = [
        "# Visit: Friday 15 January 2027",
        "**With:** Dr Rivera · **Kind of visit:** Test or scan results",
        "## What changed since last time",
        "**Symptoms, 0-10:** **Tiredness 7** · **Pain 4** (worse at night) · Nausea 2 · itchy skin (on the arms)",
        "## Questions (the first three matter most)",
        "## Medicines now",
        "## Treatment history",
        "## Notes from the patient",
        "## What matters to the patient",
        "Not medical advice.",
    ]
    assert in_order(text, order)
    questions = text[text.index("## Questions") : text.index("## Medicines now")]
    assert questions.splitlines()[2:6] == [
        "1. What do I do about the cough?",
        "2. How will I know it works?",
        "3. Should I keep taking vitamin D?",
        "4. Can I still travel in May?",
    ]
    for coaching in ("Why ask", "[ ]", "Answer:", "___", "Don't wait", "My visit"):
        assert coaching not in text, coaching


def test_the_doctor_s_sheet_has_medicines_and_the_treatment_history_as_tables() -> None:
    text = render(typical(), "doctor")
    assert "| Medicine | Dose | How often | What for | Since |" in text
    assert "| letrozole | 2\\.5 mg | once a day | the cancer | 2024-03 |" in text  # months as in the history
    assert "| vitamin D | 1000 IU | once a day |  |  |" in text
    # The kind is not a column of the one page (the team knows it; the trial page says it), and each
    # span of months is held on one line by no-break spaces.
    assert "| When | Treatment | Why it stopped, how it went |" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| 20")]
    assert rows[-3:] == [
        "| 2019-05 | lumpectomy | finished as planned |",
        "| 2024-03\u00a0to\u00a02026-01 | letrozole + palbociclib | it stopped working; two good years |",
        "| 2026-02\u00a0to\u00a0now | capecitabine |  |",
    ]
    assert "- How should we talk? **straight facts**" in text, "what matters: one line each"


def test_a_caregiver_s_doctor_sheet_names_the_patient_and_says_who_scored() -> None:
    text = render(typical(filled_by="caregiver", patient_name="Ana", notes="x"), "doctor")
    assert text.startswith("# Visit for Ana: Friday 15 January 2027\n")
    assert "**Symptoms, 0-10 (scored by a caregiver):**" in text and "## Notes from the caregiver" in text


def test_the_doctor_s_sheet_leaves_out_what_is_not_there() -> None:
    visit = typical(questions=[], symptoms=[], considerations=[], notes="")
    text = render(visit, "doctor", SheetContext())
    assert [ln for ln in text.splitlines() if ln.startswith("#")] == ["# Visit: Friday 15 January 2027"]


# --- the family's sheet --------------------------------------------------------------------------


def test_the_family_sheet_keeps_scores_notes_and_questions_private_by_default() -> None:
    text = render(typical(notes="Private note"), "family")
    assert text.startswith("# My visit: Friday 15 January 2027\n")
    assert "**With:** Dr Rivera, oncologist  \n**Where:** City Cancer Centre  \n**Phone:** 555 0100" in text
    assert "## What to bring" in text and "The insurance card and a photo ID" in text
    for private in ("Pain", "Tiredness", "Private note", "What changed", "How will I know", "letrozole", "matters"):
        assert private not in text, private
    assert "**When the office is closed, call:** Triage nurse" in text


def test_the_family_sheet_shows_scores_notes_and_a_message_when_chosen() -> None:
    text = render(typical(notes="Private note"), "family", scores=True, notes=True, message="Come with me?\nThanks.")
    assert in_order(text, ["## What I want you to know", "Come with me?", "Thanks.", "## What to bring"])
    assert in_order(text, ["## What changed since last time", "## How I feel right now", "## Notes", "Private note"])
    caregiver = render(typical(filled_by="caregiver", patient_name="Ana"), "family", message="hi")
    assert caregiver.startswith("# Visit for Ana:") and "## What we want you to know" in caregiver


def test_what_to_bring_fits_the_kind_of_visit() -> None:
    second = render(typical(kind="second-opinion"), "family")
    assert "The records from the first care team" in second
    assert "The records from the first care team" not in render(typical(kind="routine"), "family")


# --- after the visit, and questions that waited -------------------------------------------------------


@pytest.mark.parametrize("reader", ["me", "family"])
def test_after_the_visit_shows_on_every_sheet_once_told(reader: str) -> None:
    assert "## After the visit" not in render(typical(), reader)
    # On the family sheet only when the person chose it (issue 18): off by default.
    # (This made-up bank lacks mon-know-working: a question the bank does not know is kept off like a
    # sensitive one, unless chosen by its id.)
    chosen = {"after_visit": True, "sensitive": frozenset({"mon-know-working"})} if reader == "family" else {}
    if reader == "family":
        assert "## After the visit" not in render(debriefed(typical()), reader)
    text = render(debriefed(typical()), reader, **chosen)
    section = text[text.index("## After the visit") :]
    assert in_order(
        section,
        [
            "- **Partly answered:** What do I do about the cough?  \n  An X-ray first.",
            "- **Answered:** How will I know it works?  \n  A scan every 3 months.",
            "- **Not answered yet:** Should I keep taking vitamin D?",
            "**What I was told:**",
            "Start a new pill on Monday.\n\nCall if the cough gets worse.",
            "**Next visit:** Friday 12 February 2027",
        ],
    )
    assert "Can I still travel in May?" not in section, "a question with nothing told is left out"


def test_after_the_visit_on_the_doctor_s_page_names_the_questions_by_number() -> None:
    """One page: the questions are listed above, so what came of them is a line; the answers as the
    person noted them are on the person's own sheet."""
    assert "## After the visit" not in render(typical(), "doctor")
    text = render(debriefed(typical()), "doctor")
    section = text[text.index("## After the visit") :]
    numbered = [ln for ln in text.splitlines() if re.match(r"\d\. ", ln)]
    assert numbered[:3] == [
        "1. What do I do about the cough?",
        "2. How will I know it works?",
        "3. Should I keep taking vitamin D?",
    ]
    assert in_order(
        section,
        [
            "**Answered:** question 2 · **Partly answered:** question 1 · **Not answered yet:** question 3",
            "**What I was told:**",
            "Start a new pill on Monday.\n\nCall if the cough gets worse.",
            "**Next visit:** Friday 12 February 2027",
        ],
    )
    assert "A scan every 3 months." not in text


def test_an_outcome_alone_is_enough_to_show_the_section() -> None:
    visit = typical()
    visit.questions[1].outcome = "not"
    assert "- **Not answered yet:** Can I still travel in May?" in render(visit, "me")


@pytest.mark.parametrize("reader", ["me", "doctor"])
def test_a_question_carried_more_than_once_says_it_has_waited(reader: str) -> None:
    visit = typical()
    visit.questions[1].carried = 2
    visit.questions[3].carried = 1
    text = render(visit, reader)
    assert "Can I still travel in May? *(asked before, not yet answered)*" in text
    assert text.count("asked before, not yet answered") == 1


# --- from the command line ---------------------------------------------------------------------------


@pytest.fixture
def my_visit(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["treatments", "add", "--no-input", "--what", "capecitabine", "--kind", "chemo", "--started", "2026-02"],
        ["meds", "add", "--no-input", "--name", "ondansetron", "--dose", "8 mg"],
        ["team", "add", "--no-input", "--name", "Dr Rivera", "--place", "City Cancer Centre"],
    ):
        assert cli(*args).code == 0
    ran = cli(
        "new-visit",
        "--no-input",
        "--date",
        "2027-01-15",
        "--with",
        "Dr Rivera",
        "--ask",
        "Can I travel?",
        "--symptom",
        "pain=6",
        "--note",
        "Private note",
    )
    assert ran.code == 0, ran


def test_export_for_the_doctor_holds_my_care(cli, my_visit: None) -> None:  # type: ignore[no-untyped-def]
    ran = cli("export", "latest", "--for", "doctor")
    assert ran.code == 0, ran
    sheet = Path("mbcprep-2027-01-15-doctor.md").read_text(encoding="utf-8")
    assert "| ondansetron | 8 mg |" in sheet and "| 2026-02\u00a0to\u00a0now | capecitabine |  |" in sheet
    assert "**Pain 6**" in sheet and "Private note" in sheet
    page = cli("export", "latest", "--for", "doctor", "--format", "html", "-o", "-").out
    assert "capecitabine" in page and "line-height: 1.2;" in page


def test_export_for_the_family_asks_nothing_without_a_terminal_and_shares_only_what_is_said(
    cli, my_visit: None
) -> None:  # type: ignore[no-untyped-def]
    plain = cli("export", "latest", "--for", "family", "-o", "-").out
    assert "Pain" not in plain and "Private note" not in plain and "Can I travel?" not in plain
    assert "**Where:** City Cancer Centre" in plain
    shared = cli(
        "export", "latest", "--for", "family", "--include-scores", "--include-notes", "--message", "Ring me", "-o", "-"
    ).out
    assert "| Pain | 6 |" in shared and "Private note" in shared and "Ring me" in shared
    as_text = cli("export", "latest", "--for", "family", "--no-input", "-o", "sheet.txt")
    assert as_text.code == 0 and "What to bring" in Path("sheet.txt").read_text(encoding="utf-8")


def test_the_family_form_asks_only_about_what_the_visit_has(
    cli, my_visit: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import mbcprep.prompts

    script = ScriptedPrompter(
        [
            ("Put how you feel (your scores) on the family sheet?", True),
            ("Put your notes on the family sheet?", False),
            ("What would you like them to know?", "Please come with me."),
        ]
    )
    monkeypatch.setattr(mbcprep.prompts, "needs_terminal", lambda: False)
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: script)
    text = cli("export", "latest", "--for", "family", "-o", "-").out
    script.done()
    assert "| Pain | 6 |" in text and "Private note" not in text and "Please come with me." in text
    again = ScriptedPrompter([("Put your notes on the family sheet?", True)])
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: again)
    text = cli("export", "latest", "--for", "family", "--include-scores", "--message", "", "-o", "-").out
    again.done()
    assert "Private note" in text and "What I want you to know" not in text


def test_a_calendar_event_for_the_family_holds_no_questions_and_says_where(cli, my_visit: None) -> None:  # type: ignore[no-untyped-def]
    icalendar = pytest.importorskip("icalendar")
    for reader, has_questions in (("family", False), ("doctor", True), ("me", True)):
        ran = cli("export", "latest", "--for", reader, "--format", "ics", "-o", "-")
        assert ran.code == 0, ran
        event = next(c for c in icalendar.Calendar.from_ical(ran.out.encode("utf-8")).walk() if c.name == "VEVENT")
        assert str(event["LOCATION"]) == "City Cancer Centre"
        assert ("Can I travel?" in str(event["DESCRIPTION"])) is has_questions


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--for", "neighbours"], "--for takes one of: me, doctor, family"),
        (["--for", "doctor", "--format", "json"], "a JSON backup holds everything"),
        (["--for", "family", "-o", "backup.json"], "a JSON backup holds everything"),
        (["--include-scores"], "are for the family sheet"),
        (["--for", "doctor", "--message", "hi"], "are for the family sheet"),
    ],
)
def test_a_reader_that_cannot_be_is_one_sentence(cli, my_visit: None, args: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    cli("export", "latest", *args).one_error(words)
    assert not any(p.name != "mbcprep-home" for p in Path.cwd().iterdir())


def test_only_my_own_markdown_sheet_is_the_one_edit_remakes(cli, my_visit: None, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.storage.store import Store

    assert cli("export", "latest", "--for", "doctor", "-o", "doctor.md").code == 0
    assert cli("export", "latest", "-o", "page.html").code == 0
    with Store.open(private_home) as store:
        uuid = store.get("latest").uuid
        assert store.sheet_of(uuid) is None
        assert {p.name for p, what in store.written_files() if what == "export"} == {"doctor.md", "page.html"}
    assert cli("export", "latest", "-o", "mine.md").code == 0
    with Store.open(private_home) as store:
        assert store.sheet_of(uuid) == Path.cwd() / "mine.md"


def test_show_has_what_is_beside_the_visit(cli, my_visit: None) -> None:  # type: ignore[no-untyped-def]
    assert "**Where:** City Cancer Centre" in cli("show", "latest").out


def test_the_json_list_of_a_backup_is_unchanged_by_for(cli, my_visit: None) -> None:  # type: ignore[no-untyped-def]
    backup = json.loads(cli("export", "latest", "--for", "me", "--format", "json", "-o", "-").out)
    assert [v["with"] for v in backup["visits"]] == ["Dr Rivera"]


def test_the_same_export_again_leaves_the_data_file_as_it_was(cli, my_visit: None, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.storage.store import Store

    data_file = next(private_home.glob("*.sqlite3"))
    assert cli("export", "--all", "-o", "all.json").code == 0
    before = data_file.read_bytes()
    assert cli("export", "--all", "-o", "all.json", "--force").code == 0
    assert data_file.read_bytes() == before  # nothing new to remember, so nothing written
    # A sheet written again after another one is the newest again: it is remembered anew.
    assert cli("export", "latest", "-o", "a.md").code == 0
    assert cli("export", "latest", "-o", "b.md").code == 0
    with Store.open(private_home) as store:
        uuid = store.get("latest").uuid
        assert store.sheet_of(uuid) == Path.cwd() / "b.md"
    (Path.cwd() / "b.md").unlink()
    with Store.open(private_home) as store:
        assert store.sheet_of(uuid) == Path.cwd() / "a.md"
    assert cli("export", "latest", "-o", "b.md").code == 0
    assert cli("export", "latest", "-o", "a.md", "--force").code == 0
    with Store.open(private_home) as store:
        assert store.sheet_of(uuid) == Path.cwd() / "a.md"


def test_words_typed_about_how_one_feels_show_on_every_sheet_without_a_score() -> None:
    """A caregiver typed "tiene fiebre de 38,5" as something else that bothers her and pressed Enter at
    the score: the words were kept in the visit but left off every sheet (a user test)."""
    visit = typical()
    visit.symptoms.append(SymptomScore("other", "fever of 38.5", None))
    for reader, options in (("me", {}), ("doctor", {}), ("family", {"scores": True})):
        assert "fever of 38.5" in render(visit, reader, **options), reader


def test_a_note_to_oneself_inside_a_line_stays_off_the_others_sheets() -> None:
    """The notes are typed on one line: "me:" after other words kept them on the doctor's and family's
    sheets (a user test). What follows "me:" stays on one's own sheet only."""
    visit = replace(typical(), notes="Bring the pill box. me: ask about a parking pass")
    assert "parking pass" in render(visit, "me")
    for reader, options in (("doctor", {}), ("family", {"notes": True})):
        sheet = render(visit, reader, **options)
        assert "Bring the pill box." in sheet and "parking" not in sheet, reader
    # A word that merely ends in "me:" is not the mark.
    visit = replace(typical(), notes="Call time: 9 am. Name: Ana")
    assert "Name: Ana" in render(visit, "doctor")
