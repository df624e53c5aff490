"""A visit shown in another language than the one it was made in.

The bank's words are shown in the language asked for, found by their ids: questions with an id
(their text and why), listed symptoms, the checklist's prompts and the choices picked from it. A
person's own words (their questions, symptoms, notes, answers in their words) are shown as typed.
The stored visit is never changed: this makes a copy to show.
"""

from __future__ import annotations

from dataclasses import replace

from mbcprep.i18n import _
from mbcprep.model.content import Consideration, Content
from mbcprep.model.visit import OTHER_SYMPTOM, ConsiderationAnswer, Visit


def bank_words_in(visit: Visit, made_in: Content, shown_in: Content) -> Visit:
    """A copy of `visit` (made with the content `made_in`) with the bank's words from `shown_in`."""
    questions = []
    for q in visit.questions:
        other = shown_in.questions.get(q.question_id) if q.question_id else None
        questions.append(q if other is None else replace(q, text=other.text, why=other.why))
    symptoms = []
    for s in visit.symptoms:
        listed = shown_in.symptoms.get(s.symptom_id) if s.symptom_id != OTHER_SYMPTOM else None
        symptoms.append(s if listed is None else replace(s, name=listed.name))
    considerations = [_answer_in(visit, a, made_in, shown_in) for a in visit.considerations]
    return replace(visit, questions=questions, symptoms=symptoms, considerations=considerations)


def _answer_in(visit: Visit, answer: ConsiderationAnswer, made_in: Content, shown_in: Content) -> ConsiderationAnswer:
    item = shown_in.considerations.get(answer.consideration_id)
    if item is None:
        return answer
    words = answer.answer
    before = made_in.considerations.get(answer.consideration_id)
    if item.answer == "choice" and before is not None and words in before.choices:
        at = before.choices.index(words)  # the same choice, by its place in the list
        if at < len(item.choices):
            words = item.choices[at]
    return replace(answer, prompt=_prompt(visit, item), answer=words)


def _prompt(visit: Visit, item: Consideration) -> str:
    """The item as it was asked: of the patient, or of a caregiver about the patient by name."""
    if visit.filled_by == "caregiver" and item.caregiver_prompt:
        return item.caregiver_prompt.format(name=visit.patient_name.strip() or _("the person you care for"))
    return item.prompt
