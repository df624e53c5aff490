"""`mbcprep treatments`, `meds` and `team`: add, edit, remove and list, from options or a form, and
carried in the backup."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from mbcprep.actions.care import MEDICINES, TEAM, TREATMENTS, parse_kind, parse_stop_reason
from mbcprep.errors import UsageError
from mbcprep.forms.care import ask_record, confirm_remove
from mbcprep.model.care import Medicine, TeamMember, Treatment
from tests.scripted import CTRL_C, ScriptedPrompter, prompt_libraries_loaded

LETROZOLE = [
    "--what",
    "letrozole + palbociclib",
    "--kind",
    "hormone",
    "--started",
    "2024-03",
    "--stopped",
    "jan 2026",
    "--why-stopped",
    "stopped-working",
    "--how",
    "worked two years; tired",
]


def add(cli, group: str, *args: str) -> int:  # type: ignore[no-untyped-def]
    ran = cli(group, "add", "--no-input", *args)
    assert ran.code == 0, ran
    return int(ran.out.strip())


# --- from options -----------------------------------------------------------------------------------


def test_treatments_from_options_are_listed_first_to_latest(cli) -> None:  # type: ignore[no-untyped-def]
    assert add(cli, "treatments", "--what", "capecitabine", "--kind", "chemo", "--started", "February 2026") == 1
    assert add(cli, "treatments", *LETROZOLE) == 2
    listed = cli("treatments", "list").out
    assert listed.index("letrozole + palbociclib") < listed.index("capecitabine")
    assert " 2. letrozole + palbociclib\n    hormone therapy, March 2024 to January 2026\n" in listed
    assert "    Why it stopped: it stopped working\n    How it went: worked two years; tired\n" in listed
    assert " 1. capecitabine\n    chemotherapy, since February 2026, going on now" in listed
    assert cli("treatments").out == listed, "with nothing after it, the command lists"
    data = json.loads(cli("treatments", "list", "--json").out)
    assert [d["number"] for d in data] == [2, 1]
    first = {k: v for k, v in data[0].items() if k not in ("uuid", "created_at", "updated_at")}
    assert first == {
        "number": 2,
        "what": "letrozole + palbociclib",
        "kind": ["hormone"],
        "started": "2024-03",
        "stopped": "2026-01",
        "why_stopped": "stopped-working",
        "how_it_went": "worked two years; tired",
    }


def test_medicines_and_the_care_team_from_options(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "meds", "--name", "letrozole", "--dose", "2.5 mg", "--how-often", "once a day", "--since", "mar 2024")
    add(cli, "meds", "--name", "vitamin D")
    meds = cli("meds", "list").out
    assert meds == " 1. letrozole\n    2.5 mg, once a day\n    Since March 2024\n 2. vitamin D\n"
    add(cli, "team", "--name", "Dr Rivera", "--role", "oncologist", "--place", "City Cancer Centre")
    add(cli, "team", "--name", "Triage line", "--phone", "555 0199", "--after-hours")
    team = cli("team").out
    assert "Dr Rivera\n    oncologist, City Cancer Centre\n" in team
    assert "Triage line\n    Phone: 555 0199\n    Call when the office is closed.\n" in team
    data = json.loads(cli("team", "list", "--json").out)
    assert [d["after_hours"] for d in data] == [False, True]


def test_empty_lists_say_how_to_add_one(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("treatments").out.strip() == "No treatments yet. Add one with: mbcprep treatments add"
    assert cli("meds", "list").out.strip() == "No medicines yet. Add one with: mbcprep meds add"
    assert cli("team", "list", "--json").out.strip() == "[]"


def test_edit_changes_only_what_the_options_say(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "meds", "--name", "letrozole", "--dose", "2.5 mg", "--what-for", "cancer")
    before = json.loads(cli("meds", "list", "--json").out)[0]
    ran = cli("meds", "edit", "1", "--no-input", "--dose", "5 mg", "--since", "2026-11")
    assert ran.code == 0 and ran.out.strip() == "Saved medicine 1.", ran
    after = json.loads(cli("meds", "list", "--json").out)[0]
    assert (after["dose"], after["since"]) == ("5 mg", "2026-11")
    assert (after["uuid"], after["name"], after["what_for"], after["number"]) == (
        before["uuid"],
        "letrozole",
        "cancer",
        1,
    )


def test_an_empty_option_empties_the_field_and_a_stopped_treatment_can_go_on_again(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "treatments", *LETROZOLE)
    cli("treatments", "edit", "1", "--no-input", "--stopped", "", "--why-stopped", "", "--how", "")
    data = json.loads(cli("treatments", "list", "--json").out)[0]
    assert (data["stopped"], data["why_stopped"], data["how_it_went"]) == ("", "", "")
    assert "since March 2024, going on now" in cli("treatments").out


def test_a_reason_without_a_month_means_it_stopped(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "treatments", "--what", "lumpectomy", "--kind", "surgery", "--started", "2019-05", "--why-stopped", "fin")
    listed = cli("treatments").out
    assert "surgery, from May 2019\n    Why it stopped: finished as planned" in listed
    assert "going on now" not in listed


def test_remove_needs_a_yes_outside_a_terminal(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "team", "--name", "Dr Rivera")
    cli("team", "remove", "1").one_error("Removing needs a yes")
    assert "Dr Rivera" in cli("team").out
    ran = cli("team", "remove", "1", "--yes")
    assert ran.code == 0 and ran.out.strip() == "Removed care team member 1."
    assert "No one in your care team yet" in cli("team").out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["treatments", "add", "--no-input", "--kind", "hormone"], "--what needs some words"),
        (["treatments", "add", "--no-input", "--what", "x", "--kind", "potion"], "--kind takes one of: hormone"),
        (["treatments", "add", "--no-input", "--what", "x", "--started", "my secret spring"], "is not a month"),
        (
            ["treatments", "add", "--no-input", "--what", "x", "--started", "2026-01", "--stopped", "2024-03"],
            "before the month it started",
        ),
        (["treatments", "add", "--no-input", "--what", "x", "--why-stopped", "s"], "--why-stopped takes one of"),
        (["treatments", "add", "--what", "x"], "add --no-input"),
        (["treatments", "add"], "needs a terminal"),
        (["treatments", "edit", "9", "--no-input", "--what", "x"], "There is no treatment with that number"),
        (["treatments", "edit", "latest", "--no-input", "--what", "x"], "Give the number shown by"),
        (["meds", "add", "--no-input", "--name", "  "], "--name needs some words"),
        (["meds", "add", "--no-input", "--name", "x", "--since", "secret"], "The --since given is not a month"),
        (["team", "remove", "1", "--yes"], "There is no care team member with that number"),
    ],
)
def test_a_mistake_is_one_sentence_that_never_repeats_what_was_typed(cli, args: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    line = cli(*args).one_error(words)
    assert "secret" not in line and "potion" not in line
    assert json.loads(cli("treatments", "list", "--json").out) == []
    assert json.loads(cli("meds", "list", "--json").out) == []


def test_edit_with_no_input_needs_something_to_change(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "meds", "--name", "letrozole")
    cli("meds", "edit", "1", "--no-input").one_error("Say what to change", "mbcprep meds edit --help")


def test_kinds_and_reasons_by_id_words_or_first_letters() -> None:
    assert parse_kind("antibody-drug conjugate") == "adc"
    assert parse_kind("Hormone  Therapy") == "hormone"
    assert parse_kind("chemo") == "chemotherapy"
    assert parse_kind("") == "other"
    assert parse_stop_reason("side") == "side-effects"
    assert parse_stop_reason("my choice") == "my-choice"
    with pytest.raises(UsageError, match="takes one of"):
        parse_stop_reason("s")  # stopped working, or side effects?


# --- the forms -----------------------------------------------------------------------------------------


def test_the_treatment_form_asks_each_field_and_reads_months_as_typed() -> None:
    p = ScriptedPrompter(
        [
            ("What is the treatment called?", "letrozole + palbociclib"),
            ("What kind of treatment", ["hormone"]),
            ("When did it start?", "March 2024"),
            ("Is it still going on?", False),
            ("When did it stop?", "jan 2026"),
            ("Why did it stop?", "stopped-working"),
            ("How did it go?", "worked two years"),
        ]
    )
    made = ask_record(TREATMENTS, prompter=p)
    p.done()
    assert isinstance(made, Treatment) and made.id is None
    assert (made.what, made.kind, made.started, made.stopped) == (
        "letrozole + palbociclib",
        "hormone",
        "2024-03",
        "2026-01",
    )
    assert (made.why_stopped, made.how_it_went) == ("stopped-working", "worked two years")


def test_changing_a_treatment_keeps_answers_with_enter_and_clears_with_a_dash() -> None:
    old = Treatment("t-1", "letrozole + palbociclib", "hormone", "2024-03", "2026-01", "stopped-working", "ok")
    p = ScriptedPrompter(
        [
            ("called", ""),
            ("What kind", ["hormone"]),
            ("start", ""),
            ("still going on", True),
            ("How is it going?", "-"),  # while it goes on, how it is going
        ]
    )
    made = ask_record(TREATMENTS, old, prompter=p)
    p.done()
    assert (made.uuid, made.what, made.started) == ("t-1", "letrozole + palbociclib", "2024-03")
    assert (made.stopped, made.why_stopped, made.how_it_went) == ("", "", "")
    assert made.current


def test_a_form_refuses_a_month_it_cannot_read_before_it_goes_on() -> None:
    from mbcprep.prompts.plain import PlainPrompter

    typed = ["letrozole", "1", "", "someday", "2024-03", "y", ""]  # kinds are ticked, then Enter

    def read_line(prompt: str) -> str:
        return typed.pop(0)

    shown = io.StringIO()
    made = ask_record(TREATMENTS, prompter=PlainPrompter(read_line, shown))
    assert made.started == "2024-03" and made.kind == "hormone"
    assert "Please type a month and year like 2024-03" in shown.getvalue()
    assert typed == []


def test_a_year_alone_is_kept_when_that_is_all_a_person_knows() -> None:
    hints: list[str] = []

    class Hearing(ScriptedPrompter):
        def ask_text(self, message, *, default="", hint="", validate=None):  # type: ignore[no-untyped-def]
            hints.append(hint)
            return super().ask_text(message, default=default, hint=hint, validate=validate)

    p = Hearing(
        [
            ("What is the treatment called?", "tamoxifen"),
            ("What kind of treatment", ["hormone"]),
            ("When did it start?", "2019"),
            ("Is it still going on?", False),
            ("When did it stop?", "2019"),  # the same year: not "before it started"
            ("Why did it stop?", "finished"),
            ("How did it go?", ""),
        ]
    )
    made = ask_record(TREATMENTS, prompter=p)
    p.done()
    assert (made.started, made.stopped) == ("2019", "2019") and made.problem() == ""
    assert "Type a month and year like 2024-03 or March 2024, or the year alone (2024)." in hints


def test_the_medicine_form() -> None:
    p = ScriptedPrompter(
        [
            ("What is the medicine called?", "ondansetron"),
            ("How much", "8 mg"),
            ("How often", "when needed"),
            ("What is it for", "nausea"),
            ("Since when", "feb 2026"),
        ]
    )
    made = ask_record(MEDICINES, prompter=p)
    p.done()
    assert made == Medicine(made.uuid, "ondansetron", "8 mg", "when needed", "nausea", "2026-02")


def test_the_team_form_offers_roles_and_takes_one_of_your_own() -> None:
    def something_else(options):  # type: ignore[no-untyped-def]
        return next(o.value for o in options if o.title.startswith("Something else"))

    p = ScriptedPrompter(
        [
            ("Who would you like to add?", False),
            ("What is their name?", "Sam"),
            ("What do they do?", something_else),
            ("What do they do? A few words.", "dietitian"),
            ("Where", ""),
            ("phone", "555 0101"),
            ("office is closed", True),
        ]
    )
    made = ask_record(TEAM, prompter=p)
    p.done()
    assert made == TeamMember(made.uuid, "Sam", "dietitian", "", "555 0101", True)
    offered = [o.title for o in p.offered["What do they do?"]]
    assert offered[:2] == ["oncologist", "oncology nurse"] and offered[-1] == "Skip this"


def test_the_after_hours_line_is_not_asked_as_a_person() -> None:
    p = ScriptedPrompter(
        [
            ("Who would you like to add?", True),
            ("What is it called?", ""),  # the name offered
            ("Its phone number?", "555 0199"),
        ]
    )
    made = ask_record(TEAM, prompter=p)
    p.done()
    assert made == TeamMember(made.uuid, "After-hours line", "", "", "555 0199", True)
    assert not any("their name" in a or "What do they do" in a for a in p.asked)


def test_changing_a_team_member_keeps_a_role_of_their_own() -> None:
    old = TeamMember("c-1", "Sam", "dietitian", "Clinic B", "555", False)
    p = ScriptedPrompter(
        [("name", ""), ("What do they do?", "dietitian"), ("Where", ""), ("phone", ""), ("office is closed", False)]
    )
    made = ask_record(TEAM, old, prompter=p)
    assert made == old
    assert p.offered["What do they do?"][0].title == "Keep: dietitian"


def test_remove_asks_with_the_name_and_no_is_the_default() -> None:
    p = ScriptedPrompter([("Remove medicine 3 (letrozole)? This cannot be undone.", False)])
    med = Medicine("m-1", "letrozole", id=3)
    assert confirm_remove(MEDICINES, med, prompter=p) is False


def test_the_commands_ask_through_the_prompter_in_a_terminal(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    import mbcprep.prompts

    script = ScriptedPrompter(
        [
            ("medicine called", "letrozole"),
            ("How much", "2.5 mg"),
            ("How often", ""),
            ("What is it for", ""),
            ("Since when", ""),
            ("Remove medicine 1", False),
            ("Remove medicine 1", True),
        ]
    )
    monkeypatch.setattr(mbcprep.prompts, "needs_terminal", lambda: False)
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: script)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert cli("meds", "add").out.strip() == "Saved as medicine 1."
    assert "2.5 mg" in cli("meds").out
    assert cli("meds", "remove", "1").out.strip() == "Kept. Nothing was removed."
    assert cli("meds", "remove", "1").out.strip() == "Removed medicine 1."
    script.done()


def test_ctrl_c_in_a_form_says_what_was_left_as_it_was(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    import mbcprep.prompts

    script = ScriptedPrompter(
        [
            ("medicine called", CTRL_C),
            ("medicine called", "letrozole"),
            ("How much", "2.5 mg"),
            ("How often", ""),
            ("What is it for", ""),
            ("Since when", ""),
            ("medicine called", ""),
            ("How much", CTRL_C),
            ("Remove medicine 1", CTRL_C),
            ("What name should go on your sheets", CTRL_C),
        ]
    )
    monkeypatch.setattr(mbcprep.prompts, "needs_terminal", lambda: False)
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: script)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    stopped = cli("meds", "add")
    assert stopped.code == 130 and stopped.err.strip() == "Stopped. Nothing was saved.", stopped
    assert cli("meds", "list", "--json").out.strip() == "[]"
    assert cli("meds", "add").code == 0
    stopped = cli("meds", "edit", "1")
    assert stopped.code == 130 and stopped.err.strip() == "Stopped. Nothing was changed.", stopped
    stopped = cli("meds", "remove", "1")
    assert stopped.code == 130 and stopped.err.strip() == "Stopped. Nothing was removed.", stopped
    assert "2.5 mg" in cli("meds").out
    stopped = cli("profile", "edit")
    assert stopped.code == 130 and stopped.err.strip() == "Stopped. Nothing was changed.", stopped
    script.done()


# --- the backup ------------------------------------------------------------------------------------------


def test_the_backup_carries_my_care_and_importing_twice_changes_nothing(
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add(cli, "treatments", *LETROZOLE)
    add(cli, "meds", "--name", "letrozole", "--dose", "2.5 mg")
    add(cli, "team", "--name", "Triage line", "--after-hours")
    backup = tmp_path / "backup.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    document = json.loads(backup.read_text(encoding="utf-8"))
    assert [t["what"] for t in document["treatments"]] == ["letrozole + palbociclib"]
    assert [m["dose"] for m in document["medicines"]] == ["2.5 mg"]
    assert [c["after_hours"] for c in document["care_team"]] == [True]
    lists = {g: cli(g, "list", "--json").out for g in ("treatments", "meds", "team")}

    monkeypatch.setenv("MBCPREP_HOME", str(tmp_path / "elsewhere"))
    first = cli("import", str(backup)).out
    assert "Treatments: 1 added, 0 already here." in first and "Care team: 1 added, 0 already here." in first
    again = cli("import", str(backup)).out
    assert "Medicines: 0 added, 1 already here." in again
    assert {g: cli(g, "list", "--json").out for g in lists} == lists


ASK_NOTHING = [
    ["treatments", "list", "--json"],
    ["meds", "add", "--no-input", "--name", "x"],
    ["team"],
    ["team", "--help"],
]


@pytest.fixture(scope="module")
def loaded(module_home: Path) -> Callable[[Sequence[str]], list[str]]:
    return prompt_libraries_loaded(ASK_NOTHING)


@pytest.mark.parametrize("args", ASK_NOTHING)
def test_commands_that_ask_nothing_never_load_the_prompt_library(
    args: list[str], loaded: Callable[[Sequence[str]], list[str]]
) -> None:
    assert loaded(args) == []


def test_the_readme_shows_each_command_and_the_backup_s_lists() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for words in (
        "$ mbcprep treatments",
        "$ mbcprep meds",
        "$ mbcprep team",
        "--for doctor -o doctor.html",
        "--for family -o family.html",
        '"treatments": [',
        '"medicines": [',
        '"care_team": [',
        "apt-get install -y chromium poppler-utils",
    ):
        assert words in readme, words
