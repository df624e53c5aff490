"""Rendering a visit as a Markdown sheet for the room, and visits as a JSON backup document.

These are pure functions from data to text; writing a file is `files.write_private_text`.
Whatever a person typed is escaped, so it shows as the literal text and never changes the
structure of the sheet or adds HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from mbcprep.models import OWN_TOPIC, OWN_TOPIC_LABEL, Visit
from mbcprep.text import json_text, printable

FORMAT_NAME = "mbcprep"
FORMAT_VERSION = 1
FOOTER = (
    "This sheet is to help you talk with your care team. It is not medical advice: "
    "your doctors and nurses know your situation best."
)

# The marks Markdown reads as structure inside a line are escaped with a backslash; the rest of
# the punctuation stays readable in the raw file.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
# What could open a block at the start of a line (list, ordered list, setext underline).
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_AUTOLINK = re.compile(r"(?i)(?<![\w\\])(https?:|ftp:|www\.|mailto:)|(?<=\w)@(?=\w)")


def escape(text: str) -> str:
    """One line of user text, safe anywhere inline (list items, table cells, after a label)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = " ".join(text.split("\n"))
    text = _INLINE_SPECIAL.sub(r"\\\1", text.strip())
    # GitHub-style viewers turn bare web and mail addresses into links; an escape stops that.
    text = _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def escape_block(text: str) -> str:
    """Several lines of user text as separate paragraphs, none of them able to start a block."""
    lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]
    return "\n\n".join(escape(ln) for ln in lines)


def long_date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return "date not set"
    return f"{day:%A} {day.day} {day:%B %Y}"


def render_markdown(
    visit: Visit,
    kind_labels: Mapping[str, str],
    topic_labels: Mapping[str, str],
    made_on: date,
) -> str:
    out: list[str] = [f"# My visit: {long_date(visit.visit_date)}", ""]
    facts = [f"**Kind of visit:** {escape(kind_labels.get(visit.kind, visit.kind))}"]
    if visit.with_whom.strip():
        facts.insert(0, f"**With:** {escape(visit.with_whom)}")
    facts.append(f"**Filled in by:** {'a caregiver' if visit.filled_by == 'caregiver' else 'the patient'}")
    out += ["  \n".join(facts), ""]

    first = visit.first_questions()
    if first:
        out += ["## Ask these first", ""]
        out += [f"{n}. {escape(q.text)}" for n, q in enumerate(first, 1)]
        out.append("")

    if visit.questions:
        out += ["## My questions", ""]
        groups: dict[str, list[int]] = {}
        for i, q in enumerate(visit.questions):
            groups.setdefault(q.topic, []).append(i)
        for topic in sorted(groups, key=lambda t: (t == OWN_TOPIC, list(groups).index(t))):
            label = OWN_TOPIC_LABEL if topic == OWN_TOPIC else topic_labels.get(topic, topic)
            out += [f"### {escape(label)}", ""]
            for i in groups[topic]:
                q = visit.questions[i]
                mark = " (ask first)" if q.rank else ""
                out.append(f"- [ ] {escape(q.text)}{mark}  ")
                if q.why:
                    out.append(f"  *Why ask:* {escape(q.why)}  ")
                out.append("  Answer: ____________________________________________")
                out.append("")
    else:
        out += ["## My questions", "", "No questions chosen yet.", ""]

    scored = [s for s in visit.symptoms if s.score is not None or s.note.strip()]
    if scored:
        out += [
            "## How I feel right now",
            "",
            "0 means none, 10 means as bad as it can be.",
            "",
            "| Symptom | Score | Note |",
            "| --- | --- | --- |",
        ]
        for s in scored:
            score = "" if s.score is None else str(s.score)
            out.append(f"| {escape(s.name)} | {score} | {escape(s.note)} |")
        out.append("")

    answered = [c for c in visit.considerations if c.answer.strip()]
    if answered:
        out += ["## What matters to me", ""]
        for c in answered:
            out.append(f"- {escape(c.prompt)}  \n  **{escape(c.answer)}**")
        out.append("")

    if visit.notes.strip():
        out += ["## Notes", "", escape_block(visit.notes), ""]

    out += ["---", "", f"Made with mbcprep on {made_on.isoformat()}. {FOOTER}", ""]
    return "\n".join(out)


def export_document(visits: list[Visit], made_on: date) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_on": made_on.isoformat(),
        "visits": [v.to_dict() for v in visits],
    }


def render_json(visits: list[Visit], made_on: date) -> str:
    """The document laid out with one visit to a line: quick to write for years of visits
    (Python's fast encoder only works without indentation) and easy to compare line by line."""
    document = export_document(visits, made_on)
    rows = [json_text(row) for row in document.pop("visits")]
    head = [f"  {json.dumps(key)}: {json_text(value)}," for key, value in document.items()]
    if not rows:
        return "\n".join(["{", *head, '  "visits": []', "}", ""])
    return "\n".join(["{", *head, '  "visits": [', ",\n".join("    " + row for row in rows), "  ]", "}", ""])
