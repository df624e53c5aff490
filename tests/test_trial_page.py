"""The trial page (`export latest --for trial`) and the profile at the top of the doctor's page (issue
21, point 5): what a trial team asks first, on one page and as JSON; who and what cancer, in a line or
two, on the doctor's page."""

from __future__ import annotations

import json
import re

import pytest

FULL = (
    *("profile", "set", "--name", "Ana Ruiz", "--born", "1968", "--sex", "female", "--diagnosed", "2019-05"),
    *("--metastatic-since", "2024-03", "--how-found", "recurrence", "--er", "positive 90%", "--pr", "negative"),
    *("--her2", "1+", "--tested", "2024-03", "--sample", "liver biopsy", "--from", "tissue", "--site", "bone"),
    *("--site", "liver=2024-03", "--brain", "treated", "--allergy", "penicillin", "--ecog", "1"),
)


@pytest.fixture
def kept(cli):  # type: ignore[no-untyped-def]
    """A visit, a full profile and three treatments (one before it spread)."""
    assert cli("new-visit", "--no-input", "--date", "2027-01-15", "--kind", "results").code == 0
    assert cli(*FULL).code == 0
    assert (
        cli("profile", "set", "--marker", "ESR1=mutation found Y537S", "--tested", "2025-07", "--from", "blood").code
        == 0
    )
    for args in (
        (
            "--what",
            "tamoxifen",
            "--kind",
            "hormone",
            "--started",
            "2019-07",
            "--stopped",
            "2023-07",
            "--why-stopped",
            "finished",
        ),
        ("--what", "letrozole + palbociclib", "--kind", "hormone", "--started", "2024-03", "--stopped", "2025-06"),
        ("--what", "capecitabine", "--kind", "chemo", "--started", "2025-07"),
    ):
        assert cli("treatments", "add", "--no-input", *args).code == 0
    assert cli("treatments", "edit", "2", "--no-input", "--why-stopped", "stopped-working").code == 0
    return cli


def test_the_trial_page_has_what_a_trial_team_asks_first(kept) -> None:  # type: ignore[no-untyped-def]
    ran = kept("export", "latest", "--for", "trial", "--format", "txt", "-o", "-")
    assert ran.code == 0, ran
    page = " ".join(ran.out.split())
    for said in (
        "For a clinical trial team",
        "Name: Ana Ruiz",
        "Subtype: ER+ PR- HER2-low (1+, liver biopsy 03/2024)",
        "Metastatic since: 03/2024",
        "ESR1: change found, Y537S (blood; 07/2025)",
        "brain: spots treated",
        "liver, since 03/2024",
        "ECOG 1 (my own estimate): Restricted in physically strenuous activity",
        "ClinicalTrials.gov",
        "cancer.gov/clinicaltrials",
        "trial navigator",
    ):
        assert said in page, said
    lines = re.findall(r"(\d|-): (tamoxifen|letrozole \+ palbociclib|capecitabine)", page)
    assert lines == [("-", "tamoxifen"), ("1", "letrozole + palbociclib"), ("2", "capecitabine")]
    assert "it stopped working" in page


def test_the_trial_page_as_json(kept) -> None:  # type: ignore[no-untyped-def]
    ran = kept("export", "latest", "--for", "trial", "--format", "json", "-o", "-")
    assert ran.code == 0, ran
    data = json.loads(ran.out)
    assert data["format"] == "mbcprep-trial" and data["subtype"].startswith("ER+ PR- HER2-low")
    assert [(t["line"], t["what"], t["why_stopped"]) for t in data["treatments"]] == [
        (None, "tamoxifen", "finished"),
        (1, "letrozole + palbociclib", "stopped-working"),
        (2, "capecitabine", ""),
    ]
    assert data["brain"] == {"involved": True, "status": "treated", "words": "treated"}
    assert data["ecog"]["grade"] == 1 and data["ecog"]["own_estimate"] is True
    assert {b["marker"]: b["tested"] for b in data["biomarkers"]}["esr1"] == "2025-07"


def test_the_trial_page_says_nothing_of_the_visit_and_is_refused_as_a_calendar(kept) -> None:  # type: ignore[no-untyped-def]
    kept("export", "latest", "--for", "trial", "--format", "ics", "-o", "-").one_error("--for trial makes one page")
    kept("export", "--all", "--for", "trial", "-o", "-").one_error("--for trial makes one page")
    page = kept("export", "latest", "--for", "trial", "--format", "md", "-o", "-").out
    assert "Test or scan results" not in page  # the visit's kind is the visit's sheets' business


def test_the_name_shows_only_on_the_sheets_chosen(kept) -> None:  # type: ignore[no-untyped-def]
    assert "Ana Ruiz" in kept("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out
    assert kept("profile", "set", "--name-on", "trial").code == 0
    assert "Ana Ruiz" not in kept("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out
    assert "Ana Ruiz" in kept("export", "latest", "--for", "trial", "--format", "txt", "-o", "-").out
    assert kept("profile", "set", "--name-on", "none").code == 0
    assert "Ana Ruiz" not in kept("export", "latest", "--for", "trial", "--format", "json", "-o", "-").out


def test_the_doctor_s_page_opens_with_the_profile(kept) -> None:  # type: ignore[no-untyped-def]
    page = " ".join(kept("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out.split())
    # The name opens the page (a loose sheet handed in is matched to a chart by it), said once.
    assert page.startswith("Visit for Ana Ruiz: ") and "Name:" not in page
    profile = page.index("Age: 5")
    assert page.index("Kind of visit") < profile < page.index("Treatment history")
    assert (
        "Age: 5" in page and "Cancer: ER+ PR- HER2-low (1+, liver biopsy 03/2024); bone, liver, brain (treated)" in page
    )
    assert "Allergies: penicillin" in page and "ECOG: 1 (my own estimate)" in page
    html = kept("export", "latest", "--for", "doctor", "--format", "html", "-o", "-").out
    assert "<strong>Cancer:</strong> ER+ PR- HER2-low" in html


def test_without_a_profile_the_doctor_s_page_is_as_before_and_the_trial_page_says_how(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-01-15").code == 0
    page = cli("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out
    assert "Cancer:" not in page and "ECOG" not in page
    trial = cli("export", "latest", "--for", "trial", "--format", "txt", "-o", "-").out
    assert "'mbcprep profile edit' fills in this page" in " ".join(trial.split())


def test_the_trial_page_in_spanish(kept) -> None:  # type: ignore[no-untyped-def]
    page = " ".join(
        kept("--lang", "es", "export", "latest", "--for", "trial", "--format", "txt", "-o", "-").out.split()
    )
    assert "Para el equipo de un estudio clínico" in page and "RE+ RP- HER2-bajo" in page
    assert "ECOG 1 (mi propia estimación)" in page and "1-800-422-6237" in page


def test_a_typed_name_is_text_on_the_trial_page_never_markup(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-01-15").code == 0
    assert cli("profile", "set", "--name", "<b>Ana</b> **bold** \x1b[31m", "--site", "<i>adrenal</i>").code == 0
    html = cli("export", "latest", "--for", "trial", "--format", "html", "-o", "-").out
    assert "<b>Ana</b>" not in html and "&lt;b&gt;Ana&lt;/b&gt;" in html and "\x1b" not in html
    assert "&lt;i&gt;adrenal&lt;/i&gt;" in html


def test_the_trial_page_has_the_latest_blood_counts_and_liver_and_kidney_tests(kept) -> None:  # type: ignore[no-untyped-def]
    """Issue 21: "recent blood counts and liver and kidney tests", the latest of each kept with
    `mbcprep results`; a tumour marker is not one of them, and no line asks to bring what is here."""
    before = " ".join(kept("export", "latest", "--for", "trial", "--format", "txt", "-o", "-").out.split())
    assert "Recent blood tests" not in before and "bring your latest results" in before
    for lab, value, unit, day in (
        ("neutrophils", "1.2", "10^9/L", "2026-10-01"),
        ("neutrophils", "1.9", "10^9/L", "2026-11-01"),
        ("alt", "31", "U/L", "2026-11-01"),
        ("creatinine", "0.8", "mg/dL", "2026-11-01"),
        ("ca15-3", "48", "U/mL", "2026-11-01"),
    ):
        added = kept("results", "add", "--no-input", "--date", day, "--lab", lab, "--value", value, "--unit", unit)
        assert added.code == 0, added
    page = " ".join(kept("export", "latest", "--for", "trial", "--format", "txt", "-o", "-").out.split())
    assert "Recent blood tests" in page and "bring your latest results" not in page
    assert "1.9 10^9/L" in page and "1.2 10^9/L" not in page  # the latest of each
    assert "31 U/L" in page and "0.8 mg/dL" in page and "48 U/mL" not in page
    data = json.loads(kept("export", "latest", "--for", "trial", "--format", "json", "-o", "-").out)
    found = {lab["lab_id"]: (lab["value"], lab["day"], lab["loinc"]) for lab in data["recent_labs"]}
    assert set(found) == {"neutrophils", "alt", "creatinine"} and found["neutrophils"][:2] == (1.9, "2026-11-01")
    assert all(loinc for _value, _day, loinc in found.values())


def test_a_brain_never_ticked_is_not_recorded_never_said_not_involved(kept) -> None:  # type: ignore[no-untyped-def]
    assert kept("profile", "set", "--site", "bone", "--site", "liver").code == 0
    page = " ".join(kept("export", "latest", "--for", "trial", "--format", "md", "-o", "-").out.split())
    assert "Brain: not recorded here (ask whether it was checked)" in page and "not involved" not in page
    ran = kept("export", "latest", "--for", "trial", "--format", "json", "-o", "-")
    assert json.loads(ran.out)["brain"] == {"involved": None, "status": "", "words": ""}
