"""Making and changing visits without prompts: `new-visit --no-input` and `delete`.

Plain functions: they take plain values, return results and never print.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from mbcprep.errors import UsageError
from mbcprep.i18n import _, language
from mbcprep.inputs import clean_text, nth, parse_date, parse_score, parse_time, split_pair
from mbcprep.model.content import OTHER_SYMPTOM, OWN_TOPIC, Content
from mbcprep.model.visit import FILLED_BY, ConsiderationAnswer, SymptomScore, Visit, VisitQuestion, symptom_id
from mbcprep.settings import Settings


def build_visit(
    content: Content,
    *,
    when: str | None,
    kind: str,
    with_whom: str = "",
    at: str = "",
    place: str = "",
    filled_by: str = "patient",
    question_ids: Sequence[str] = (),
    own_questions: Sequence[str] = (),
    symptoms: Sequence[str] = (),
    considerations: Sequence[str] = (),
    notes: str = "",
    today: date | None = None,
) -> Visit:
    """A ready visit from command-line options; every value is checked first."""
    if kind not in content.kinds:
        raise UsageError(_("--kind takes one of: {kinds}.").format(kinds=", ".join(content.kinds)))
    if filled_by not in FILLED_BY:
        raise UsageError(_("--by must be one of: {choices}.").format(choices=", ".join(FILLED_BY)))
    visit = Visit(
        uuid=str(uuid.uuid4()),
        visit_date=parse_date(when or "today", today, what=_("The --date given")),
        kind=kind,
        with_whom=clean_text(with_whom),
        visit_time=parse_time(at, what=_("The --time given")),
        place=clean_text(place),
        filled_by=filled_by,
        notes=clean_text(notes),
        status="ready",
        language=language(),
    )
    for n, qid in enumerate(question_ids):
        question = content.questions.get(qid.strip())
        if question is None:
            raise UsageError(
                _(
                    "{option} is not a question id: 'mbcprep questions' lists the ids."
                    " For a question in your own words, use --ask."
                ).format(option=nth(n, len(question_ids), "--question"))
            )
        if not visit.has_question(question.id):
            visit.questions.append(VisitQuestion(question.text, question.topic, question.why, question.id))
    for text in own_questions:
        if not text.strip():
            raise UsageError(_("--ask needs the words of your question."))
        visit.questions.append(VisitQuestion(clean_text(text), OWN_TOPIC))
    visit.rank_first_in_order()
    visit.set_symptoms(parse_symptoms(content, symptoms), list(content.symptoms))
    for n, pair in enumerate(considerations):
        visit.considerations = [
            *(c for c in visit.considerations if c.consideration_id != pair.partition("=")[0].strip()),
            parse_consideration(content, pair, nth(n, len(considerations), "--consider")),
        ]
    return visit


def parse_consideration(content: Content, pair: str, flag: str) -> ConsiderationAnswer:
    # Translators: an example of --consider: keep "how-to-talk=" and translate the words of the answer.
    cid, answer = split_pair(pair, "--consider", _("how-to-talk=straight facts"))
    consideration = content.considerations.get(cid)
    if consideration is None:
        raise UsageError(_("{option} does not start with an id from 'mbcprep checklist'.").format(option=flag))
    if not answer:
        raise UsageError(_("{option} needs an answer after the '='.").format(option=flag))
    if consideration.answer == "scale":
        score = parse_score(answer, _("The answer for {id}").format(id=cid))
        return ConsiderationAnswer(cid, consideration.prompt, score=score)
    if consideration.answer == "choice":
        answer = _pick_choice(cid, consideration.choices, answer)
    return ConsiderationAnswer(cid, consideration.prompt, clean_text(answer))


def _pick_choice(cid: str, choices: Sequence[str], answer: str) -> str:
    """A choice by its number (1, 2, ...), its words, or the first words that tell it apart."""
    if answer.isascii() and answer.isdigit() and len(answer) <= 3 and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1]
    folded = answer.casefold()
    exact = [c for c in choices if c.casefold() == folded]
    starts = [c for c in choices if c.casefold().startswith(folded)]
    if exact or len(starts) == 1:
        return (exact or starts)[0]
    numbered = "; ".join(f"{n}. {c}" for n, c in enumerate(choices, 1))
    raise UsageError(
        _("For {id}, give the number or the first words of one of: {choices}.").format(id=cid, choices=numbered)
    )


def parse_symptoms(content: Content, pairs: Sequence[str]) -> list[SymptomScore]:
    """Scores from `--symptom ID=SCORE` (or `other:WHAT=SCORE` for the person's own word)."""
    scores = []
    for n, pair in enumerate(pairs):
        flag = nth(n, len(pairs), "--symptom")
        sid, value = split_pair(pair, "--symptom", "pain=4", value_last=True)
        if sid.startswith(f"{OTHER_SYMPTOM}:") and sid[len(OTHER_SYMPTOM) + 1 :].strip():
            name = clean_text(sid[len(OTHER_SYMPTOM) + 1 :])  # something not on the list, in the person's words
            score = parse_score(value, _("The score of {option}").format(option=flag))
            scores.append(SymptomScore(OTHER_SYMPTOM, name, score))
            continue
        sid = symptom_id(sid)
        symptom = content.symptoms.get(sid)
        if symptom is None:
            raise UsageError(
                _(
                    "{option} does not start with a symptom id. Use one of: {ids},"
                    " or 'other:WHAT=SCORE' for something else."
                ).format(option=flag, ids=", ".join(content.symptoms))
            )
        scores.append(SymptomScore(sid, symptom.name, parse_score(value, _("The score for {id}").format(id=sid))))
    return scores


def save_new_visit(
    settings: Settings, visit: Visit, *, carry_over: bool = False, content: Content | None = None
) -> Visit:
    """Save a visit made from options; with `carry_over`, first add the questions the last visit
    before it left not fully answered."""
    with settings.open_store() as store:
        if carry_over:
            from mbcprep.model.cycle import add_carried, carried_copy, last_visit_before, waiting_questions

            before = last_visit_before(date.fromisoformat(visit.visit_date), date.today())
            previous = store.previous_visit(before, visit.uuid)
            if previous is not None:
                known = (content or settings.content()).questions
                add_carried(visit, [carried_copy(q, known) for q in waiting_questions(previous)])
        return store.save(visit)
