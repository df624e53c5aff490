"""The questions suggested for a visit, in the order they are offered: what the interview ticks from,
and what `mbcprep questions --for-me` lists.

The visit's kind, the scores, what is known about the person (`mbcprep.model.fit`: their profile,
treatments and latest results) choose and order them. A pure function of its inputs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mbcprep.content.search import find_questions
from mbcprep.model.content import Content, Question
from mbcprep.model.fit import WHEN_TAGS, Facts, fits

SUGGESTED_MAX = 12
SUGGEST_FROM = 7  # a score this high brings that symptom's questions to the top of the suggestions
FITTING_MAX = 5  # at most this many questions come early for fitting the person
FITTING_EACH = 2  # and at most this many for one tag (the bones, HER2-low...)
CAREGIVERS_TOPIC = "caregivers"  # the questions a caregiver asks for themselves, in their own voice


def suggest(
    content: Content,
    kind: str,
    *,
    facts: Facts | None = None,
    talk_about: Iterable[str] = (),
    scores: Sequence[tuple[str, int | None]] = (),
    include_sensitive: bool = False,
    limit: int = SUGGESTED_MAX,
) -> list[Question]:
    """Up to `limit` questions: first those this kind of visit names as its first (kinds.yaml `first`:
    for a results visit, what the results show); then those for a latest scan that grew; then those of
    the symptoms that got clearly worse since the last visit or are 7 or more in the diary
    (`talk_about`), then of those that scored 7 or more today (`scores`: symptom id and score, worst
    first); then the other questions whose `when:` all fit the person (as `WHEN_TAGS` orders them; two
    a tag, five in all); then questions for this kind of visit, taken in turn from each topic.

    A question with a `when:` tag known not to fit is never suggested (no pregnancy questions when a
    pregnancy is not possible). Topics that hold most questions for this kind come first; questions for
    caregivers are suggested (first) only when a caregiver is filling it in."""
    facts = facts or {}
    known = find_questions(content, include_sensitive=include_sensitive)
    shown = {q.id for q in known if fits(q.when, facts) is not False}
    out: list[Question] = []

    def add(ids: Iterable[str]) -> None:
        for qid in ids:
            if qid in shown and all(q.id != qid for q in out) and len(out) < limit:
                out.append(content.questions[qid])

    for_kind = [q for q in known if kind in q.kinds and q.id in shown] if kind in content.kinds else []
    visit_kind = content.kinds.get(kind)
    add(visit_kind.first if visit_kind else ())
    fitting = _fitting(content, [q for q in for_kind if fits(q.when, facts)])
    add([qid for qid in fitting if "scan-worse" in content.questions[qid].when])  # the results' news first
    for symptom_id in talk_about:  # what changed most since the last visit, first
        symptom = content.symptoms.get(symptom_id)
        add(symptom.questions if symptom else ())
    for symptom_id, score in sorted(scores, key=lambda s: -(s[1] or 0)):
        symptom = content.symptoms.get(symptom_id)
        if symptom is None or score is None or score < SUGGEST_FROM:
            continue
        add(symptom.questions)
    add(fitting)
    by_topic: dict[str, list[Question]] = {}
    for q in for_kind:
        if q not in out:
            by_topic.setdefault(q.topic, []).append(q)
    caregiver = bool(facts.get("caregiver"))
    if not caregiver:
        by_topic.pop(CAREGIVERS_TOPIC, None)
    order = sorted(by_topic, key=lambda t: (not (caregiver and t == CAREGIVERS_TOPIC), -len(by_topic[t])))
    while len(out) < limit and any(by_topic.values()):
        for topic in order:
            if by_topic[topic] and len(out) < limit:
                out.append(by_topic[topic].pop(0))
    return out


def _fitting(content: Content, questions: list[Question]) -> list[str]:
    """The ids of the questions that fit the person, in the order of their tags, two a tag, five in all."""
    questions = sorted(questions, key=lambda q: _first_tag(q.when))
    early: list[str] = []
    for q in questions:
        if sum(_first_tag(content.questions[x].when) == _first_tag(q.when) for x in early) < FITTING_EACH:
            early.append(q.id)
    return early[:FITTING_MAX]


def _first_tag(when: Iterable[str]) -> int:
    """Where a question's first tag comes in `WHEN_TAGS` (the latest scan first)."""
    return min((WHEN_TAGS.index(t) for t in when if t in WHEN_TAGS), default=len(WHEN_TAGS))
