"""The shipped content: every file valid, every field present; lookups; custom banks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mbcprep.content import ID_RE, SOURCE_RE, check_bank, find_questions, load_content, lookup_term, terms_in
from mbcprep.errors import ContentError, UsageError
from mbcprep.models import Content
from mbcprep.paths import shipped_data_dir

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
    assert sum(c.source == "seed:003" for c in content.considerations.values()) >= 8


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
    with pytest.raises(UsageError, match="no topic 'nope'"):
        find_questions(content, topic="nope")
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
    assert check_bank(bank) == []
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
    got = {(p.line, p.message.split(" (")[0]) for p in check_bank(bank)}
    assert (8, "the id 'dup-one' is used twice") in got
    assert (14, "missing field 'why'") in got
    assert (22, "unknown topic 'astrology'") in got
    assert (23, "unknown kind of visit 'weekly'") in got
    assert (26, "'text' should be text, not a number") in got
    assert (29, "'kinds' should be a list of words, like [a, b]") in got
    assert (31, "'sensitive' should be true or false, not text") in got


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mbcprep", *args], capture_output=True, text=True, timeout=60)


def test_bank_check_command_exit_codes(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD_BANK)
    bad.write_text("questions:\n  - id: x\n    answer: yes\n")
    ok = run_cli("bank", "check", str(good))
    assert ok.returncode == 0 and "no problems" in ok.stdout
    broken = run_cli("bank", "check", str(bad))
    assert broken.returncode == 1
    assert f"{bad}:3: 'yes' would be read as true/false" in broken.stderr or "bad.yaml:3:" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_broken_bank_given_to_a_command_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - id: x\n    text: 'a'\n    text: 'b'\n")
    result = run_cli("--bank", str(bad), "questions")
    assert result.returncode == 1
    assert "bad.yaml:4: the key 'text' appears twice" in result.stderr
    assert "Traceback" not in result.stderr


def test_questions_json_has_full_records() -> None:
    result = run_cli("questions", "--json", "--topic", "clinical-trials")
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert records and set(records[0]) == {"id", "text", "why", "topic", "kinds", "source", "sensitive"}
    assert all(r["topic"] == "clinical-trials" and r["sensitive"] is False for r in records)
