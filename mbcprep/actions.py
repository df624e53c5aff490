"""What each command does, as plain functions: they take plain values, return results, never print."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mbcprep import files
from mbcprep.errors import UsageError
from mbcprep.inputs import clean_text, parse_date, parse_score, quoted_if_id, split_pair
from mbcprep.models import (
    FILLED_BY,
    OTHER_SYMPTOM,
    OWN_TOPIC,
    TOP_COUNT,
    ConsiderationAnswer,
    Content,
    SymptomScore,
    Visit,
    VisitQuestion,
)
from mbcprep.paths import BACKUP_DIR, ensure_private_dir
from mbcprep.settings import Settings


def labels(settings: Settings | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Kind and topic labels for rendering; the whole bank is loaded only when custom banks add topics."""
    from mbcprep import yaml_loader
    from mbcprep.content import bank_paths
    from mbcprep.paths import shipped_data_dir

    if bank_paths(settings.banks if settings else ()):
        content = (settings or Settings()).content()
        return (
            {k.id: k.label for k in content.kinds.values()},
            {t.id: t.label for t in content.topics.values()},
        )

    root = shipped_data_dir()
    out = []
    for name, key in (("kinds.yaml", "kinds"), ("topics.yaml", "topics")):
        data = yaml_loader.load_file(root / name)
        out.append({str(item["id"]): str(item["label"]) for item in data[key]})
    return out[0], out[1]


# --- new-visit without prompts ---------------------------------------------------------------


def build_visit(
    content: Content,
    *,
    when: str | None,
    kind: str,
    with_whom: str = "",
    filled_by: str = "patient",
    question_ids: Sequence[str] = (),
    own_questions: Sequence[str] = (),
    symptoms: Sequence[str] = (),
    considerations: Sequence[str] = (),
    notes: str = "",
    today: date | None = None,
) -> Visit:
    """A ready visit from command-line options; every value is checked first."""
    if kind not in content.kinds:
        raise UsageError(
            f"There is no kind of visit {quoted_if_id(kind, 'like that')}. Use one of: {', '.join(content.kinds)}."
        )
    if filled_by not in FILLED_BY:
        raise UsageError(f"--by must be one of: {', '.join(FILLED_BY)}.")
    visit = Visit(
        uuid=str(uuid.uuid4()),
        visit_date=parse_date(when or "today", today),
        kind=kind,
        with_whom=clean_text(with_whom),
        filled_by=filled_by,
        notes=clean_text(notes),
        status="ready",
    )
    for qid in question_ids:
        question = content.questions.get(qid.strip())
        if question is None:
            raise UsageError(
                f"There is no question with the id {quoted_if_id(qid, 'given')}. 'mbcprep questions' lists the ids;"
                " for a question in your own words use --ask."
            )
        if any(q.question_id == question.id for q in visit.questions):
            continue
        visit.questions.append(VisitQuestion(question.text, question.topic, question.why, question.id))
    for text in own_questions:
        if not text.strip():
            raise UsageError("--ask needs the words of your question.")
        visit.questions.append(VisitQuestion(clean_text(text), OWN_TOPIC))
    for n, q in enumerate(visit.questions[:TOP_COUNT], 1):
        q.rank = n
    visit.symptoms = parse_symptoms(content, symptoms)
    for pair in considerations:
        cid, answer = split_pair(pair, "--consider", "how-to-talk=straight facts")
        consideration = content.considerations.get(cid)
        if consideration is None:
            raise UsageError(
                f"There is no 'what matters' item {quoted_if_id(cid, 'with that id')}. 'mbcprep checklist' lists them."
            )
        if not answer:
            raise UsageError(f"--consider {cid}= needs an answer after the '='.")
        if consideration.answer == "scale":
            answer = f"{parse_score(answer, f'The answer for {cid}')} out of 10"
        elif consideration.answer == "choice":
            answer = _pick_choice(cid, consideration.choices, answer)
        visit.considerations = [c for c in visit.considerations if c.consideration_id != cid]
        visit.considerations.append(ConsiderationAnswer(cid, consideration.prompt, clean_text(answer)))
    return visit


def _pick_choice(cid: str, choices: Sequence[str], answer: str) -> str:
    """A choice by its number (1, 2, ...), its words, or the first words that tell it apart."""
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1]
    folded = answer.casefold()
    exact = [c for c in choices if c.casefold() == folded]
    starts = [c for c in choices if c.casefold().startswith(folded)]
    if exact or len(starts) == 1:
        return (exact or starts)[0]
    numbered = "; ".join(f"{n}. {c}" for n, c in enumerate(choices, 1))
    raise UsageError(f"For {cid}, give the number or the first words of one of: {numbered}.")


def parse_symptoms(content: Content, pairs: Sequence[str]) -> list[SymptomScore]:
    scores: dict[str, SymptomScore] = {}
    for pair in pairs:
        sid, value = split_pair(pair, "--symptom", "pain=4")
        if sid.startswith(f"{OTHER_SYMPTOM}:") and sid[len(OTHER_SYMPTOM) + 1 :].strip():
            name = clean_text(sid[len(OTHER_SYMPTOM) + 1 :])  # something not on the list, in the person's words
            scores[f"{OTHER_SYMPTOM}:{name}"] = SymptomScore(OTHER_SYMPTOM, name, parse_score(value, "That score"))
            continue
        symptom = content.symptoms.get(sid)
        if symptom is None:
            raise UsageError(
                f"There is no symptom {quoted_if_id(sid, 'with that id')}. Use one of: {', '.join(content.symptoms)}, "
                "or 'other:WHAT=SCORE' for something else."
            )
        scores[sid] = SymptomScore(sid, symptom.name, parse_score(value, f"The score for {sid}"))
    order = list(content.symptoms)
    return sorted(scores.values(), key=lambda s: order.index(s.symptom_id) if s.symptom_id in order else len(order))


def save_new_visit(settings: Settings, visit: Visit) -> Visit:
    with settings.open_store() as store:
        return store.save(visit)


# --- export and import -------------------------------------------------------------------------


def default_export_name(visit: Visit, fmt: str) -> str:
    try:
        when = date.fromisoformat(visit.visit_date).isoformat()
    except ValueError:
        when = date.today().isoformat()
    return f"mbcprep-{when}.{'json' if fmt == 'json' else 'md'}"


def render_visits(visits: list[Visit], fmt: str, today: date | None = None, settings: Settings | None = None) -> str:
    from mbcprep import export

    made_on = today or date.today()
    if fmt == "json":
        return export.render_json(visits, made_on)
    kind_labels, topic_labels = labels(settings)
    return "\n\n".join(export.render_markdown(v, kind_labels, topic_labels, made_on) for v in visits)


def export_text(settings: Settings, ref: str | None, *, all_visits: bool, fmt: str) -> tuple[str, str]:
    """(text, default file name) for `mbcprep export`."""
    if fmt not in ("md", "markdown", "json"):
        raise UsageError("--format must be md or json.")
    fmt = "json" if fmt == "json" else "md"
    if all_visits and ref:
        raise UsageError("Give a visit id or --all, not both.")
    if all_visits and fmt != "json":
        raise UsageError("--all works with --format json (a full backup of every visit).")
    with settings.open_store() as store:
        if all_visits:
            visits = store.all_visits()
            name = f"mbcprep-all-{date.today().isoformat()}.json"
        else:
            visit = store.get(ref or "latest")
            visits, name = [visit], default_export_name(visit, fmt)
    return render_visits(visits, fmt, settings=settings), name


def write_export(
    text: str, output: str | None, default_name: str, *, force: bool, settings: Settings | None = None
) -> Path:
    dest = Path(os.path.expanduser(output)) if output else Path.cwd() / default_name
    if dest.is_dir():
        raise UsageError(f"{dest} is a folder; give a file name, for example {dest / default_name}.")
    _outside_data_folder(dest, (settings or Settings()).folder)
    return files.write_private_text(dest, text, force=force)


def import_file(settings: Settings, path: str) -> tuple[int, int]:
    from mbcprep.importing import read_export

    visits = read_export(Path(os.path.expanduser(path)))
    with settings.open_store() as store:
        return store.import_visits(visits)


# --- data ---------------------------------------------------------------------------------------


def backup(settings: Settings, output: str | None, *, force: bool) -> Path:
    from mbcprep.store import timestamp

    folder = settings.folder
    if output == "-":
        raise UsageError("A backup is a database file; give a file name with -o, not -.")
    with settings.open_store() as store:
        if output:
            dest = Path(os.path.expanduser(output))
            _outside_data_folder(dest, folder, allowed=folder / BACKUP_DIR)
        else:
            dest = ensure_private_dir(folder / BACKUP_DIR) / f"mbcprep-{timestamp()}.sqlite3"
        return store.backup(dest, force=force)


def _outside_data_folder(dest: Path, folder: Path, allowed: Path | None = None) -> None:
    """Exports and backups never land on mbcprep's own files."""
    where = dest.resolve().parent if not dest.is_dir() else dest.resolve()
    inside = where == folder.resolve() or folder.resolve() in where.parents
    if inside and not (allowed and where == allowed.resolve()):
        raise UsageError(f"Please choose a place outside mbcprep's data folder ({folder}).")
