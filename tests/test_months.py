"""Months as people write them, for when a treatment started or a medicine began."""

from __future__ import annotations

from datetime import date

import pytest

from mbcprep.dates import month_words, read_month
from mbcprep.errors import UsageError
from mbcprep.inputs import parse_month

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2024-03", "2024-03"),
        ("2024-3", "2024-03"),
        ("2024/03", "2024-03"),
        ("March 2024", "2024-03"),
        ("march 2024", "2024-03"),
        ("mar 2024", "2024-03"),
        ("Mar. 2024", "2024-03"),
        ("March, 2024", "2024-03"),
        ("sept 2025", "2025-09"),
        ("2024 march", "2024-03"),
        ("3/2024", "2024-03"),
        ("03/2024", "2024-03"),
        ("this month", "2026-11"),
        ("now", "2026-11"),
        ("today", "2026-11"),
        ("  2024-03  ", "2024-03"),
    ],
)
def test_a_month_is_read_however_it_is_written(typed: str, month: str) -> None:
    assert read_month(typed, TODAY) == month


@pytest.mark.parametrize(("typed", "day"), [("2024-03-15", "2024-03-15"), ("15 March 2024", "2024-03-15")])
def test_a_whole_date_is_kept_as_a_date(typed: str, day: str) -> None:
    assert read_month(typed, TODAY) == day


@pytest.mark.parametrize(("typed", "kept"), [("2024", "2024"), (" 2019. ", "2019"), ("1899", None), ("2200", None)])
def test_a_year_alone_is_kept_as_a_year_never_as_a_month_nobody_said(typed: str, kept: str | None) -> None:
    assert read_month(typed, TODAY) == kept
    assert month_words("2024") == "2024"


@pytest.mark.parametrize(
    "typed", ["", "march", "24", "mar 24", "2024-13", "13/2024", "12/8", "soon", "march april 2024", "0/2024"]
)
def test_what_cannot_be_read_for_sure_is_refused(typed: str) -> None:
    assert read_month(typed, TODAY) is None


def test_a_month_that_cannot_be_read_is_one_sentence_that_never_repeats_it() -> None:
    with pytest.raises(UsageError) as caught:
        parse_month("sometime in spring", TODAY, what="The --started given")
    assert str(caught.value).startswith("The --started given is not a month I can read; please use")
    assert "spring" not in str(caught.value)
    assert parse_month("  ", TODAY) == ""


def test_a_month_in_words() -> None:
    assert month_words("2024-03") == "March 2024"
    assert month_words("2024-03-15") == "March 2024"
    assert month_words("") == ""


# --- a year alone, when that is all a person knows (backups from version 4) ----------------------------


@pytest.mark.parametrize(
    ("earlier", "later", "before"),
    [
        ("2019", "2019-03", False),
        ("2019-03", "2019", False),
        ("2018", "2019-01", True),
        ("2019-12", "2019", False),
        ("2024-02", "2024-03-15", True),
        ("2024-03-10", "2024-03-20", False),
        ("", "2019", False),
    ],
)
def test_a_stop_is_before_a_start_only_when_every_month_it_covers_is(earlier: str, later: str, before: bool) -> None:
    from mbcprep.dates import ends_before

    assert ends_before(earlier, later) is before


STOPPED = ("--stopped", "2019", "--why-stopped", "stopped-working")


def test_a_year_alone_reaches_every_surface_and_a_backup(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from mbcprep.model.treatment_trends import first_day, last_day

    assert (first_day("2019"), last_day("2019")) == (date(2019, 1, 1), date(2019, 12, 31))
    for args in (
        ("profile", "set", "--no-input", "--name", "Ana", "--diagnosed", "2015", "--metastatic-since", "2019"),
        ("treatments", "add", "--no-input", "--what", "tamoxifen", "--kind", "hormone", "--started", "2015", *STOPPED),
        ("new-visit", "--no-input", "--date", "2026-12-10"),
    ):
        ran = cli(*args)
        assert ran.code == 0, ran
    assert "hormone therapy, 2015 to 2019" in cli("treatments", "list").out
    assert "first found 2015, spread since 2019" in cli("profile").out
    assert (
        "| 2015\u00a0to\u00a02019 | tamoxifen |"
        in cli("export", "latest", "--for", "doctor", "-f", "md", "-o", "-").out
    )
    trial = cli("export", "latest", "--for", "trial", "-f", "md", "-o", "-").out
    assert "**Metastatic since:** 2019" in trial and "| 1 | tamoxifen |" in trial  # stopped the year it spread
    backup = tmp_path / "b.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["version"] == 4 and data["treatments"][0]["started"] == "2015"
    assert cli("data", "check").code == 0
    ran = cli("import", str(backup), "--data-dir", str(tmp_path / "elsewhere"))
    assert ran.code == 0 and "Treatments: 1 added" in ran.out, ran
