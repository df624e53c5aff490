"""The visit cycle: the diary between visits, its trends, what changed since the last visit, the
debrief after a visit, and the questions carried to the next one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mbcprep.actions.changes import change_sentences, score_words, what_changed
from mbcprep.actions.debrief import apply_debrief
from mbcprep.actions.diary import entries_from_options, new_entry, save_day, trend_series
from mbcprep.errors import InterviewStopped, UsageError
from mbcprep.interview.debrief import debrief_visit
from mbcprep.interview.diary import keep_diary
from mbcprep.interview.interview import Interview
from mbcprep.model.changes import CLEAR_CHANGE, MINIMAL_CHANGE, SAME, Scored, band, compare, size_of
from mbcprep.model.content import Content
from mbcprep.model.cycle import add_carried, carried_copy, waiting_questions
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.trends import BLOCKS, MAX_COLUMNS, series_of, sparkline
from mbcprep.model.visit import OWN_TOPIC, SymptomScore, Visit, VisitQuestion
from mbcprep.storage.store import Store
from tests.scripted import CTRL_C, ScriptedPrompter

TODAY = date(2026, 12, 8)


@pytest.fixture
def store(private_home: Path) -> Store:
    s = Store.open(private_home)
    yield s
    s.close()


def _visit(uuid: str, day: str, symptoms: list[SymptomScore] | None = None, **kw: object) -> Visit:
    return Visit(uuid=uuid, status="ready", visit_date=day, kind="routine", symptoms=symptoms or [], **kw)  # type: ignore[arg-type]


def _diary(store: Store, day: str, **scores: int) -> None:
    for sid, score in scores.items():
        store.diary.save(new_entry(day, sid, sid.capitalize(), score))


# --- the change rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "symptom", "size"),
    [
        (3, 3.9, "tiredness", SAME),  # under a point: not a change people notice
        (3, 4, "tiredness", MINIMAL_CHANGE),  # 1 point: the smallest change people notice
        (3, 4.9, "tiredness", MINIMAL_CHANGE),
        (3, 5, "tiredness", CLEAR_CHANGE),  # 2 points: clearly matters
        (7, 5, "tiredness", CLEAR_CHANGE),  # better counts too
        (3, 4, "pain", CLEAR_CHANGE),  # pain: 33% is clear
        (5, 6, "pain", MINIMAL_CHANGE),  # pain: 20% is not
        (0, 1, "pain", MINIMAL_CHANGE),  # from nothing, no share can be worked out
        (0, 0.5, "pain", SAME),
    ],
)
def test_the_size_of_a_change_follows_the_research_figures(
    before: float, after: float, symptom: str, size: str
) -> None:
    assert size_of(before, after, symptom) == size


def test_bands_are_mild_moderate_and_severe() -> None:
    assert [band(x) for x in (0, 3.9, 4, 6.9, 7, 10)] == ["mild", "mild", "moderate", "moderate", "severe", "severe"]


def test_changes_come_with_the_clearly_worse_first() -> None:
    before = {k: Scored(k, k, k, v) for k, v in {"a": 5, "b": 2, "c": 6, "d": 4}.items()}
    after = {k: Scored(k, k, k, v) for k, v in {"d": 4, "c": 5, "b": 6, "a": 2, "new": 9}.items()}
    changes = compare(before, after)
    assert [(c.key, c.size, c.worse) for c in changes] == [
        ("b", CLEAR_CHANGE, True),
        ("a", CLEAR_CHANGE, False),
        ("c", MINIMAL_CHANGE, False),
        ("d", SAME, False),
    ]  # "new" had no score before: nothing to compare
    assert changes[0].crossed and changes[0].band_after == "moderate" and changes[0].to_talk_about
    assert not changes[1].to_talk_about


def test_what_changed_compares_the_last_visit_with_the_recent_diary(store: Store) -> None:
    store.save(_visit("v1", "2026-11-02", [SymptomScore("tiredness", "Tiredness", 3), SymptomScore("pain", "Pain", 5)]))
    _diary(store, "2026-10-31", nausea=1)  # before the last visit: stands for nausea then
    _diary(store, "2026-11-10", tiredness=9)  # more than a week before the new visit: left out
    for day, score in (("2026-12-03", 6), ("2026-12-05", 7), ("2026-12-06", 8)):
        _diary(store, day, tiredness=score)
    _diary(store, "2026-12-06", nausea=4)
    new = _visit("v2", "2026-12-08", [SymptomScore("pain", "Pain", 5)])  # today's own score wins over the diary
    found = what_changed(store, new, TODAY)
    assert found.since is not None and found.since.uuid == "v1"
    assert [(c.key, c.before, c.after, c.size) for c in found.changes] == [
        ("tiredness", 3, 7, CLEAR_CHANGE),
        ("nausea", 1, 4, CLEAR_CHANGE),
        ("pain", 5, 5, SAME),
    ]
    assert [c.symptom_id for c in found.worth_talking_about] == ["tiredness", "nausea"]
    sentences = change_sentences(found, TODAY)
    assert sentences[0] == (
        "Tiredness went from 3 to 7 since the visit on Monday 2 November: a change to talk about."
        " That is in the severe range now (7 to 10)."
    )
    assert "a change to talk about" in sentences[1] and "moderate range" in sentences[1]
    assert len(sentences) == 2  # an unchanged score is not a sentence


def test_with_no_visit_before_there_is_nothing_to_compare(store: Store) -> None:
    _diary(store, "2026-12-07", tiredness=8)
    found = what_changed(store, _visit("v", "2026-12-08"), TODAY)
    assert found.since is None and found.changes == [] and change_sentences(found, TODAY) == []


def test_a_visit_still_to_come_is_never_the_last_visit(store: Store) -> None:
    """Two visits got ready ahead: the later one compares with the last one that has happened, not
    with the one a week off (its scores were given today; "since the visit on Tuesday 15 December"
    would name a day still to come)."""
    store.save(_visit("past", "2026-11-02", [SymptomScore("pain", "Pain", 2)]))
    store.save(_visit("soon", "2026-12-15", [SymptomScore("pain", "Pain", 6)]))
    later = _visit("later", "2027-01-12", [SymptomScore("pain", "Pain", 4)])
    found = what_changed(store, later, TODAY)
    assert found.since is not None and found.since.uuid == "past"
    assert "since the visit on Monday 2 November" in change_sentences(found, TODAY)[0]
    # A visit today has happened (or is happening) by the time the next one is got ready.
    store.save(_visit("today", TODAY.isoformat(), [SymptomScore("pain", "Pain", 3)]))
    assert what_changed(store, later, TODAY).since.uuid == "today"  # type: ignore[union-attr]
    # Once its day has gone by, the visit a week off is the last one.
    assert what_changed(store, later, date(2026, 12, 20)).since.uuid == "soon"  # type: ignore[union-attr]


def test_only_one_data_point_each_side_still_compares_and_nothing_moved_is_said(store: Store) -> None:
    store.save(_visit("v1", "2026-11-02", [SymptomScore("tiredness", "Tiredness", 4)]))
    _diary(store, "2026-12-07", tiredness=4)
    found = what_changed(store, _visit("v2", "2026-12-08"), TODAY)
    assert [(c.before, c.after) for c in found.changes] == [(4, 4)]
    assert change_sentences(found, TODAY) == ["No score moved by a point or more since the visit on Monday 2 November."]


def test_averages_are_said_with_one_decimal() -> None:
    assert (score_words(7.0), score_words(6.5), score_words(6.333)) == ("7", "6.5", "6.3")


# --- sparklines and series -------------------------------------------------------------------


def test_sparkline_empty_one_point_all_equal_and_gaps() -> None:
    start = date(2027, 1, 1)
    assert sparkline([], start, start) == ""
    assert sparkline([(start, 10)], start, start) == BLOCKS[-1]
    days = [(start + timedelta(n), 5) for n in range(5)]
    assert len(set(sparkline(days, start, start + timedelta(4)))) == 1
    gappy = [(start, 0), (start + timedelta(3), 10)]
    assert sparkline(gappy, start, start + timedelta(3)) == BLOCKS[0] + "  " + BLOCKS[-1]


def test_ten_years_of_days_fit_in_sixty_columns_lined_up_across_symptoms() -> None:
    start = date(2017, 1, 1)
    end = start + timedelta(3649)
    every_day = [(start + timedelta(n), n % 11) for n in range(3650)]
    late = [(end - timedelta(n), 9) for n in range(30)]
    a, b = sparkline(every_day, start, end), sparkline(late, start, end)
    assert len(a) == len(b) <= MAX_COLUMNS
    assert b.strip() == BLOCKS[round(9 / 10 * 7)] and b.endswith(b.strip())  # only the last column drawn


def test_a_symptom_in_ones_own_words_joins_up_however_it_was_typed() -> None:
    entries = [
        DiaryEntry("1", "2027-01-02", "other", "Itchy skin", 2),
        DiaryEntry("2", "2027-01-01", "other", "itchy  SKIN", 4),
        DiaryEntry("3", "2027-01-01", "pain", "Pain", None, "a note alone"),
    ]
    (series,) = series_of(entries)
    assert series.points == [(date(2027, 1, 1), 4), (date(2027, 1, 2), 2)]
    assert (series.name, series.latest, series.lowest, series.highest) == ("Itchy skin", 2, 2, 4)


# --- the diary ----------------------------------------------------------------------------------


def test_a_second_score_the_same_day_needs_replace(store: Store, content: Content) -> None:
    first = entries_from_options(content, when="2026-12-01", symptoms=["tiredness=3"], note="", today=TODAY)
    save_day(store, first, replace=False)
    again = entries_from_options(content, when="2026-12-01", symptoms=["tiredness=6", "pain=2"], note="", today=TODAY)
    with pytest.raises(UsageError, match="--replace"):
        save_day(store, again, replace=False)
    assert [(e.symptom_id, e.score) for e in store.diary.all()] == [("tiredness", 3)]  # nothing half-saved
    saved = save_day(store, again, replace=True)
    assert ([e.symptom_id for e in saved.replaced], [e.symptom_id for e in saved.added]) == (["tiredness"], ["pain"])
    assert sorted((e.symptom_id, e.score) for e in store.diary.all()) == [("pain", 2), ("tiredness", 6)]
    assert store.diary.all("WHERE symptom_id = 'tiredness'")[0].uuid == first[0].uuid  # changed, not doubled


@pytest.mark.parametrize(
    ("when", "symptoms", "message"),
    [
        ("2026-12-09", ["pain=2"], "days that have come"),
        ("today", [], "at least one score"),
        ("today", ["pain=2", "pain=3"], "once a day"),
        ("today", ["pain=11"], "0 to 10"),
    ],
)
def test_diary_options_are_checked(content: Content, when: str, symptoms: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        entries_from_options(content, when=when, symptoms=symptoms, note="", today=TODAY)


def test_the_interactive_diary_keeps_each_score_and_ctrl_c_loses_none(store: Store, content: Content) -> None:
    script = [
        ("What would you like to note?", ["tiredness", "pain"]),
        ("Pain (0-10)", "6"),
        ("Tiredness (0-10)", CTRL_C),
    ]
    with pytest.raises(InterviewStopped) as stopped:
        keep_diary(ScriptedPrompter(script), content, store, TODAY)
    assert (stopped.value.kept, stopped.value.count) == ("diary", 1)
    assert [(e.symptom_id, e.score) for e in store.diary.all()] == [("pain", 6)]
    script = [
        ("What would you like to note?", ["tiredness", "pain"]),
        ("Pain (0-10)", "2"),
        ("already noted as 6", True),
        ("Tiredness (0-10)", "8"),
        ("Anything else?", "Itchy skin"),
        ("Itchy skin (0-10)", "3"),
        ("Anything else?", ""),
        ("A note about the day?", "bad night"),
    ]
    prompter = ScriptedPrompter(script)
    kept = keep_diary(prompter, content, store, TODAY)
    assert [(e.name, e.score, e.note) for e in kept] == [
        ("Pain", 2, "bad night"),
        ("Tiredness", 8, "bad night"),
        ("Itchy skin", 3, "bad night"),
    ]
    assert len(store.diary.all()) == 3 and "Already noted for that day: Pain 6." in prompter.said
    assert not prompter.script


def test_trends_for_one_symptom_and_since_a_day(store: Store) -> None:
    _diary(store, "2026-11-01", pain=2, tiredness=3)
    _diary(store, "2026-12-01", pain=5)
    assert [s.key for s in trend_series(store, None, None)] == ["pain", "tiredness"]
    (pain,) = trend_series(store, "2026-11-15", None, TODAY)
    assert pain.points == [(date(2026, 12, 1), 5)]
    assert [s.key for s in trend_series(store, None, "tiredness")] == ["tiredness"]


# --- the debrief --------------------------------------------------------------------------------


def _asked_visit(store: Store) -> Visit:
    visit = _visit(
        "v1",
        "2026-11-02",
        questions=[
            VisitQuestion("Own question?", OWN_TOPIC),
            VisitQuestion("Bone drug?", "bones", "why", "bone-strengthen", rank=1),
            VisitQuestion("Dental check?", "bones", "why", "bone-dental-check"),
        ],
    )
    return store.save(visit)


def test_debrief_from_options_by_sheet_number_or_id(store: Store) -> None:
    visit = _asked_visit(store)
    assert [q.text for q in visit.in_sheet_order()] == ["Bone drug?", "Own question?", "Dental check?"]
    apply_debrief(
        visit,
        answered=["1=Yes, from January"],
        partly=["bone-dental-check=see the dentist"],
        not_answered=["2"],
        told="Scan on 12 January",
        next_visit="2027-01-15",
        today=TODAY,
    )
    store.save(visit)
    back = store.get("v1")
    assert [(q.text, q.outcome, q.answer) for q in back.in_sheet_order()] == [
        ("Bone drug?", "answered", "Yes, from January"),
        ("Own question?", "not", ""),
        ("Dental check?", "partly", "see the dentist"),
    ]
    assert (back.told, back.next_visit, bool(back.debriefed_at)) == ("Scan on 12 January", "2027-01-15", True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"answered": ["4=x"]}, "questions 1 to 3"),
        ({"partly": ["no-such-id=x"]}, "does not name a question"),
        ({"not_answered": ["1", "1"]}, "given twice"),
        ({"next_visit": "someday"}, "not a date"),
    ],
)
def test_debrief_options_are_checked_before_anything_changes(
    store: Store, options: dict[str, object], message: str
) -> None:
    visit = _asked_visit(store)
    with pytest.raises(UsageError, match=message):
        apply_debrief(visit, today=TODAY, **options)  # type: ignore[arg-type]
    assert not visit.debriefed_at and not any(q.outcome for q in visit.questions)


def test_a_draft_cannot_be_debriefed(store: Store) -> None:
    draft = store.save(Visit(uuid="d", status="draft", visit_date="2026-12-01"))
    with pytest.raises(UsageError, match="not finished"):
        apply_debrief(draft, today=TODAY)


def test_the_interactive_debrief_keeps_each_answer_and_resumes_after_ctrl_c(store: Store) -> None:
    visit = _asked_visit(store)
    script = [
        ("Question 1 of 3: Bone drug?", "answered"),
        ("What was the answer", "Yes"),
        ("Question 2 of 3", CTRL_C),
    ]
    with pytest.raises(InterviewStopped) as stopped:
        debrief_visit(ScriptedPrompter(script), store, visit, TODAY)
    assert stopped.value.kept == "debrief-draft"
    saved = store.get("v1")
    assert [q.outcome for q in saved.in_sheet_order()] == ["answered", "", ""] and not saved.debriefed_at
    script = [
        ("Question 2 of 3: Own question?", "not"),
        ("Question 3 of 3: Dental check?", "partly"),
        ("What was the answer", "dentist first"),
        ("Anything new you were told?", "new pill"),
        ("Any new medicine to add to your list?", ""),
        ("When is your next visit?", "2027-01-15"),
    ]
    prompter = ScriptedPrompter(script)
    done = debrief_visit(prompter, store, saved, TODAY)
    assert done is not None and not prompter.script
    assert "Picking up where you left off." in prompter.said
    back = store.get("v1")
    assert [q.outcome for q in back.in_sheet_order()] == ["answered", "not", "partly"]
    assert (back.told, back.next_visit, bool(back.debriefed_at)) == ("new pill", "2027-01-15", True)
    assert "2 not fully answered will be offered again" in prompter.said[-1]
    # Once done, going through it again is asked first (no by default).
    assert debrief_visit(ScriptedPrompter([("Go through it again?", False)]), store, back, TODAY) is None


# --- carried forward ----------------------------------------------------------------------------


def test_only_questions_not_fully_answered_are_carried_and_count_their_wait(content: Content) -> None:
    previous = _visit(
        "v1",
        "2026-11-02",
        questions=[
            VisitQuestion("Answered?", "bones", "", "bone-strengthen", outcome="answered"),
            VisitQuestion("Partly?", "bones", "why", "bone-dental-check", outcome="partly", answer="x", carried=1),
            VisitQuestion("Mine?", OWN_TOPIC, outcome="not"),
            VisitQuestion("Gone from the bank?", "bones", "why", "removed-since", outcome="not"),
            VisitQuestion("Not told?", OWN_TOPIC),
        ],
    )
    waiting = waiting_questions(previous)
    assert [q.text for q in waiting] == ["Partly?", "Mine?", "Gone from the bank?"]
    carried = [carried_copy(q, content.questions) for q in waiting]
    assert [(c.question_id, c.topic, c.carried, c.outcome, c.answer) for c in carried] == [
        ("bone-dental-check", "bones", 2, "", ""),
        (None, OWN_TOPIC, 1, "", ""),
        (None, OWN_TOPIC, 1, "", ""),  # its words come back as the person's own
    ]
    new = _visit("v2", "2026-12-08", questions=[VisitQuestion("mine?", OWN_TOPIC)])
    assert add_carried(new, carried) == 2  # "Mine?" is on it already, whatever the capitals
    assert [q.text for q in new.questions] == ["mine?", "Partly?", "Gone from the bank?"]


def test_new_visit_offers_last_times_unanswered_questions_ticked(store: Store, content: Content) -> None:
    store.save(
        _visit(
            "v1",
            "2026-11-02",
            [SymptomScore("tiredness", "Tiredness", 2)],
            questions=[
                VisitQuestion("Bone drug?", "bones", "why", "bone-strengthen", outcome="not"),
                VisitQuestion("Travel in May?", OWN_TOPIC, outcome="partly", answer="maybe"),
            ],
            debriefed_at="2026-11-03T10:00:00+00:00",
        )
    )
    _diary(store, "2026-12-07", tiredness=8)
    interview = Interview(ScriptedPrompter([]), content, store, TODAY)
    visit = _visit("v2", "2026-12-08")
    picked: list[list[str]] = []

    def keep_first(options):  # type: ignore[no-untyped-def]
        assert all(o.checked for o in options)  # ticked by default
        assert options[1].help == "Partly answered last time: maybe"
        picked.append([o.title for o in options])
        return [options[0].value]

    interview.p = ScriptedPrompter([("Ask them again?", keep_first)])
    interview.tell_what_changed(visit)
    interview.offer_carried(visit)
    assert picked == [["Bone drug?", "Travel in May?"]]
    assert [(q.text, q.carried) for q in visit.questions] == [("Bone drug?", 1)]
    said = interview.p.said  # type: ignore[attr-defined]
    assert said[0] == "Since your last visit:" and "Tiredness went from 2 to 8" in said[1]
    assert interview.talk_about == ["tiredness"]
    suggested = interview.suggested(visit)
    assert suggested[0].id in content.symptoms["tiredness"].questions  # what got worse comes first


def test_carry_over_from_options(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2026-11-02", "--ask", "One?", "--ask", "Two?").code == 0
    assert cli("debrief", "1", "--no-input", "--answered", "1=yes", "--partly", "2=half").code == 0
    ran = cli("new-visit", "--no-input", "--date", "2026-12-08", "--carry-over", "--ask", "Three?")
    assert ran.code == 0
    data = json.loads(cli("export", "2", "--format", "json", "-o", "-").out)
    assert [(q["text"], q["carried"]) for q in data["visits"][0]["questions"]] == [("Three?", 0), ("Two?", 1)]
    visits = cli("visits").out.splitlines()
    assert "DEBRIEF" in visits[0] and visits[1].rstrip().endswith("done") and visits[2].rstrip().endswith("-")
    assert [v["debriefed"] for v in json.loads(cli("visits", "--json").out)] == [True, False]


def test_diary_from_options_and_list(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("diary", "--no-input", "--date", "yesterday", "--symptom", "pain=3", "--note", "long walk").code == 0
    cli("diary", "--no-input", "--date", "yesterday", "--symptom", "pain=4").one_error("--replace")
    assert cli("diary", "--no-input", "--date", "yesterday", "--symptom", "pain=4", "--replace").code == 0
    listed = json.loads(cli("diary", "list", "--json").out)
    assert [(e["symptom"], e["score"]) for e in listed] == [("pain", 4)]
    text = cli("diary", "list").out
    assert "Pain 4" in text
    cli("diary", "--symptom", "pain=2").one_error("--no-input")


def test_the_diary_goes_into_the_backup_and_comes_back(cli, private_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("diary", "--no-input", "--date", "2026-11-20", "--symptom", "tiredness=5", "--symptom", "other:Itchy=2")
    cli("new-visit", "--no-input", "--date", "2026-11-21", "--ask", "One?")
    backup = tmp_path / "all.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    data = json.loads(backup.read_text())
    assert [(d["symptom"], d["name"], d["score"]) for d in data["diary"]] == [
        ("tiredness", "Tiredness", 5),
        ("other", "Itchy", 2),
    ]
    assert cli("data", "delete", "--yes").code == 0
    ran = cli("import", str(backup))
    assert ran.code == 0 and "Diary entries: 2 added, 0 already here." in ran.out
    again = cli("import", str(backup))
    assert "Diary entries: 0 added, 2 already here." in again.out
    assert len(json.loads(cli("diary", "list", "--all", "--json").out)) == 2


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("spoken", [False, True])
def test_sqlite_works_out_the_same_trends_as_python(store: Store, seed: int, spoken: bool) -> None:
    """The store's trends (worked out in SQLite) and `trend_of` (in Python) agree, gaps and all."""
    import random

    from mbcprep.model.trends import Chart, trend_of

    rng = random.Random(seed)
    start = date(2026, 1, 1)
    days = rng.choice([5, 40, 400])
    entries = []
    for n in range(days):
        for sid in ("pain", "tiredness", "other"):
            if rng.random() < 0.6:
                name = rng.choice(["Itchy skin", "itchy  skin"]) if sid == "other" else sid.capitalize()
                entries.append(new_entry((start + timedelta(n)).isoformat(), sid, name, rng.randint(0, 10)))
    with store.transaction() as db:
        store.diary.import_in(db, entries)
    since = (start + timedelta(days // 3)).isoformat() if seed == 3 else None
    chart, from_sql = trend_series_sql(store, since, spoken)
    series = trend_series(store, since, None)
    assert chart is not None and chart == Chart.spanning(
        min(s.first_day for s in series), max(s.last_day for s in series)
    )
    from_python = [trend_of(s, chart, spoken=spoken) for s in series]
    assert [t.key for t in from_sql] == [t.key for t in from_python]
    for a, b in zip(from_sql, from_python, strict=True):
        assert (a.name, a.days, a.first_day, a.last_day, a.latest, a.lowest, a.highest, a.by_day, a.few) == (
            b.name,
            b.days,
            b.first_day,
            b.last_day,
            b.latest,
            b.lowest,
            b.highest,
            b.by_day,
            b.few,
        )
        assert a.columns == pytest.approx(b.columns) and a.parts == pytest.approx(b.parts)
        assert (a.before, a.after) == pytest.approx((b.before, b.after))
        assert a.sparkline == b.sparkline


def trend_series_sql(store: Store, since: str | None, spoken: bool):  # type: ignore[no-untyped-def]
    from mbcprep.actions.diary import trends

    return trends(store, since, None, spoken=spoken, today=TODAY)


HOSTILE = 'quote " back \\ tab \t nl \n ctl \x01 del \x7f é 漢 \u2028 😀 </script> {"a": [1]}'


def test_json_lines_made_by_sqlite_are_the_lines_python_writes(store: Store) -> None:
    from mbcprep.formats.backup import RECORD_SEPARATOR, record_lines
    from mbcprep.model.care import TeamMember

    # Saved out of the order of their days, so the order of the ids is not that of any index.
    for n, day in enumerate(("2026-12-01", "2026-11-03", "2026-11-30", "2026-10-09")):
        store.diary.save(DiaryEntry(f"d-{n}", day, "other", HOSTILE, n, HOSTILE if n else ""))
    store.team.save(TeamMember("c-1", HOSTILE, after_hours=True))
    store.team.save(TeamMember("c-2", "Nurse", phone=HOSTILE))
    for key in ("diary", "care_team"):
        objects = store.records(key).all()
        assert store.records(key).joined_json(RECORD_SEPARATOR) == RECORD_SEPARATOR.join(record_lines(objects))
    assert [json.loads(line)["uuid"] for line in store.diary.joined_json("\n").split("\n")] == [
        "d-0",
        "d-1",
        "d-2",
        "d-3",
    ]
    assert store.treatments.joined_json(RECORD_SEPARATOR) == ""


def test_records_read_once_for_a_backup_give_the_same_text_and_damage(store: Store) -> None:
    from mbcprep.formats.backup import RECORD_SEPARATOR

    for n, day in enumerate(("2026-12-01", "2026-11-03", "2026-11-30", "2026-10-09")):
        store.diary.save(DiaryEntry(f"d-{n}", day, "other", HOSTILE, n, HOSTILE if n else ""))
    assert store.diary.checked_json(RECORD_SEPARATOR) == (store.diary.joined_json(RECORD_SEPARATOR), [])
    assert store.treatments.checked_json(RECORD_SEPARATOR) == ("", [])
    with store.transaction() as db:  # changed behind mbcprep's back: two checksums no longer match
        db.execute("UPDATE diary_entries SET score = 9 WHERE id IN (2, 4)")
    text, damaged = store.diary.checked_json(RECORD_SEPARATOR)
    assert damaged == [2, 4] == store.diary.damaged()
    assert text == store.diary.joined_json(RECORD_SEPARATOR) and '"score":9' in text
    joined, damaged_records = store.all_records_joined(RECORD_SEPARATOR)
    assert joined["diary"] == text and damaged_records == [("diary", 2), ("diary", 4)]


def test_a_backup_written_in_pieces_is_the_text_render_backup_makes(store: Store, tmp_path: Path) -> None:
    from datetime import date

    from mbcprep import files
    from mbcprep.formats.backup import RECORD_SEPARATOR, backup_pieces, render_backup

    store.diary.save(DiaryEntry("d-1", "2026-12-01", "other", HOSTILE, 3, HOSTILE))
    lines, _damaged = store.visit_json_lines()
    records, _damaged_records = store.all_records_joined(RECORD_SEPARATOR)
    pieces = backup_pieces(lines, date(2026, 12, 7), records)
    assert len(pieces) > 1 and "".join(pieces) == render_backup(lines, date(2026, 12, 7), records)
    path = files.write_private_text(tmp_path / "all.json", pieces)
    assert path.read_text(encoding="utf-8") == "".join(pieces) and path.stat().st_mode & 0o777 == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["diary"][0]["note"] == HOSTILE


def test_visit_lines_made_by_sqlite_are_the_lines_python_writes_and_find_damage(store: Store) -> None:
    from mbcprep.formats.backup import record_lines
    from tests.test_store import sample_visit

    odd = sample_visit("v-odd")
    odd.notes = odd.with_whom = odd.questions[0].text = odd.symptoms[1].note = HOSTILE
    odd.considerations[0].score = 7
    bare = Visit(uuid="v-bare", status="draft", draft_step="symptoms")  # no questions, symptoms or answers
    for visit in (sample_visit("v-1"), odd, bare):
        store.save(visit)
    lines, damaged = store.visit_json_lines()
    assert lines == record_lines(store.all_visits()) and len(lines) == 3 and damaged == []
    assert [json.loads(line)["uuid"] for line in lines] == ["v-1", "v-odd", "v-bare"]

    with store.transaction() as db:  # changed behind mbcprep's back: the checksum no longer matches
        db.execute("UPDATE visit_symptoms SET score = 9 WHERE visit_id = 2 AND position = 0")
    lines, damaged = store.visit_json_lines()
    assert damaged == [2] == [v.id for v in store.all_visits() if not v.intact]
    assert json.loads(lines[1])["symptoms"][0]["score"] == 9


def test_trends_on_screen_and_in_plain_mode(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert "No diary scores to show yet" in cli("trends").out
    for day, score in (("2026-11-01", 2), ("2026-11-02", 3), ("2026-11-20", 7), ("2026-11-21", 8)):
        cli("diary", "--no-input", "--date", day, "--symptom", f"tiredness={score}")
    shown = cli("trends").out
    lines = shown.splitlines()
    assert lines[0].startswith("From ") and "Each column is 1 day" in lines[1]
    spark = lines[4].strip()
    assert lines[3] == "Tiredness" and spark[0] == BLOCKS[1] and spark[-1] == BLOCKS[6] and " " in spark
    assert "Latest 8, lowest 2, highest 8." in shown and "Higher in the last week (7.5 on average)" in shown
    assert all(len(line) <= 80 for line in lines)
    plain = cli("--plain", "trends").out
    assert not set(BLOCKS) & set(plain) and "\x1b" not in plain
    assert "Scores: " in plain and ": 8." in plain  # every score said, in words
    data = json.loads(cli("trends", "--json").out)
    assert [(p["day"], p["score"]) for p in data[0]["points"]][-1] == ("2026-11-21", 8)
    assert data[0]["sentence"].startswith("Higher in the last week")


def test_who_the_visit_is_with_can_be_picked_from_the_care_team(store: Store, content: Content) -> None:
    from mbcprep.interview.details import SOMEONE_ELSE
    from mbcprep.model.care import TeamMember

    visit = _visit("v", "2026-12-08")
    interview = Interview(ScriptedPrompter([("Who is it with?", "Typed Name")]), content, store, TODAY)
    assert interview.ask_with_whom(visit) == "Typed Name"  # no care team: typed, as before
    store.team.save(TeamMember("c-1", "Dr Rivera", "oncologist"))
    store.team.save(TeamMember("c-2", "Sam Lee", ""))
    offered: list[list[str]] = []

    def pick(options):  # type: ignore[no-untyped-def]
        offered.append([o.title for o in options])
        return "Dr Rivera"

    interview.p = ScriptedPrompter([("Who is it with?", pick)])
    assert interview.ask_with_whom(visit) == "Dr Rivera"
    assert offered == [["Dr Rivera (oncologist)", "Sam Lee", "Someone else (type the name)", "Skip this one"]]
    interview.p = ScriptedPrompter([("Who is it with?", SOMEONE_ELSE), ("Who is it with? (a name", "Dr New")])
    assert interview.ask_with_whom(visit) == "Dr New"


def test_words_typed_in_the_diary_are_kept_without_a_score(content: Content, store: Store) -> None:
    """A user test: "hard to hold a cup" typed at "Anything else?", Enter at its score: the words
    were dropped without a word said. They are kept, unscored, as words about self-harm are."""
    script = [
        ("What would you like to note?", ["pain"]),
        ("Pain (0-10)", "2"),
        ("Anything else?", "hard to hold a cup"),
        ("hard to hold a cup (0-10)", ""),
        ("Anything else?", ""),
        ("A note about the day?", ""),
    ]
    prompter = ScriptedPrompter(script)
    keep_diary(prompter, content, store, TODAY)
    assert sorted((e.name, e.score) for e in store.diary.all()) == [("Pain", 2), ("hard to hold a cup", None)]
    assert any("Kept 1 score for" in line for line in prompter.said)
    assert any(line.startswith("Kept without a score for") and "hard to hold a cup" in line for line in prompter.said)


def test_the_bank_s_symptoms_are_named_in_the_language_in_use(cli) -> None:  # type: ignore[no-untyped-def]
    """A user test: scores kept in English showed as "Tiredness" in `--lang es trends` and `diary
    list` (a husband keeps the diary in Spanish, his wife in English). Own words stay as typed."""
    assert cli("diary", "--no-input", "--symptom", "tiredness=5", "--symptom", "other:itchy skin=2").code == 0
    for command in (("trends",), ("diary", "list")):
        shown = cli("--lang", "es", *command)
        assert shown.code == 0 and "Cansancio" in shown.out and "Tiredness" not in shown.out, command
        assert "itchy skin" in shown.out, command
    assert "Tiredness" in cli("trends").out


def test_the_doctor_s_page_names_the_bank_s_symptoms_in_its_language(cli) -> None:  # type: ignore[no-untyped-def]
    """A user test: the Spanish doctor's page said "Sin puntaje esta vez: Worry (6)" for a score kept in
    English at the last visit. What changed is said in the page's language."""
    assert cli("new-visit", "--no-input", "--date", "2026-10-01", "--symptom", "worry=6").code == 0
    assert cli("new-visit", "--no-input", "--date", "2026-11-01", "--symptom", "pain=2").code == 0
    page = cli("--lang", "es", "export", "latest", "--for", "doctor", "--format", "txt", "-o", "-")
    assert page.code == 0 and "Preocupación" in page.out and "Worry" not in page.out, page.out
