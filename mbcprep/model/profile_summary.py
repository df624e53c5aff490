"""The profile as sheets, suggestions and the terminal read it: the latest result of each test, the
cancer in one line ("ER+ PR- HER2-low (1+, liver biopsy 03/2024); bone, liver"), the age, the ECOG
estimate in its words. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mbcprep.i18n import N_, _
from mbcprep.model.profile import (
    BRAIN_STATUS,
    ECOG,
    ECOG_IN_MY_WORDS,
    MARKERS,
    ORIGIN_SHORT,
    CancerSite,
    Profile,
    TumourResult,
    ecog_words,
    her2_group,
    results_of,
)


@dataclass
class ProfileView:
    """The profile with its history: every test result (oldest first) and the places of spread."""

    profile: Profile | None = None
    results: list[TumourResult] = field(default_factory=list)
    sites: list[CancerSite] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.profile is None and not self.results and not self.sites

    def latest(self, marker: str, name: str = "") -> TumourResult | None:
        """The latest result of a marker (by the month tested, then the order added)."""
        found = [r for r in self.results if r.marker == marker and (marker != "other" or r.name == name)]
        return found[-1] if found else None

    def latest_each(self) -> list[TumourResult]:
        """The latest result of each marker tested, in the order of `MARKERS` (others by name)."""
        seen: dict[tuple[str, str], TumourResult] = {}
        for r in self.results:
            seen[(r.marker, r.name.casefold() if r.marker == "other" else "")] = r
        order = list(MARKERS)
        return sorted(seen.values(), key=lambda r: (order.index(r.marker) if r.marker in order else 99, r.name))

    def site(self, site: str) -> CancerSite | None:
        return next((s for s in self.sites if s.site == site), None)


def month_slash(month: str) -> str:
    """2024-03 -> 03/2024, as reports write a month."""
    return f"{month[5:7]}/{month[:4]}" if len(month) >= 7 else month


# How a report writes each result in short (Spanish reports: RE+, RP-, HER2-bajo).
SHORT = {
    ("er", "positive"): N_("ER+"),
    ("er", "negative"): N_("ER-"),
    ("er", "low"): N_("ER-low"),
    ("pr", "positive"): N_("PR+"),
    ("pr", "negative"): N_("PR-"),
    ("pr", "low"): N_("PR-low"),
    ("her2", "positive"): N_("HER2+"),
    ("her2", "low"): N_("HER2-low"),
    ("her2", "ultralow"): N_("HER2-ultralow"),
    ("her2", "zero"): N_("HER2-0"),
    ("her2", ""): N_("HER2 2+ (ISH pending)"),
}


def receptor_words(r: TumourResult | None) -> str:
    """ER+ / PR- / ER-low / '' when not known."""
    if r is None or not r.known:
        return ""
    found = SHORT.get((r.marker, r.result))
    return _(found) if found else ""


def her2_words(r: TumourResult | None) -> str:
    """HER2+, HER2-low, HER2-ultralow, HER2-0, or HER2 2+ (waiting for ISH)."""
    if r is None or not r.known:
        return ""
    return _(SHORT[("her2", her2_group(r.result))])


def her2_score(result: str) -> str:
    """The pathologist's score, short: 1+, 2+ ISH-, 0."""
    return {"2+ish-": "2+ ISH-", "2+ish+": "2+ ISH+", "ultralow": _("0, faint")}.get(result, result)


def sites_words(view: ProfileView) -> str:
    """bone, liver, brain (stable)."""
    out = []
    for s in view.sites:
        words = s.where
        if s.status in BRAIN_STATUS:
            words = _("{where} ({status})").format(where=words, status=_(BRAIN_STATUS[s.status]))
        out.append(words)
    return ", ".join(out)


def summary_line(view: ProfileView) -> str:
    """The cancer in one line: "ER+ PR- HER2-low (1+, liver biopsy 03/2024); bone, liver"; "" when
    nothing is known."""
    er, pr, her2 = (view.latest(m) for m in ("er", "pr", "her2"))
    receptors = " ".join(x for x in (receptor_words(er), receptor_words(pr), her2_words(her2)) if x)
    if her2 is not None and her2.known:
        where_when = " ".join(x for x in (her2.sample, month_slash(her2.tested)) if x)
        how = ", ".join(x for x in (her2_score(her2.result), where_when) if x)
        receptors = f"{receptors} ({how})"
    return "; ".join(x for x in (receptors, sites_words(view)) if x)


def age_on(born: str, today: date) -> int | None:
    """Age in whole years: exact from a date of birth, from a year alone the age reached this year."""
    if len(born) == 10:
        b = date.fromisoformat(born)
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    if len(born) == 4:
        return today.year - int(born)
    return None


def result_words(r: TumourResult) -> str:
    """ "IHC 1+", "positive, 90%", "change found, Y537S": the result as the profile shows it."""
    table = results_of(r.marker)
    words = _(table[r.result]) if r.result in table else r.result
    if r.marker == "her2" and r.result in table:
        words = _("{words} ({score})").format(words=words, score=her2_score(r.result)) if "+" not in words else words
    return ", ".join(x for x in (words, r.detail) if x)


def short_result(r: TumourResult) -> str:
    """HER2 2+ ISH- (breast biopsy 05/2019), ER+ 95% (05/2019): an earlier result in a few words."""
    if r.marker == "her2":
        said = f"HER2 {her2_score(r.result)}" if r.known else r.what
    else:
        said = " ".join(x for x in (receptor_words(r) or r.what, r.detail) if x)
    where_when = " ".join(x for x in (r.sample, month_slash(r.tested)) if x)
    return _("{result} ({where_when})").format(result=said, where_when=where_when) if where_when else said


def result_line(r: TumourResult) -> str:
    """HER2: IHC 1+ (tumor tissue, liver biopsy, 03/2024)."""
    origin = _(ORIGIN_SHORT[r.origin]) if r.origin in ORIGIN_SHORT else ""
    how = ", ".join(x for x in (origin, r.sample, month_slash(r.tested)) if x)
    line = _("{what}: {result}").format(what=r.what, result=result_words(r))
    return _("{line} ({how})").format(line=line, how=how) if how else line


def ecog_line(ecog: str, on: str) -> str:
    """How active: ECOG 1 (my own estimate, 2026-12-07): I can't do hard physical work... (On the
    sheets: Restricted in physically strenuous activity...), for the person's own view."""
    if on:
        head = _("How active I am: ECOG {grade} (my own estimate, {day})").format(grade=ecog, day=on)
    else:
        head = _("How active I am: ECOG {grade} (my own estimate)").format(grade=ecog)
    # Your own words first, then the scale's wording that the sheets give a clinic.
    mine = _(ECOG_IN_MY_WORDS[ecog])  # a grade of ECOG, as the one caller checks
    return _("{head}: {mine} (On the sheets: {words})").format(head=head, mine=mine, words=ecog_words(ecog))


def header_lines(view: ProfileView, sheet: str, today: date, *, name: bool = True) -> list[tuple[str, str]]:
    """The profile at the top of a sheet handed to a clinic, as (label, words) pairs: the name (when
    the person chose to show it on `sheet`), the age or the date of birth as chosen, the cancer in one
    line, allergies and the ECOG estimate (`name=False`: without the name, said elsewhere). Labels are
    translated; the words are the person's."""
    p = view.profile
    out: list[tuple[str, str]] = []
    if name and p is not None and p.name_shown_on(sheet):
        out.append((_("Name"), p.name))
    if p is not None and p.born and p.born_shown == "age":
        out.append((_("Age"), str(age_on(p.born, today))))
    elif p is not None and p.born and p.born_shown == "date":
        out.append((_("Born"), p.born))
    cancer = summary_line(view)
    if cancer:
        out.append((_("Cancer"), cancer))
    if p is not None and (p.allergies or p.no_known_allergies):
        out.append((_("Allergies"), p.allergies or _("no known allergies")))
    if p is not None and p.ecog in ECOG:
        out.append((_("ECOG"), _("{grade} (my own estimate)").format(grade=p.ecog)))
    return out
