"""Plain-text views for the terminal: fit 80 columns, no colour needed, nothing to import."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mbcprep.models import Content, Question, Term
from mbcprep.text import json_text, one_line, printable

if TYPE_CHECKING:
    from mbcprep.content import BankReport
    from mbcprep.errors import Problem


def as_json(data: Any) -> str:
    return json_text(data, indent=2)


def visits_table(rows: Sequence[Any]) -> str:
    """One line a visit; the kind is shown by its id, the word people type for --kind."""
    if not rows:
        return "No visits yet. Start one with: mbcprep new-visit"
    head = f"{'ID':>4}  {'DATE':<10}  {'KIND':<22}  {'WITH':<18}  {'QS':>3}  STATE"
    lines = [head]
    for r in rows:
        kind = one_line(r.kind, 22)
        state = "ready" if r.status == "ready" else "draft"
        lines.append(
            f"{r.id:>4}  {one_line(r.visit_date, 10) or '-':<10}  {kind:<22}  {one_line(r.with_whom, 18) or '-':<18}"
            f"  {r.question_count:>3}  {state}"
        )
    return "\n".join(lines)


def wrap(text: str, indent: str = "", width: int = 78) -> str:
    return textwrap.fill(one_line(text), width=width, initial_indent=indent, subsequent_indent=indent)


def questions_list(questions: Iterable[Question], content: Content, hidden: int = 0) -> str:
    out: list[str] = []
    topic = None
    for q in questions:
        if q.topic != topic:
            topic = q.topic
            out += ["", one_line(content.topic_label(topic)).upper()]
        out.append(wrap(q.text, "  ") + f"  [{one_line(q.id)}]")
        out.append(wrap(q.why, "      "))
    if not out:
        out.append("No questions match. Try fewer words, or another topic.")
    if hidden:
        which = "question about the future is" if hidden == 1 else "questions about the future are"
        out += ["", wrap(f"{hidden} more {which} hidden. Add --include-sensitive to see them.")]
    return "\n".join(out).lstrip("\n")


def checklist(content: Content) -> str:
    out = ["WHAT MATTERS TO ME", ""]
    for c in content.considerations.values():
        out.append(wrap(c.prompt, "  ") + f"  [{one_line(c.id)}]")
        if c.answer == "choice":
            out.append(wrap("Choices: " + " / ".join(c.choices), "      "))
        elif c.answer == "scale":
            out.append(wrap(f"0 to 10: 0 = {c.low}; 10 = {c.high}", "      "))
        else:
            out.append("      Your own words.")
        out.append(wrap(c.help, "      "))
    return "\n".join(out)


def glossary(terms: Sequence[Term]) -> str:
    out = []
    for t in terms:
        also = f" (also: {', '.join(t.also)})" if t.also else ""
        out.append(one_line(t.term + also))
        out.append(wrap(t.meaning, "    "))
    return "\n".join(out)


def problems(found: Sequence[Problem], limit: int = 100) -> str:
    """FILE:LINE lines, at most `limit` of them: the rest are counted, not printed."""
    lines = [one_line(str(p)) for p in found[:limit]]
    if len(found) > limit:
        lines.append(f"... and {len(found) - limit} more problems. Fix these first, then check again.")
    return "\n".join(lines)


def bank_ok(path: object, report: BankReport) -> str:
    lines = [printable(f"{path}: no problems found ({report.questions} question{'s' * (report.questions != 1)}).")]
    if report.replaces:
        lines.append(wrap("It replaces these questions of mbcprep's own: " + ", ".join(report.replaces) + "."))
    return "\n".join(lines)
