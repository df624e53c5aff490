"""Loading the content mbcprep ships: kinds of visit, topics, the question bank, the checklist,
symptoms, the glossary and the warning signs that cannot wait for a visit, each checked on the way
in. Custom banks are added by `mbcprep.content.banks`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mbcprep.content import strict_yaml
from mbcprep.content.schema import (
    ANSWER_TYPES,
    BANK_KEYS,
    BANK_LANG,
    CAREGIVER_NAME,
    CONSIDERATION_FIELDS,
    KIND_FIELDS,
    LABELLED_FIELDS,
    LEVEL_FIELDS,
    QUESTION_FIELDS,
    SIGN_FIELDS,
    SYMPTOM_FIELDS,
    TERM_FIELDS,
    Checker,
    display,
    short,
)
from mbcprep.errors import ContentError
from mbcprep.i18n import ENGLISH, _, language
from mbcprep.model.content import Consideration, Content, Kind, Question, Symptom, Term, Topic, UrgentLevel, WarningSign
from mbcprep.paths import shipped_data_dir

# --- the shipped content --------------------------------------------------------------------


def load_content(
    banks: Sequence[str | os.PathLike[str]] = (),
    data_dir: Path | None = None,
    *,
    include_env: bool = True,
    cache_dir: Path | None = None,
    lang: str | None = None,
) -> Content:
    """The shipped content in `lang` (the chosen language when not given), read from `cache_dir`
    when it holds a copy of these very files, plus any custom banks, which are checked every time.
    Raises ContentError listing every problem."""
    from mbcprep.content import cache

    lang = lang or language()
    base = data_dir or shipped_data_dir()
    root = content_root(base, lang)
    content = cache.shipped(root, cache_dir, read_shipped, lang if root != base else ENGLISH)
    from mbcprep.content.banks import BANK_ENV, bank_paths, merge_banks

    paths = bank_paths(banks, include_env=include_env)
    if paths:
        from_env = include_env and bool(os.environ.get(BANK_ENV, "").strip())
        named_in = [name for name, used in (("--bank", bool(banks)), (BANK_ENV, from_env)) if used]
        merge_banks(content, paths, named_in, lang=lang)
    return content


def content_root(root: Path, lang: str) -> Path:
    """The folder of the content in `lang`: the data folder itself for English, else its folder
    named for the language (`data/es/`); English when a language has none."""
    if lang == ENGLISH or not (root / lang / "kinds.yaml").is_file():
        return root
    return root / lang


def read_shipped(root: Path) -> Content:
    """Read and check every shipped file. Raises ContentError listing every problem."""
    check = Checker()
    content = Content()
    first_lines = _read_labelled(check, root / "kinds.yaml", "kinds", content.kinds, Kind, KIND_FIELDS)
    _read_labelled(check, root / "topics.yaml", "topics", content.topics, Topic)
    files = sorted((root / "questions").glob("*.yaml"))
    if not files:
        check.add(display(root / "questions"), 1, _("no question files found"))
    seen: dict[str, str] = {}
    for question in read_question_files(check, files, content, seen, bank=False):
        content.questions[question.id] = question
    _check_first(check, display(root / "kinds.yaml"), first_lines, content)
    _read_considerations(check, root / "checklist.yaml", content)
    _read_symptoms(check, root / "symptoms.yaml", content)
    _read_glossary(check, root / "glossary.yaml", content)
    _read_urgent(check, root / "urgent.yaml", content)
    if check.problems:
        raise ContentError(check.problems)
    return content


def _read_labelled(
    check: Checker,
    path: Path,
    key: str,
    into: dict[str, Any],
    cls: type,
    spec: dict[str, Any] = LABELLED_FIELDS,
) -> dict[str, int]:
    """Read records of `spec` into `into`; return the line of each record's `first` list, if any."""
    shown = display(path)
    first_lines: dict[str, int] = {}
    for item, line in check.records(check.load(path, shown), key, shown):
        clean = check.fields(item, line, shown, spec)
        if clean is None:
            continue
        if clean["id"] in into:
            check.add(shown, line, _("the id '{id}' is used twice").format(id=clean["id"]))
            continue
        into[clean["id"]] = cls(**clean)
        if "first" in clean:
            first_lines[clean["id"]] = strict_yaml.line_of(item, "first", line)
    return first_lines


def _check_first(check: Checker, shown: str, lines: dict[str, int], content: Content) -> None:
    """Each question a kind of visit suggests first must be in the bank and list that kind."""
    for kind_id, line in lines.items():
        for qid in content.kinds[kind_id].first:
            question = content.questions.get(qid)
            if question is None:
                message = _("'first' names '{id}', which is not a question in the bank")
                check.add(shown, line, message.format(id=short(qid)))
            elif kind_id not in question.kinds:
                message = _("'first' names '{id}', which does not list the kind of visit '{kind}'")
                check.add(shown, line, message.format(id=qid, kind=kind_id))


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


def _read_considerations(check: Checker, path: Path, content: Content) -> None:
    shown = display(path)
    for item, line in check.records(check.load(path, shown), "considerations", shown):
        clean = check.fields(item, line, shown, CONSIDERATION_FIELDS)
        if clean is None:
            continue
        kind = clean["answer"]
        at = strict_yaml.line_of(item, "answer", line)
        if kind not in ANSWER_TYPES:
            check.add(shown, at, _("'answer' should be one of {types}").format(types=", ".join(ANSWER_TYPES)))
            continue
        if kind == "choice" and len(clean.get("choices", ())) < 2:
            check.add(shown, at, _("a choice needs a 'choices' list with at least two entries"))
            continue
        if kind == "scale" and not (clean.get("low") and clean.get("high")):
            check.add(shown, at, _("a scale needs 'low' and 'high' lines saying what 0 and 10 mean"))
            continue
        unknown = [k for k in clean.get("kinds", ()) if k not in content.kinds]
        if unknown:
            at = strict_yaml.line_of(item, "kinds", line)
            check.add(shown, at, _("unknown kind of visit '{kind}'").format(kind=short(unknown[0])))
            continue
        if "caregiver_prompt" in clean and not _names_only_the_patient(clean["caregiver_prompt"]):
            at = strict_yaml.line_of(item, "caregiver_prompt", line)
            # Translators: {field} is written "{name}" in the file; keep "{{}}" (it shows as "{}").
            message = _("'caregiver_prompt' should hold {field} where the patient's name goes, and no other {{}}")
            check.add(shown, at, message.format(field=CAREGIVER_NAME))
            continue
        if clean["id"] in content.considerations:
            check.add(shown, line, _("the id '{id}' is used twice").format(id=clean["id"]))
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


def _read_symptoms(check: Checker, path: Path, content: Content) -> None:
    shown = display(path)
    for item, line in check.records(check.load(path, shown), "symptoms", shown):
        clean = check.fields(item, line, shown, SYMPTOM_FIELDS)
        if clean is None:
            continue
        if clean["id"] in content.symptoms or clean["id"] == "other":
            check.add(shown, line, _("the id '{id}' is used twice or is reserved").format(id=clean["id"]))
            continue
        missing = [q for q in clean.get("questions", ()) if q not in content.questions]
        if missing:
            at = strict_yaml.line_of(item, "questions", line)
            message = _("'questions' names '{id}', which is not a question in the bank")
            check.add(shown, at, message.format(id=short(missing[0])))
            continue
        content.symptoms[clean["id"]] = Symptom(**clean)


def _read_glossary(check: Checker, path: Path, content: Content) -> None:
    shown = display(path)
    names: set[str] = set()
    for item, line in check.records(check.load(path, shown), "terms", shown):
        clean = check.fields(item, line, shown, TERM_FIELDS)
        if clean is None:
            continue
        words = {w.casefold() for w in (clean["term"], *clean.get("also", ()))}
        if words & names:
            message = _("the term '{term}' (or one of its other forms) is listed twice")
            check.add(shown, line, message.format(term=clean["term"]))
            continue
        names |= words
        content.glossary.append(Term(**clean))


def _read_urgent(check: Checker, path: Path, content: Content) -> None:
    """The levels of help (most urgent first) and the warning signs, each with its level."""
    shown = display(path)
    data = check.load(path, shown)
    if isinstance(data, dict):
        for key in data:
            if key not in ("levels", "signs"):
                message = _("unknown top-level key '{key}'").format(key=short(key))
                check.add(shown, strict_yaml.line_of(data, key), message)
    for item, line in check.records(data, "levels", shown):
        clean = check.fields(item, line, shown, LEVEL_FIELDS)
        if clean is None:
            continue
        if clean["id"] in content.urgent_levels:
            check.add(shown, line, _("the level '{id}' is listed twice").format(id=clean["id"]))
            continue
        content.urgent_levels[clean["id"]] = UrgentLevel(**clean)
    for item, line in check.records(data, "signs", shown):
        clean = check.fields(item, line, shown, SIGN_FIELDS)
        if clean is None:
            continue
        if clean["level"] not in content.urgent_levels:
            at = strict_yaml.line_of(item, "level", line)
            message = _("unknown level '{level}' (the levels are listed at the top)")
            check.add(shown, at, message.format(level=short(clean["level"])))
            continue
        if clean["id"] in content.warning_signs:
            check.add(shown, line, _("the sign '{id}' is listed twice").format(id=clean["id"]))
            continue
        content.warning_signs[clean["id"]] = WarningSign(**clean)
