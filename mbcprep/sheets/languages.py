"""Which passages of a sheet are in another language than the sheet's, so a page can say so (a
screen reader then reads them with the right voice).

What can be known: a person's own words (their questions, notes, symptoms and answers in their
words) are in the language the visit was prepared in; the bank's words are shown in the sheet's.
A question typed in English on a visit prepared in Spanish cannot be told apart: it is taken as
Spanish, the visit's language.
"""

from __future__ import annotations

from mbcprep.formats.markdown import escape, escape_block
from mbcprep.model.visit import OTHER_SYMPTOM, Visit
from mbcprep.sheets.sections import question_text


def own_words(visit: Visit) -> list[str]:
    """The Markdown of each passage the person typed, whole as a sheet writes it on its own (a
    paragraph, a list item's first line, a table cell)."""
    said = [question_text(q) for q in visit.questions if q.question_id is None]
    said += [escape(q.answer) for q in visit.questions if q.answer.strip()]
    said += [escape(s.name) for s in visit.symptoms if s.symptom_id == OTHER_SYMPTOM]
    said += [escape(s.note) for s in visit.symptoms if s.note.strip()]
    for block in (visit.notes, visit.told):
        said += escape_block(block).split("\n\n") if block.strip() else []
    return [words for words in said if words.strip()]


def passages_in_other_language(visit: Visit, sheet_language: str) -> dict[str, str]:
    """The person's own words, each with the visit's language, when the sheet is in another one."""
    made_in = visit.language or "en"  # a visit from before mbcprep kept its language is English
    if made_in == sheet_language:
        return {}
    return dict.fromkeys(own_words(visit), made_in)
