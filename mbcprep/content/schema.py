"""The rules a content file must follow, field by field, and the checker that collects every
mistake as `FILE:LINE: what is wrong`, so one run reports them all."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mbcprep.content import strict_yaml
from mbcprep.errors import ContentError, Problem
from mbcprep.i18n import _, ngettext, number
from mbcprep.text import ID_PATTERN

# A source is a seed tag, or a public reference ("ref:Organisation, Page or guideline title") that may
# end with the seed tag it also draws on: "ref:National Cancer Institute, Advance Directives; seed:002".
SOURCE_RE = re.compile(r"seed:00[0-3]|ref:\S.*")
_SEED_TAG = re.compile(r"(?:^|; )(seed:00[0-3])$")
MAX_ID = 40
MAX_TEXT = 200
ANSWER_TYPES = ("choice", "scale", "text")
MAX_BANK_FILES = 200
MAX_BANK_BYTES = 2_000_000  # all the files of one bank together
BANK_KEYS = ("topics", "questions")
BANK_LANG = "lang"  # a custom bank file's language ("en" or "es"); a file that does not say is English
# Control characters (other than tab) and the marks that reverse text direction: in a bank they can
# only be a mistake or a trick, and printed to a terminal they can clear the screen or hide text.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Field:
    """A field of a content file: its kind, and whether it must be there."""

    kind: str  # "id" | "text" | "list" | "bool"
    required: bool = True


QUESTION_FIELDS = {
    "id": Field("id"),
    "text": Field("text"),
    "why": Field("text"),
    "topic": Field("id"),
    "kinds": Field("list"),
    "source": Field("text"),
    "sensitive": Field("bool", required=False),
    "when": Field("list", required=False),  # tags of `mbcprep.model.fit.WHEN_TAGS`
}
LABELLED_FIELDS = {"id": Field("id"), "label": Field("text"), "help": Field("text")}
# A kind of visit may name the questions to suggest first for it, in order (`first: [id, ...]`).
KIND_FIELDS = {**LABELLED_FIELDS, "first": Field("list", required=False)}
CONSIDERATION_FIELDS = {
    "id": Field("id"),
    "prompt": Field("text"),
    "help": Field("text"),
    "answer": Field("id"),
    "choices": Field("list", required=False),
    "low": Field("text", required=False),
    "high": Field("text", required=False),
    "kinds": Field("list", required=False),
    "caregiver_prompt": Field("text", required=False),
    "source": Field("text"),
}
SYMPTOM_FIELDS = {
    "id": Field("id"),
    "name": Field("text"),
    "help": Field("text"),
    "questions": Field("list", required=False),
    "source": Field("text"),
}
TERM_FIELDS = {
    "term": Field("text"),
    "also": Field("list", required=False),
    "related": Field("list", required=False),
    "meaning": Field("text"),
    "source": Field("text"),
}
SIGN_FIELDS = {
    "id": Field("id"),
    "level": Field("id"),
    "text": Field("text"),
    "detail": Field("text", required=False),
    "advice": Field("text", required=False),
    "words": Field("list"),
    "not_words": Field("list", required=False),
    "source": Field("text"),
    "caregiver_text": Field("text", required=False),
    "caregiver_detail": Field("text", required=False),
    "caregiver_advice": Field("text", required=False),
}
LEVEL_FIELDS = {
    **LABELLED_FIELDS,
    "source": Field("text", required=False),
    "caregiver_help": Field("text", required=False),
}
CAREGIVER_NAME = "{name}"  # where the patient's first name goes in a caregiver_prompt (or caregiver_help...)


class Checker:
    """Collects problems while reading records, so one run reports every mistake."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def load(self, path: Path, shown: str) -> Any:
        try:
            return strict_yaml.load_file(path, shown)
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return None

    def records(self, data: Any, key: str, shown: str, *, required: bool = True) -> list[tuple[Any, int]]:
        """The list under `key` at the top of a file, each item with its line."""
        if data is None:
            return []
        if not isinstance(data, dict):
            message = _("the file should be a mapping with a '{key}:' list").format(key=key)
            self.add(shown, strict_yaml.line_of(data, 0), message)
            return []
        if key not in data:
            if required:
                self.add(shown, strict_yaml.line_of(data, None), _("missing the '{key}:' list").format(key=key))
            return []
        items = data[key]
        if not isinstance(items, list) or not items:
            message = _("'{key}' should be a list with at least one entry").format(key=key)
            self.add(shown, strict_yaml.line_of(data, key), message)
            return []
        out = []
        for i, item in enumerate(items):
            line = strict_yaml.line_of(items, i)
            if not isinstance(item, dict):
                self.add(shown, line, _("each entry of '{key}' should be a mapping of fields").format(key=key))
                continue
            out.append((item, line))
        return out

    def fields(self, item: dict[str, Any], line: int, shown: str, spec: dict[str, Field]) -> dict[str, Any] | None:
        """Check one record against `spec`; return clean values, or None if it has problems."""
        clean, ok = self.partial_fields(item, line, shown, spec)
        return clean if ok else None

    def partial_fields(
        self, item: dict[str, Any], line: int, shown: str, spec: dict[str, Field]
    ) -> tuple[dict[str, Any], bool]:
        """Check every field of one record; return the values that passed, and whether all did."""
        ok = True
        clean: dict[str, Any] = {}
        for name in item:
            if name not in spec:
                message = _("unknown field '{field}'").format(field=short(name))
                self.add(shown, strict_yaml.line_of(item, name, line), message)
                ok = False
        for name, want in spec.items():
            at = strict_yaml.line_of(item, name, line)
            if name not in item or item[name] is None or item[name] == "" or item[name] == []:
                if want.required:
                    message = _("missing field '{field}'") if name not in item else _("empty field '{field}'")
                    self.add(shown, at, message.format(field=name))
                    ok = False
                continue
            value = item[name]
            if want.kind in ("id", "text"):
                if not isinstance(value, str):
                    self.add(shown, at, _not_text(value).format(field=name))
                    ok = False
                    continue
                value = value.strip()
                if not value:
                    if want.required:
                        self.add(shown, at, _("empty field '{field}'").format(field=name))
                        ok = False
                    continue
                if want.kind == "id" and not (ID_PATTERN.fullmatch(value) and len(value) <= MAX_ID):
                    message = _("'{field}' should be lowercase letters, digits and hyphens (got '{value}')")
                    self.add(shown, at, message.format(field=name, value=short(value)))
                    ok = False
                    continue
                if want.kind == "text" and ("\n" in value or len(value) > MAX_TEXT):
                    message = ngettext(
                        "'{field}' should be one line of at most {n} character",
                        "'{field}' should be one line of at most {n} characters",
                        MAX_TEXT,
                    )
                    self.add(shown, at, message.format(field=name, n=number(MAX_TEXT)))
                    ok = False
                    continue
                if _INVISIBLE.search(value):
                    self.add(shown, at, _invisible().format(field=name))
                    ok = False
                    continue
            elif want.kind == "list":
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    self.add(shown, at, _("'{field}' should be a list of words, like [a, b]").format(field=name))
                    ok = False
                    continue
                value = tuple(v.strip() for v in value)
                twice = sorted({v for v in value if value.count(v) > 1})
                if twice:
                    self.add(shown, at, _("'{field}' lists '{value}' twice").format(field=name, value=short(twice[0])))
                    ok = False
                    continue
                if any(_INVISIBLE.search(v) for v in value):
                    self.add(shown, at, _invisible().format(field=name))
                    ok = False
                    continue
            elif want.kind == "bool" and not isinstance(value, bool):
                self.add(shown, at, _not_true_or_false(value).format(field=name))
                ok = False
                continue
            clean[name] = value
        if "source" in clean and not SOURCE_RE.fullmatch(clean["source"]):
            at = strict_yaml.line_of(item, "source", line)
            self.add(shown, at, _("'source' should be seed:000 to seed:003, or ref: followed by a reference"))
            del clean["source"]
            ok = False
        return clean, ok


def source_seed(source: str) -> str | None:
    """The seed tag a source cites ("seed:003"), alone or after its public reference; None if none."""
    found = _SEED_TAG.search(source)
    return found.group(1) if found else None


def names_public_source(source: str) -> bool:
    """Whether a source names something a person could look up, not only an internal seed tag."""
    return source.startswith("ref:")


def type_name(value: Any) -> str:
    """What a YAML value is: "true/false", "number", "list", "mapping" or "text" (a key, not words)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


# Each problem is one whole sentence per kind of value found, so a language can word each its own way.
def _not_text(value: Any) -> str:
    """'{field}' should be text, not <what the value is>."""
    found = type_name(value)
    if found == "true/false":
        return _("'{field}' should be text, not true/false")
    if found == "number":
        return _("'{field}' should be text, not a number")
    if found == "list":
        return _("'{field}' should be text, not a list")
    return _("'{field}' should be text, not a mapping")


def _not_true_or_false(value: Any) -> str:
    """'{field}' should be true or false, not <what the value is>."""
    found = type_name(value)
    if found == "number":
        return _("'{field}' should be true or false, not a number")
    if found == "list":
        return _("'{field}' should be true or false, not a list")
    if found == "mapping":
        return _("'{field}' should be true or false, not a mapping")
    return _("'{field}' should be true or false, not text")


def _invisible() -> str:
    return _("'{field}' holds an invisible control character; type it again without one")


def short(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."


def display(path: Path) -> str:
    try:
        shown = os.path.relpath(path)
    except (ValueError, OSError):  # another drive, or the current folder no longer exists
        return str(path)
    return str(path.absolute()) if shown.startswith("..") else shown
