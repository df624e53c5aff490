"""Plain-text views for the terminal: fit 80 columns, no colour needed, nothing heavy to import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mbcprep.i18n import _, ngettext
from mbcprep.languages import language_name
from mbcprep.text import json_text, one_line, printable, wrap

if TYPE_CHECKING:
    from mbcprep.content.bank_check import BankReport
    from mbcprep.errors import Problem
    from mbcprep.model.content import Content, Question, Term

WIDTH = 78


def as_json(data: Any) -> str:
    return json_text(data, indent=2)


def _fill(text: str, indent: str = "") -> str:
    return wrap(one_line(text), WIDTH, indent)


def visits_table(rows: Sequence[Any], kinds: dict[str, str] | None = None) -> str:
    """One line a visit; the kind is shown by its id, the word people type for --kind."""
    if not rows:
        return _("No visits yet. Start one with: mbcprep new-visit")
    # Translators: column headings of the visits list; keep them short (4, 10, 20, 16, 3, 5 letters).
    names = (_("ID"), _("DATE"), _("KIND"), _("WITH"), _("QS"), _("STATE"), _("DEBRIEF"))
    ready, draft = _("ready"), _("draft")
    # Each column as wide as its heading and its words in this language ("borrador" is 8 letters).
    n, q, s = max(4, len(names[0])), max(3, len(names[4])), max(5, len(names[5]), len(ready), len(draft))
    head = (
        f"{names[0]:>{n}}  {names[1]:<10}  {names[2]:<20}  {names[3]:<16}  {names[4]:>{q}}  {names[5]:<{s}}  {names[6]}"
    )
    lines = [head]
    for r in rows:
        kind = one_line((kinds or {}).get(r.kind, r.kind), 20)
        state = ready if r.status == "ready" else draft
        after = _("done") if r.debriefed else "-"
        lines.append(
            f"{r.id:>{n}}  {one_line(r.visit_date, 10) or '-':<10}  {kind:<20}  {one_line(r.with_whom, 16) or '-':<16}"
            f"  {r.question_count:>{q}}  {state:<{s}}  {after}"
        )
    return "\n".join(lines)


def visits_list(rows: Sequence[Any], kinds: dict[str, str] | None = None) -> str:
    """The visits table said as lines, for plain mode: 'Visit 3: Friday 15 January 2027, results,
    with Dr Rivera, 6 questions, ready'."""
    from datetime import date

    from mbcprep.cli.spoken import spoken_list
    from mbcprep.i18n import long_date

    if not rows:
        return _("No visits yet. Start one with: mbcprep new-visit")
    said = []
    for r in rows:
        try:
            when = long_date(date.fromisoformat(r.visit_date))
        except ValueError:
            when = _("no date yet")
        if r.visit_time:
            # Translators: a visit's day and time in the spoken list of visits ("Friday 15 January 2027 at 14:30").
            when = _("{date} at {time}").format(date=when, time=r.visit_time)
        details = [
            when,
            (kinds or {}).get(r.kind, r.kind),
            _("with {name}").format(name=one_line(r.with_whom, 60)) if r.with_whom.strip() else "",
            # Translators: where a visit is, in the spoken list of visits ("at Example Cancer Center").
            _("at {place}").format(place=one_line(r.place, 60)) if r.place.strip() else "",
            ngettext("{n} question", "{n} questions", r.question_count).format(n=r.question_count),
            _("ready") if r.status == "ready" else _("draft, not finished"),
            _("answers noted after the visit") if r.debriefed else "",
        ]
        said.append((_("Visit {id}").format(id=r.id), details))
    return spoken_list(said)


def questions_list(questions: Iterable[Question], content: Content, hidden: int = 0) -> str:
    out: list[str] = []
    topic = None
    for q in questions:
        if q.topic != topic:
            topic = q.topic
            out += ["", one_line(content.topic_label(topic)).upper()]
        out.append(_fill(q.text, "  ") + f"  [{one_line(q.id)}]")
        out.append(_fill(q.why, "      "))
    if not out:
        out.append(_("No questions match. Try fewer words, or another topic."))
    if hidden:
        said = ngettext(
            "{n} more question about the future is hidden. Add --include-sensitive to see it.",
            "{n} more questions about the future are hidden. Add --include-sensitive to see them.",
            hidden,
        )
        out += ["", _fill(said.format(n=hidden))]
    return "\n".join(out).lstrip("\n")


def suggested_list(questions: Sequence[Question], heading: str) -> str:
    """`questions --for-me`: numbered, in the order a new visit offers them."""
    if not questions:
        return _("No questions to suggest for this kind of visit.")
    out = [heading, ""]
    for n, q in enumerate(questions, 1):
        out.append(_fill(f"{n:>2}. {q.text}", "    ") + f"  [{one_line(q.id)}]")
        out.append(_fill(q.why, "      "))
    return "\n".join(out)


def checklist(content: Content) -> str:
    out = [_("WHAT MATTERS TO ME"), ""]
    for c in content.considerations.values():
        out.append(_fill(c.prompt, "  ") + f"  [{one_line(c.id)}]")
        if c.answer == "choice":
            out.append(_fill(_("Choices: {choices}").format(choices=" / ".join(c.choices)), "      "))
        elif c.answer == "scale":
            out.append(_fill(_("0 to 10: 0 = {low}; 10 = {high}").format(low=c.low, high=c.high), "      "))
        else:
            out.append("      " + _("Your own words."))
        out.append(_fill(c.help, "      "))
    return "\n".join(out)


def glossary(terms: Sequence[Term]) -> str:
    out = []
    for t in terms:
        also = _(" (also: {words})").format(words=", ".join(t.also)) if t.also else ""
        out.append(one_line(t.term + also))
        out.append(_fill(t.meaning, "    "))
    return "\n".join(out)


def problems(found: Sequence[Problem], limit: int = 100) -> str:
    """FILE:LINE lines, at most `limit` of them: the rest are counted, not printed."""
    lines = [one_line(str(p)) for p in found[:limit]]
    if len(found) > limit:
        more = len(found) - limit
        lines.append(
            ngettext(
                "... and {n} more problem. Fix these first, then check again.",
                "... and {n} more problems. Fix these first, then check again.",
                more,
            ).format(n=more)
        )
    return "\n".join(lines)


def bank_ok(path: object, report: BankReport) -> str:
    said = ngettext(
        "{path}: no problems found ({n} question).", "{path}: no problems found ({n} questions).", report.questions
    )
    lines = [printable(said.format(path=path, n=report.questions))]
    if len(report.languages) > 1:
        counts = ", ".join(f"{language_name(code)} {n}" for code, n in sorted(report.languages.items()))
        lines.append(_fill(_("Questions in each language: {counts}.").format(counts=counts)))
    if report.replaces:
        lines.append(
            _fill(_("It replaces these questions of mbcprep's own: {ids}.").format(ids=", ".join(report.replaces)))
        )
    return "\n".join(lines)


def urgent(content: Content) -> str:
    """The signs that cannot wait for a visit, by how soon to get help, most urgent first."""
    out = [_("Don't wait for your visit"), ""]
    out.append(_fill(_("Some signs need help now, not at your next visit. If you are not sure, call your care team.")))
    for level in content.urgent_levels.values():
        signs = [w for w in content.warning_signs.values() if w.level == level.id]
        if not signs:
            continue
        out += ["", _fill(level.label)]
        if level.help:
            out.append(_fill(level.help, "  "))
        for sign in signs:
            out.append(wrap(one_line("- " + sign.text), WIDTH, "  ").replace("\n  ", "\n    "))
            if sign.advice:
                out.append(_fill(sign.advice, "    "))
    return "\n".join(out)
