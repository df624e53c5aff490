"""Reading question files: the shipped bank's (`mbcprep.content.load`) and a custom bank's
(`mbcprep.content.banks`) alike, topics first, every field checked."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mbcprep.content import strict_yaml
from mbcprep.content.schema import BANK_KEYS, BANK_LANG, LABELLED_FIELDS, QUESTION_FIELDS, Checker, display, short
from mbcprep.i18n import _
from mbcprep.model.content import Content, Question, Topic
from mbcprep.model.fit import WHEN_TAGS


def read_question_files(
    check: Checker, paths: Iterable[Path], content: Content, seen: dict[str, str], *, bank: bool
) -> list[Question]:
    """Every file's topics first (a folder may keep them in a file of their own), then the questions."""
    return read_loaded_question_files(check, load_question_files(check, paths, bank=bank), content, seen, bank=bank)


def load_question_files(check: Checker, paths: Iterable[Path], *, bank: bool) -> list[tuple[str, Any]]:
    """Each question file as (name shown, what it holds), its top-level keys checked. A custom bank's
    file may also say its language (`lang: es`)."""
    files = []
    known = (*BANK_KEYS, BANK_LANG) if bank else BANK_KEYS
    for path in paths:
        shown = display(path)
        data = check.load(path, shown)
        if isinstance(data, dict):
            for key in data:
                if key not in known:
                    check.add(
                        shown,
                        strict_yaml.line_of(data, key),
                        _(
                            "unknown top-level key '{key}' (a question file has 'questions:'"
                            " and, if it adds topics, 'topics:')"
                        ).format(key=short(key)),
                    )
        files.append((shown, data))
    return files


def read_loaded_question_files(
    check: Checker, files: list[tuple[str, Any]], content: Content, seen: dict[str, str], *, bank: bool
) -> list[Question]:
    """The topics, then the questions, of files already loaded by `load_question_files`."""
    topic_seen: dict[str, str] = {}
    for shown, data in files:
        if isinstance(data, dict) and "topics" in data:
            _read_extra_topics(check, data, shown, content, topic_seen, bank=bank)
    out = []
    for shown, data in files:
        has_topics = isinstance(data, dict) and "topics" in data
        out.extend(_read_questions(check, data, shown, content, seen, required=not has_topics))
    return out


def _read_questions(
    check: Checker, data: Any, shown: str, content: Content, seen: dict[str, str], *, required: bool
) -> list[Question]:
    out = []
    for item, line in check.records(data, "questions", shown, required=required):
        clean, ok = check.partial_fields(item, line, shown, QUESTION_FIELDS)
        if "topic" in clean and clean["topic"] not in content.topics:
            message = _("unknown topic '{topic}'").format(topic=clean["topic"])
            check.add(shown, strict_yaml.line_of(item, "topic", line), message)
            ok = False
        for kind in clean.get("kinds", ()):
            if kind not in content.kinds:
                message = _("unknown kind of visit '{kind}'").format(kind=short(kind))
                check.add(shown, strict_yaml.line_of(item, "kinds", line), message)
                ok = False
        for tag in clean.get("when", ()):
            if tag not in WHEN_TAGS:
                message = _("unknown 'when' tag '{tag}' (one of: {tags})").format(
                    tag=short(tag), tags=", ".join(WHEN_TAGS)
                )
                check.add(shown, strict_yaml.line_of(item, "when", line), message)
                ok = False
        if "id" in clean:
            if clean["id"] in seen:
                message = _("the id '{id}' is used twice (first at {place})")
                check.add(shown, line, message.format(id=clean["id"], place=seen[clean["id"]]))
                ok = False
            else:
                seen[clean["id"]] = f"{shown}:{line}"
        if ok:
            out.append(Question(**clean))
    return out


def _read_extra_topics(
    check: Checker, data: dict[str, Any], shown: str, content: Content, seen: dict[str, str], *, bank: bool
) -> None:
    for item, line in check.records(data, "topics", shown):
        clean = check.fields(item, line, shown, LABELLED_FIELDS)
        if clean is None:
            continue
        topic_id = clean["id"]
        if topic_id in seen:
            message = _("the topic '{topic}' is listed twice (first at {place})")
            check.add(shown, line, message.format(topic=topic_id, place=seen[topic_id]))
        elif topic_id in content.topics:
            if bank:
                message = _("the topic '{topic}' is already one of mbcprep's own topics; use it without listing it")
            else:
                message = _(
                    "the topic '{topic}' is already one of the topics in topics.yaml; use it without listing it"
                )
            check.add(shown, line, message.format(topic=topic_id))
        else:
            seen[topic_id] = f"{shown}:{line}"
            content.topics[topic_id] = Topic(**clean)
