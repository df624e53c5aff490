"""Which warning signs a person's own words describe: the one matcher for everything typed about how
someone feels (their own symptoms, notes, what they were told).

A sign matches when one of its `words` appears as a whole word or phrase, whatever the case, accents,
spelling ("diarrhoea") or way of writing "can't", and

- it is not negated: a "no", "not", "never", "without", "sin", "nunca"... a few words before it, in
  the same part of the sentence, means it is absent ("no chest pain", "never had a seizure", "no
  tengo dolor de pecho"). A comma, "but" or "pero" ends that part. For the crisis line only the word
  right before counts ("I don't want to die"), so "I'm not ok, I want to die" is never missed;
- it is not inside one of the sign's `not_words`, sayings that mean something else ("gave me a heart
  attack", "me quiero morir de vergüenza").

A temperature typed as a number is the fever sign when it is 38.0 C / 100.4 F or more: with a unit
("38.5 C", "101 F", "39 grados"), after a word that says it is a temperature ("temp 38,5", "fiebre de
38"), or alone with a decimal ("100.8", "38,6"), unless something says it is another kind of number
("weight 101.5", "38.5 mg").

Plain functions of the content and the text: no I/O. `re` patterns are made the first time a sign is
checked and kept for the rest of the run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mbcprep.content.search import fold
from mbcprep.model.content import Content, WarningSign

FEVER = "fever"  # the sign a typed temperature matches
CRISIS = "crisis"  # the level whose signs are negated only by the word right before them

# Ways people type the same few words: curly apostrophes, "cannot", "cant", "unable to". Folded before
# matching, in the text and in the words of the content alike.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan ?not\b|\bcant\b|\b(?:am |is |are |was |were )?(?:not able to|unable to)\b"), "can't"),
    (re.compile(r"\bcould ?not\b|\bcouldn't\b|\bcouldnt\b"), "can't"),
    (re.compile(r"\bwill not\b|\bwont\b"), "won't"),
    (re.compile(r"\bdo not\b|\bdont\b"), "don't"),
    (re.compile(r"\bdid not\b|\bdidnt\b"), "didn't"),
    (re.compile(r"\bis not\b|\bisnt\b"), "isn't"),
    (re.compile(r"\bare not\b|\barent\b"), "aren't"),
    (re.compile(r"\bdoes not\b|\bdoesnt\b"), "doesn't"),
    (re.compile(r"\bhave not\b|\bhavent\b"), "haven't"),
    (re.compile(r"\bhas not\b|\bhasnt\b"), "hasn't"),
    (re.compile(r"\bwanna\b"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
)

# Words that say what follows is absent, in English and Spanish (folded: no accents).
_NEGATIONS = frozenset(
    [
        "no",
        "not",
        "never",
        "without",
        "none",
        "nor",
        "neither",
        "denies",
        "deny",
        "don't",
        "didn't",
        "doesn't",
        "haven't",
        "hasn't",
        "hadn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "sin",
        "nunca",
        "jamas",
        "ni",
        "tampoco",
        "ningun",
        "ninguna",
        "ninguno",
        "nada",
    ]
)
# A negation followed by one of these is about something else: "doesn't stop bleeding", "not sure if
# it is a fever", "no estoy bien, me duele el pecho", "no sé si es fiebre".
_NOT_NEGATING = frozenset(
    [
        "stop",
        "stops",
        "stopped",
        "stopping",
        "quit",
        "end",
        "ends",
        "ease",
        "eases",
        "go",
        "goes",
        "improve",
        "know",
        "sure",
        "idea",
        "clue",
        "matter",
        "only",
        "ok",
        "okay",
        "well",
        "good",
        "great",
        "fine",
        "better",
        "right",
        "para",
        "paro",
        "paran",
        "deja",
        "dejo",
        "dejan",
        "se",
        "sabe",
        "seguro",
        "segura",
        "idea",
        "importa",
        "mejora",
        "mejoro",
        "cede",
        "bien",
        "mejor",
        "solo",
    ]
)
_NEGATION_REACH = 3  # words allowed between a negation and the phrase it negates
_CRISIS_REACH = 0  # for the crisis line: only the word right before
# Where one part of a sentence ends, for negation.
_CLAUSE_END = re.compile(
    r"[.;:!?()\[\]\n]|,|\b(?:but|and|although|though|however|except|yet|pero|y|aunque|sino|excepto|salvo)\b"
)
# After a negated phrase, these say it is there after all: "never had a headache like this".
_UNNEGATE = re.compile(r"^[^.;:!?,\n]*?\b(?:like this|like that|this bad|so bad|como este|como esta|asi)\b")


def fold_typed(text: str) -> str:
    """`text` as the matcher compares it: folded (`mbcprep.content.search.fold`), one space between
    words, one way of writing each negative."""
    folded = " ".join(fold(text.translate(_APOSTROPHES)).split())
    for pattern, short in _CONTRACTIONS:
        folded = pattern.sub(short, folded)
    return folded


def signs_in(content: Content, text: str) -> list[WarningSign]:
    """The warning signs `text` (as a person typed it) describes: most urgent first; within a level,
    in the order of urgent.yaml."""
    folded = fold_typed(text)
    if not folded:
        return []
    found = [s for s in content.warning_signs.values() if _matches(s, folded)]
    fever = content.warning_signs.get(FEVER)
    if fever is not None and fever not in found and has_fever_temperature(folded):
        found.append(fever)
    order = {level: n for n, level in enumerate(content.urgent_levels)}
    place = {sign_id: n for n, sign_id in enumerate(content.warning_signs)}
    return sorted(found, key=lambda s: (order.get(s.level, len(order)), place.get(s.id, 0)))


def _matches(sign: WarningSign, folded: str) -> bool:
    pattern = _phrases(sign.words)
    if pattern is None:
        return False
    idioms = _phrases(sign.not_words)
    sayings = [m.span() for m in idioms.finditer(folded)] if idioms is not None else []
    reach = _CRISIS_REACH if sign.level == CRISIS else _NEGATION_REACH
    for m in pattern.finditer(folded):
        if any(start < m.end() and m.start() < end for start, end in sayings):
            continue
        if not negated(folded, m.start(), m.end(), reach):
            return True
    return False


@lru_cache(maxsize=512)
def _phrases(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all of a sign's phrases, the longest first, each a whole word or phrase."""
    folded = sorted({fold_typed(w) for w in words if w.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in folded) + r")(?![\w-])")


def negated(folded: str, start: int, end: int, reach: int = _NEGATION_REACH) -> bool:
    """Whether the words at `start:end` of `folded` are said to be absent."""
    before = folded[:start]
    clause_starts = [m.end() for m in _CLAUSE_END.finditer(before)]
    words = re.findall(r"[\w']+", before[clause_starts[-1] if clause_starts else 0 :])
    for at in range(len(words) - 1, max(-1, len(words) - reach - 2), -1):
        if words[at] in _NEGATIONS:
            about_else = any(w in _NOT_NEGATING for w in words[at + 1 :])
            return not about_else and _UNNEGATE.match(folded[end:]) is None
    return False


# --- temperatures typed as numbers --------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,/-])(\d{2,3}(?:[.,]\d{1,2})?)(?![\d])"
    r"(\s*(?:°|º|o(?=\s*[cf]\b))?\s*(?:degrees?|grados?|deg)?\s*(?:celsius|centigrados?|fahrenheit|c|f)?(?!\w))?"
)
_TEMPERATURE_WORDS = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|fever|fevers|feverish|febrile|thermometer|fiebre|calentura|"
    r"temperatura|termometro)\b"
)
_OTHER_NUMBERS = re.compile(
    r"\b(?:weight|weigh|weighs|weighed|pounds|lbs?|kg|kilos?|peso|pesa|pese|pulse|pulso|heart rate|bp|"
    r"pressure|presion|oxygen|oxigeno|sats?|saturation|sugar|glucose|azucar|glucosa|dose|dosis|marker|"
    r"markers|ca|cea|psa|level|levels|nivel|count|platelets|plaquetas|hemoglobin|hemoglobina|\$|price|"
    r"costo|page|room|cuarto|age|edad|years|anos)\b"
)
_UNITS_AFTER = re.compile(
    r"^\s*(?:mg|mcg|ml|g|kg|lbs?|pounds|kilos?|%|mm|cm|mmhg|units|iu|hours?|hrs?|minutes?|mins?|days?|dias?|"
    r"years?|anos|bpm|mmol|dl|mg/dl|percent|por ciento|x)\b|^\s*%"
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")
_BELOW = re.compile(r"\b(?:below|under|less than|lower than|menos de|debajo de|abajo de|bajo|<)\s*$")


def has_fever_temperature(folded: str) -> bool:
    """Whether `folded` (see `fold_typed`) gives a temperature of 38.0 C / 100.4 F or more."""
    for m in _NUMBER.finditer(folded):
        value = float(m[1].replace(",", "."))
        unit = (m[2] or "").strip()
        clause = _clause_before(folded, m.start())
        if _BELOW.search(folded[: m.start()]) or negated(folded, m.start(), m.end()):
            continue
        if unit:
            if unit.endswith(("c", "celsius", "centigrado", "centigrados")):
                hot = 38.0 <= value <= 45.0
            elif unit.endswith(("f", "fahrenheit")):
                hot = 100.4 <= value <= 115.0
            else:  # degrees, grados or a degree sign alone
                hot = 38.0 <= value <= 45.0 or 100.4 <= value <= 115.0
            if hot:
                return True
            continue
        if _UNITS_AFTER.match(folded[m.end() :]) or _OTHER_NUMBERS.search(clause):
            continue
        plausible = 38.0 <= value <= 45.0 or 100.4 <= value <= 115.0
        if plausible and (_TEMPERATURE_WORDS.search(clause) or (("." in m[1] or "," in m[1]) and value <= 108.0)):
            return True
    return False


def _clause_before(folded: str, start: int) -> str:
    """The part of the sentence before `start`, up to a full stop or a semicolon (commas kept: "temp,
    38.5")."""
    before = folded[:start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return before[ends[-1] if ends else 0 :]
