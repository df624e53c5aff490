"""Each sheet of a typical visit prints on its pages, on Letter and on A4 paper, in English and in
Spanish: the doctor's on one, the family's on two, the person's own (with room to write) on three.
The HTML is printed to PDF by a real headless browser (Debian's `chromium`, started once for all of
them: tests/browser.py) and its pages are counted. The demo's latest visit, which was debriefed, too.

A typical visit, as issue 12 has it: ten questions (the first three chosen), four symptoms, three
medicines, three treatments, a paragraph of notes and two answers about what matters, filled in by a
caregiver; the family is sent a message; and (issue 21) a full profile, which opens the doctor's page
and fills the trial page, also one page, and five results (a scan and four lab values, one below its
range) with a line of side effects since the treatment going on began, which the doctor's page says
in brief. Skipped, with how to install it, where no browser is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mbcprep import i18n
from mbcprep.actions.sheets import render_visits
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.content import Content
from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.model.profile_summary import ProfileView
from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
from mbcprep.settings import Settings
from mbcprep.sheets.context import READERS, TRIAL, SheetContext, SheetOptions
from tests.browser import INSTALL_BROWSER, PAPER, Browser, arial_widths_missing, find_browser, missing

PAGES = {"doctor": 1, "family": 2, "me": 3, "trial": 1}
READERS = (*READERS, TRIAL)
MESSAGE = "Please bring her reading glasses, and call Marta if the visit runs late."
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
    # The trial page's recent blood tests: a full blood count, liver and kidney tests.
    labs=[
        {"lab_id": lab, "name": name, "group": "blood", "day": "2027-01-10", "value": value, "unit": unit}
        | {"low": low, "high": high, "loinc": ""}
        for lab, name, value, unit, low, high in (
            ("white-cells", "White blood cells", 3.1, "10^9/L", 4.0, 11.0),
            ("neutrophils", "Neutrophils", 1.4, "10^9/L", 1.5, 8.0),
            ("hemoglobin", "Hemoglobin", 10.9, "g/dL", 12.0, 15.5),
            ("platelets", "Platelets", 182, "10^9/L", 150, 400),
            ("alt", "ALT", 41, "U/L", 7, 35),
            ("ast", "AST", 38, "U/L", 8, 33),
            ("bilirubin", "Bilirubin", 0.8, "mg/dL", 0.1, 1.2),
            ("creatinine", "Creatinine", 0.9, "mg/dL", 0.6, 1.1),
        )
    ],
    changes=[],
    profile=ProfileView(
        Profile(
            "p-1",
            "Ana María Rodríguez Pérez",
            born="1968",
            sex="female",
            pronouns="she/her",
            pregnancy_possible="no",
            first_diagnosed="2019-05",
            metastatic_since="2024-03",
            how_found="recurrence",
            allergies="penicillin (hives); latex",
            ecog="1",
            ecog_on="2026-11-30",
        ),
        [
            TumourResult(
                "r-1", "er", result="positive", detail="95%", origin="tissue", sample="breast biopsy", tested="2019-05"
            ),
            TumourResult(
                "r-2", "pr", result="positive", detail="40%", origin="tissue", sample="breast biopsy", tested="2019-05"
            ),
            TumourResult("r-3", "her2", result="2+ish-", origin="tissue", sample="breast biopsy", tested="2019-05"),
            TumourResult(
                "r-4", "er", result="positive", detail="80%", origin="tissue", sample="liver biopsy", tested="2024-03"
            ),
            TumourResult("r-5", "pr", result="negative", origin="tissue", sample="liver biopsy", tested="2024-03"),
            TumourResult("r-6", "her2", result="1+", origin="tissue", sample="liver biopsy", tested="2024-03"),
            TumourResult("r-7", "brca1", result="not-found", origin="inherited", tested="2024-03"),
            TumourResult("r-8", "brca2", result="not-found", origin="inherited", tested="2024-03"),
            TumourResult("r-9", "palb2", result="not-found", origin="inherited", tested="2024-03"),
            TumourResult(
                "r-10", "pik3ca", result="not-found", origin="tissue", sample="liver biopsy", tested="2024-03"
            ),
            TumourResult("r-11", "esr1", result="found", detail="Y537S", origin="blood", tested="2026-01"),
            TumourResult("r-12", "pd-l1", result="negative", origin="tissue", sample="liver biopsy", tested="2024-03"),
        ],
        [
            CancerSite("s-1", "bone", since="2024-03"),
            CancerSite("s-2", "liver", since="2024-03"),
            CancerSite("s-3", "lymph-nodes", since="2024-03"),
            CancerSite("s-4", "brain", since="2026-01", status="treated"),
        ],
    ),
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


@pytest.fixture(scope="module")
def printer() -> Iterator[Browser]:
    browser = find_browser()
    if browser is None:
        missing(f"no headless browser here: '{INSTALL_BROWSER}' (see the README)")
    if arial_widths_missing():
        missing("no font with Arial's widths here: 'apt-get install -y fonts-liberation'")
    with Browser(browser) as started:
        yield started


def with_results(folder: Path) -> SheetContext:
    """CONTEXT with the doctor's page's lines about results and side effects, made by the functions the
    page's own are made by, in the language in use, from five results and a diary kept in `folder`."""
    from dataclasses import replace

    from mbcprep.actions.results import results_in_brief
    from mbcprep.actions.treatment_trends import current_lines
    from mbcprep.model.diary import DiaryEntry
    from mbcprep.model.results import Result
    from mbcprep.storage.store import Store

    LABELS = {"tiredness": "Tiredness", "pain": "Pain", "hand-foot": "Hand-foot soreness"}
    home = folder / "results-home"
    home.mkdir(mode=0o700, exist_ok=True)
    with Store.open(home) as store:
        if not store.records("results").all():
            for n, (day, lab, lab_id, value, unit, low) in enumerate(
                [
                    ("2026-12-01", "CA 15-3", "ca15-3", 32.0, "U/mL", None),
                    ("2027-01-10", "CA 15-3", "ca15-3", 48.0, "U/mL", None),
                    ("2027-01-10", "CEA", "cea", 3.4, "ng/mL", None),
                    ("2027-01-10", "Neutrophils (absolute)", "neutrophils", 1.2, "x10^9/L", 1.8),  # below its range
                ]
            ):
                store.records("results").save(Result(f"r-{n}", day, lab, lab_id, value, unit, low))
            store.records("results").save(Result("r-scan", "2027-01-08", scan="ct", area="chest", finding="bigger"))
            for t in CONTEXT.treatments:
                store.treatments.save(t)
            for n, (day, key, score) in enumerate(
                [
                    ("2026-01-10", "tiredness", 4),
                    ("2026-01-20", "pain", 2),
                    ("2026-03-10", "tiredness", 6),
                    ("2026-03-12", "hand-foot", 5),
                    ("2026-03-14", "pain", 4),
                ]
            ):
                store.diary.save(DiaryEntry(f"d-{n}", day, key, LABELS[key], score))
        return replace(CONTEXT, results=[results_in_brief(store, date(2027, 1, 15))], by_treatment=current_lines(store))


def typical_page(content: Content, reader: str, lang: str, folder: Path) -> Path:
    """The page of the typical visit (prepared in English) for `reader`, in `lang`."""
    i18n.use_language(lang)
    visit = typical_visit(content)
    visit.language = "en"
    options = SheetOptions(message=MESSAGE) if reader == "family" else None
    context = with_results(folder) if reader == "doctor" else CONTEXT
    if reader == "doctor":
        assert context.results[0].count("·") == 3 and context.by_treatment, context  # all on the page
    made = render_visits(
        [visit], "html", Settings(), date(2026, 11, 30), reader=reader, context=context, options=options
    )
    page = folder / f"{reader}-{lang}.html"
    page.write_text(made, encoding="utf-8")
    return page


def pages_on_each_paper(printer: Browser, page: Path) -> dict[str, int]:
    return {paper: printer.pages(page, paper) for paper in PAPER}


def expected_pages() -> dict[str, dict[str, int]]:
    """Every reader's pages on each paper, so that a failure shows them all (one reader's failure
    once hid another's)."""
    return {reader: dict.fromkeys(PAPER, PAGES[reader]) for reader in READERS}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_sheet_of_a_typical_visit_prints_on_its_pages(
    printer: Browser, content: Content, tmp_path: Path, lang: str
) -> None:
    printed = {r: pages_on_each_paper(printer, typical_page(content, r, lang, tmp_path)) for r in READERS}
    assert printed == expected_pages(), lang


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_sheet_of_the_demo_s_debriefed_visit_prints_on_its_pages(
    printer: Browser, cli, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The Spanish doctor's page of the demo visit took two pages (issue 19), and two on Letter again
    later, unseen while the own sheet, counted first, failed: so every reader is counted first."""
    printed = {}
    for reader in READERS:
        made = cli("--lang", lang, "demo", "export", "latest", "--format", "html", "--for", reader, "-o", "-")
        assert made.code == 0 and "</html>" in made.out, made
        page = tmp_path / f"demo-{reader}-{lang}.html"
        page.write_text(made.out, encoding="utf-8")
        printed[reader] = pages_on_each_paper(printer, page)
    assert printed == expected_pages(), lang
