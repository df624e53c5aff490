"""Small dataclasses shared by the rest of mbcprep. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FILLED_BY = ("patient", "caregiver")
OWN_TOPIC = "my-own"
OWN_TOPIC_LABEL = "My own questions"
OTHER_SYMPTOM = "other"
TOP_COUNT = 3
SCORE_MIN, SCORE_MAX = 0, 10


# --- content (read from YAML) -------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    help: str


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    help: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    why: str
    topic: str
    kinds: tuple[str, ...]
    source: str
    sensitive: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "why": self.why,
            "topic": self.topic,
            "kinds": list(self.kinds),
            "source": self.source,
            "sensitive": self.sensitive,
        }


@dataclass(frozen=True)
class Consideration:
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
    id: str
    name: str
    help: str
    source: str
    questions: tuple[str, ...] = ()  # question ids worth suggesting when this scores 7 or more


@dataclass(frozen=True)
class Term:
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
    help: str


@dataclass(frozen=True)
class WarningSign:
    """A sign that cannot wait for the next visit, and the level of help it needs."""

    id: str
    level: str  # an UrgentLevel id
    text: str
    words: tuple[str, ...]  # words or phrases that, typed as a symptom, match this sign
    source: str
    detail: str = ""


@dataclass
class Content:
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
            return OWN_TOPIC_LABEL
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id


# --- a visit (kept in the store, exported) ------------------------------------------------


@dataclass
class VisitQuestion:
    text: str
    topic: str = OWN_TOPIC
    why: str = ""
    question_id: str | None = None  # None for a question the person wrote
    rank: int | None = None  # 1..3 for the three to ask first


@dataclass
class SymptomScore:
    symptom_id: str
    name: str
    score: int | None = None
    note: str = ""


@dataclass
class ConsiderationAnswer:
    consideration_id: str
    prompt: str
    answer: str


@dataclass
class Visit:
    uuid: str
    visit_date: str = ""  # ISO date, empty while a draft has none yet
    kind: str = "other"
    with_whom: str = ""
    filled_by: str = "patient"
    notes: str = ""
    status: str = "draft"  # "draft" | "ready"
    questions: list[VisitQuestion] = field(default_factory=list)
    symptoms: list[SymptomScore] = field(default_factory=list)
    considerations: list[ConsiderationAnswer] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""
    draft_step: str = ""  # where an interrupted interview stopped
    id: int | None = None  # the short local id people type; not exported
    # How many times this visit was saved here when it was read; a save checks it to notice another
    # window's save in between. Local bookkeeping: not exported, not compared.
    revision: int = field(default=0, compare=False)
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    def first_questions(self) -> list[VisitQuestion]:
        ranked = [q for q in self.questions if q.rank is not None]
        return sorted(ranked, key=lambda q: q.rank or 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "status": self.status,
            "date": self.visit_date,
            "kind": self.kind,
            "with": self.with_whom,
            "filled_by": self.filled_by,
            "questions": [
                {"id": q.question_id, "text": q.text, "why": q.why, "topic": q.topic, "first": q.rank}
                for q in self.questions
            ],
            "symptoms": [{"id": s.symptom_id, "name": s.name, "score": s.score, "note": s.note} for s in self.symptoms],
            "what_matters": [
                {"id": c.consideration_id, "prompt": c.prompt, "answer": c.answer} for c in self.considerations
            ],
            "notes": self.notes,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "draft_step": self.draft_step,  # where an unfinished interview picks up ("" when ready)
        }
