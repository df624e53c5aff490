"""The content mbcprep ships (and custom banks add): kinds of visit, topics, questions, the "what
matters to me" checklist, symptoms, the glossary and the warning signs. Read from YAML; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mbcprep.i18n import _
from mbcprep.model.visit import OTHER_SYMPTOM, OWN_TOPIC

__all__ = ["OTHER_SYMPTOM", "OWN_TOPIC"]  # kept here too: they name content ids


@dataclass(frozen=True)
class Kind:
    """A kind of visit, and the questions suggested first for it."""

    id: str
    label: str
    help: str
    first: tuple[str, ...] = ()  # ids of questions suggested first for this kind of visit, in order


@dataclass(frozen=True)
class Topic:
    """A topic the bank's questions are grouped under."""

    id: str
    label: str
    help: str


@dataclass(frozen=True)
class Question:
    """A question of the bank, with why to ask it and who it is for."""

    id: str
    text: str
    why: str
    topic: str
    kinds: tuple[str, ...]
    source: str
    sensitive: bool = False
    # Who it is for (tags of `mbcprep.model.fit.WHEN_TAGS`): suggested only when none is known not to fit,
    # and early when all are known to fit ("pregnancy-possible", "her2-low"...).
    when: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "why": self.why,
            "topic": self.topic,
            "kinds": list(self.kinds),
            "source": self.source,
            "sensitive": self.sensitive,
        }
        if self.when:
            data["when"] = list(self.when)
        return data


@dataclass(frozen=True)
class Consideration:
    """An item of the "what matters to me" checklist, and how it is answered."""

    id: str
    prompt: str
    help: str
    answer: str  # "choice" | "scale" | "text"
    source: str
    choices: tuple[str, ...] = ()
    low: str = ""  # scale: what 0 means (the least)
    high: str = ""  # scale: what 10 means (the most)
    kinds: tuple[str, ...] = ()  # kinds of visit the item fits (the short path asks only these)
    caregiver_prompt: str = ""  # the same item asked of a caregiver; "{name}" is the patient's first name

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "prompt": self.prompt, "help": self.help, "answer": self.answer}
        if self.answer == "choice":
            data["choices"] = list(self.choices)
        if self.answer == "scale":
            data["low"], data["high"] = self.low, self.high
        if self.kinds:
            data["kinds"] = list(self.kinds)
        if self.caregiver_prompt:
            data["caregiver_prompt"] = self.caregiver_prompt
        data["source"] = self.source
        return data


@dataclass(frozen=True)
class Symptom:
    """A symptom to score from 0 to 10."""

    id: str
    name: str
    help: str
    source: str
    questions: tuple[str, ...] = ()  # question ids worth suggesting when this scores 7 or more


@dataclass(frozen=True)
class Term:
    """A word of the glossary, explained."""

    term: str
    meaning: str
    source: str
    also: tuple[str, ...] = ()  # other forms of the term itself
    related: tuple[str, ...] = ()  # everyday words a search for the term should also find


@dataclass(frozen=True)
class UrgentLevel:
    """How soon to get help: the levels are listed most urgent first."""

    id: str
    label: str
    help: str  # printed under the label wherever the signs are
    source: str = ""
    caregiver_help: str = ""  # the help said to a caregiver; "{name}" is the patient's first name


@dataclass(frozen=True)
class WarningSign:
    """A sign that cannot wait for the next visit, and the level of help it needs."""

    id: str
    level: str  # an UrgentLevel id
    text: str
    words: tuple[str, ...]  # words or phrases that, typed as a symptom, match this sign
    source: str
    detail: str = ""
    advice: str = ""  # one thing to do now, printed under the sign
    not_words: tuple[str, ...] = ()  # sayings that hold one of the words but mean something else
    # said to a caregiver about the patient ("{name}"), where the words for the patient say "you"
    caregiver_text: str = ""
    caregiver_detail: str = ""
    caregiver_advice: str = ""


@dataclass
class Content:
    """Everything the content holds, by id, in one language."""

    kinds: dict[str, Kind] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    considerations: dict[str, Consideration] = field(default_factory=dict)
    symptoms: dict[str, Symptom] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    urgent_levels: dict[str, UrgentLevel] = field(default_factory=dict)  # most urgent first
    warning_signs: dict[str, WarningSign] = field(default_factory=dict)

    def topic_label(self, topic_id: str) -> str:
        if topic_id == OWN_TOPIC:
            return _("My own questions")
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id
