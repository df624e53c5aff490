"""Which words of a sheet are in another language than the sheet's, so a page can say so (a screen
reader then reads them with the right voice).

What can be known: a person's own words (their questions, notes, symptoms, what they were told and
the answers in their words) are in the language the visit was prepared in; the bank's words are
shown in the sheet's. A section makes each of a person's own words a text node with that language
(`mbcprep.sheets.sections.own`); the HTML page marks the ones in another language than its own.
A question typed in English on a visit prepared in Spanish cannot be told apart: it is taken as
Spanish, the visit's language.
"""

from __future__ import annotations

from mbcprep.model.visit import Visit


def own_language(visit: Visit) -> str:
    """The language of a person's own words on `visit`: the one it was prepared in."""
    return visit.language or "en"  # a visit from before mbcprep kept its language is English
