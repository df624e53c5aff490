"""`mbcprep diary list`: the last 30 days unless asked (`--since DATE`, `--all`), saying how many earlier
days are left out and how to see them; `--json` follows the same rule."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from mbcprep.errors import UsageError

TODAY = date.today()


def _noted(cli, *days_ago: int) -> list[str]:  # type: ignore[no-untyped-def]
    days = [(TODAY - timedelta(days=n)).isoformat() for n in days_ago]
    for day in days:
        ran = cli("diary", "--no-input", "--date", day, "--symptom", "pain=3")
        assert ran.code == 0, ran
    return days


def _days(ran) -> list[str]:  # type: ignore[no-untyped-def]
    assert ran.code == 0, ran
    return [e["day"] for e in json.loads(ran.out)]


def test_the_list_shows_the_last_30_days_and_says_how_many_are_hidden(cli) -> None:  # type: ignore[no-untyped-def]
    today, last_shown, first_hidden, long_ago = _noted(cli, 0, 29, 30, 400)
    ran = cli("diary", "list")
    assert ran.code == 0, ran
    assert ran.out.count("Pain 3") == 2
    said = " ".join(ran.out.split("\n\n")[-1].split())  # the last paragraph, wrapped to fit 80 columns
    assert said == "2 earlier days are not shown. To see them: mbcprep diary list --all (or --since DATE)"
    assert max(map(len, ran.out.splitlines())) <= 80
    assert _days(cli("diary", "list", "--json")) == [last_shown, today]
    every = cli("diary", "list", "--all")
    assert every.out.count("Pain 3") == 4 and "not shown" not in every.out
    assert _days(cli("diary", "list", "--all", "--json")) == [long_ago, first_hidden, last_shown, today]


def test_since_chooses_the_first_day_and_still_counts_the_earlier_ones(cli) -> None:  # type: ignore[no-untyped-def]
    _, _, first_hidden, long_ago = _noted(cli, 0, 29, 30, 400)
    ran = cli("diary", "list", "--since", long_ago, "--json")
    assert len(_days(ran)) == 4 and ran.err == ""  # nothing earlier: nothing said
    ran = cli("diary", "list", "--since", first_hidden, "--json")
    assert _days(ran)[0] == first_hidden
    assert "1 earlier day is not shown. To see it: mbcprep diary list --all" in " ".join(ran.err.split())  # beside
    assert "not shown" not in ran.out


def test_only_old_days_say_so_rather_than_nothing_yet(cli) -> None:  # type: ignore[no-untyped-def]
    _noted(cli, 45)
    ran = cli("diary", "list")
    assert ran.code == 0
    assert ran.out.startswith("Nothing in your diary in the last 30 days.")
    assert "1 earlier day is not shown" in ran.out and "No diary entries yet" not in ran.out
    assert _days(cli("diary", "list", "--json")) == []
    ran = cli("diary", "list", "--since", (TODAY - timedelta(days=40)).isoformat())
    assert ran.out.startswith("Nothing in your diary from ") and "1 earlier day is not shown" in ran.out


def test_an_empty_diary_still_says_how_to_start(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("diary", "list")
    assert ran.out.strip() == "No diary entries yet. Start with: mbcprep diary"
    assert cli("diary", "list", "--all").out.strip() == "No diary entries yet. Start with: mbcprep diary"


def test_since_and_all_together_is_one_sentence(cli) -> None:  # type: ignore[no-untyped-def]
    cli("diary", "list", "--since", "2026-01-01", "--all").one_error("--since", "--all")


@pytest.mark.parametrize("lang", ["es"])
def test_the_hidden_days_are_said_in_spanish(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    _noted(cli, 0, 31)
    ran = cli("--lang", lang, "diary", "list")
    assert ran.code == 0
    said = " ".join(ran.out.split("\n\n")[-1].split())
    assert said == "1 día anterior no se muestra. Para verlo: mbcprep diary list --all (o --since FECHA)"


def test_the_diary_reads_a_day_without_a_year_as_the_latest_one(content) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.actions.diary import entries_from_options

    dec_7 = date(2026, 12, 7)
    (entry,) = entries_from_options(content, when="nov 30", symptoms=["tiredness=3"], note="", today=dec_7)
    assert entry.day == "2026-11-30"  # not 30 November 2027, refused as a day still to come
    with pytest.raises(UsageError, match="days that have come"):
        entries_from_options(content, when="2027-03-01", symptoms=["tiredness=3"], note="", today=dec_7)
