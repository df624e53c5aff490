"""The doctor's sheet of a typical visit prints on one page: the HTML is printed to PDF by a real
headless browser (Debian's `chromium`; see the README) and its pages are counted.

A typical visit, as issue 12 has it: ten questions (the first three chosen), four symptoms, three
medicines, three treatments, a paragraph of notes and two answers about what matters, filled in by a
caregiver. The person's own sheet of the same visit, with room to write, takes more than one page:
that proves the count can fail. Skipped, with the reason, where no browser is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from mbcprep.formats.html import render_html
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.content import Content
from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.sheets.context import SheetContext
from mbcprep.sheets.sheet import render_sheet

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BANK_QUESTIONS = (
    "tx-why-this-one",
    "tx-gains-and-side-effects",
    "team-after-hours",
    "tx-daily-life",
    "mon-how-know-working",
    "tx-how-likely-help",
    "tx-say-no-to-this",
    "tx-newest-options",
)
OWN_QUESTIONS = ("Can I still go to my daughter's wedding in June?", "Should I keep taking vitamin D?")
NOTES = (
    "New cough for 2 weeks. Sleeping badly since the last scan; wakes at 3 am most nights and cannot get back"
    " to sleep. Her appetite is smaller and she has lost about 2 kg since December."
)
CONTEXT = SheetContext(
    medicines=[
        Medicine("m-1", "capecitabine", "1500 mg", "twice a day, 2 weeks on, 1 off", "the cancer", "2026-02"),
        Medicine("m-2", "ondansetron", "8 mg", "when needed", "nausea", "2026-02"),
        Medicine("m-3", "vitamin D", "1000 IU", "once a day"),
    ],
    treatments=[
        Treatment("t-1", "lumpectomy and radiation", "surgery", "2019-05", "2019-09", "finished"),
        Treatment(
            "t-2", "letrozole + palbociclib", "hormone", "2024-03", "2026-01", "stopped-working", "two good years"
        ),
        Treatment("t-3", "capecitabine", "chemotherapy", "2026-02", "", "", "sore hands and feet"),
    ],
    team=[TeamMember("c-1", "Dr Rivera", "oncologist", "City Cancer Centre", "555 0100")],
    changes=[],
)


def typical_visit(content: Content) -> Visit:
    questions = [content.questions[qid] for qid in BANK_QUESTIONS]
    visit = Visit(
        uuid="11111111-2222-3333-4444-555555555555",
        visit_date="2027-01-15",
        kind="treatment-decision",
        with_whom="Dr Rivera",
        filled_by="caregiver",
        patient_name="Ana",
        status="ready",
        questions=[VisitQuestion(q.text, q.topic, q.why, q.id) for q in questions],
        symptoms=[
            SymptomScore("tiredness", "Tiredness", 7),
            SymptomScore("pain", "Pain", 4, "worse at night"),
            SymptomScore("nausea", "Nausea", 2),
            SymptomScore("other", "itchy skin", 1),
        ],
        considerations=[
            ConsiderationAnswer("how-to-talk", content.considerations["how-to-talk"].prompt, "Straight facts"),
            ConsiderationAnswer("trial-openness", content.considerations["trial-openness"].prompt, "Maybe"),
        ],
        notes=NOTES,
    )
    visit.questions += [VisitQuestion(text) for text in OWN_QUESTIONS]
    visit.rank_first_in_order()
    return visit


def find_browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def arial_widths_missing() -> bool:
    """The doctor's sheet is set in Arial's widths (Arial, Liberation Sans, Helvetica); fontconfig says
    what a browser would use instead."""
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "Arial"], capture_output=True, text=True, timeout=10).stdout
    return not re.search(r"Arial|Liberation Sans|Helvetica|Arimo|Nimbus Sans", found)


def printed_pages(browser: str, page: Path, home: Path) -> int:
    pdf = page.with_suffix(".pdf")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--user-data-dir={home / 'browser-profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=60,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), "the browser made no PDF"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        assert found is not None, info
        return int(found[1])
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@pytest.mark.slow
def test_the_doctor_s_sheet_of_a_typical_visit_prints_on_one_page(tmp_path: Path, content: Content) -> None:
    browser = find_browser()
    if browser is None:
        pytest.skip("no headless browser here: 'apt-get install -y chromium poppler-utils' (see the README)")
    if arial_widths_missing():
        pytest.skip("no font with Arial's widths here: 'apt-get install -y fonts-liberation'")
    visit = typical_visit(content)
    for reader in ("doctor", "me"):
        markdown = render_sheet(visit, content, date(2026, 11, 30), reader, CONTEXT)
        (tmp_path / f"{reader}.html").write_text(
            render_html(markdown, title="Visit", compact=reader == "doctor"), encoding="utf-8"
        )
    assert printed_pages(browser, tmp_path / "doctor.html", tmp_path) == 1
    assert printed_pages(browser, tmp_path / "me.html", tmp_path) > 1, "the count can tell pages apart"
