"""A visit and its parts, declared once (see `mbcprep.model.record`), with the rules that hold for
them wherever a visit is made: from options, in the interview or in `edit`. No I/O here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mbcprep.i18n import N_
from mbcprep.languages import codes
from mbcprep.model.record import spec

OWN_TOPIC = "my-own"  # the topic of a question in the person's own words
OTHER_SYMPTOM = "other"  # the id of a symptom named in the person's own words
# Symptom ids are kept as first written (British spelling, in stored data too); the US spelling the
# screens use is taken as the same id.
SYMPTOM_ALIASES = {"diarrhea": "diarrhoea", "hot-flashes": "hot-flushes"}


def symptom_id(typed: str) -> str:
    """The symptom id a person typed, with the US spelling of an id read as the id."""
    return SYMPTOM_ALIASES.get(typed.strip().lower(), typed.strip())


FILLED_BY = ("patient", "caregiver")
STATUSES = ("draft", "ready")
TOP_COUNT = 3  # the questions to ask first


@dataclass
class VisitQuestion:
    """A question chosen for a visit (from the bank, or in the person's own words), and after the visit
    what became of it."""

    text: str = field(metadata=spec("text", required=True))
    topic: str = field(default=OWN_TOPIC, metadata=spec("id", required=True))
    why: str = field(default="", metadata=spec("text"))
    question_id: str | None = field(default=None, metadata=spec("id", key="id", nullable=True))  # None: own words
    rank: int | None = field(default=None, metadata=spec("rank", key="first"))  # 1..3 for the three to ask first
    # After the visit: what became of it ("answered", "partly", "not", or "" while not told) and the answer.
    outcome: str = field(default="", metadata=spec("choice", choices=("", "answered", "partly", "not")))
    answer: str = field(default="", metadata=spec("text"))
    carried: int = field(default=0, metadata=spec("count"))  # how many visits it waited for an answer


@dataclass
class SymptomScore:
    """How much a symptom bothers the person, 0-10, with a word about it."""

    symptom_id: str = field(metadata=spec("id", key="id", required=True))  # "other" for the person's own
    name: str = field(metadata=spec("text", required=True))
    score: int | None = field(default=None, metadata=spec("score"))
    note: str = field(default="", metadata=spec("text"))

    @property
    def key(self) -> str:
        """What tells symptoms apart: the listed id, or the person's own word for it, so "Itchy  skin"
        and "itchy skin" are one symptom."""
        return own_symptom_key(self.name) if self.symptom_id == OTHER_SYMPTOM else self.symptom_id


def own_symptom_key(name: str) -> str:
    return f"{OTHER_SYMPTOM}:{' '.join(name.casefold().split())}"


@dataclass
class ConsiderationAnswer:
    """An answer about what matters to the person (an item of the checklist)."""

    consideration_id: str = field(metadata=spec("id", key="id", required=True))
    prompt: str = field(metadata=spec("text", required=True))
    answer: str = field(default="", metadata=spec("text"))  # a choice or the person's words
    score: int | None = field(default=None, metadata=spec("score"))  # a 0-10 scale answer


@dataclass
class Visit:
    """A visit to get ready for: when, with whom, the questions, how the person feels, what matters."""

    uuid: str = field(metadata=spec("uuid", required=True))
    status: str = field(default="draft", metadata=spec("choice", choices=STATUSES))
    visit_date: str = field(default="", metadata=spec("date", key="date"))  # ISO date; empty while a draft has none
    kind: str = field(default="other", metadata=spec("id", required=True))
    with_whom: str = field(default="", metadata=spec("text", key="with"))
    filled_by: str = field(default="patient", metadata=spec("choice", choices=FILLED_BY))
    patient_name: str = field(default="", metadata=spec("text"))  # a caregiver's patient's first name
    questions: list[VisitQuestion] = field(
        default_factory=list, metadata=spec("list", item=VisitQuestion, label=N_("question"), table="visit_questions")
    )
    symptoms: list[SymptomScore] = field(
        default_factory=list, metadata=spec("list", item=SymptomScore, label=N_("symptom"), table="visit_symptoms")
    )
    considerations: list[ConsiderationAnswer] = field(
        default_factory=list,
        metadata=spec(
            "list", key="what_matters", item=ConsiderationAnswer, label=N_("what matters"), table="visit_considerations"
        ),
    )
    notes: str = field(default="", metadata=spec("text"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    draft_step: str = field(default="", metadata=spec("step"))  # where an unfinished interview picks up
    # After the visit (`mbcprep debrief`): what the person was told, the next visit's date, when done.
    told: str = field(default="", metadata=spec("text"))
    next_visit: str = field(default="", metadata=spec("date"))
    debriefed_at: str = field(default="", metadata=spec("moment"))
    # The language it was prepared in (one of `mbcprep.languages`; "" before mbcprep kept it, read as English).
    language: str = field(default="", metadata=spec("choice", choices=("", *codes())))
    # When on the day (HH:MM, 24-hour, local time; "" when not known: an all-day event) and where.
    visit_time: str = field(default="", metadata=spec("clock", key="time"))
    place: str = field(default="", metadata=spec("text"))
    id: int | None = field(default=None, metadata=spec("count", local=True))  # the short local id people type
    # How many times this visit was saved here when it was read; a save checks it to notice another
    # window's save in between. Local bookkeeping: not exported, not compared.
    revision: int = field(default=0, compare=False, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    # --- the three to ask first ---------------------------------------------------------------

    def first_questions(self) -> list[VisitQuestion]:
        ranked = [q for q in self.questions if q.rank is not None]
        return sorted(ranked, key=lambda q: q.rank or 0)

    def in_sheet_order(self) -> list[VisitQuestion]:
        """The questions as the sheet numbers them: the three to ask first, then the rest."""
        return self.first_questions() + [q for q in self.questions if q.rank is None]

    def rank_first_in_order(self) -> None:
        """The first questions of the list are the ones to ask first (options and `--no-input`)."""
        for n, q in enumerate(self.questions):
            q.rank = n + 1 if n < TOP_COUNT else None

    def renumber_first(self) -> None:
        """After questions are added or removed: the ones still chosen to ask first keep their order,
        renumbered 1, 2, 3; with three questions or fewer, all of them are asked first."""
        ranked = self.first_questions()
        for n, q in enumerate(ranked, 1):
            q.rank = n
        if len(self.questions) <= TOP_COUNT:
            for q in self.questions:
                if q.rank is None:
                    ranked.append(q)
                    q.rank = len(ranked)

    def choose_first(self, index: int) -> int:
        """Make the question at `index` the next one to ask first; returns its rank."""
        rank = len(self.first_questions()) + 1
        self.questions[index].rank = rank
        return rank

    def clear_first(self) -> None:
        for q in self.questions:
            q.rank = None

    # --- questions and symptoms ---------------------------------------------------------------

    def has_question(self, question_id: str) -> bool:
        return any(q.question_id == question_id for q in self.questions)

    def set_symptoms(self, scores: Iterable[SymptomScore], listed: Sequence[str]) -> None:
        """One score a symptom (the last given wins), listed symptoms in the list's order, then the
        person's own in the order they came."""
        by_key: dict[str, SymptomScore] = {}
        for s in scores:
            by_key[s.key] = s
        order = {sid: n for n, sid in enumerate(listed)}
        self.symptoms = sorted(by_key.values(), key=lambda s: order.get(s.symptom_id, len(order)))

    def answer(self, consideration_id: str) -> ConsiderationAnswer | None:
        return next((c for c in self.considerations if c.consideration_id == consideration_id), None)
