"""Loading the content mbcprep ships: kinds of visit, topics, the question bank, the checklist,
symptoms, the glossary and the warning signs that cannot wait for a visit, each checked on the way
in. Custom banks are added by `mbcprep.content.banks`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mbcprep.content import strict_yaml
from mbcprep.content.questions import read_question_files
from mbcprep.content.schema import (
    ANSWER_TYPES,
    CAREGIVER_NAME,
    CONSIDERATION_FIELDS,
    KIND_FIELDS,
    LABELLED_FIELDS,
    LEVEL_FIELDS,
    SIGN_FIELDS,
    SYMPTOM_FIELDS,
    TERM_FIELDS,
    Checker,
    display,
    short,
)
from mbcprep.errors import ContentError
from mbcprep.i18n import ENGLISH, _, language
from mbcprep.model.content import Consideration, Content, Kind, Symptom, Term, Topic, UrgentLevel, WarningSign
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
        if not _caregiver_forms_name_the_patient(check, shown, item, line, clean):
            continue
        if clean["id"] in content.considerations:
            check.add(shown, line, _("the id '{id}' is used twice").format(id=clean["id"]))
            continue
        content.considerations[clean["id"]] = Consideration(**clean)


def _caregiver_forms_name_the_patient(check: Checker, shown: str, item: Any, line: int, clean: dict[str, Any]) -> bool:
    """Each caregiver_ field (the words said to a caregiver) holds "{name}" and no other {}."""
    fine = True
    for key in [k for k in clean if k.startswith("caregiver_")]:
        if not _names_only_the_patient(clean[key]):
            at = strict_yaml.line_of(item, key, line)
            # Translators: {field} is written "{name}" in the file; keep "{{}}" (it shows as "{}").
            message = _("'{key}' should hold {field} where the patient's name goes, and no other {{}}")
            check.add(shown, at, message.format(key=key, field=CAREGIVER_NAME))
            fine = False
    return fine


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
        if clean is None or not _caregiver_forms_name_the_patient(check, shown, item, line, clean):
            continue
        if clean["id"] in content.urgent_levels:
            check.add(shown, line, _("the level '{id}' is listed twice").format(id=clean["id"]))
            continue
        content.urgent_levels[clean["id"]] = UrgentLevel(**clean)
    for item, line in check.records(data, "signs", shown):
        clean = check.fields(item, line, shown, SIGN_FIELDS)
        if clean is None or not _caregiver_forms_name_the_patient(check, shown, item, line, clean):
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
