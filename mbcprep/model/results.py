"""Results a person keeps after a results visit: a scan (what kind, what was looked at, the report's
words) or a lab value (a tumour marker or a blood test: its name, value, unit and the lab's range),
declared once (see `mbcprep.model.record`). One record is one or the other: a scan has `scan` set, a
lab value has `lab` and `value`. No I/O here.

The report's words follow how radiology reports and Cancer.Net describe a scan compared with the one
before (stable, smaller, bigger, new spots, mixed); the lab names are listed, with their units and
where they come from, in `data/labs.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mbcprep.i18n import N_, _
from mbcprep.model.record import number_field, number_words, spec, text_field
from mbcprep.model.visit import own_symptom_key

SCAN_KINDS = {
    "ct": N_("CT scan"),
    "pet-ct": N_("PET-CT scan"),
    "mri": N_("MRI"),
    "bone-scan": N_("bone scan"),
    "x-ray": N_("X-ray"),
    "ultrasound": N_("ultrasound"),
    "other": N_("other scan"),
}
# What the report says, compared with the scan before.
FINDINGS = {
    "stable": N_("stable"),
    "smaller": N_("smaller"),
    "bigger": N_("bigger"),
    "new": N_("new spots"),
    "mixed": N_("mixed"),
    "not-sure": N_("not sure"),
}
GREW = ("bigger", "new")  # the findings that say the cancer grew or spread
OTHER_LAB = "other"  # the lab id of a name a person typed that is not in the list


@dataclass
class Result:
    """A result kept with 'mbcprep results': a lab value, or a scan and what its report says."""

    uuid: str = field(metadata=spec("uuid", required=True))
    day: str = field(
        default="",
        metadata=spec(
            "date",
            required=True,
            option="--date",
            metavar=N_("DATE"),
            help=N_("When the test or scan was done: 2026-09-01, sep 1, yesterday..."),
            prompt=N_("When was it done?"),
            listed="first",
            past=N_("A result is kept once the test or scan is done: give the day it was done, today or earlier."),
        ),
    )
    lab: str = text_field(  # the lab's name as chosen or typed ("CA 15-3"); "" for a scan
        option="--lab",
        help=N_('A blood test or tumour marker: its name, e.g. "CA 15-3", "hemoglobin".'),
        prompt=N_("Which test?"),
        listed="head",
        shown=lambda r, surface: result_title(r),
    )
    # The lab's id in the list (`data/labs.yaml`), "other" for a name typed, "" for a scan: worked out
    # from the name when it is given, never typed.
    lab_id: str = field(default="", metadata=spec("text"))
    value: float | None = number_field(
        option="--value",
        help=N_("The lab's result, e.g. 48 or 4.5."),
        prompt=N_("What was the result? (the number)"),
    )
    unit: str = text_field(
        option="--unit",
        help=N_('Its unit, as the report writes it: "U/mL", "g/dL", "x10^9/L".'),
        prompt=N_("Its unit? (Enter to skip)"),
    )
    low: float | None = number_field(
        option="--low",
        help=N_("The low end of the lab's range, if the report gives one."),
        prompt=N_("The low end of the lab's range? (Enter if there is none)"),
    )
    high: float | None = number_field(
        option="--high",
        help=N_("The high end of the lab's range, if the report gives one."),
        prompt=N_("The high end of the lab's range? (Enter if there is none)"),
        listed=N_("The lab's range: {range}"),
        shown=lambda r, surface: range_words(r),
    )
    scan: str = field(
        default="",
        metadata=spec(
            "choice",
            choices=("", *SCAN_KINDS),
            words=SCAN_KINDS,
            option="--scan",
            metavar=N_("KIND"),
            help=N_("A scan: ct, pet-ct, mri, bone-scan, x-ray, ultrasound or other."),
            prompt=N_("What kind of scan?"),
        ),
    )
    area: str = text_field(
        option="--area",
        help=N_('What the scan looked at, e.g. "chest, abdomen and pelvis".'),
        prompt=N_("What did it look at? (Enter to skip)"),
        hint=N_("For example: chest, abdomen and pelvis"),
    )
    finding: str = field(
        default="",
        metadata=spec(
            "choice",
            choices=("", *FINDINGS),
            words=FINDINGS,
            option="--finding",
            metavar=N_("WORD"),
            help=N_(
                "What the report says, compared with the last scan: stable, smaller, bigger, new, mixed or not-sure."
            ),
            prompt=N_("What does the report say, compared with the last scan?"),
        ),
    )
    note: str = text_field(
        option="--note",
        help=N_("A note: the report's own words, what the doctor said."),
        prompt=N_("A note? (Enter to skip)"),
        hint=N_("For example: the report's words, or what the doctor said"),
        listed=N_("Note: {note}"),
    )
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    # What joins a lab's values up: its id in the list, or the name typed, folded ("" for a scan).
    key: str = field(default="", metadata=spec("text", local=True))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        self.key = lab_key(self.lab_id, self.lab)

    @property
    def is_scan(self) -> bool:
        return bool(self.scan)

    def problem(self) -> str:
        """What does not hold between its fields ("" when all is well)."""
        if self.scan and (self.lab or self.value is not None):
            return _("A result is a scan or a lab value, not both: give --scan or --lab, not both.")
        if not self.scan and not self.lab:
            return _("Say what it is: --lab NAME --value NUMBER, or --scan KIND.")
        if self.lab and self.value is None:
            return _("A lab value needs its number: --value.")
        if self.low is not None and self.high is not None and self.low > self.high:
            return _("The low end of the range is above the high end.")
        return ""


def lab_key(lab_id: str, name: str) -> str:
    """The key that joins a lab's values: its id in the list, else the name folded ("" for a scan)."""
    if lab_id and lab_id != OTHER_LAB:
        return lab_id
    return own_symptom_key(name) if name.strip() else ""  # "other:" and the name folded


def scan_words(kind: str) -> str:
    return _(SCAN_KINDS[kind]) if kind in SCAN_KINDS else kind


def finding_words(finding: str) -> str:
    """What one scan's report says, in the language in use: the words agree with one report ("estable",
    not the "estables" of the profile's brain metastases, which shares the English word)."""
    from mbcprep.i18n import pgettext

    said = {
        "stable": pgettext("what one scan's report says, compared with the scan before", "stable"),
        "smaller": pgettext("what one scan's report says, compared with the scan before", "smaller"),
        "bigger": pgettext("what one scan's report says, compared with the scan before", "bigger"),
        "new": pgettext("what one scan's report says, compared with the scan before", "new spots"),
        "mixed": pgettext("what one scan's report says, compared with the scan before", "mixed"),
        "not-sure": pgettext("what one scan's report says, compared with the scan before", "not sure"),
    }
    return said.get(finding, "")


def range_words(r: Result) -> str:
    """The lab's range as the report gives it: "0-30", "under 30", "over 3.5" ("" when not given)."""
    low, high = number_words(r.low), number_words(r.high)
    if low and high:
        return _("{low} to {high}").format(low=low, high=high)
    if high:
        return _("under {high}").format(high=high)
    if low:
        return _("over {low}").format(low=low)
    return ""


def value_words(r: Result) -> str:
    """ "48 U/mL" """
    return " ".join(x for x in (number_words(r.value), r.unit) if x)


def result_title(r: Result) -> str:
    """A result in one line: "CA 15-3: 48 U/mL", "CT scan (chest): stable"."""
    if r.scan:
        what = scan_words(r.scan)
        if r.area:
            what = _("{scan} ({area})").format(scan=what, area=r.area)
        found = finding_words(r.finding)
        return _("{scan}: {finding}").format(scan=what, finding=found) if found else what
    return _("{lab}: {value}").format(lab=r.lab, value=value_words(r))
