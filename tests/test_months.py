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


@pytest.mark.parametrize(
    "typed", ["", "march", "2024", "mar 24", "2024-13", "13/2024", "12/8", "soon", "march april 2024", "0/2024"]
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
