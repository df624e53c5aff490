"""My care in one place: the treatment history (lines of therapy), the medicines taken now and the
care team, each declared once (see `mbcprep.model.record`). The treatment fields follow what an ASCO
treatment summary records (Cancer.Net, "ASCO Answers: Cancer Treatment Summary"). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field

from mbcprep.i18n import N_, _
from mbcprep.model.record import spec

# The kinds of treatment, and what each is called (the ids are what `--kind` takes and a backup holds).
TREATMENT_KINDS = {
    "hormone": N_("hormone therapy"),
    "targeted": N_("targeted therapy"),
    "chemotherapy": N_("chemotherapy"),
    "adc": N_("antibody-drug conjugate"),
    "immunotherapy": N_("immunotherapy"),
    "radiation": N_("radiation"),
    "surgery": N_("surgery"),
    "other": N_("other"),
}
# Why a treatment stopped ("" while it goes on).
STOP_REASONS = {
    "stopped-working": N_("it stopped working"),
    "side-effects": N_("side effects"),
    "finished": N_("finished as planned"),
    "my-choice": N_("my choice"),
    "other": N_("other"),
}
# Roles offered for the care team; a person may type any other.
TEAM_ROLES = (
    N_("oncologist"),
    N_("oncology nurse"),
    N_("nurse navigator"),
    N_("palliative care"),
    N_("family doctor (GP)"),
    N_("radiation oncologist"),
    N_("surgeon"),
    N_("pharmacist"),
    N_("social worker"),
    N_("counselor"),
)


@dataclass
class Treatment:
    uuid: str = field(metadata=spec("uuid", required=True))
    what: str = field(metadata=spec("text", required=True))  # "letrozole + palbociclib"
    kind: str = field(default="other", metadata=spec("choice", choices=tuple(TREATMENT_KINDS)))
    started: str = field(default="", metadata=spec("month"))  # 2024-03, or a whole date
    stopped: str = field(default="", metadata=spec("month"))  # "" while it goes on
    why_stopped: str = field(default="", metadata=spec("choice", choices=("", *STOP_REASONS)))
    how_it_went: str = field(default="", metadata=spec("text"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    @property
    def current(self) -> bool:
        """Still going on: no month it stopped and no reason it stopped (a reason alone means it
        stopped, the month not known)."""
        return not self.stopped and not self.why_stopped


def kind_words(kind: str) -> str:
    """What a kind of treatment is called, in the chosen language."""
    return _(TREATMENT_KINDS[kind]) if kind in TREATMENT_KINDS else kind


def stop_words(reason: str) -> str:
    """Why a treatment stopped, in words ("" while it goes on)."""
    return _(STOP_REASONS[reason]) if reason in STOP_REASONS else ""


@dataclass
class Medicine:
    uuid: str = field(metadata=spec("uuid", required=True))
    name: str = field(metadata=spec("text", required=True))  # supplements and herbs too
    dose: str = field(default="", metadata=spec("text"))
    how_often: str = field(default="", metadata=spec("text"))
    what_for: str = field(default="", metadata=spec("text"))
    since: str = field(default="", metadata=spec("month"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)


@dataclass
class TeamMember:
    uuid: str = field(metadata=spec("uuid", required=True))
    name: str = field(metadata=spec("text", required=True))
    role: str = field(default="", metadata=spec("text"))
    place: str = field(default="", metadata=spec("text"))
    phone: str = field(default="", metadata=spec("text"))
    after_hours: bool = field(default=False, metadata=spec("flag"))  # the one to call after hours
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        self.after_hours = bool(self.after_hours)  # SQLite gives back 0 or 1
