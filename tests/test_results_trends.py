"""`trends --results` (each lab over time, worded with care) and `trends --by-treatment` (each
symptom before and while on each treatment, start and stop marked)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from mbcprep.model.diary import DiaryEntry
from mbcprep.settings import Settings

BLOCK = re.compile("[▁▂▃▄▅▆▇█]")
ALARMING = re.compile(r"danger|alarm|bad news|worse|urgent|!", re.IGNORECASE)


def lab(cli, day: str, name: str, value: str, *more: str) -> None:  # type: ignore[no-untyped-def]
    ran = cli("results", "add", "--no-input", "--date", day, "--lab", name, "--value", value, *more)
    assert ran.code == 0, ran


def test_a_marker_is_said_with_care_and_read_with_the_scans(cli) -> None:  # type: ignore[no-untyped-def]
    lab(cli, "2026-09-01", "CA 15-3", "32", "--high", "30")
    lab(cli, "2026-10-01", "CA 15-3", "40", "--high", "30")
    lab(cli, "2026-11-01", "CA 15-3", "48", "--high", "30")
    lab(cli, "2026-10-01", "hemoglobin", "12.5", "--low", "12", "--high", "16")
    lab(cli, "2026-11-01", "hemoglobin", "11.2", "--low", "12", "--high", "16")
    shown = " ".join(cli("trends", "--results").out.split())
    assert "CA 15-3 went from 32 to 48 since 1 September" in shown
    assert "since 1 September: ask what it means alongside your scans." in shown
    assert "The lab's range: under 30. The latest is above it: one to ask about." in shown
    assert "Hemoglobin went from 12.5 to 11.2 since 1 October." in shown  # not a marker: no scans named
    assert "The lab's range: 12 to 16. The latest is below it: one to ask about." in shown
    assert "A tumour marker is read together with your scans" in shown
    assert "lowest 32, highest 48; 3 values" in shown
    assert not ALARMING.search(shown)
    chart = cli("trends", "--results").out.splitlines()
    marker_chart = chart[chart.index("CA 15-3") + 1]
    assert marker_chart.strip()[0] == "▁" and marker_chart.strip()[-1] == "█"  # its lowest to its highest


def test_results_trends_in_plain_mode_say_the_values_and_json_has_every_one(cli) -> None:  # type: ignore[no-untyped-def]
    for n in range(10):
        lab(cli, (date(2026, 1, 5) + timedelta(days=30 * n)).isoformat(), "CEA", str(3 + n))
    plain = cli("--plain", "trends", "--results").out
    assert not BLOCK.search(plain)
    assert "The last 8 values:" in " ".join(plain.split()) and ": 12." in " ".join(plain.split())
    data = json.loads(cli("trends", "--results", "--json").out)
    assert [d["lab"] for d in data] == ["cea"] and data[0]["marker"] is True
    assert [p["value"] for p in data[0]["points"]] == [float(3 + n) for n in range(10)]
    assert "alongside your scans" in data[0]["sentence"]


def test_results_trends_with_none_and_with_since(cli) -> None:  # type: ignore[no-untyped-def]
    assert "No lab values to show yet" in cli("trends", "--results").out
    lab(cli, "2026-01-05", "ALT", "30")
    lab(cli, "2026-06-05", "ALT", "45")
    assert "One value so far." in " ".join(cli("trends", "--results", "--since", "2026-03-01").out.split())
    cli("trends", "--results", "--symptom", "pain").one_error("--results")


def _diary(days: list[tuple[str, str, str, int]]) -> None:
    with Settings().open_store() as store:
        store.import_everything(
            [],
            {"diary": [DiaryEntry(f"d-{n}", day, sid, name, score) for n, (day, sid, name, score) in enumerate(days)]},
        )


def _before_and_on_capecitabine() -> list[tuple[str, str, str, int]]:
    """1 August to 29 September 2026: tiredness 4 in the four weeks before capecitabine (September),
    then 6, and a hand-foot soreness of 5 that is new."""
    days = []
    for n in range(60):
        day = date(2026, 8, 1) + timedelta(days=n)
        on = day >= date(2026, 9, 1)
        days.append((day.isoformat(), "tiredness", "Tiredness", 6 if on else 4))
        if on:
            days.append((day.isoformat(), "other", "Hand-foot soreness", 5))
    return days


def test_by_treatment_says_each_symptom_before_and_while_on_it(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("treatments", "add", "--no-input", "--what", "capecitabine", "--kind", "chemo", "--started", "2026-09")
    assert ran.code == 0, ran
    ran = cli(
        "treatments", "add", "--no-input", "--what", "letrozole + palbociclib", "--kind", "hormone, targeted",
        "--started", "2026-05", "--stopped", "2026-08", "--why-stopped", "stopped-working",
    )  # fmt: skip
    assert ran.code == 0, ran
    cli("treatments", "add", "--no-input", "--what", "radiation to the hip", "--kind", "radiation")  # no start
    _diary(_before_and_on_capecitabine())
    shown = cli("trends", "--by-treatment").out
    flat = " ".join(shown.split())
    assert "Since capecitabine began (September 2026): tiredness 4 -> 6, hand-foot soreness new" in flat
    assert "capecitabine (chemotherapy), since September 2026, going on now" in flat
    assert "letrozole + palbociclib (hormone therapy, targeted therapy), May 2026 to August 2026" in flat
    assert "radiation to the hip has no month it started, so it is left out." in flat
    lines = shown.splitlines()
    cap = lines.index(next(line for line in lines if line.startswith("capecitabine")))
    tired = lines[cap + 1]
    assert tired.lstrip().startswith("Tiredness") and "4 -> 6" in tired and tired.count("|") == 1  # going on: a start
    letrozole = lines.index(next(line for line in lines if line.startswith("letrozole")))
    stopped = next(line for line in lines[letrozole:] if line.startswith("  Tiredness"))
    assert stopped.count("|") == 2, "a treatment that stopped has its start and its stop marked"
    plain = " ".join(cli("--plain", "trends", "--by-treatment").out.split())
    assert "Tiredness: 4 in the weeks before, 6 while on it." in plain and "|" not in plain
    data = json.loads(cli("trends", "--by-treatment", "--json").out)
    cape = next(d for d in data if d["treatment"] == "capecitabine")
    assert [(s["symptom"], s["before"], s["during"], s["new"]) for s in cape["symptoms"]] == [
        ("tiredness", 4.0, 6.0, False),
        ("other:hand-foot soreness", None, 5.0, True),
    ]
    only = json.loads(cli("trends", "--by-treatment", "--json", "--symptom", "tiredness").out)
    assert {s["symptom"] for d in only for s in d["symptoms"]} == {"tiredness"}


def test_by_treatment_counts_the_visits_scores_too(cli) -> None:  # type: ignore[no-untyped-def]
    cli("treatments", "add", "--no-input", "--what", "capecitabine", "--kind", "chemo", "--started", "2026-09")
    assert cli("new-visit", "--no-input", "--date", "2026-08-20", "--symptom", "nausea=2").code == 0
    assert cli("new-visit", "--no-input", "--date", "2026-09-20", "--symptom", "nausea=7").code == 0
    flat = " ".join(cli("trends", "--by-treatment").out.split())
    assert "Since capecitabine began (September 2026): nausea 2 -> 7" in flat


@pytest.mark.parametrize("args", [["trends", "--by-treatment"], ["trends", "--results"]])
def test_nothing_yet_is_one_plain_line(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    ran = cli(*args)
    assert ran.code == 0 and len(ran.out.strip().splitlines()) == 1, ran


def test_the_doctors_page_has_the_results_in_brief_and_the_treatment_lines(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("treatments", "add", "--no-input", "--what", "capecitabine", "--kind", "chemo", "--started", "2026-09")
    assert ran.code == 0, ran
    _diary(_before_and_on_capecitabine())
    lab(cli, "2026-09-01", "CA 15-3", "32")
    lab(cli, "2026-11-01", "CA 15-3", "48")
    assert cli("results", "add", "--no-input", "--date", "2026-11-03", "--scan", "ct", "--finding", "stable").code == 0
    assert cli("new-visit", "--no-input", "--date", "2026-12-01", "--ask", "What next?").code == 0
    page = " ".join(cli("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out.split())
    assert "Results: CT scan (3 November" in page and "): stable · CA 15-3 32 -> 48 U/mL (1 November" in page
    assert "Since capecitabine began (September 2026): tiredness 4 -> 6, hand-foot soreness new" in page
    mine = cli("export", "latest", "-o", "-").out
    assert "CA 15-3" not in mine and "Since capecitabine began" not in mine  # the doctor's page only


def test_the_doctors_page_names_a_blood_test_outside_the_range_typed_with_it(cli) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from mbcprep.actions.results import results_in_brief

    lab(cli, "2026-11-01", "Neutrophils", "2.4", "--low", "1.8", "--high", "7.7")
    lab(cli, "2026-11-20", "Neutrophils", "1.2", "--low", "1.8", "--high", "7.7")  # the latest: below
    lab(cli, "2026-11-20", "Hemoglobin", "12.5", "--low", "12", "--high", "15.5")  # inside its range
    lab(cli, "2026-11-20", "Platelets", "90")  # no range typed: never called out of range
    lab(cli, "2026-11-20", "ALT", "40", "--high", "35")
    lab(cli, "2026-11-20", "CA 15-3", "48", "--high", "30")  # a marker: its own trend, said once
    with Settings().open_store() as store:
        line = results_in_brief(store, date(2026, 12, 7))
    assert line == (
        "Results: CA 15-3 48 U/mL (20 November) · Neutrophils 1.2 x10^9/L, below the lab's range (20 November)"
        " · ALT 40 U/L, above the lab's range (20 November)"
    )
    assert cli("new-visit", "--no-input", "--date", "2026-12-01", "--ask", "What next?").code == 0
    page = " ".join(cli("export", "latest", "--for", "doctor", "--format", "txt", "-o", "-").out.split())
    assert "Neutrophils 1.2 x10^9/L, below the lab's range (20 November" in page


def test_the_doctors_page_counts_the_blood_tests_outside_their_range_after_three(cli) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from mbcprep.actions.results import results_in_brief

    for name in ("Neutrophils", "White blood cells", "Platelets", "Hemoglobin", "ALT"):
        lab(cli, "2026-11-20", name, "0.5", "--low", "1")
    with Settings().open_store() as store:
        line = results_in_brief(store, date(2026, 12, 7))
    assert line.count(", below the lab's range") == 3 and line.endswith(" · 2 more blood tests outside the lab's range")
