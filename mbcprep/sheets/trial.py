"""The trial page (`export latest --for trial`): one printed page with what a clinical trial team asks
first, from the profile and the treatment history (`mbcprep.model.trial.trial_facts`): the subtype,
the biomarkers with their dates, where the cancer has spread and the brain's status, each line of
treatment with its dates and why it stopped, the person's own ECOG estimate, and how to use the page
with a trial navigator or a trial search site. What a person typed is a text node, never markup.

The recent blood counts and liver and kidney tests a trial also asks for are the latest of each kept
with `mbcprep results` (`mbcprep.actions.results.recent_labs`, put in the sheet's context).
"""

from __future__ import annotations

from typing import Any

from mbcprep.formats.document import (
    Block,
    Bullets,
    Inline,
    Item,
    Paragraph,
    Rule,
    Table,
    Text,
    heading,
    joined,
    typed,
    words,
)
from mbcprep.i18n import N_, _
from mbcprep.model.profile import HOW_FOUND_SHORT, SEXES
from mbcprep.model.profile_summary import ProfileView, month_slash
from mbcprep.sheets.sections import SheetFacts

DOT = (Text(" · "),)


def facts_of(s: SheetFacts) -> dict[str, Any]:
    from mbcprep.model.trial import trial_facts

    return trial_facts(s.context.profile or ProfileView(), s.context.treatments, s.made_on, s.context.labs)


def header(s: SheetFacts) -> list[Block]:
    """The title, who (as chosen), and a line saying where the page comes from."""
    f = facts_of(s)
    who = []
    if f["name"]:
        who.append(words(_("**Name:** {name}"), name=typed(f["name"])))
    if f["age"] is not None:
        who.append(words(_("**Age:** {age}"), age=str(f["age"])))
    if f["sex"] in SEXES:
        who.append(words(_("**Sex:** {sex}"), sex=_(SEXES[f["sex"]])))
    if f["allergies"]:
        who.append(words(_("**Allergies:** {allergies}"), allergies=typed(f["allergies"])))
    out: list[Block] = [heading(_("# For a clinical trial team"))]
    if who:
        out.append(Paragraph(joined(who, DOT)))
    out.append(Paragraph(words(_("*From my own records: please check them against my medical record.*"))))
    if (s.context.profile or ProfileView()).empty:
        out.append(Paragraph(words(_("No profile yet: 'mbcprep profile edit' fills in this page."))))
    return out


def cancer(s: SheetFacts) -> list[Block]:
    f = facts_of(s)
    parts = []
    if f["subtype"]:
        parts.append(words(_("**Subtype:** {subtype}"), subtype=typed(f["subtype"])))
    if f["first_diagnosed"]:
        parts.append(words(_("**First found:** {month}"), month=month_slash(f["first_diagnosed"])))
    if f["metastatic_since"]:
        parts.append(words(_("**Metastatic since:** {month}"), month=month_slash(f["metastatic_since"])))
    if f["how_found"] in HOW_FOUND_SHORT:
        parts.append((Text(_(HOW_FOUND_SHORT[f["how_found"]])),))
    return [Paragraph(joined(parts, DOT))] if parts else []


def biomarkers(s: SheetFacts) -> list[Block]:
    """The latest result of each test in a table (test, result, what and where was tested, when); the
    earlier ones in a line under it."""
    view = s.context.profile or ProfileView()
    latest = view.latest_each()
    if not latest:
        return []
    from mbcprep.model.profile import ORIGIN_SHORT
    from mbcprep.model.profile_summary import result_words

    def sample(r: Any) -> str:
        origin = _(ORIGIN_SHORT[r.origin]) if r.origin in ORIGIN_SHORT else ""
        return ", ".join(x for x in (origin, r.sample) if x)

    header = ((Text(_("Test")),), (Text(_("Result")),), (Text(_("Sample")),), (Text(_("When")),))
    rows = tuple(
        ((typed(short_name(r)),), (typed(result_words(r)),), (typed(sample(r)),), (Text(month_slash(r.tested)),))
        for r in latest
    )
    out: list[Block] = [heading(_("## Biomarkers (the latest of each)")), Table(header, rows)]
    # Earlier ER, PR and HER2 results that differ from the latest (a trial may ask how they changed).
    earlier = [
        r
        for r in view.results
        if r not in latest and r.marker in ("er", "pr", "her2") and r.result != (view.latest(r.marker) or r).result
    ]
    if earlier:
        from mbcprep.model.profile_summary import short_result

        said = joined(((typed(short_result(r)),) for r in reversed(earlier)), DOT)
        out.append(Paragraph(words(_("**Earlier:** {results}"), results=said)))
    return out


SHORT_NAMES = {"er": N_("ER"), "pr": N_("PR")}  # as reports write them (Spanish: RE, RP)


def short_name(r: Any) -> str:
    """ER, PR, HER2, ESR1... (a table's narrow column); another test by the name given."""
    return _(SHORT_NAMES[r.marker]) if r.marker in SHORT_NAMES else str(r.what)


def sites(s: SheetFacts) -> list[Block]:
    """Where it has spread, in a line, each place with since when; the brain's status, or (when the
    brain is not ticked, which means not known) that it is not recorded here."""
    view = s.context.profile or ProfileView()
    if not view.sites:
        return []
    from mbcprep.model.profile import BRAIN_STATUS

    places = []
    for site in view.sites:
        line: tuple[Inline, ...] = (typed(site.where),)
        if site.since:
            line = words(_("{where}, since {month}"), where=line, month=month_slash(site.since))
        if site.status in BRAIN_STATUS:
            line = words(_("{where}: spots {status}"), where=line, status=_(BRAIN_STATUS[site.status]))
        places.append(line)
    if view.site("brain") is None:
        places.append(words(_("Brain: not recorded here (ask whether it was checked)")))
    return [Paragraph(words(_("**Where it has spread:** {places}"), places=joined(places, DOT)))]


def treatments(s: SheetFacts) -> list[Block]:
    """Each treatment, first to latest: its line number since the cancer spread, name, kind, months
    and why it stopped."""
    f = facts_of(s)
    if not f["treatments"]:
        return []
    header = (
        (Text(_("Line")),),
        (Text(_("Treatment")),),
        (Text(_("Kind")),),
        (Text(_("When")),),
        (Text(_("Why it stopped")),),
    )
    rows = tuple(
        (
            (Text(str(t["line"]) if t["line"] else "-"),),
            (typed(t["what"]),),
            (Text(t["kind_words"]),),
            (Text(t["when"]),),  # each span of months held on one line
            (Text(t["why_stopped_words"]),),
        )
        for t in f["treatments"]
    )
    return [heading(_("## Treatments, line by line")), Table(header, rows)]


def labs(s: SheetFacts) -> list[Block]:
    """The latest blood counts and liver and kidney tests, in a line for each day they were taken:
    each test, its value with its unit and the lab's range when given (a line, not a table: the page
    is one printed page)."""
    f = facts_of(s)
    if not f["recent_labs"]:
        return []
    from mbcprep.model.record import number_words

    def said(lab: dict[str, Any]) -> tuple[Inline, ...]:
        value = " ".join(x for x in (number_words(lab["value"]), lab["unit"]) if x)
        low, high = lab["low"], lab["high"]
        if low is None and high is None:
            return words(_("{test} {value}"), test=typed(lab["name"]), value=typed(value))
        normal = "\u2013".join(number_words(x) if x is not None else "" for x in (low, high))
        return words(_("{test} {value} ({range})"), test=typed(lab["name"]), value=typed(value), range=normal)

    days: dict[str, list[dict[str, Any]]] = {}
    for lab in f["recent_labs"]:
        days.setdefault(lab["day"], []).append(lab)
    out: list[Block] = [heading(_("## Recent blood tests (the latest of each; the lab's range in brackets)"))]
    for day in sorted(days, reverse=True):
        tests = joined((said(lab) for lab in days[day]), DOT)
        out.append(Paragraph(words(_("**{day}:** {tests}"), day=day, tests=tests)))
    return out


def ecog(s: SheetFacts) -> list[Block]:
    f = facts_of(s)
    if f["ecog"] is None:
        return []
    said = words(
        _("**ECOG {grade}** (my own estimate): {words}"), grade=str(f["ecog"]["grade"]), words=f["ecog"]["words"]
    )
    return [Paragraph(said)]


def how_to_use(s: SheetFacts) -> list[Block]:
    f = facts_of(s)
    return [heading(_("## How to use this page")), Bullets(tuple(Item((Text(x),)) for x in f["how_to_use"]))]


def footer(s: SheetFacts) -> list[Block]:
    return [Rule(), Paragraph(words(_("Made with mbcprep on {day}. Not medical advice."), day=s.made_on.isoformat()))]
