"""The shipped content: every file valid, every field present; lookups; custom banks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mbcprep.content.bank_check import check_bank
from mbcprep.content.load import load_content
from mbcprep.content.schema import SOURCE_RE, source_seed
from mbcprep.content.search import find_questions, lookup_term, terms_in
from mbcprep.errors import ContentError, UsageError
from mbcprep.model.content import Content
from mbcprep.paths import shipped_data_dir
from mbcprep.text import ID_PATTERN as ID_RE

if TYPE_CHECKING:
    from tests.conftest import Ran

Cli = Callable[..., "Ran"]

KINDS = {"routine", "results", "treatment-decision", "second-opinion", "clinical-trial", "supportive-care", "other"}
FIRST_SYMPTOMS = [
    "pain",
    "tiredness",
    "drowsiness",
    "nausea",
    "appetite",
    "breathlessness",
    "low-mood",
    "worry",
    "wellbeing",
]


def test_kinds_are_the_agreed_ids(content: Content) -> None:
    assert set(content.kinds) == KINDS


def test_every_question_is_complete(content: Content) -> None:
    assert len(content.questions) >= 150
    assert len(content.topics) >= 12
    for q in content.questions.values():
        assert ID_RE.fullmatch(q.id), q.id
        assert q.text.strip().endswith("?"), q.id
        assert q.why.startswith("Ask this"), q.id
        assert "\n" not in q.why and len(q.why) <= 160, q.id
        assert q.topic in content.topics, q.id
        assert q.kinds and set(q.kinds) <= KINDS, q.id
        assert SOURCE_RE.fullmatch(q.source), q.id


def test_every_topic_has_questions(content: Content) -> None:
    used = {q.topic for q in content.questions.values()}
    assert used == set(content.topics)


def test_every_kind_of_visit_gets_suggestions(content: Content) -> None:
    for kind in KINDS:
        assert find_questions(content, kind=kind), kind


def test_symptoms_start_with_the_agreed_nine(content: Content) -> None:
    assert list(content.symptoms)[:9] == FIRST_SYMPTOMS
    tired, drowsy = content.symptoms["tiredness"], content.symptoms["drowsiness"]
    assert tired.help != drowsy.help
    assert "awake" in drowsy.help.lower()


def test_checklist_has_the_treatment_choice_considerations(content: Content) -> None:
    assert len(content.considerations) >= 10
    for c in content.considerations.values():
        if c.answer == "choice":
            assert len(c.choices) >= 2
        if c.answer == "scale":
            assert c.low and c.high
    assert sum(source_seed(c.source) == "seed:003" for c in content.considerations.values()) >= 8


SCALE_LOW_STARTS = ("Not ", "None", "Very little", "No ")  # 0 is always the least


def test_every_checklist_item_has_kinds_and_a_caregiver_prompt(content: Content) -> None:
    for c in content.considerations.values():
        assert c.kinds and set(c.kinds) <= KINDS, c.id
        assert "{name}" in c.caregiver_prompt, c.id
        assert c.caregiver_prompt.format(name="Ana").endswith("?"), c.id
        assert c.caregiver_prompt != c.prompt, c.id


def test_scales_all_run_from_least_to_most(content: Content) -> None:
    scales = [c for c in content.considerations.values() if c.answer == "scale"]
    assert len(scales) >= 3
    for c in scales:
        assert c.low and c.high and c.kinds, c.id
        assert c.low.startswith(SCALE_LOW_STARTS), (c.id, c.low)
        assert not c.high.startswith(SCALE_LOW_STARTS), (c.id, c.high)
    assert "quality-of-life" not in content.considerations  # it asked about side effects, and is named for that now
    assert "side-effects-to-accept" in content.considerations


def test_no_checklist_choice_says_stronger_is_better(content: Content) -> None:
    for c in content.considerations.values():
        for text in (c.prompt, c.help, *c.choices):
            assert "as strong as" not in text.lower(), c.id


def test_every_kind_of_visit_gets_a_few_checklist_items(content: Content) -> None:
    for kind in KINDS:
        fits = [c.id for c in content.considerations.values() if kind in c.kinds]
        assert len(fits) >= 3, (kind, fits)
    routine = [c.id for c in content.considerations.values() if "routine" in c.kinds]
    assert len(routine) <= 5, routine


def test_checklist_json_carries_kinds_and_the_caregiver_prompt(cli: Cli) -> None:
    result = cli("checklist", "--json")
    assert result.code == 0
    records = {r["id"]: r for r in json.loads(result.out)}
    talk = records["how-to-talk"]
    assert talk["kinds"] and "{name}" in talk["caregiver_prompt"]
    assert records["pain-control"]["low"] and records["pain-control"]["high"]


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ("[mon-is-it-working, no-such-question]", "'first' names 'no-such-question', which is not a question"),
        ("[mon-is-it-working, dx-how-status-found]", "'first' names 'dx-how-status-found', which does not list"),
        ("mon-is-it-working", "'first' should be a list"),
    ],
)
def test_a_kind_s_first_questions_must_be_questions_for_that_kind(tmp_path: Path, first: str, message: str) -> None:
    """kinds.yaml `first` names questions in the bank that list the kind (dx-how-status-found does not
    list routine visits)."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    target = copy / "kinds.yaml"
    lines = target.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln == "  - id: routine") + 1
    lines.insert(at, f"    first: {first}")
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy, lang="en", include_env=False)
    problems = info.value.problems
    assert (problems[0].line, problems[0].message.startswith(message)) == (at + 1, True)
    if first.startswith("["):  # a good list with a wrong name: the one problem (a bad field drops the kind)
        assert len(problems) == 1


@pytest.mark.parametrize(
    ("field_line", "message"),
    [
        ('    caregiver_prompt: "How would they like the team to talk?"', "'caregiver_prompt' should hold {name}"),
        ('    caregiver_prompt: "How would {name} like {tone}?"', "'caregiver_prompt' should hold {name}"),
        ("    kinds: [routine, weekly]", "unknown kind of visit 'weekly'"),
    ],
)
def test_a_bad_checklist_field_is_reported_on_its_line(tmp_path: Path, field_line: str, message: str) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    target = copy / "checklist.yaml"
    lines = target.read_text().splitlines()
    key = field_line.split(":")[0]
    at = next(i for i, ln in enumerate(lines) if ln.startswith(key + ":"))
    lines[at] = field_line
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    assert [(p.line, p.message.startswith(message)) for p in info.value.problems] == [(at + 1, True)]


def test_sensitive_questions_are_hidden_unless_asked(content: Content) -> None:
    sensitive = [q for q in content.questions.values() if q.sensitive]
    assert sensitive
    shown = find_questions(content)
    assert not any(q.sensitive for q in shown)
    assert len(find_questions(content, include_sensitive=True)) == len(content.questions)


def test_find_by_topic_kind_and_words(content: Content) -> None:
    found = find_questions(content, topic="clinical-trials", kind="clinical-trial")
    assert found and all(q.topic == "clinical-trials" and "clinical-trial" in q.kinds for q in found)
    words = find_questions(content, words="HER2")
    assert words and all("her2" in f"{q.text} {q.why} {q.id}".lower() for q in words)
    with pytest.raises(UsageError, match="no topic like that") as refused:
        find_questions(content, topic="nope")
    assert "nope" not in str(refused.value)
    with pytest.raises(UsageError, match="no kind of visit"):
        find_questions(content, kind="nope")


def test_glossary_finds_terms_in_question_text(content: Content) -> None:
    her2 = lookup_term(content, "her2")
    assert her2 is not None and her2.meaning
    assert her2 in terms_in(content, "Has my HER2 status changed?")
    assert terms_in(content, "Can I bring my sister along?") == []


def test_a_mistake_in_shipped_data_names_file_and_line(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    target = copy / "questions" / "care-team.yaml"
    lines = target.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("why:"))
    lines[at] = "    why:"
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    assert any(p.line == at + 1 and "empty field 'why'" in p.message for p in info.value.problems)
    assert all(p.path.endswith("care-team.yaml") for p in info.value.problems)


GOOD_BANK = """\
# Questions from the Tuesday support group
topics:
  - id: our-group
    label: "From our group"
    help: "Questions our members asked."
questions:
  - id: group-parking
    text: "Is there free parking for patients?"
    why: "Ask this if the cost of parking adds up."
    topic: our-group
    kinds: [routine]
    source: "ref:Tuesday support group"
  - id: team-after-hours
    text: "What number do I call at night?"
    why: "Ask this if you worry about problems after hours."
    topic: care-team
    kinds: [routine, supportive-care]
    source: seed:000
"""


def test_custom_bank_adds_and_replaces(tmp_path: Path, content: Content) -> None:
    bank = tmp_path / "group.yaml"
    bank.write_text(GOOD_BANK)
    report = check_bank(bank)
    assert report.problems == [] and report.questions == 2
    assert report.replaces == ["team-after-hours"]
    merged = load_content([bank])
    assert merged.questions["group-parking"].topic == "our-group"
    assert merged.questions["team-after-hours"].text == "What number do I call at night?"
    assert len(merged.questions) == len(content.questions) + 1


def test_custom_bank_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_BANK)
    monkeypatch.setenv("MBCPREP_BANK", str(folder))
    assert "group-parking" in load_content().questions


BAD_BANK = """\
questions:
  - id: dup-one
    text: "First?"
    why: "Ask this if."
    topic: care-team
    kinds: [routine]
    source: seed:000
  - id: dup-one
    text: "Second?"
    why: "Ask this if."
    topic: care-team
    kinds: [routine]
    source: seed:000
  - id: no-why
    text: "Where is the why?"
    topic: care-team
    kinds: [routine]
    source: seed:000
  - id: bad-topic
    text: "Topic?"
    why: "Ask this if."
    topic: astrology
    kinds: [weekly]
    source: seed:000
  - id: wrong-type
    text: 12
    why: "Ask this if."
    topic: care-team
    kinds: routine
    source: seed:000
    sensitive: "maybe"
"""


def test_bank_check_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text(BAD_BANK)
    got = {(p.line, p.message.split(" (")[0]) for p in check_bank(bank).problems}
    assert (8, "the id 'dup-one' is used twice") in got
    assert (14, "missing field 'why'") in got
    assert (22, "unknown topic 'astrology'") in got
    assert (23, "unknown kind of visit 'weekly'") in got
    assert (26, "'text' should be text, not a number") in got
    assert (29, "'kinds' should be a list of words, like [a, b]") in got
    assert (31, "'sensitive' should be true or false, not text") in got


def test_bank_check_command_exit_codes(tmp_path: Path, cli: Cli) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD_BANK)
    bad.write_text("questions:\n  - id: x\n    answer: yes\n")
    ok = cli("bank", "check", str(good))
    assert ok.code == 0 and "no problems" in ok.out
    broken = cli("bank", "check", str(bad))
    assert broken.code == 1
    assert f"{bad}:3: 'yes' would be read as true/false" in broken.err or "bad.yaml:3:" in broken.err
    assert "Traceback" not in broken.err


def test_broken_bank_given_to_a_command_is_one_clear_error(tmp_path: Path, cli: Cli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - id: x\n    text: 'a'\n    text: 'b'\n")
    result = cli("--bank", str(bad), "questions")
    assert result.code == 1
    assert "bad.yaml:4: the key 'text' appears twice" in result.err
    assert "Traceback" not in result.err


def test_questions_json_has_full_records(cli: Cli) -> None:
    result = cli("questions", "--json", "--topic", "clinical-trials")
    assert result.code == 0
    records = json.loads(result.out)
    assert records and set(records[0]) == {"id", "text", "why", "topic", "kinds", "source", "sensitive"}
    assert all(r["topic"] == "clinical-trials" and r["sensitive"] is False for r in records)


# --- custom banks: the mistakes a volunteer makes ---------------------------------------------------

ONE_QUESTION = """\
questions:
  - id: group-parking
    text: "Is there free parking for patients?"
    why: "Ask this if the cost of parking adds up."
    topic: {topic}
    kinds: [routine]
    source: "ref:Tuesday support group"
"""
OUR_TOPIC = """\
topics:
  - id: our-group
    label: "From our group"
    help: "Questions our members asked."
"""


def problems_in(path: Path) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in check_bank(path).problems]


def test_a_misspelt_top_level_key_is_reported_not_ignored(tmp_path: Path) -> None:
    bank = tmp_path / "typo.yaml"
    bank.write_text(OUR_TOPIC + ONE_QUESTION.format(topic="our-group").replace("questions:", "question:"))
    assert problems_in(bank)[0].startswith("typo.yaml:5: unknown top-level key 'question'")


def test_topics_may_live_in_a_file_that_sorts_after_the_questions(tmp_path: Path) -> None:
    (tmp_path / "questions.yaml").write_text(ONE_QUESTION.format(topic="our-group"))
    (tmp_path / "topics.yaml").write_text(OUR_TOPIC)
    assert problems_in(tmp_path) == []
    assert load_content([tmp_path]).questions["group-parking"].topic == "our-group"


def test_the_same_bank_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "a.yaml").write_text(OUR_TOPIC + ONE_QUESTION.format(topic="our-group"))
    monkeypatch.setenv("MBCPREP_BANK", str(bank))
    assert "group-parking" in load_content([bank / "a.yaml", str(bank)]).questions


def test_a_bank_cannot_list_a_topic_twice_or_relabel_a_shipped_one(tmp_path: Path) -> None:
    bank = tmp_path / "topics.yaml"
    bank.write_text(
        OUR_TOPIC + OUR_TOPIC.removeprefix("topics:\n") + "  - id: side-effects\n    label: X\n    help: Y\n"
    )
    found = problems_in(bank)
    assert found[0].startswith("topics.yaml:5: the topic 'our-group' is listed twice (first at")
    assert found[1].startswith("topics.yaml:8: the topic 'side-effects' is already one of mbcprep's own topics")
    assert load_content().topics["side-effects"].label != "X"


@pytest.mark.parametrize("sneaky", ["\\e[2J", "\\a", "\\u202e", "\\x9b", "\\e]0;title\\a"])
def test_invisible_control_characters_written_as_escapes_are_refused(tmp_path: Path, sneaky: str) -> None:
    bank = tmp_path / "ctrl.yaml"
    text = ONE_QUESTION.format(topic="care-team").replace("free parking", "free" + sneaky + " parking")
    bank.write_text(text, encoding="utf-8")
    assert problems_in(bank) == ["ctrl.yaml:3: 'text' holds an invisible control character; type it again without one"]


@pytest.mark.parametrize("raw", ["\x1b", "\x07", "\x9b"])
def test_raw_control_characters_are_refused_on_their_line(tmp_path: Path, raw: str) -> None:
    bank = tmp_path / "ctrl.yaml"
    text = ONE_QUESTION.format(topic="care-team").replace("the cost", "the" + raw + " cost")
    bank.write_text(text, encoding="utf-8")
    assert problems_in(bank) == [
        "ctrl.yaml:4: this line holds an invisible control character; type it again without one"
    ]


def test_every_bad_field_of_one_question_is_reported(tmp_path: Path) -> None:
    bank = tmp_path / "many.yaml"
    bank.write_text(
        ONE_QUESTION.format(topic="parking")
        .replace("[routine]", "[daily, routine, routine]")
        .replace('"ref:Tuesday support group"', '"seed:004"')
        + "    extra: 1\n"
    )
    assert problems_in(bank) == [
        "many.yaml:5: unknown topic 'parking'",
        "many.yaml:6: 'kinds' lists 'routine' twice",
        "many.yaml:7: 'source' should be seed:000 to seed:003, or ref: followed by a reference",
        "many.yaml:8: unknown field 'extra'",
    ]


def test_a_hash_that_cuts_text_short_is_reported(tmp_path: Path) -> None:
    bank = tmp_path / "hash.yaml"
    bank.write_text(
        ONE_QUESTION.format(topic="care-team").replace(
            '"Is there free parking for patients?"', "Is parking free on floor #2?"
        )
    )
    assert problems_in(bank) == [
        "hash.yaml:3: the text stops at 'Is parking free on floor' because ' #' starts a comment;"
        " if the # belongs to the text, put the whole text in double quotes"
    ]


def test_upper_case_extensions_count_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "Group.YML").write_text(ONE_QUESTION.format(topic="care-team"))
    assert "group-parking" in load_content([tmp_path]).questions


def test_a_bank_too_large_altogether_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep.content import banks as content_mod

    monkeypatch.setattr(content_mod, "MAX_BANK_BYTES", 1000)
    for n in range(5):
        (tmp_path / f"b{n}.yaml").write_text(ONE_QUESTION.format(topic="care-team").replace("group-parking", f"g{n}"))
    assert problems_in(tmp_path) == [f"{tmp_path.name}:1: the bank is too large altogether (the limit is 1,000 bytes)"]


def test_bank_check_prints_at_most_a_hundred_problems(tmp_path: Path, cli: Cli) -> None:
    bank = tmp_path / "long.yaml"
    bank.write_text("questions:\n" + "".join(f"  - id: q{n}\n" for n in range(300)))
    result = cli("bank", "check", str(bank))
    lines = result.err.splitlines()
    assert result.code == 1 and len(lines) == 101
    assert lines[-1].startswith("... and ") and "more problems" in lines[-1]


def test_a_broken_bank_says_where_it_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - id: x\n    text: yes\n")
    monkeypatch.setenv("MBCPREP_BANK", str(bad))
    result = cli("questions")
    first, second = result.err.splitlines()[:2]
    assert result.code == 1
    assert first == (
        "Error: Your own questions (from MBCPREP_BANK) have problems. "
        "Fix them, or unset MBCPREP_BANK to go on without them:"
    )
    assert second.endswith("bad.yaml:3: 'yes' would be read as true/false; put it in quotes, or write true or false")


def test_bank_check_says_which_shipped_questions_a_bank_replaces(tmp_path: Path, cli: Cli) -> None:
    bank = tmp_path / "group.yaml"
    bank.write_text(GOOD_BANK)
    result = cli("bank", "check", str(bank))
    assert result.code == 0
    assert "no problems found (2 questions)" in result.out
    assert "replaces these questions of mbcprep's own: team-after-hours" in result.out


@pytest.mark.parametrize(("british", "american"), [("counsellor", "counselor"), ("tumour", "tumor")])
def test_search_finds_a_word_whichever_way_it_is_spelt(content: Content, british: str, american: str) -> None:
    uk = find_questions(content, words=british, include_sensitive=True)
    us = find_questions(content, words=american, include_sensitive=True)
    assert uk == us and uk


def test_questions_list_says_how_many_are_hidden(content: Content, cli: Cli) -> None:
    result = cli("questions", "--topic", "planning-ahead")
    hidden = sum(q.sensitive for q in content.questions.values() if q.topic == "planning-ahead")
    assert hidden and f"{hidden} more questions about the future are hidden" in result.out
    assert "about the future are hidden" not in cli("questions", "--include-sensitive").out


# --- the bank, deeper and more careful (issue 10) ------------------------------------------------

_STOP_WORDS = (
    "a an the i my me we you your is are do does can could would will what which who how when where why if and or"
    " of to for in on at it this that be with about there any as so by from not now have has had get am was more"
    " than"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[a-z0-9']+", text.lower()))


def _content_words(text: str) -> set[str]:
    return _words(text) - _STOP


def test_no_two_questions_are_near_duplicates(content: Content) -> None:
    """No two questions share more than 80% of their words, or most of their meaningful words."""
    from itertools import combinations

    close = []
    for a, b in combinations(content.questions.values(), 2):
        wa, wb = _words(a.text), _words(b.text)
        ca, cb = _content_words(a.text), _content_words(b.text)
        if len(wa & wb) / max(len(wa), len(wb)) > 0.8 or len(ca & cb) / max(1, len(ca | cb)) > 0.6:
            close.append((a.id, b.id))
    assert not close


# Former clusters of near-duplicates: each id left keeps its own angle.
CLUSTERS = [
    ["se-short-of-breath", "pal-short-of-breath"],
    ["dx-new-biopsy", "sw-test-again"],
    ["tx-newest-options", "ct-new-drugs"],
    ["tx-if-i-say-no", "tx-say-no-to-this", "plan-if-i-stop", "sw-take-a-break"],
    ["se-call-right-away", "care-when-to-call", "mon-watch-at-home"],
    ["team-after-hours", "pal-pain-out-of-hours"],
    ["team-results-when", "dx-results-how-soon", "dx-results-who-tells", "mon-results-soon"],
    ["se-rate-how-bad", "pal-describe-pain"],
    ["se-many-at-once", "pal-many-symptoms", "se-linked-symptoms", "feel-mind-and-body"],
    ["pal-what-is-palliative", "pal-alongside-treatment"],
    ["ct-any-for-me", "sw-trial-now", "ct-past-treatment"],
    ["so-is-it-ok", "so-who-to-see", "so-delay"],
    ["mon-what-tests", "dx-tests-before-choice", "ct-extra-tests"],
    ["tx-change-my-mind", "sw-change-plan", "money-cost-and-choices"],
    ["tx-what-matters-to-me", "plan-what-matters", "team-know-me"],
    ["tx-how-strong", "plan-how-hard-to-push", "tx-side-effects-for-time", "tx-gains-and-side-effects"],
    ["mon-how-know-working", "sw-when-to-switch"],
    ["se-most-common", "se-normal-or-not", "se-how-bad"],
    ["dx-tests-predict-benefit", "dx-gene-tests", "ct-tumor-test-trials"],
    ["money-fewer-trips", "far-closer-to-home", "money-rides-parking"],
]
MERGED_AWAY = {
    "ct-when-to-look": "sw-trial-now",
    "mon-how-often": "mon-what-tests",
    "mon-what-would-worry-you": "sw-when-to-switch",
    "money-change-plan-cost": "money-cost-and-choices",
    "se-mood-and-body": "feel-mind-and-body",
    "so-good-time": "so-delay",
    "sw-what-comes-next": "sw-if-it-stops",
    "sw-stop-treatment": "plan-if-i-stop",
}


@pytest.mark.parametrize("cluster", CLUSTERS, ids=lambda c: c[0])
def test_each_former_cluster_keeps_distinct_angles(content: Content, cluster: list[str]) -> None:
    from itertools import combinations

    for a, b in combinations(cluster, 2):
        qa, qb = content.questions[a], content.questions[b]
        ca, cb = _content_words(qa.text), _content_words(qb.text)
        assert len(ca & cb) / len(ca | cb) < 0.4, (a, b)
        assert qa.why != qb.why, (a, b)


def test_merged_questions_are_gone_and_their_concern_lives_on(content: Content) -> None:
    for gone, kept in MERGED_AWAY.items():
        assert gone not in content.questions, gone
        assert kept in content.questions, kept


@pytest.mark.parametrize(
    ("split", "other_half"),
    [
        ("dx-results-how-soon", "dx-results-who-tells"),
        ("money-cost-to-me", "money-who-knows-cost"),
        ("tx-strong-enough", "tx-other-health-problems"),
    ],
)
def test_questions_that_asked_two_things_are_split(content: Content, split: str, other_half: str) -> None:
    for qid in (split, other_half):
        text = content.questions[qid].text
        assert text.count("?") == 1, text
        assert ", and " not in text and " and who " not in text, text
    assert content.questions[split].text != content.questions[other_half].text


COACHING = ("before", "when", "at the start", "early", "after", "ahead", "once", "as soon as", "each", "every")


def test_why_lines_coach_instead_of_restating(content: Content) -> None:
    """A why line says when to ask, or what to listen for or do: a second sentence or a timing word."""
    import re

    for q in content.questions.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", q.why) if s]
        timing = any(re.search(rf"\b{cue}\b", q.why.lower()) for cue in COACHING)
        assert len(sentences) >= 2 or timing, q.id
        assert not q.why.startswith("Ask this if you want to know"), q.id
        assert "that day" not in q.why, q.id


def test_nothing_says_stronger_is_better(content: Content) -> None:
    for q in content.questions.values():
        said = f"{q.text} {q.why}".lower()
        for phrase in ("as strong as", "hard i want to push", "how hard you want to push", "accept for that"):
            assert phrase not in said, (q.id, phrase)
    assert "does not always" in content.questions["tx-how-strong"].why
    assert "do not always mean more benefit" in content.questions["tx-side-effects-for-time"].why


def test_her2_is_up_to_date(content: Content) -> None:
    assert "positive" not in content.questions["dx-how-status-found"].text.lower()
    assert "score" in content.questions["dx-how-status-found"].why
    score = content.questions["dx-her2-score"].text
    assert "HER2-low" in score and "HER2-ultralow" in score
    her2 = lookup_term(content, "HER2-ultralow")
    assert her2 is not None and "HER2-low" in her2.meaning and "score" in her2.meaning
    assert lookup_term(content, "HER2 score") is her2


PLANNING_WORDS = ("palliative", "advance directive", "proxy", "speaks for me", "guardian", "polst", "chosen family")


def test_planning_and_decision_maker_questions_are_never_hidden(content: Content) -> None:
    for q in content.questions.values():
        said = f"{q.text} {q.id}".lower()
        if any(word in said for word in PLANNING_WORDS):
            assert not q.sensitive, q.id
    for qid in ("plan-end-of-life-wishes", "plan-if-i-stop", "plan-choose-a-proxy", "plan-advance-directive"):
        assert not content.questions[qid].sensitive, qid


# Issue 17's rule for `sensitive`: a question is hidden when it asks for a forecast (time, odds, how the
# illness may go) or is about the last stage itself (hospice, dying, after a death). A question whose
# aim is getting ready (papers, a guardian, wishes, the support that goes on, a caregiver getting
# ready) is never hidden: hidden, many people would never find it, and planning early helps.
GETTING_READY = ("plan-guardian-children", "plan-end-of-life-wishes", "plan-if-i-stop", "care-get-ready-later")
LAST_STAGE = re.compile(r"\b(hospice|dies|death)\b", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_getting_ready_is_shown_and_the_last_stage_is_asked_for_first(lang: str) -> None:
    bank = load_content(lang=lang, include_env=False)
    for qid in GETTING_READY:
        assert not bank.questions[qid].sensitive, qid
    english = load_content(lang="en", include_env=False)
    last_stage = [q.id for q in english.questions.values() if LAST_STAGE.search(q.text)]
    assert {"plan-what-is-hospice", "plan-hospice-keep-medicine", "care-after-a-death"} <= set(last_stage)
    for qid in last_stage:
        assert bank.questions[qid].sensitive, qid


def test_only_questions_about_time_prognosis_or_dying_are_hidden(content: Content) -> None:
    sensitive = {q.id for q in content.questions.values() if q.sensitive}
    assert sensitive == {
        "care-after-a-death",
        "mon-if-growing",
        "plan-months-ahead",
        "plan-how-much-time",
        "plan-cpr-chances",
        "plan-what-is-hospice",
        "plan-care-at-home",
        "plan-hospice-keep-medicine",
        "sw-how-many-options",
        "tx-if-i-say-no",
        "tx-how-long-help",
    }


def test_topics_stay_few_and_each_keeps_a_few_questions(content: Content) -> None:
    from collections import Counter

    assert len(content.topics) <= 18
    per_topic = Counter(q.topic for q in content.questions.values())
    assert min(per_topic.values()) >= 4, per_topic
    for topic in content.topics.values():
        assert topic.label and topic.help


def test_breathing_questions_send_sudden_breathlessness_to_911(content: Content) -> None:
    breathing = [q for q in content.questions.values() if "breath" in f"{q.text} {q.why}".lower()]
    assert breathing
    for qid in ("se-short-of-breath", "pal-short-of-breath"):
        why = content.questions[qid].why
        assert "911" in why and "that day" not in why, qid


# --- symptoms ------------------------------------------------------------------------------------


def test_every_symptom_suggests_questions_that_exist(content: Content) -> None:
    for s in content.symptoms.values():
        assert s.questions, s.id
        for qid in s.questions:
            assert qid in content.questions and not content.questions[qid].sensitive, (s.id, qid)
    assert "life-sleep" in content.symptoms["sleep"].questions


def test_symptom_names_read_well_for_patients_and_caregivers(content: Content) -> None:
    """Names are shown as "<Name> right now" and asked of a caregiver as "How is Ana's <name> right now?",
    so each is a singular noun phrase: no article, no colon, no plural head word."""
    import re

    singular_ending_in_s = {"tiredness", "drowsiness", "breathlessness", "numbness", "nausea"}
    for s in content.symptoms.values():
        name = s.name
        assert name[0].isupper() and not name.endswith((".", "?", ":")), name
        assert ":" not in name and not re.match(r"(a|an|the|your|my) ", name.lower()), name
        head = name.lower().split(" with ")[0].split(" or ")[-1].split()[-1]
        assert not head.endswith("s") or head in singular_ending_in_s, name
    assert content.symptoms["wellbeing"].name != "Overall wellbeing: how unwell you feel"
    assert "unwell" in content.symptoms["wellbeing"].name.lower()


def test_a_symptom_naming_an_unknown_question_is_reported(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), copy)
    target = copy / "symptoms.yaml"
    lines = target.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("questions:"))
    lines[at] = "    questions: [no-such-question]"
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as info:
        load_content(data_dir=copy)
    assert [(p.line, p.message) for p in info.value.problems] == [
        (at + 1, "'questions' names 'no-such-question', which is not a question in the bank")
    ]


# --- search uses the glossary's other words ----------------------------------------------------


@pytest.mark.parametrize(("term", "everyday"), [("fatigue", "tired"), ("neuropathy", "numb")])
def test_searching_a_medical_word_finds_questions_in_everyday_words(content: Content, term: str, everyday: str) -> None:
    found = find_questions(content, words=term)
    assert found
    assert any(everyday in f"{q.text} {q.why}".lower() and term not in q.text.lower() for q in found)


def test_a_related_word_is_not_itself_widened(content: Content) -> None:
    tired = find_questions(content, words="tired", include_sensitive=True)
    assert tired and all("tired" in f"{q.text} {q.why} {q.id}".lower() for q in tired)


def test_a_whole_term_of_two_words_finds_its_other_forms(content: Content) -> None:
    uk = find_questions(content, words="hot flushes")
    assert uk == find_questions(content, words="hot flashes") and uk


def test_plain_searches_still_need_every_word(content: Content) -> None:
    both = find_questions(content, words="pain night")
    assert both and all({"pain", "night"} <= set(_words(f"{q.text} {q.why} {q.id}")) for q in both)
    assert find_questions(content, words="xylophone") == []
