"""A symptom diary between visits: one score a day for each symptom, declared once (see
`mbcprep.model.record`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mbcprep.model.record import spec
from mbcprep.model.visit import OTHER_SYMPTOM, own_symptom_key


@dataclass
class DiaryEntry:
    """A symptom's score (and a note) for one day of the diary."""

    uuid: str = field(metadata=spec("uuid", required=True))
    day: str = field(metadata=spec("date", required=True))
    symptom_id: str = field(metadata=spec("id", key="symptom", required=True))  # "other" for the person's own
    name: str = field(metadata=spec("text", required=True))
    score: int | None = field(default=None, metadata=spec("score"))
    note: str = field(default="", metadata=spec("text"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    # What joins a symptom's days up: its id, or the person's own word folded ("Itchy  skin" and
    # "itchy skin" are one). Kept in the table (one entry a day for each), worked out, never typed.
    key: str = field(default="", metadata=spec("text", local=True))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        self.key = own_symptom_key(self.name) if self.symptom_id == OTHER_SYMPTOM else self.symptom_id
