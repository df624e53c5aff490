"""`mbcprep profile`: who I am and what my cancer is (issue 21, point 1): the records, their migration,
the commands, the history of results kept, the backup and import."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.paths import DB_NAME
from mbcprep.storage.database import APPLICATION_ID
from mbcprep.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, ScriptedPrompter


def _version_8_file(home: Path) -> None:
    """A data file as the release before the profile left it (schema 8), holding a treatment."""
    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / DB_NAME, isolation_level=None)
    db.execute("BEGIN")
    for step in MIGRATIONS[:8]:
        step(db)
    db.execute("PRAGMA user_version = 8")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO treatments (uuid, what, kind, started, stopped, why_stopped, how_it_went, created_at,"
        " updated_at) VALUES ('t-8', 'letrozole', 'hormone', '2024-03', '', '', '', '2026-10-02T10:00:00+00:00',"
        " '2026-10-02T10:00:00+00:00')"
    )
    db.execute("COMMIT")
    db.close()


def test_m009_adds_the_profile_keeps_what_was_there_and_backs_up_first(private_home: Path) -> None:
    _version_8_file(private_home)
    with Store.open(private_home) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [t.what for t in store.treatments.all()] == ["letrozole"]
        assert store.records("treatments").damaged() == []  # resealed after the migration
        store.records("profile").save(Profile("p-1", "Ana"))
        assert [p.name for p in store.records("profile").all()] == ["Ana"]
    assert list((private_home / "backups").glob(f"before-v{SCHEMA_VERSION}-*.sqlite3"))


def test_one_profile_a_folder_and_each_place_once(private_home: Path) -> None:
    with Store.open(private_home) as store:
        store.records("profile").save(Profile("p-1", "Ana"))
        # A backup's profile under another uuid is skipped: the one here stays.
        with store.transaction() as db:
            assert store.records("profile").import_in(db, [Profile("p-2", "Other")]) == (0, 1)
            sites = [CancerSite("s-1", "bone"), CancerSite("s-2", "bone")]
            assert store.records("cancer_sites").import_in(db, sites) == (1, 1)
            same = [TumourResult("r-1", "er", result="positive"), TumourResult("r-2", "er", result="positive")]
            assert store.records("tumour_results").import_in(db, same) == (1, 1)
        assert [p.name for p in store.records("profile").all()] == ["Ana"]


@pytest.mark.parametrize("born", ["1968", "1968-04-12", ""])
def test_a_year_or_a_whole_date_of_birth_reads_from_a_backup(born: str) -> None:
    from mbcprep.model.record import from_record

    assert from_record(Profile, {"uuid": "p", "born": born}, "p").born == born


@pytest.mark.parametrize("born", ["68", "1968-13", "April 1968", "1850"])
def test_a_wrong_birth_is_refused_from_a_backup(born: str) -> None:
    from mbcprep.errors import UsageError
    from mbcprep.model.record import from_record

    with pytest.raises(UsageError, match="born"):
        from_record(Profile, {"uuid": "p", "born": born}, "p")


# --- the commands ----------------------------------------------------------------------------------------

FULL = (
    *("profile", "set", "--no-input", "--name", "Ana Ruiz", "--born", "1968", "--sex", "female"),
    *("--er", "positive 90%", "--pr", "negative", "--her2", "2+ ISH-", "--tested", "2019-05"),
    *("--sample", "breast biopsy", "--from", "tissue", "--site", "bone", "--site", "liver=2024-03"),
    *("--allergy", "penicillin", "--allergy", "latex", "--ecog", "1", "--pregnancy-possible", "no"),
)


def test_profile_set_takes_every_answer_from_options_and_profile_shows_it(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("profile").out.startswith("No profile yet.")
    assert cli(*FULL).code == 0
    shown = " ".join(cli("profile").out.split())
    assert "Ana Ruiz" in shown and "born 1968" in shown and "pregnancy possible: no" in shown
    assert "My cancer: ER+ PR- HER2-low (2+ ISH-, breast biopsy 05/2019); bone, liver" in shown
    assert "Allergies: penicillin; latex" in shown
    assert "ECOG 1 (my own estimate" in shown and "Restricted in physically strenuous activity" in shown
    # Your own words first; the scale's, which the sheets give a clinic, after them.
    assert "I can't do hard physical work, but I'm up and about" in shown.split("On the sheets:")[0]
    data = json.loads(cli("profile", "--json").out)
    assert data["profile"]["sex"] == "female" and data["profile"]["ecog"] == "1"
    assert [s["site"] for s in data["sites"]] == ["bone", "liver"] and data["sites"][1]["since"] == "2024-03"


def test_a_new_result_never_erases_the_old_one_and_the_latest_shows(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(*FULL).code == 0
    ran = cli("profile", "set", "--her2", "1+", "--tested", "2024-03", "--sample", "liver biopsy", "--brain", "stable")
    assert ran.code == 0, ran
    data = json.loads(cli("profile", "--json").out)
    her2 = [r for r in data["history"] if r["marker"] == "her2"]
    assert [(r["result"], r["tested"]) for r in her2] == [("2+ish-", "2019-05"), ("1+", "2024-03")]
    assert [r["result"] for r in data["latest"] if r["marker"] == "her2"] == ["1+"]
    assert data["summary"] == "ER+ PR- HER2-low (1+, liver biopsy 03/2024); bone, liver, brain (stable)"
    shown = cli("profile").out
    assert "Earlier results (kept):" in shown and "IHC 2+, ISH negative" in shown
    # The same result again adds nothing.
    assert cli("profile", "set", "--her2", "1+").code == 0
    assert len([r for r in json.loads(cli("profile", "--json").out)["history"] if r["marker"] == "her2"]) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--her2", "4+"), "--her2 takes 0, ultralow"),
        (("--er", "maybe"), "--er takes positive"),
        (("--born", "68"), "--born takes a year"),
        (("--born", "1867"), "--born takes a year"),  # an age no one reaches
        (("--born", "1066-10-14"), "--born takes a year"),
        (("--ecog", "5"), "--ecog takes one of"),
        (("--pregnancy-possible", "perhaps"), "--pregnancy-possible takes one of"),
        (("--allergy", "x", "--no-known-allergies"), "not both"),
        (("--marker", "ESR1"), '"ESR1=mutation found"'),
        (("--tested", "2024-03"), "go with a result"),
        ((), "Say what to set"),
        (("--name-on", "fridge"), "--name-on takes one or more of"),
    ],
)
def test_a_wrong_option_is_one_plain_sentence_and_saves_nothing(cli, args: tuple[str, ...], words: str) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", "--name", "Secret Name")
    cli("profile", "set", *args).one_error(words)
    assert json.loads(cli("profile", "--json").out)["history"] == []


def test_i_dont_know_is_always_allowed(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("profile", "set", "--sex", "female", "--er", "unknown", "--pregnancy-possible", "don't know").code == 0
    data = json.loads(cli("profile", "--json").out)
    assert data["profile"]["pregnancy_possible"] == "" and data["summary"] == ""
    assert [r["result"] for r in data["history"]] == ["unknown"]


def test_biomarkers_by_name_with_their_dates_and_samples(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli(
        *("profile", "set", "--marker", "ESR1=mutation found Y537S", "--marker", "PD-L1=negative"),
        *("--marker", "brca2=not found", "--marker", "NTRK fusion=not found", "--tested", "2025-01", "--from", "blood"),
    )
    assert ran.code == 0, ran
    latest = {(r["marker"], r["name"]): r for r in json.loads(cli("profile", "--json").out)["latest"]}
    assert latest[("esr1", "")]["result"] == "found" and latest[("esr1", "")]["detail"] == "Y537S"
    assert latest[("pd-l1", "")]["result"] == "negative" and latest[("brca2", "")]["result"] == "not-found"
    assert latest[("other", "NTRK fusion")]["result"] == "not found"
    assert {r["origin"] for r in latest.values()} == {"blood"} and {r["tested"] for r in latest.values()} == {"2025-01"}


def test_the_profile_goes_into_a_backup_and_importing_it_twice_adds_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli(*FULL).code == 0
    backup = tmp_path / "all.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    data = json.loads(backup.read_text())
    assert data["version"] == 4 and data["profile"][0]["name"] == "Ana Ruiz" and len(data["tumour_results"]) == 3
    other = tmp_path / "other"
    for _n in range(2):
        assert cli("--data-dir", str(other), "import", str(backup)).code == 0
    again = json.loads(cli("--data-dir", str(other), "profile", "--json").out)
    assert again["summary"] == json.loads(cli("profile", "--json").out)["summary"]
    assert len(again["history"]) == 3 and len(again["sites"]) == 2
    assert cli("--data-dir", str(other), "data", "check").code == 0


def test_data_check_notices_a_profile_changed_behind_its_back(cli) -> None:  # type: ignore[no-untyped-def]
    import os

    assert cli(*FULL).code == 0
    assert cli("data", "check").code == 0
    db = sqlite3.connect(Path(os.environ["MBCPREP_HOME"]) / DB_NAME, isolation_level=None)
    db.execute("UPDATE tumour_results SET result = 'negative' WHERE marker = 'er'")
    db.execute("UPDATE profile SET ecog = '0'")
    db.close()
    ran = cli("data", "check")
    assert ran.code != 0 and "profile 1" in ran.err and "test result 1" in ran.err


# --- the form -----------------------------------------------------------------------------------------------


def test_the_form_asks_every_field_optionally_and_enter_keeps() -> None:
    from mbcprep.forms.profile import ask_profile
    from mbcprep.model.profile_summary import ProfileView

    old = Profile("p-1", "Ana", born="1968", sex="female", ecog="2")
    view = ProfileView(old, [TumourResult("r-1", "her2", result="1+", tested="2024-03")], [CancerSite("s", "bone")])
    p = ScriptedPrompter(
        [
            ("name should go", ""),  # Enter keeps
            ("Which sheets", ["doctor"]),
            ("year of birth", ""),
            ("What should the sheets show", "age"),
            ("Your sex", "female"),
            ("pronouns", ""),
            ("pregnant", ""),  # I don't know
            ("first found", ""),
            ("spread", "2024-03"),
            ("metastatic from the start", "recurrence"),
            ("allergies", ""),
            ("most like you", "1"),
            ("No known allergies", True),
            ("ER", "positive"),
            ("percent", "90"),
            ("PR", "unknown"),
            ("HER2", lambda options: options[0].value),  # Keep: HER2 1+
            ("Add another test result", False),
            ("When were these tested", "may 2019"),
            ("sample", "breast"),
            ("What was tested", "tissue"),
            ("Where has the cancer spread", ["bone", "brain"]),
            ("Anywhere else", ""),
            ("Since when", ""),
            ("spots in the brain", "treated"),
        ]
    )
    given = ask_profile(view, prompter=p)
    p.done()
    assert given.fields["name"] == "Ana" and given.fields["name_on"] == "doctor" and given.fields["ecog"] == "1"
    assert given.fields["pregnancy_possible"] == "" and given.fields["no_known_allergies"] is True
    # How active: picked in plain words, the scale's own wording under each (the sheets show that).
    (asked,) = [m for m in p.offered if "most like you" in m]
    grades = p.offered[asked]
    light = "I can't do hard physical work, but I'm up and about and can do light work, like housework."
    assert grades[1].title == light, "no grade before the words: a plain list numbers its lines"
    assert grades[1].help.startswith("ECOG 1: Restricted in physically strenuous activity but ambulatory")
    assert [o.value for o in grades[:5]] == ["0", "1", "2", "3", "4"]
    assert grades[4].help.startswith("ECOG 4: Completely disabled")
    assert given.results == [("er", "", "positive 90%")]
    assert (given.tested, given.sample, given.origin) == ("2019-05", "breast", "tissue")
    assert given.sites == ["bone", "brain"] and given.brain == "treated"


def test_without_a_name_the_form_does_not_ask_which_sheets_show_it() -> None:
    from mbcprep.forms.profile import ask_profile
    from mbcprep.model.profile_summary import ProfileView
    from tests.scripted import Maybe

    rest = [("year of birth", ""), ("What should the sheets show", Maybe("")), ("Your sex", ""), ("pronouns", "")]
    rest += [("pregnant", ""), ("first found", ""), ("spread", ""), ("metastatic from the start", "")]
    rest += [("allergies", ""), ("most like you", ""), ("No known allergies", False), ("ER", "unknown")]
    rest += [("PR", "unknown"), ("HER2", "unknown"), ("Add another", False), ("Where has the cancer spread", [])]
    rest += [("Anywhere else", "")]
    # (name kept, name typed, whether the sheets for it are asked)
    for old_name, typed, asked in (("", "", False), ("Ana", "-", False), ("", "Ana", True), ("Ana", "", True)):
        which = [("Which sheets", ["trial"])] if asked else []
        p = ScriptedPrompter([("name should go", typed), *which, *rest])
        given = ask_profile(ProfileView(Profile("p-1", old_name), [], []), prompter=p)
        p.done()
        assert any("Which sheets" in m for m in p.offered) is asked, (old_name, typed)
        assert given.fields.get("name_on") == ("trial" if asked else None)


@pytest.mark.parametrize("typed", ["90", "90%", " 90 % "])
def test_a_percent_typed_with_or_without_its_sign_is_kept_once(typed: str) -> None:
    from mbcprep.actions.profile import Given
    from mbcprep.forms.profile import _ask_results
    from mbcprep.model.profile_summary import ProfileView

    p = ScriptedPrompter([("ER", "positive"), ("percent", typed), ("PR", "low"), ("percent", "5%")])
    p.script += [("HER2", "unknown"), ("Add another", False), ("When were these tested", ""), ("sample", "")]
    p.script += [("What was tested", "")]
    given = Given()
    _ask_results(p, ProfileView(Profile("p-1", ""), [], []), given, None)
    p.done()
    assert given.results == [("er", "", "positive 90%"), ("pr", "", "low 5%")]


def test_each_her2_score_says_the_name_it_goes_by() -> None:
    from mbcprep.actions.profile import Given
    from mbcprep.forms.profile import _ask_results
    from mbcprep.model.profile_summary import ProfileView

    p = ScriptedPrompter([("ER", "unknown"), ("PR", "unknown"), ("HER2", "1+"), ("Add another", False)])
    p.script += [("When were these tested", ""), ("sample", ""), ("What was tested", "")]
    _ask_results(p, ProfileView(Profile("p-1", ""), [], []), Given(), None)
    (her2,) = [options for message, options in p.offered.items() if message.startswith("HER2")]
    helps = {o.value: o.help for o in her2}
    assert helps["1+"] == helps["2+ish-"] == "Counts as HER2-low."
    assert helps["3+"] == helps["2+ish+"] == "Counts as HER2+."
    assert helps["ultralow"] == "Counts as HER2-ultralow." and helps["0"] == "Counts as HER2-0."
    assert helps["2+"] == "HER2-low or HER2+: the ISH test will say which."


def test_the_demo_person_has_a_full_profile_with_a_history(content) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from mbcprep.demo.sample import build_sample
    from mbcprep.model.profile_summary import ProfileView, summary_line

    sample = build_sample(content, date(2026, 12, 7))
    (profile,) = sample.records["profile"]
    view = ProfileView(profile, sample.records["tumour_results"], sample.records["cancer_sites"])
    assert profile.name == "Rosa Demo" and profile.ecog == "1" and profile.allergies and profile.born == "1965"
    assert summary_line(view) == "ER+ PR- HER2-low (1+, liver biopsy 08/2023); bone, liver"
    assert [r.result for r in view.results if r.marker == "her2"] == ["2+ish-", "1+"]  # the history kept
    assert {r.marker for r in view.latest_each()} >= {"er", "pr", "her2", "esr1", "pik3ca", "brca1", "brca2"}


# --- what sheets read -----------------------------------------------------------------------------------


def _demo_view():  # type: ignore[no-untyped-def]
    from datetime import date

    from mbcprep.content.load import load_content
    from mbcprep.demo.sample import build_sample
    from mbcprep.model.profile_summary import ProfileView

    sample = build_sample(load_content(), date(2026, 12, 7))
    view = ProfileView(sample.records["profile"][0], sample.records["tumour_results"], sample.records["cancer_sites"])
    return view, sample.records["treatments"]


def test_the_top_of_a_clinic_s_sheet_says_who_and_the_cancer_in_a_line() -> None:
    from dataclasses import replace
    from datetime import date

    from mbcprep.model.profile_summary import header_lines

    view, _treatments = _demo_view()
    today = date(2026, 12, 7)
    assert header_lines(view, "doctor", today) == [
        ("Name", "Rosa Demo"),
        ("Age", "61"),
        ("Cancer", "ER+ PR- HER2-low (1+, liver biopsy 08/2023); bone, liver"),
        ("Allergies", "sulfa drugs (rash)"),
        ("ECOG", "1 (my own estimate)"),
    ]
    assert header_lines(view, "family", today)[0][0] == "Age"  # never on the family sheet
    view.profile = replace(view.profile, name_on="", born="1965-04-12", born_shown="date")
    assert header_lines(view, "doctor", today)[:1] == [("Born", "1965-04-12")]
    view.profile = replace(view.profile, born_shown="none", allergies="", no_known_allergies=True)
    assert [label for label, _w in header_lines(view, "doctor", today)] == ["Cancer", "Allergies", "ECOG"]


def test_the_trial_facts_number_the_lines_of_treatment_and_keep_the_brain_s_status() -> None:
    from dataclasses import replace
    from datetime import date

    from mbcprep.model.care import Treatment
    from mbcprep.model.trial import trial_facts

    view, treatments = _demo_view()
    early = Treatment("t-0", "lumpectomy", "surgery", "2018-12", "2019-01", "finished")
    adjuvant = Treatment("t-00", "tamoxifen", "hormone", "2019-02", "2023-06", "finished")
    view.sites.append(CancerSite("s-b", "brain", since="2026-01", status="treated"))
    facts = trial_facts(view, [*treatments, early, adjuvant], date(2026, 12, 7))
    assert facts["subtype"] == "ER+ PR- HER2-low (1+, liver biopsy 08/2023)"
    assert [(t["line"], t["what"]) for t in facts["treatments"]] == [
        (None, "lumpectomy"),
        (None, "tamoxifen"),  # before it spread
        (1, "letrozole and palbociclib"),
        (2, "capecitabine"),
    ]
    assert facts["treatments"][2]["why_stopped_words"] == "it stopped working"
    assert facts["brain"] == {"involved": True, "status": "treated", "words": "treated"}
    assert facts["ecog"]["grade"] == 1 and facts["ecog"]["own_estimate"] is True
    esr1 = next(b for b in facts["biomarkers"] if b["marker"] == "esr1")
    assert (esr1["result"], esr1["origin"], esr1["tested"]) == ("found", "blood", "2026-08")
    assert [r["result"] for r in facts["earlier_results"] if r["marker"] == "her2"] == ["2+ish-"]
    assert any("ClinicalTrials.gov" in line for line in facts["how_to_use"])
    view.profile = replace(view.profile, name_on="doctor")
    assert trial_facts(view, [], date(2026, 12, 7))["name"] == ""  # not chosen for the trial page


def test_profile_edit_works_in_plain_mode_with_numbers() -> None:
    import io

    from mbcprep.forms.profile import ask_profile
    from mbcprep.model.profile_summary import ProfileView
    from mbcprep.prompts.plain import PlainPrompter

    shown = io.StringIO()
    typed = iter(
        [
            *("Ana", "", "1968", "", "1", "", "2", "", "", "", "", "", "2"),  # name ... sex: female, pregnancy: no
            *("n", "1", "", "2", "8", "n", "", "", "", "", "", ""),
        ]
    )

    def read_line(prompt: str) -> str:
        return next(typed, "")

    given = ask_profile(ProfileView(), prompter=PlainPrompter(read_line, shown))
    text = shown.getvalue()
    assert "\x1b" not in text and "I don't know, or skip" in text
    assert given.fields["name"] == "Ana" and given.fields["born"] == "1968" and given.fields["sex"] == "female"


def test_in_spanish_results_read_as_spanish_reports_write_them(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli(
        *(
            "--lang",
            "es",
            "profile",
            "set",
            "--er",
            "positivo 80%",
            "--pr",
            "negativo",
            "--her2",
            "IHQ 2+ ISH negativo",
        ),
        *("--site", "hígado", "--site", "ganglios linfáticos", "--pregnancy-possible", "no sé", "--ecog", "2"),
    )
    assert ran.code == 0, ran
    shown = " ".join(cli("--lang", "es", "profile").out.split())
    assert "Mi cáncer: RE+ RP- HER2-bajo (2+ ISH-); hígado, ganglios linfáticos" in shown
    assert "RE (receptor de estrógeno): positivo, 80%" in shown and "IHQ 2+, ISH negativo" in shown
    assert "ECOG 2 (mi propia estimación" in shown and "no puede realizar ninguna actividad laboral" in shown
    assert "más del 50% de las horas" in shown
    data = json.loads(cli("profile", "--json").out)
    assert [s["site"] for s in data["sites"]] == ["liver", "lymph-nodes"] and data["profile"][
        "pregnancy_possible"
    ] == ""


def test_the_profile_never_prints_a_terminal_escape_a_person_typed(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("profile", "set", "--name", "Ana\x1b[31m red", "--allergy", "pea\x07nut", "--site", "adrenal\x1b]0;x\x07")
    assert ran.code == 0, ran
    shown = cli("profile").out
    assert "\x1b" not in shown and "\x07" not in shown and "Ana\ufffd[31m red" in shown
    cli("profile", "set", "--born", "2099").one_error("--born takes a year")


def _her2_correction_script(tested: str) -> list[tuple[str, object]]:
    """`profile edit` changing only HER2 (every other answer kept)."""
    keep = lambda options: options[0].value  # noqa: E731
    return [
        ("name should go", ""),
        ("Which sheets", ["doctor", "trial"]),
        ("year of birth", ""),
        ("What should the sheets show", "age"),
        ("Your sex", "female"),
        ("pronouns", ""),
        ("pregnant", "no"),
        ("first found", ""),
        ("spread", ""),
        ("metastatic from the start", ""),
        ("allergies", ""),
        ("most like you", "1"),
        ("ER", keep),
        ("PR", keep),
        ("HER2", "3+"),
        ("Add another test result", False),
        ("When were these tested", tested),
        ("sample", ""),
        ("What was tested", ""),
        ("Where has the cancer spread", ["bone", "liver"]),
        ("Anywhere else", ""),
    ]


def test_a_her2_correction_with_enter_at_the_date_is_the_latest_and_can_be_removed(cli) -> None:  # type: ignore[no-untyped-def]
    from mbcprep.actions import profile as actions
    from mbcprep.forms.profile import ask_profile
    from mbcprep.settings import Settings

    assert cli(*FULL).code == 0
    settings = Settings()
    p = ScriptedPrompter(_her2_correction_script(""))  # Enter at "When were these tested?"
    actions.save_given(settings, ask_profile(actions.load(settings), prompter=p))
    p.done()
    data = json.loads(cli("profile", "--json").out)
    her2 = [r for r in data["history"] if r["marker"] == "her2"]
    assert [(r["result"], r["tested"], r["sample"]) for r in her2][-1] == ("3+", "2019-05", "breast biopsy")
    assert [r["result"] for r in data["latest"] if r["marker"] == "her2"] == ["3+"]
    shown = cli("profile").out
    assert "IHC 3+" in shown.split("Earlier results (kept):")[0]
    wrong = next(r for r in her2 if r["result"] == "3+")
    number = next(str(n) for n in range(1, 20) if f"{n}. HER2: IHC 3+" in shown)
    assert cli("profile", "remove-result", number).one_error("needs a yes")
    ran = cli("profile", "remove-result", number, "--no-input")
    assert ran.code == 0 and f"Removed test result {number}." in ran.out
    data = json.loads(cli("profile", "--json").out)
    assert wrong["uuid"] not in {r["uuid"] for r in data["history"]}
    assert [r["result"] for r in data["latest"] if r["marker"] == "her2"] == ["2+ish-"]
    cli("profile", "remove-result", "99", "--no-input").one_error("There is no test result with that number.")


@pytest.mark.parametrize("words", ["I don't know", "don't know", "unknown", "no sé", "No lo sé"])
def test_i_dont_know_in_words_at_a_month_question_leaves_it_empty(words: str) -> None:
    from mbcprep.forms.profile import _known_month
    from mbcprep.model.profile_summary import ProfileView  # noqa: F401

    p = ScriptedPrompter([("first found", words)])
    assert _known_month(p, "When was breast cancer first found?", "2019-05", None) == ""
    p.done()


def test_a_year_alone_at_a_month_question_is_kept_as_the_year() -> None:
    from mbcprep.forms.profile import _known_month

    assert _known_month(ScriptedPrompter([("spread", "2024")]), "When was it found to have spread?", "", None) == "2024"
    assert _known_month(ScriptedPrompter([("spread", "March 2024")]), "spread?", "", None) == "2024-03"


@pytest.mark.parametrize("words", ["none", "No", "nada", "Ninguna", "no known allergies", "None."])
def test_none_typed_as_allergies_means_no_known_allergies(cli, words: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("profile", "set", "--allergy", words).code == 0
    data = json.loads(cli("profile", "--json").out)
    assert (data["profile"]["allergies"], data["profile"]["no_known_allergies"]) == ("", True)
    assert "Allergies: no known allergies" in cli("profile").out
    assert cli("profile", "set", "--allergy", "penicillin").code == 0  # a real one still replaces it
    data = json.loads(cli("profile", "--json").out)
    assert (data["profile"]["allergies"], data["profile"]["no_known_allergies"]) == ("penicillin", False)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_hint_ends_its_sentence_before_type_dash_to_leave_it_empty(lang: str) -> None:
    from mbcprep.forms.profile import ask_field
    from mbcprep.i18n import use_language
    from mbcprep.model.record import declared

    hints: list[str] = []

    class Hinted(ScriptedPrompter):
        def ask_text(self, message: str, *, default: str = "", hint: str = "", validate=None) -> str:  # type: ignore[no-untyped-def]
            hints.append(hint)
            return super().ask_text(message, default=default, hint=hint, validate=validate)

    allergies = next(d for d in declared(Profile) if d.name == "allergies")
    use_language(lang)
    try:
        ask_field(Hinted([("", "")]), allergies, "penicillin", None)
    finally:
        use_language("en")
    (hint,) = hints
    assert re.search(r"l[aá]tex\. \S", hint), hint  # "...penicillin; latex. Type - to leave it empty."


def test_removing_a_result_asks_about_that_result_and_no_keeps_it() -> None:
    from mbcprep.forms.profile import confirm_remove_result

    wrong = TumourResult("r-9", "her2", result="3+", sample="liver biopsy", tested="2024-03", id=9)
    p = ScriptedPrompter([("Remove this test result: HER2: IHC 3+ (liver biopsy, 03/2024)?", False)])
    assert confirm_remove_result(wrong, prompter=p) is False
    p.done()


def _stopped_at(question: str) -> list[tuple[str, object]]:
    """The HER2 correction's script, with Ctrl-C at `question` instead of its answer."""
    script = _her2_correction_script("2026-11")
    at = next(n for n, (asked, _answer) in enumerate(script) if asked == question)
    return [*script[:at], (question, CTRL_C)]


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("name should go", None),  # nothing answered yet: nothing changes
        ("ER", "pregnancy and ECOG"),  # the answers before the stop are saved
        ("When were these tested", "pregnancy and ECOG, no result"),  # never half a result
        ("Anywhere else", "pregnancy, ECOG, HER2 3+"),
    ],
)
def test_ctrl_c_in_profile_edit_keeps_the_answers_given(cli, monkeypatch, question: str, kept: str | None) -> None:  # type: ignore[no-untyped-def]
    import mbcprep.prompts

    assert cli(*FULL).code == 0
    assert cli("profile", "set", "--pregnancy-possible", "yes", "--ecog", "3").code == 0
    her2_before = [r["result"] for r in json.loads(cli("profile", "--json").out)["latest"] if r["marker"] == "her2"]
    assert her2_before and her2_before != ["3+"]
    monkeypatch.setattr(mbcprep.prompts, "needs_terminal", lambda: False)
    monkeypatch.setattr(mbcprep.prompts, "make_prompter", lambda **_: ScriptedPrompter(_stopped_at(question)))
    ran = cli("profile", "edit")
    assert ran.code == 130, ran
    data = json.loads(cli("profile", "--json").out)
    her2 = [r["result"] for r in data["latest"] if r["marker"] == "her2"]
    if kept is None:
        assert "Nothing was changed" in ran.err
        assert (data["profile"]["pregnancy_possible"], data["profile"]["ecog"]) == ("yes", "3")
        return
    assert "Your answers so far are kept" in ran.err, ran
    assert (data["profile"]["pregnancy_possible"], data["profile"]["ecog"]) == ("no", "1")
    assert her2 == (["3+"] if "HER2" in kept else her2_before), "a result is kept only with its date and sample"


def test_the_profile_form_says_what_a_birth_takes_without_an_option_s_name() -> None:
    from mbcprep.forms.profile import ask_field
    from mbcprep.model.profile import Profile
    from mbcprep.model.record import declared

    (born,) = [d for d in declared(Profile) if d.name == "born"]
    refusals: list[str] = []

    class Typing(ScriptedPrompter):
        def ask_text(self, message, *, default="", hint="", validate=None):  # type: ignore[no-untyped-def]
            assert validate is not None
            refusals.extend(str(validate(typed)) for typed in ("sixty eight", "1867"))
            assert validate("1968") is None
            return "1968"

    assert ask_field(Typing([]), born, "", None) == "1968"
    assert refusals == ["Please type a year (1968) or a date (1968-04-12), from 1900 on."] * 2
