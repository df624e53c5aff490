"""Custom question banks (`--bank`, $MBCPREP_BANK): files or folders of questions and topics in the
shipped format, checked as strictly, and `mbcprep bank check`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mbcprep.content.questions import load_question_files, read_loaded_question_files
from mbcprep.content.schema import BANK_LANG, MAX_BANK_BYTES, MAX_BANK_FILES, Checker, display
from mbcprep.errors import ContentError, Problem
from mbcprep.i18n import ENGLISH, _, language, ngettext, number
from mbcprep.model.content import Content, Question
from mbcprep.paths import BANK_ENV

# --- custom banks ---------------------------------------------------------------------------


def bank_paths(cli_banks: Sequence[str | os.PathLike[str]] = (), *, include_env: bool = True) -> list[Path]:
    """Custom banks from $MBCPREP_BANK (os.pathsep-separated) and then `--bank`, in that order."""
    from mbcprep.errors import UsageError

    env = os.environ.get(BANK_ENV, "") if include_env else ""
    chosen = [p for p in env.split(os.pathsep) if p.strip()]
    for bank in cli_banks:
        if not os.fspath(bank).strip():
            raise UsageError(_("--bank needs a file or folder name."))
        chosen.append(os.fspath(bank))
    return [Path(os.path.expanduser(p)) for p in chosen]


MAX_BANK_DEPTH = 8  # folders inside a bank folder


def _bank_files(check: Checker, path: Path) -> list[Path]:
    shown = display(path)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        check.add(shown, 1, _("cannot be read ({reason})").format(reason=exc.strerror or exc))
        return []
    if is_dir:
        files: list[Path] = []
        if not _walk_bank(check, path, shown, files, 0, [0]):
            return []
        if not files:
            check.add(shown, 1, _("this folder holds no .yaml files"))
        return sorted(files)
    if not exists:
        check.add(shown, 1, _("no such file or folder"))
        return []
    return [path]


def _walk_bank(check: Checker, folder: Path, shown: str, files: list[Path], depth: int, seen: list[int]) -> bool:
    """The YAML files in a bank folder, refusing folders too big or too deep for a bank. Links to
    folders are not followed (a loop of links would never end)."""
    if depth > MAX_BANK_DEPTH:
        message = ngettext(
            "this folder is nested too deeply for a bank (more than {n} folder down)",
            "this folder is nested too deeply for a bank (more than {n} folders down)",
            MAX_BANK_DEPTH,
        )
        check.add(shown, 1, message.format(n=number(MAX_BANK_DEPTH)))
        return False
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        message = _("cannot read the folder {folder} ({reason})")
        check.add(shown, 1, message.format(folder=display(folder), reason=exc.strerror or exc))
        return False
    for entry in entries:
        seen[0] += 1
        if seen[0] > 20 * MAX_BANK_FILES or len(files) > MAX_BANK_FILES:
            message = ngettext(
                "this folder is too big for a bank; use one with at most {n} file",
                "this folder is too big for a bank; use one with at most {n} files",
                MAX_BANK_FILES,
            )
            check.add(shown, 1, message.format(n=number(MAX_BANK_FILES)))
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


def check_banks(paths: Iterable[Path], base: Content, lang: str | None = None) -> tuple[list[Question], list[Problem]]:
    """Validate custom bank files against the shipped kinds and topics (a bank may add topics).
    The questions are those in `lang` (the chosen language when not given); a question written
    only in another language comes too, so none is lost. Problems come sorted by file and line."""
    questions, problems, _counts = read_banks(paths, base, lang)
    return questions, problems


def read_banks(
    paths: Iterable[Path], base: Content, lang: str | None = None
) -> tuple[list[Question], list[Problem], dict[str, int]]:
    """`check_banks`, and how many questions each language's files hold.

    Each file is read with the files of its own language (`lang: es`; English when it does not say),
    as the shipped content is: the same id may be used once in each language, and a file's topics
    serve the files of its language. Topics added by files of another language come with the
    questions that use them."""
    from dataclasses import replace

    lang = lang or language()
    check = Checker()
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
                message = ngettext(
                    "the bank is too large altogether (the limit is {n} byte)",
                    "the bank is too large altogether (the limit is {n} bytes)",
                    MAX_BANK_BYTES,
                )
                check.add(display(bank), 1, message.format(n=number(MAX_BANK_BYTES)))
                return [], check.problems, {}
            files.append(path)
    by_language: dict[str, list[tuple[str, Any]]] = {}
    for shown, data in load_question_files(check, files, bank=True):
        by_language.setdefault(_language_of(check, shown, data), []).append((shown, data))
    shipped_topics = dict(base.topics)
    questions = read_loaded_question_files(check, by_language.pop(lang, []), base, {}, bank=True)
    counts = {lang: len(questions)} if questions else {}
    have = {q.id for q in questions}
    for other, loaded in sorted(by_language.items()):
        own_topics = replace(base, topics=dict(shipped_topics))
        found = read_loaded_question_files(check, loaded, own_topics, {}, bank=True)
        counts[other] = len(found)
        for q in found:
            if q.id not in have:
                have.add(q.id)
                questions.append(q)
                base.topics.setdefault(q.topic, own_topics.topics[q.topic])
    return questions, sorted(check.problems, key=lambda p: (p.path, p.line)), counts


def _language_of(check: Checker, shown: str, data: Any) -> str:
    """A bank file's language: its `lang:`, or English when it says none."""
    from mbcprep.content import strict_yaml
    from mbcprep.languages import codes

    if not isinstance(data, dict) or BANK_LANG not in data:
        return ENGLISH
    said = data[BANK_LANG]
    if isinstance(said, str) and said.strip().lower() in codes():
        return said.strip().lower()
    message = _("'lang' should be one of {languages} (the language the file is written in)")
    check.add(shown, strict_yaml.line_of(data, BANK_LANG), message.format(languages=", ".join(codes())))
    return ENGLISH


def merge_banks(
    content: Content, paths: Sequence[Path], named_in: Sequence[str] = ("--bank",), *, lang: str | None = None
) -> None:
    questions, problems = check_banks(paths, content, lang)
    if problems:
        raise ContentError(problems, _bank_problems_intro(named_in))
    for question in questions:
        content.questions[question.id] = question


def _bank_problems_intro(named_in: Sequence[str]) -> str:
    """The sentence above a custom bank's problems, naming where the bank was given."""
    names = list(named_in)
    if names == [BANK_ENV]:
        # Translators: {variable} is the name of an environment variable (MBCPREP_BANK).
        return _(
            "Your own questions (from {variable}) have problems. Fix them, or unset {variable} to go on without them:"
        ).format(variable=BANK_ENV)
    if len(names) == 2:
        # Translators: {option} is a command-line option (--bank), {variable} an environment variable.
        return _(
            "Your own questions (from {option} and {variable}) have problems. Fix them, or leave out {option}"
            " and {variable} to go on without them:"
        ).format(option=names[0], variable=names[1])
    # Translators: {option} is a command-line option (--bank).
    return _(
        "Your own questions (from {option}) have problems. Fix them, or leave out {option} to go on without them:"
    ).format(option=names[0] if names else "--bank")
