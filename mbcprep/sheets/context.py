"""What a sheet shows that is not in the visit itself, and the choices made for its reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.profile_summary import ProfileView

# Who a sheet of the visit is for: the person, the doctor, the family at home.
READERS = ("me", "doctor", "family")
# And the trial page (`--for trial`): the person's profile and treatments for a trial team, not the visit.
TRIAL = "trial"


@dataclass(frozen=True)
class SheetContext:
    """Built for one visit by `mbcprep.actions.sheets.sheet_context`.

    `changes` are whole sentences of what changed since the last visit ("Tiredness went from 3 to 7
    since your visit on 8 December"), in the order to show them; none, no section.
    """

    medicines: list[Medicine] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)  # from the first to the latest
    team: list[TeamMember] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    # Who the person is and what their cancer is (`mbcprep profile`); None when none is kept.
    profile: ProfileView | None = None
    # The doctor's page's lines about results and side effects (issue 21), whole sentences made
    # elsewhere: the latest scan and the tumour markers' trend ("Tumour markers: CA 15-3 32 (1
    # September), 48 U/mL (1 November)"), and each treatment going on with its symptoms before and
    # since ("Since capecitabine began (September 2026): tiredness 4 -> 6, hand-foot soreness new").
    results: list[str] = field(default_factory=list)
    by_treatment: list[str] = field(default_factory=list)
    # (list, number) of each record shown or used that no longer matches its checksum: a warning.
    damaged: list[tuple[str, int]] = field(default_factory=list)
    # The trial page's recent blood counts and liver and kidney tests (`mbcprep results`), each lab's
    # latest value as plain values: {"name", "value", "unit", "day", "low", "high", "loinc", "group"}.
    labs: list[dict[str, Any]] = field(default_factory=list)
    travel: int = 45  # minutes it takes to get to a visit (`mbcprep settings travel`): when to leave


@dataclass(frozen=True)
class SheetOptions:
    """What the person chose for a sheet someone else reads. The family sheet leaves scores and notes
    out unless they are asked for; `message` is what the person wants the family to know."""

    scores: bool = False
    notes: bool = False
    message: str = ""
    # What happened at the visit (the questions' answers, what was told, the next date): off unless the
    # person says so; a sensitive question even then only when chosen by its id, one by one.
    after_visit: bool = False
    sensitive: frozenset[str] = frozenset()
