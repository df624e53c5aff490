"""Results: scans, tumour markers and blood tests (`mbcprep results`, `trends --results`), and what
other pages ask of them: the recent blood counts and liver and kidney tests (`recent_labs`, for the
trial page) and whether the latest scan says bigger or new (`latest_scan_grew`, for the suggestions).

Plain functions: they take plain values, return records and never print. Adding, changing, listing
and removing go through `mbcprep.actions.care` (the list `RESULTS`), as a treatment's do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mbcprep.model.results import GREW, OTHER_LAB, Result

if TYPE_CHECKING:
    from datetime import date

    from mbcprep.model.lab_trends import LabTrend
    from mbcprep.model.trends import Chart
    from mbcprep.storage.store import Store


def name_lab(result: Result, *, unit_given: bool = True) -> Result:
    """A result with its lab found in the list (`data/labs.yaml`): the lab's id and its name as the
    list writes it (in the chosen language), and its usual unit when none was given. A scan, or a
    name not in the list, is kept as it is (id "other")."""
    if not result.lab.strip():
        return replace(result, lab_id="") if result.lab_id else result
    from mbcprep.content.labs import find_lab

    lab = find_lab(result.lab)
    if lab is None:
        return replace(result, lab_id=OTHER_LAB)
    unit = result.unit if (unit_given or result.unit) else lab.unit
    return replace(result, lab=lab.name, lab_id=lab.id, unit=unit)


RECENT_GROUPS = ("blood", "liver", "kidney")  # a blood count, and the liver and kidney tests


@dataclass(frozen=True)
class LabValue:
    """A lab's latest value: what a page shows of it."""

    lab_id: str
    name: str
    group: str  # "blood", "liver", "kidney", "marker" or "other"
    day: str
    value: float
    unit: str
    low: float | None
    high: float | None
    loinc: str  # "" when not known


def recent_labs(store: Store, groups: tuple[str, ...] = RECENT_GROUPS) -> list[LabValue]:
    """The latest value of each lab in `groups` (by default the blood counts and the liver and kidney
    tests: what a trial team asks first), in the order of the lab list. Names typed that are not in
    the list are left out (their group is not known). One SQL query: the latest row of each lab."""
    from mbcprep.content.labs import labs

    wanted = [lab for lab in labs() if lab.group in groups]
    latest = store.latest_values(tuple(lab.id for lab in wanted))
    return [LabValue(lab.id, lab.name, lab.group, *latest[lab.id], lab.loinc) for lab in wanted if lab.id in latest]


def latest_scan(store: Store) -> Result | None:
    """The most recent scan kept (None when there is none)."""
    return store.latest_scan()


def latest_scan_grew(store: Store) -> bool:
    """Whether the latest scan's report says bigger or new spots: what the "what next" questions
    are for. False when there is no scan, or its report says anything else."""
    scan = latest_scan(store)
    return scan is not None and scan.finding in GREW


def lab_trends(
    store: Store, since: str | None = None, today: date | None = None
) -> tuple[Chart | None, list[LabTrend]]:
    """Each lab's values over time on one chart (`trends --results`), from `since` on; the tumour
    markers marked as such (read together with scans)."""
    from mbcprep.content.labs import by_id
    from mbcprep.i18n import _
    from mbcprep.inputs import parse_date

    day = parse_date(since, today, what=_("The --since given")) if since is not None else None
    found = store.lab_trends(day)
    if found is None:
        return None, []
    labs = by_id()
    for trend in found[1]:
        lab = labs.get(trend.lab_id)
        trend.marker = lab is not None and lab.is_marker
    return found


def lab_points(store: Store, since: str | None = None, today: date | None = None) -> dict[str, list[tuple[str, float]]]:
    """Every value of each lab, by its key, day by day (for --json)."""
    from mbcprep.i18n import _
    from mbcprep.inputs import parse_date

    day = parse_date(since, today, what=_("The --since given")) if since is not None else None
    return store.lab_points(day)
