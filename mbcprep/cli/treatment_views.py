"""Side effects by line of treatment as text for the terminal (`trends --by-treatment`): for each
treatment, each symptom's average in the weeks before it began and while on it, and its chart with
the start (and the stop) marked "|". In plain mode no chart is drawn: the averages are said."""

from __future__ import annotations

from typing import Any

from mbcprep.actions.treatment_trends import ByTreatment
from mbcprep.i18n import _, ngettext
from mbcprep.model.care import kind_words, treatment_when
from mbcprep.model.treatment_trends import BEFORE_DAYS, TreatmentTrend, average_words, treatment_line
from mbcprep.text import one_line, wrap

WIDTH = 78
NAME = 22  # a symptom's name, then its two averages, then its chart


def by_treatment(found: ByTreatment, *, plain: bool) -> str:
    if not found.trends:
        if not found.any_scores:
            return _("No symptom scores yet. Note how you feel with: mbcprep diary")
        return _(
            "No treatment with a start month to compare with. Add one with: mbcprep treatments add --started 2026-09"
        )
    weeks = BEFORE_DAYS // 7
    out = [
        wrap(
            ngettext(
                "Each symptom's average in the {n} week before a treatment began, then while on it,"
                " from your diary and your visits.",
                "Each symptom's average in the {n} weeks before a treatment began, then while on it,"
                " from your diary and your visits.",
                weeks,
            ).format(n=weeks),
            WIDTH,
        )
    ]
    if not plain:
        out.append(wrap(_("On each chart, | marks when the treatment began and when it stopped."), WIDTH))
    for trend in found.trends:
        out.append("")
        out.append(wrap(heading(trend), WIDTH))
        if not trend.changes:
            out.append("  " + _("No scores from that time."))
            continue
        for change in trend.changes:
            before, during = average_words(change.before), average_words(change.during)
            if plain:
                said = _("{symptom}: {before} in the weeks before, {during} while on it.").format(
                    symptom=one_line(change.name, 40), before=before, during=during
                )
                out.append(wrap(said, WIDTH, "  "))
                continue
            numbers = f"{before:>4} -> {during:<4}"
            out.append(f"  {one_line(change.name, NAME):<{NAME}} {numbers} {trend.marked(change)}".rstrip())
        out.append(wrap(treatment_line(trend), WIDTH, "  "))
    for t in found.no_start:
        out.append("")
        out.append(
            wrap(
                _("{treatment} has no month it started, so it is left out.").format(treatment=one_line(t.what, 60)),
                WIDTH,
            )
        )
    return "\n".join(out)


def heading(trend: TreatmentTrend) -> str:
    t = trend.treatment
    return _("{treatment} ({kinds}), {when}").format(
        treatment=one_line(t.what, 50), kinds=kind_words(t.kind), when=treatment_when(t)
    )


def by_treatment_json(found: ByTreatment) -> list[dict[str, Any]]:
    return [
        {
            "treatment": trend.treatment.what,
            "kind": [k for k in trend.treatment.kind.split(",") if k],
            "started": trend.treatment.started,
            "stopped": trend.treatment.stopped,
            "began": trend.start.isoformat(),
            "until": trend.end.isoformat(),
            "line": treatment_line(trend),
            "symptoms": [
                {
                    "symptom": c.key,
                    "name": c.name,
                    "before": None if c.before is None else round(c.before, 2),
                    "during": None if c.during is None else round(c.during, 2),
                    "new": c.new,
                }
                for c in trend.changes
            ],
        }
        for trend in found.trends
    ]
