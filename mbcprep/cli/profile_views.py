"""`mbcprep profile` as plain text for the terminal: short lines, no table to read across (they read
well aloud and at 80 columns)."""

from __future__ import annotations

from datetime import date

from mbcprep.i18n import _
from mbcprep.model.profile import (
    BRAIN_STATUS,
    ECOG,
    HOW_FOUND,
    NAME_SHEETS,
    SEXES,
    YES_NO,
    TumourResult,
)
from mbcprep.model.profile_summary import ProfileView, age_on, ecog_line, month_slash, result_line, summary_line
from mbcprep.text import one_line, wrap

WIDTH = 78
INDENT = "    "


def person_lines(view: ProfileView, today: date) -> list[str]:
    p = view.profile
    if p is None:
        return []
    lines = []
    head = p.name or _("(no name given)")
    if p.pronouns:
        head = _("{name} ({pronouns})").format(name=head, pronouns=p.pronouns)
    lines.append(head)
    facts = []
    if p.born:
        age = age_on(p.born, today)
        facts.append(_("born {born} (age {age})").format(born=p.born, age=age) if age is not None else p.born)
    if p.sex in SEXES:
        facts.append(_(SEXES[p.sex]))
    if p.pregnancy_possible in YES_NO:
        facts.append(_("pregnancy possible: {answer}").format(answer=_(YES_NO[p.pregnancy_possible])))
    if facts:
        lines.append(", ".join(facts))
    if p.name:
        sheets = [_(NAME_SHEETS[s]) for s in p.name_on.split(",") if s in NAME_SHEETS]
        lines.append(
            _("Your name shows on: {sheets}").format(sheets=", ".join(sheets))
            if sheets
            else _("Your name shows on no sheet.")
        )
    return lines


def _numbered(r: TumourResult) -> str:
    """A result's line with the number `profile remove-result` takes."""
    return _("{number}. {line}").format(number=r.id, line=result_line(r)) if r.id is not None else result_line(r)


def shown(view: ProfileView, today: date) -> str:
    """The whole profile: who, the cancer in a line, the latest result of each test (the earlier ones
    after), where it has spread, allergies and the ECOG estimate."""
    if view.empty:
        return _(
            "No profile yet. Tell mbcprep about you and your cancer with: mbcprep profile edit"
            " (or, from a script, mbcprep profile set --help)."
        )
    blocks = []
    blocks.append("\n".join(wrap(one_line(x), WIDTH) for x in person_lines(view, today)))
    cancer = [_("My cancer: {line}").format(line=summary_line(view) or _("not given yet"))]
    p = view.profile
    if p is not None:
        dates = []
        if p.first_diagnosed:
            dates.append(_("first found {month}").format(month=month_slash(p.first_diagnosed)))
        if p.metastatic_since:
            dates.append(_("spread since {month}").format(month=month_slash(p.metastatic_since)))
        if p.how_found in HOW_FOUND:
            dates.append(_(HOW_FOUND[p.how_found]))
        if dates:
            cancer.append(", ".join(dates))
    blocks.append("\n".join(wrap(one_line(x), WIDTH) for x in cancer))
    latest = view.latest_each()
    if latest:
        lines = [_("Test results (the latest of each):")]
        lines += [wrap(one_line(_numbered(r)), WIDTH, INDENT) for r in latest]
        earlier = [r for r in view.results if r not in latest]
        if earlier:
            lines.append(_("Earlier results (kept):"))
            lines += [wrap(one_line(_numbered(r)), WIDTH, INDENT) for r in reversed(earlier)]
        lines.append(wrap(_("A result typed by mistake: mbcprep profile remove-result NUMBER"), WIDTH))
        blocks.append("\n".join(lines))
    if view.sites:
        lines = [_("Where it has spread:")]
        for s in view.sites:
            words = s.where
            if s.since:
                words = _("{where}, since {month}").format(where=words, month=month_slash(s.since))
            if s.status in BRAIN_STATUS:
                words = _("{where}: spots {status}").format(where=words, status=_(BRAIN_STATUS[s.status]))
            lines.append(wrap(one_line(words), WIDTH, INDENT))
        blocks.append("\n".join(lines))
    if p is not None:
        lines = []
        if p.allergies:
            lines.append(_("Allergies: {allergies}").format(allergies=p.allergies))
        elif p.no_known_allergies:
            lines.append(_("Allergies: no known allergies"))
        if p.ecog in ECOG:
            lines.append(ecog_line(p.ecog, p.ecog_on))
        if lines:
            blocks.append("\n".join(wrap(one_line(x), WIDTH) for x in lines))
    return "\n\n".join(b for b in blocks if b)
