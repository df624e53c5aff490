"""Looking things up in the content: questions by topic, kind or words (with the glossary's other
words for a term) and medical words in a text. The warning signs in what a person typed are found by
`mbcprep.content.warning_match`."""

from __future__ import annotations

import re
from functools import lru_cache

from mbcprep.i18n import _
from mbcprep.model.content import Content, Question, Term

# --- looking things up ----------------------------------------------------------------------


def find_questions(
    content: Content,
    *,
    topic: str | None = None,
    kind: str | None = None,
    words: str | None = None,
    include_sensitive: bool = False,
) -> list[Question]:
    """Questions matching every filter given, in bank order."""
    from mbcprep.errors import UsageError

    if topic is not None and topic not in content.topics:
        raise UsageError(
            _("There is no topic like that. Try one of: {topics}.").format(topics=", ".join(content.topics))
        )
    if kind is not None and kind not in content.kinds:
        raise UsageError(
            _("There is no kind of visit like that. Try one of: {kinds}.").format(kinds=", ".join(content.kinds))
        )
    needles = [fold(w) for w in (words or "").split()]
    synonyms = _search_synonyms(content) if needles else {}
    # A whole search that is one glossary term ("hot flashes") may also find its other words.
    phrase = synonyms.get(" ".join(needles), ()) if len(needles) > 1 else ()
    out = []
    for q in content.questions.values():
        if q.sensitive and not include_sensitive:
            continue
        if topic and q.topic != topic:
            continue
        if kind and kind not in q.kinds:
            continue
        hay = fold(f"{q.text} {q.why} {q.id}")
        if any(_has_word(hay, other) for other in phrase):
            out.append(q)
            continue
        if any(n not in hay and not any(_has_word(hay, other) for other in synonyms.get(n, ())) for n in needles):
            continue
        out.append(q)
    return out


def _search_synonyms(content: Content) -> dict[str, tuple[str, ...]]:
    """Each glossary term and `also` form (folded) -> the words a search for it should also find:
    the term, its other forms and its everyday `related` words. A related word itself has none."""
    out: dict[str, tuple[str, ...]] = {}
    for term in content.glossary:
        every = tuple(dict.fromkeys(fold(w) for w in (term.term, *term.also, *term.related)))
        for word in (term.term, *term.also):
            out.setdefault(fold(word), every)
    return out


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")


def _has_word(folded_text: str, folded_word: str) -> bool:
    """`folded_word` appears in `folded_text` as a whole word or phrase (both already folded)."""
    return bool(folded_word) and _word_pattern(folded_word).search(folded_text) is not None


def count_hidden(
    content: Content, *, topic: str | None = None, kind: str | None = None, words: str | None = None
) -> int:
    """How many sensitive questions match the filters but stay hidden until asked for."""
    every = find_questions(content, topic=topic, kind=kind, words=words, include_sensitive=True)
    return sum(q.sensitive for q in every)


# British spellings folded to American ones, so a search or a glossary look-up finds the word
# whichever way it is spelt. Applied to both sides, after casefolding.
_SPELLINGS = (
    ("tumour", "tumor"),
    ("oestrogen", "estrogen"),
    ("diarrhoea", "diarrhea"),
    ("oedema", "edema"),
    ("anaemi", "anemi"),
    ("haemo", "hemo"),
    ("counsell", "counsel"),
    ("centre", "center"),
    ("colour", "color"),
    ("behaviour", "behavior"),
    ("programme", "program"),
    ("travell", "travel"),
    ("hot flush", "hot flash"),
    ("flushes", "flashes"),
    ("paediatric", "pediatric"),
)


def fold(text: str) -> str:
    """Text as a search compares it: in any case, British or American spelling, with or without
    accents ("nausea" finds "náusea", "dolor" finds "DOLOR")."""
    folded = text.casefold()
    if not folded.isascii():
        import unicodedata

        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    for british, american in _SPELLINGS:
        if british in folded:
            folded = folded.replace(british, american)
    return folded


def terms_in(content: Content, text: str) -> list[Term]:
    """Glossary terms that appear in `text` (whole words, any case)."""
    found = []
    folded = fold(text)
    for term in content.glossary:
        for word in (term.term, *term.also):
            if re.search(r"(?<![\w-])" + re.escape(fold(word)) + r"(?![\w-])", folded):
                found.append(term)
                break
    return found


def lookup_term(content: Content, word: str) -> Term | None:
    folded = fold(word.strip())
    for term in content.glossary:
        if folded in (fold(w) for w in (term.term, *term.also)):
            return term
    return None
