"""Load and check the YAML content: question bank, checklist, symptoms, glossary, kinds, topics and
the warning signs that cannot wait for a visit.

Every mistake is reported as `FILE:LINE: what is wrong`. Custom banks (`--bank`, $MBCPREP_BANK)
add questions (and topics) in the same format; a question with an existing id replaces it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mbcprep import yaml_loader
from mbcprep.errors import ContentError, Problem
from mbcprep.models import Consideration, Content, Kind, Question, Symptom, Term, Topic, UrgentLevel, WarningSign
from mbcprep.paths import shipped_data_dir

BANK_ENV = "MBCPREP_BANK"
ID_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
SOURCE_RE = re.compile(r"seed:00[0-3]|ref:\S.*")
MAX_ID = 40
MAX_TEXT = 200
ANSWER_TYPES = ("choice", "scale", "text")
MAX_BANK_FILES = 200
MAX_BANK_BYTES = 2_000_000  # all the files of one bank together
BANK_KEYS = ("topics", "questions")
# Control characters (other than tab) and the marks that reverse text direction: in a bank they can
# only be a mistake or a trick, and printed to a terminal they can clear the screen or hide text.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Field:
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
}
LABELLED_FIELDS = {"id": Field("id"), "label": Field("text"), "help": Field("text")}
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
    "words": Field("list"),
    "source": Field("text"),
}
CAREGIVER_NAME = "{name}"  # where the patient's first name goes in a caregiver_prompt


class _Checker:
    """Collects problems while reading records, so one run reports every mistake."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def load(self, path: Path, shown: str) -> Any:
        try:
            return yaml_loader.load_file(path, shown)
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return None

    def records(self, data: Any, key: str, shown: str, *, required: bool = True) -> list[tuple[Any, int]]:
        """The list under `key` at the top of a file, each item with its line."""
        if data is None:
            return []
        if not isinstance(data, dict):
            self.add(shown, yaml_loader.line_of(data, 0), f"the file should be a mapping with a '{key}:' list")
            return []
        if key not in data:
            if required:
                self.add(shown, yaml_loader.line_of(data, None), f"missing the '{key}:' list")
            return []
        items = data[key]
        if not isinstance(items, list) or not items:
            self.add(shown, yaml_loader.line_of(data, key), f"'{key}' should be a list with at least one entry")
            return []
        out = []
        for i, item in enumerate(items):
            line = yaml_loader.line_of(items, i)
            if not isinstance(item, dict):
                self.add(shown, line, f"each entry of '{key}' should be a mapping of fields")
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
                self.add(shown, yaml_loader.line_of(item, name, line), f"unknown field '{_short(name)}'")
                ok = False
        for name, want in spec.items():
            at = yaml_loader.line_of(item, name, line)
            if name not in item or item[name] is None or item[name] == "" or item[name] == []:
                if want.required:
                    what = "missing" if name not in item else "empty"
                    self.add(shown, at, f"{what} field '{name}'")
                    ok = False
                continue
            value = item[name]
            if want.kind in ("id", "text"):
                if not isinstance(value, str):
                    self.add(shown, at, f"'{name}' should be text, not {_type_name(value)}")
                    ok = False
                    continue
                value = value.strip()
                if not value:
                    if want.required:
                        self.add(shown, at, f"empty field '{name}'")
                        ok = False
                    continue
                if want.kind == "id" and not (ID_RE.fullmatch(value) and len(value) <= MAX_ID):
                    self.add(
                        shown, at, f"'{name}' should be lowercase letters, digits and hyphens (got '{_short(value)}')"
                    )
                    ok = False
                    continue
                if want.kind == "text" and ("\n" in value or len(value) > MAX_TEXT):
                    self.add(shown, at, f"'{name}' should be one line of at most {MAX_TEXT} characters")
                    ok = False
                    continue
                if _INVISIBLE.search(value):
                    self.add(shown, at, f"'{name}' holds an invisible control character; type it again without one")
                    ok = False
                    continue
            elif want.kind == "list":
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    self.add(shown, at, f"'{name}' should be a list of words, like [a, b]")
                    ok = False
                    continue
                value = tuple(v.strip() for v in value)
                twice = sorted({v for v in value if value.count(v) > 1})
                if twice:
                    self.add(shown, at, f"'{name}' lists '{_short(twice[0])}' twice")
                    ok = False
                    continue
                if any(_INVISIBLE.search(v) for v in value):
                    self.add(shown, at, f"'{name}' holds an invisible control character; type it again without one")
                    ok = False
                    continue
            elif want.kind == "bool" and not isinstance(value, bool):
                self.add(shown, at, f"'{name}' should be true or false, not {_type_name(value)}")
                ok = False
                continue
            clean[name] = value
        if "source" in clean and not SOURCE_RE.fullmatch(clean["source"]):
            at = yaml_loader.line_of(item, "source", line)
            self.add(shown, at, "'source' should be seed:000 to seed:003, or ref: followed by a reference")
            del clean["source"]
            ok = False
        return clean, ok


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."


def _display(path: Path) -> str:
    try:
        shown = os.path.relpath(path)
    except (ValueError, OSError):  # another drive, or the current folder no longer exists
        return str(path)
    return str(path.absolute()) if shown.startswith("..") else shown


# --- the shipped content --------------------------------------------------------------------


def load_content(
    banks: Sequence[str | os.PathLike[str]] = (), data_dir: Path | None = None, *, include_env: bool = True
) -> Content:
    """Load the shipped content plus any custom banks. Raises ContentError listing every problem."""
    root = data_dir or shipped_data_dir()
    check = _Checker()
    content = Content()
    _read_labelled(check, root / "kinds.yaml", "kinds", content.kinds, Kind)
    _read_labelled(check, root / "topics.yaml", "topics", content.topics, Topic)
    files = sorted((root / "questions").glob("*.yaml"))
    if not files:
        check.add(_display(root / "questions"), 1, "no question files found")
    seen: dict[str, str] = {}
    for question in _read_question_files(check, files, content, seen, bank=False):
        content.questions[question.id] = question
    _read_considerations(check, root / "checklist.yaml", content)
    _read_symptoms(check, root / "symptoms.yaml", content)
    _read_glossary(check, root / "glossary.yaml", content)
    _read_urgent(check, root / "urgent.yaml", content)
    if check.problems:
        raise ContentError(check.problems)
    paths = bank_paths(banks, include_env=include_env)
    if paths:
        from_env = include_env and bool(os.environ.get(BANK_ENV, "").strip())
        named_in = [name for name, used in (("--bank", bool(banks)), (BANK_ENV, from_env)) if used]
        merge_banks(content, paths, named_in)
    return content


def _read_labelled(check: _Checker, path: Path, key: str, into: dict[str, Any], cls: type) -> None:
    shown = _display(path)
    for item, line in check.records(check.load(path, shown), key, shown):
        clean = check.fields(item, line, shown, LABELLED_FIELDS)
        if clean is None:
            continue
        if clean["id"] in into:
            check.add(shown, line, f"the id '{clean['id']}' is used twice")
            continue
        into[clean["id"]] = cls(**clean)


def _read_question_files(
    check: _Checker, paths: Iterable[Path], content: Content, seen: dict[str, str], *, bank: bool
) -> list[Question]:
    """Every file's topics first (a folder may keep them in a file of their own), then the questions."""
    files = []
    for path in paths:
        shown = _display(path)
        data = check.load(path, shown)
        if isinstance(data, dict):
            for key in data:
                if key not in BANK_KEYS:
                    check.add(
                        shown,
                        yaml_loader.line_of(data, key),
                        f"unknown top-level key '{_short(key)}' (a question file has 'questions:'"
                        " and, if it adds topics, 'topics:')",
                    )
        files.append((shown, data))
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
    check: _Checker, data: Any, shown: str, content: Content, seen: dict[str, str], *, required: bool
) -> list[Question]:
    out = []
    for item, line in check.records(data, "questions", shown, required=required):
        clean, ok = check.partial_fields(item, line, shown, QUESTION_FIELDS)
        if "topic" in clean and clean["topic"] not in content.topics:
            check.add(shown, yaml_loader.line_of(item, "topic", line), f"unknown topic '{clean['topic']}'")
            ok = False
        for kind in clean.get("kinds", ()):
            if kind not in content.kinds:
                check.add(shown, yaml_loader.line_of(item, "kinds", line), f"unknown kind of visit '{_short(kind)}'")
                ok = False
        if "id" in clean:
            if clean["id"] in seen:
                check.add(shown, line, f"the id '{clean['id']}' is used twice (first at {seen[clean['id']]})")
                ok = False
            else:
                seen[clean["id"]] = f"{shown}:{line}"
        if ok:
            out.append(Question(**clean))
    return out


def _read_extra_topics(
    check: _Checker, data: dict[str, Any], shown: str, content: Content, seen: dict[str, str], *, bank: bool
) -> None:
    for item, line in check.records(data, "topics", shown):
        clean = check.fields(item, line, shown, LABELLED_FIELDS)
        if clean is None:
            continue
        topic_id = clean["id"]
        if topic_id in seen:
            check.add(shown, line, f"the topic '{topic_id}' is listed twice (first at {seen[topic_id]})")
        elif topic_id in content.topics:
            whose = "mbcprep's own topics" if bank else "the topics in topics.yaml"
            check.add(shown, line, f"the topic '{topic_id}' is already one of {whose}; use it without listing it")
        else:
            seen[topic_id] = f"{shown}:{line}"
            content.topics[topic_id] = Topic(**clean)


def _read_considerations(check: _Checker, path: Path, content: Content) -> None:
    shown = _display(path)
    for item, line in check.records(check.load(path, shown), "considerations", shown):
        clean = check.fields(item, line, shown, CONSIDERATION_FIELDS)
        if clean is None:
            continue
        kind = clean["answer"]
        at = yaml_loader.line_of(item, "answer", line)
        if kind not in ANSWER_TYPES:
            check.add(shown, at, f"'answer' should be one of {', '.join(ANSWER_TYPES)}")
            continue
        if kind == "choice" and len(clean.get("choices", ())) < 2:
            check.add(shown, at, "a choice needs a 'choices' list with at least two entries")
            continue
        if kind == "scale" and not (clean.get("low") and clean.get("high")):
            check.add(shown, at, "a scale needs 'low' and 'high' lines saying what 0 and 10 mean")
            continue
        unknown = [k for k in clean.get("kinds", ()) if k not in content.kinds]
        if unknown:
            at = yaml_loader.line_of(item, "kinds", line)
            check.add(shown, at, f"unknown kind of visit '{_short(unknown[0])}'")
            continue
        if "caregiver_prompt" in clean and not _names_only_the_patient(clean["caregiver_prompt"]):
            at = yaml_loader.line_of(item, "caregiver_prompt", line)
            check.add(shown, at, "'caregiver_prompt' should hold {name} where the patient's name goes, and no other {}")
            continue
        if clean["id"] in content.considerations:
            check.add(shown, line, f"the id '{clean['id']}' is used twice")
            continue
        content.considerations[clean["id"]] = Consideration(**clean)


def _names_only_the_patient(prompt: str) -> bool:
    if CAREGIVER_NAME not in prompt:
        return False
    try:
        filled = prompt.format(name="Ana")
    except (KeyError, IndexError, ValueError):
        return False
    return "{" not in filled and "}" not in filled


def _read_symptoms(check: _Checker, path: Path, content: Content) -> None:
    shown = _display(path)
    for item, line in check.records(check.load(path, shown), "symptoms", shown):
        clean = check.fields(item, line, shown, SYMPTOM_FIELDS)
        if clean is None:
            continue
        if clean["id"] in content.symptoms or clean["id"] == "other":
            check.add(shown, line, f"the id '{clean['id']}' is used twice or is reserved")
            continue
        missing = [q for q in clean.get("questions", ()) if q not in content.questions]
        if missing:
            at = yaml_loader.line_of(item, "questions", line)
            check.add(shown, at, f"'questions' names '{_short(missing[0])}', which is not a question in the bank")
            continue
        content.symptoms[clean["id"]] = Symptom(**clean)


def _read_glossary(check: _Checker, path: Path, content: Content) -> None:
    shown = _display(path)
    names: set[str] = set()
    for item, line in check.records(check.load(path, shown), "terms", shown):
        clean = check.fields(item, line, shown, TERM_FIELDS)
        if clean is None:
            continue
        words = {w.casefold() for w in (clean["term"], *clean.get("also", ()))}
        if words & names:
            check.add(shown, line, f"the term '{clean['term']}' (or one of its other forms) is listed twice")
            continue
        names |= words
        content.glossary.append(Term(**clean))


def _read_urgent(check: _Checker, path: Path, content: Content) -> None:
    """The levels of help (most urgent first) and the warning signs, each with its level."""
    shown = _display(path)
    data = check.load(path, shown)
    if isinstance(data, dict):
        for key in data:
            if key not in ("levels", "signs"):
                check.add(shown, yaml_loader.line_of(data, key), f"unknown top-level key '{_short(key)}'")
    for item, line in check.records(data, "levels", shown):
        clean = check.fields(item, line, shown, LABELLED_FIELDS)
        if clean is None:
            continue
        if clean["id"] in content.urgent_levels:
            check.add(shown, line, f"the level '{clean['id']}' is listed twice")
            continue
        content.urgent_levels[clean["id"]] = UrgentLevel(**clean)
    for item, line in check.records(data, "signs", shown):
        clean = check.fields(item, line, shown, SIGN_FIELDS)
        if clean is None:
            continue
        if clean["level"] not in content.urgent_levels:
            at = yaml_loader.line_of(item, "level", line)
            check.add(shown, at, f"unknown level '{_short(clean['level'])}' (the levels are listed at the top)")
            continue
        if clean["id"] in content.warning_signs:
            check.add(shown, line, f"the sign '{clean['id']}' is listed twice")
            continue
        content.warning_signs[clean["id"]] = WarningSign(**clean)


# --- custom banks ---------------------------------------------------------------------------


def bank_paths(cli_banks: Sequence[str | os.PathLike[str]] = (), *, include_env: bool = True) -> list[Path]:
    """Custom banks from $MBCPREP_BANK (os.pathsep-separated) and then `--bank`, in that order."""
    from mbcprep.errors import UsageError

    env = os.environ.get(BANK_ENV, "") if include_env else ""
    chosen = [p for p in env.split(os.pathsep) if p.strip()]
    for bank in cli_banks:
        if not os.fspath(bank).strip():
            raise UsageError("--bank needs a file or folder name.")
        chosen.append(os.fspath(bank))
    return [Path(os.path.expanduser(p)) for p in chosen]


MAX_BANK_DEPTH = 8  # folders inside a bank folder


def _bank_files(check: _Checker, path: Path) -> list[Path]:
    shown = _display(path)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        check.add(shown, 1, f"cannot be read ({exc.strerror or exc})")
        return []
    if is_dir:
        files: list[Path] = []
        if not _walk_bank(check, path, shown, files, 0, [0]):
            return []
        if not files:
            check.add(shown, 1, "this folder holds no .yaml files")
        return sorted(files)
    if not exists:
        check.add(shown, 1, "no such file or folder")
        return []
    return [path]


def _walk_bank(check: _Checker, folder: Path, shown: str, files: list[Path], depth: int, seen: list[int]) -> bool:
    """The YAML files in a bank folder, refusing folders too big or too deep for a bank. Links to
    folders are not followed (a loop of links would never end)."""
    if depth > MAX_BANK_DEPTH:
        check.add(shown, 1, f"this folder is nested too deeply for a bank (more than {MAX_BANK_DEPTH} folders down)")
        return False
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        check.add(shown, 1, f"cannot read the folder {_display(folder)} ({exc.strerror or exc})")
        return False
    for entry in entries:
        seen[0] += 1
        if seen[0] > 20 * MAX_BANK_FILES or len(files) > MAX_BANK_FILES:
            check.add(shown, 1, f"this folder is too big for a bank; use one with at most {MAX_BANK_FILES} files")
            return False
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _walk_bank(check, Path(entry.path), shown, files, depth + 1, seen):
                    return False
            elif Path(entry.name).suffix.lower() in (".yaml", ".yml") and entry.is_file():
                files.append(Path(entry.path))
        except OSError:
            continue
    return True


def check_banks(paths: Iterable[Path], base: Content) -> tuple[list[Question], list[Problem]]:
    """Validate custom bank files against the shipped kinds and topics (a bank may add topics).
    Problems come sorted by file and line."""
    check = _Checker()
    files: list[Path] = []
    read: set[Path] = set()
    total = 0
    for bank in paths:
        for path in _bank_files(check, bank):
            try:
                real, size = path.resolve(), path.stat().st_size
            except (OSError, RuntimeError):
                real, size = path, 0  # the loader reports what is wrong with it
            if real in read:
                continue  # named twice (say in MBCPREP_BANK and --bank): read once
            read.add(real)
            total += size
            if total > MAX_BANK_BYTES:
                limit = f"{MAX_BANK_BYTES:,} bytes"
                check.add(_display(bank), 1, f"the bank is too large altogether (the limit is {limit})")
                return [], check.problems
            files.append(path)
    questions = _read_question_files(check, files, base, {}, bank=True)
    return questions, sorted(check.problems, key=lambda p: (p.path, p.line))


def merge_banks(content: Content, paths: Sequence[Path], named_in: Sequence[str] = ("--bank",)) -> None:
    questions, problems = check_banks(paths, content)
    if problems:
        where = " and ".join(named_in)
        how = f"unset {BANK_ENV}" if list(named_in) == [BANK_ENV] else f"leave out {where}"
        intro = f"Your own questions (from {where}) have problems. Fix them, or {how} to go on without them:"
        raise ContentError(problems, intro)
    for question in questions:
        content.questions[question.id] = question


@dataclass(frozen=True)
class BankReport:
    """What `mbcprep bank check` found."""

    problems: list[Problem]
    questions: int  # questions that passed
    replaces: list[str]  # ids of mbcprep's own questions the bank replaces


def check_bank(path: str | os.PathLike[str]) -> BankReport:
    """`mbcprep bank check`: every problem in a custom bank file or folder."""
    if not os.fspath(path).strip():
        return BankReport([Problem("(no path)", 1, "give a file or folder to check")], 0, [])
    base = load_content(include_env=False)
    questions, problems = check_banks([Path(path)], base)
    replaces = [q.id for q in questions if q.id in base.questions]
    return BankReport(problems, len(questions), replaces)


# --- looking things up ----------------------------------------------------------------------


def find_questions(
    content: Content,
    *,
    topic: str | None = None,
    kind: str | None = None,
    words: str | None = None,
    include_sensitive: bool = False,
) -> list[Question]:
    """Questions matching every filter given, in bank order."""
    from mbcprep.errors import UsageError

    if topic is not None and topic not in content.topics:
        raise UsageError(f"There is no topic like that. Try one of: {', '.join(content.topics)}.")
    if kind is not None and kind not in content.kinds:
        raise UsageError(f"There is no kind of visit like that. Try one of: {', '.join(content.kinds)}.")
    needles = [us_spelling(w) for w in (words or "").split()]
    synonyms = _search_synonyms(content) if needles else {}
    # A whole search that is one glossary term ("hot flashes") may also find its other words.
    phrase = synonyms.get(" ".join(needles), ()) if len(needles) > 1 else ()
    out = []
    for q in content.questions.values():
        if q.sensitive and not include_sensitive:
            continue
        if topic and q.topic != topic:
            continue
        if kind and kind not in q.kinds:
            continue
        hay = us_spelling(f"{q.text} {q.why} {q.id}")
        if any(_has_word(hay, other) for other in phrase):
            out.append(q)
            continue
        if any(n not in hay and not any(_has_word(hay, other) for other in synonyms.get(n, ())) for n in needles):
            continue
        out.append(q)
    return out


def _search_synonyms(content: Content) -> dict[str, tuple[str, ...]]:
    """Each glossary term and `also` form (folded) -> the words a search for it should also find:
    the term, its other forms and its everyday `related` words. A related word itself has none."""
    out: dict[str, tuple[str, ...]] = {}
    for term in content.glossary:
        every = tuple(dict.fromkeys(us_spelling(w) for w in (term.term, *term.also, *term.related)))
        for word in (term.term, *term.also):
            out.setdefault(us_spelling(word), every)
    return out


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")


def _has_word(folded_text: str, folded_word: str) -> bool:
    """`folded_word` appears in `folded_text` as a whole word or phrase (both already folded)."""
    return bool(folded_word) and _word_pattern(folded_word).search(folded_text) is not None


def count_hidden(
    content: Content, *, topic: str | None = None, kind: str | None = None, words: str | None = None
) -> int:
    """How many sensitive questions match the filters but stay hidden until asked for."""
    every = find_questions(content, topic=topic, kind=kind, words=words, include_sensitive=True)
    return sum(q.sensitive for q in every)


# British spellings folded to American ones, so a search or a glossary look-up finds the word
# whichever way it is spelt. Applied to both sides, after casefolding.
_SPELLINGS = (
    ("tumour", "tumor"),
    ("oestrogen", "estrogen"),
    ("diarrhoea", "diarrhea"),
    ("oedema", "edema"),
    ("anaemi", "anemi"),
    ("haemo", "hemo"),
    ("counsell", "counsel"),
    ("centre", "center"),
    ("colour", "color"),
    ("behaviour", "behavior"),
    ("programme", "program"),
    ("travell", "travel"),
    ("hot flush", "hot flash"),
    ("flushes", "flashes"),
    ("paediatric", "pediatric"),
)


def us_spelling(text: str) -> str:
    folded = text.casefold()
    for british, american in _SPELLINGS:
        if british in folded:
            folded = folded.replace(british, american)
    return folded


def terms_in(content: Content, text: str) -> list[Term]:
    """Glossary terms that appear in `text` (whole words, any case)."""
    found = []
    folded = us_spelling(text)
    for term in content.glossary:
        for word in (term.term, *term.also):
            if re.search(r"(?<![\w-])" + re.escape(us_spelling(word)) + r"(?![\w-])", folded):
                found.append(term)
                break
    return found


# Ways people type the same few words: curly apostrophes, "cannot", "cant". Folded before matching.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan ?not\b|\bcant\b"), "can't"),
    (re.compile(r"\bwill not\b|\bwont\b"), "won't"),
    (re.compile(r"\bdo not\b|\bdont\b"), "don't"),
    (re.compile(r"\bis not\b|\bisnt\b"), "isn't"),
    (re.compile(r"\bare not\b|\barent\b"), "aren't"),
    (re.compile(r"\bdoes not\b|\bdoesnt\b"), "doesn't"),
)


def _fold_typed(text: str) -> str:
    folded = " ".join(us_spelling(text.translate(_APOSTROPHES)).split())
    for pattern, short in _CONTRACTIONS:
        folded = pattern.sub(short, folded)
    return folded


def matching_signs(content: Content, text: str) -> list[WarningSign]:
    """Warning signs whose words appear in `text` (as typed by a person) as whole words or phrases,
    whatever the case, British or American spelling, or way of writing "can't". Most urgent first;
    within a level, in the order of urgent.yaml."""
    folded = _fold_typed(text)
    if not folded:
        return []
    found = [s for s in content.warning_signs.values() if any(_has_word(folded, _fold_typed(w)) for w in s.words)]
    order = {level: n for n, level in enumerate(content.urgent_levels)}
    return sorted(found, key=lambda s: order.get(s.level, len(order)))


def lookup_term(content: Content, word: str) -> Term | None:
    folded = us_spelling(word.strip())
    for term in content.glossary:
        if folded in (us_spelling(w) for w in (term.term, *term.also)):
            return term
    return None
