"""What a clinical trial team asks first, from the profile and the treatment history: the subtype, the
biomarkers with their dates, where the cancer has spread (the brain's status too), each line of
treatment with its dates and why it stopped, and the person's own ECOG estimate. The trial page
(`export latest --for trial`) and its JSON (`--format json`) are both made from `trial_facts`.

What a trial team asks first follows the National Cancer Institute's "How to Find a Cancer Treatment
Trial: A 10-Step Guide" (its checklist of what to have at hand: type and subtype, the stage, the
treatments had, the results of tests) and ClinicalTrials.gov's eligibility criteria for metastatic
breast cancer trials (HR and HER2 status, the lines of therapy before, brain metastases treated or
not, ECOG performance status). Blood counts and liver and kidney tests, which a trial also asks for,
come from the results kept (`mbcprep results`), not from here. No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from mbcprep.i18n import N_, _
from mbcprep.model.care import Treatment, kind_words, stop_words, treatment_months
from mbcprep.model.profile import BRAIN_STATUS, ECOG, ecog_words
from mbcprep.model.profile_summary import ProfileView, age_on, result_line, summary_line
from mbcprep.model.record import to_record

LOCAL = ("surgery", "radiation")  # treatments of one place, not counted as a line of therapy
# How to use the page: with a trial navigator, and on a trial search site (NCI's and ClinicalTrials.gov).
HOW_TO_USE = (
    N_(
        'Bring this page to your oncologist or a nurse or trial navigator and ask: "Is there a clinical trial'
        ' that fits me?"'
    ),
    N_(
        "To search yourself: cancer.gov/clinicaltrials (National Cancer Institute, 1-800-4-CANCER) and"
        " ClinicalTrials.gov. Search for metastatic breast cancer and your subtype; compare each trial's"
        " eligibility with this page."
    ),
    N_("Trials also ask for recent blood counts and liver and kidney tests: bring your latest results."),
)


def lines_of_treatment(
    treatments: Iterable[Treatment], metastatic_since: str = ""
) -> list[tuple[int | None, Treatment]]:
    """The treatments from the first to the latest, each with its line number: the drugs given since the
    cancer spread (all of them when that month is not known) are lines 1, 2, 3...; surgery, radiation
    and treatments stopped before it spread have none."""
    out: list[tuple[int | None, Treatment]] = []
    line = 0
    from mbcprep.dates import ends_before

    for t in sorted(treatments, key=lambda t: (not t.started, t.started[:7], t.id or 0)):
        before = ends_before(t.stopped, metastatic_since)
        if t.kind in LOCAL or before:
            out.append((None, t))
        else:
            line += 1
            out.append((line, t))
    return out


def _months(t: Treatment) -> str:
    """2024-03 – 2026-01, 2026-02 – now: a table's narrow column."""
    start, end = t.started[:7], _("now") if t.current else t.stopped[:7]
    return " – ".join(x for x in (start, end) if x) if start else treatment_months(t)


def _kept(record: Any) -> dict[str, Any]:
    """A record as a backup holds it, without this computer's times of writing."""
    return {k: v for k, v in to_record(record).items() if k not in ("created_at", "updated_at")}


def trial_facts(
    view: ProfileView, treatments: Iterable[Treatment], today: date, labs: Iterable[dict[str, Any]] = ()
) -> dict[str, Any]:
    """The trial page's facts as plain values (what `--format json` writes), in the chosen language
    for the words and as kept for the ids; `labs`, the latest blood counts and liver and kidney tests
    kept with `mbcprep results` (`mbcprep.actions.results.recent_labs`)."""
    labs = [dict(lab) for lab in labs]
    p = view.profile
    brain = view.site("brain")
    lines = lines_of_treatment(treatments, p.metastatic_since if p else "")
    return {
        "name": p.name if p is not None and p.name_shown_on("trial") else "",
        "age": age_on(p.born, today) if p is not None and p.born and p.born_shown != "none" else None,
        "sex": p.sex if p is not None else "",
        "subtype": summary_line(ProfileView(None, view.results, [])),
        "first_diagnosed": p.first_diagnosed if p else "",
        "metastatic_since": p.metastatic_since if p else "",
        "how_found": p.how_found if p else "",
        "biomarkers": [{**_kept(r), "words": result_line(r)} for r in view.latest_each()],
        "earlier_results": [_kept(r) for r in view.results if r not in view.latest_each()],
        "sites": [_kept(s) for s in view.sites],
        "brain": {
            "involved": True if brain is not None else None,  # unticked is not known, never "not involved"
            "status": brain.status if brain is not None else "",
            "words": _(BRAIN_STATUS[brain.status]) if brain is not None and brain.status in BRAIN_STATUS else "",
        },
        "treatments": [
            {
                "line": number,
                **_kept(t),
                "kind_words": kind_words(t.kind),
                "when": treatment_months(t),
                "months": _months(t),
                "why_stopped_words": stop_words(t.why_stopped),
            }
            for number, t in lines
        ],
        "ecog": (
            {"grade": int(p.ecog), "words": ecog_words(p.ecog), "estimated_on": p.ecog_on, "own_estimate": True}
            if p is not None and p.ecog in ECOG
            else None
        ),
        "allergies": (p.allergies or (_("no known allergies") if p.no_known_allergies else "")) if p else "",
        "recent_labs": labs,
        # The last line asks for the latest results only when none are kept here.
        "how_to_use": [_(x) for x in (HOW_TO_USE if not labs else HOW_TO_USE[:-1])],
    }
