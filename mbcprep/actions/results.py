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
    from pathlib import Path

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


def in_language(records: list[Result]) -> list[Result]:
    """Results as a list shows them: a lab from the list (by its id) under the list's name in the
    language in use ("Neutrófilos (absolutos)" in Spanish, though it was added in English); a name
    typed, and a scan, as they are."""
    if not any(r.lab_id and r.lab_id != OTHER_LAB for r in records):
        return records
    from mbcprep.content.labs import by_id

    labs = by_id()
    return [replace(r, lab=labs[r.lab_id].name) if r.lab_id in labs else r for r in records]


def _lab_name(lab_id: str, name: str) -> str:
    """A lab's name in the language in use when it is from the list, else the name kept."""
    from mbcprep.content.labs import by_id

    lab = by_id().get(lab_id)
    return lab.name if lab is not None else name


def copies_in(store: Store) -> Path:
    """The folder of the checked copies of the shipped content (the lab list's too)."""
    from mbcprep.paths import CACHE_DIR

    return store.folder / CACHE_DIR


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

    wanted = [lab for lab in labs(cache_dir=copies_in(store)) if lab.group in groups]
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
    labs = by_id(cache_dir=copies_in(store))
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


MARKER_VALUES = 3  # the markers' line on the doctor's page gives each marker's last three values


def scan_line(store: Store, today: date | None = None, *, with_note: bool = True) -> str:
    """The latest scan in a line, for the doctor's page: "Latest scan (3 November): CT scan (chest),
    stable (its note in brackets unless `with_note` is False)" ("" when none is kept)."""
    from mbcprep.i18n import _
    from mbcprep.model.results import finding_words, scan_words
    from mbcprep.text import one_line

    scan = store.latest_scan()
    if scan is None:
        return ""
    what = scan_words(scan.scan)
    if scan.area.strip():
        what = _("{scan} ({area})").format(scan=what, area=scan.area)
    if scan.finding:
        what = _("{scan}, {finding}").format(scan=what, finding=finding_words(scan.finding))
    line = _("Latest scan ({date}): {scan}").format(date=_day(scan.day, today), scan=what)
    if scan.note.strip() and with_note:
        line = _("{line} ({note})").format(line=line, note=scan.note)
    return one_line(line, 160)


def markers_line(store: Store, today: date | None = None) -> str:
    """The tumour markers' trend in a line, for the doctor's page: each marker's last values with their
    dates, "Tumour markers: CA 15-3 32 (1 September), 40 (1 October), 48 U/mL (1 November)" ("" when
    none is kept)."""
    from mbcprep.i18n import _
    from mbcprep.model.record import number_words

    parts = []
    for lab_id, values in _markers(store).items():
        name, unit = _lab_name(lab_id, values[-1][0]), values[-1][1]
        said = [
            _("{value} ({date})").format(value=number_words(v), date=_day(d, today)) for _n, _u, d, v in values[:-1]
        ]
        last = " ".join(x for x in (number_words(values[-1][3]), unit) if x)
        said.append(_("{value} ({date})").format(value=last, date=_day(values[-1][2], today)))
        parts.append(_("{marker} {values}").format(marker=name, values=", ".join(said)))
    if not parts:
        return ""
    return _("Tumour markers: {markers}").format(markers="; ".join(parts))


def _markers(store: Store) -> dict[str, list[tuple[str, str, str, float]]]:
    """Each tumour marker's last MARKER_VALUES values, in day order: {lab id: [(name, unit, day, value)]}."""
    from mbcprep.content.labs import labs

    markers = tuple(lab.id for lab in labs(cache_dir=copies_in(store)) if lab.is_marker)
    by_lab: dict[str, list[tuple[str, str, str, float]]] = {}
    for lab_id, name, unit, day, value in store.last_values(markers, MARKER_VALUES):
        by_lab.setdefault(lab_id, []).append((name, unit, day, value))
    return by_lab


def _day(iso: str, today: date | None) -> str:
    from datetime import date as day_of

    from mbcprep.dates import day_words

    return day_words(day_of.fromisoformat(iso), today or day_of.today())


OUT_OF_RANGE_MOST = 3  # the doctor's page names this many blood tests outside their range, then counts


def out_of_range(store: Store) -> list[LabValue]:
    """The latest value of each blood test in the list (every lab but the tumour markers) that is
    outside the range the person typed with it (low or high), in the order of the list. A value with
    no range given is never called out of range."""
    found = recent_labs(store, ("blood", "liver", "kidney", "other"))
    return [
        lab
        for lab in found
        if (lab.low is not None and lab.value < lab.low) or (lab.high is not None and lab.value > lab.high)
    ]


def short_name(name: str) -> str:
    """A lab's name without what its brackets add: "Neutrophils" for "Neutrophils (absolute)"."""
    return name.split(" (", 1)[0].strip() or name


def out_of_range_words(lab: LabValue, today: date | None = None) -> str:
    """ "Neutrophils 1.2 10^9/L, below the lab's range (20 November)": plain words, never an alarm."""
    from mbcprep.i18n import _
    from mbcprep.model.record import number_words

    value = " ".join(x for x in (number_words(lab.value), lab.unit) if x)
    name, day = short_name(lab.name), _day(lab.day, today)
    if lab.low is not None and lab.value < lab.low:
        # Translators: a blood test's latest value on the doctor's page, below the range its report gives.
        return _("{lab} {value}, below the lab's range ({date})").format(lab=name, value=value, date=day)
    # Translators: a blood test's latest value on the doctor's page, above the range its report gives.
    return _("{lab} {value}, above the lab's range ({date})").format(lab=name, value=value, date=day)


def results_in_brief(store: Store, today: date | None = None) -> str:
    """The latest scan, the markers' trend and the blood tests outside the lab's range in one short
    line, for the doctor's page (one printed page): "Results: CT scan (3 November): stable · CA 15-3
    32 -> 40 -> 48 U/mL (1 November) · Neutrophils 1.2 10^9/L, below the lab's range (20 November)":
    each marker's last three values, to the date of the latest; each blood test's latest value when
    it is outside the range typed with it, at most OUT_OF_RANGE_MOST of them ("" when none is kept)."""
    from mbcprep.i18n import _, ngettext
    from mbcprep.model.record import number_words
    from mbcprep.model.results import finding_words, scan_words

    parts = []
    scan = store.latest_scan()
    if scan is not None:
        when = _("{scan} ({date})").format(scan=scan_words(scan.scan), date=_day(scan.day, today))
        found = finding_words(scan.finding)
        parts.append(_("{scan}: {finding}").format(scan=when, finding=found) if found else when)
    for lab_id, values in _markers(store).items():
        name, unit = short_name(_lab_name(lab_id, values[-1][0])), values[-1][1]
        trend = " -> ".join(number_words(v[3]) for v in values)
        trend = " ".join(x for x in (trend, unit) if x)
        parts.append(_("{marker} {values} ({date})").format(marker=name, values=trend, date=_day(values[-1][2], today)))
    outside = out_of_range(store)
    parts.extend(out_of_range_words(lab, today) for lab in outside[:OUT_OF_RANGE_MOST])
    if len(outside) > OUT_OF_RANGE_MOST:
        more = len(outside) - OUT_OF_RANGE_MOST
        parts.append(
            ngettext(
                "{n} more blood test outside the lab's range", "{n} more blood tests outside the lab's range", more
            ).format(n=more)
        )
    if not parts:
        return ""
    return _("Results: {results}").format(results=" · ".join(parts))
