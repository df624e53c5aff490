"""What each command does, as plain functions: they take plain values, return results, never print."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mbcprep import files
from mbcprep.errors import UsageError
from mbcprep.inputs import clean_text, parse_date, parse_score, split_pair
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


def labels() -> tuple[dict[str, str], dict[str, str]]:
    """Kind and topic labels for rendering, without loading the whole question bank."""
    from mbcprep import yaml_loader
    from mbcprep.paths import shipped_data_dir

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
        raise UsageError(f"There is no kind of visit '{kind}'. Use one of: {', '.join(content.kinds)}.")
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
            raise UsageError(f"There is no question with the id '{qid}'. 'mbcprep questions' lists them.")
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
            raise UsageError(f"There is no 'what matters' item '{cid}'. 'mbcprep checklist' lists them.")
        if not answer:
            raise UsageError(f"--consider {cid}= needs an answer after the '='.")
        if consideration.answer == "scale":
            answer = f"{parse_score(answer, f'The answer for {cid}')} out of 10"
        visit.considerations = [c for c in visit.considerations if c.consideration_id != cid]
        visit.considerations.append(ConsiderationAnswer(cid, consideration.prompt, clean_text(answer)))
    return visit


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
                f"There is no symptom '{sid}'. Use one of: {', '.join(content.symptoms)}, "
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
    when = visit.visit_date or date.today().isoformat()
    return f"mbcprep-{when}.{'json' if fmt == 'json' else 'md'}"


def render_visits(visits: list[Visit], fmt: str, today: date | None = None) -> str:
    from mbcprep import export

    made_on = today or date.today()
    if fmt == "json":
        return export.render_json(visits, made_on)
    kind_labels, topic_labels = labels()
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
    return render_visits(visits, fmt), name


def write_export(text: str, output: str | None, default_name: str, *, force: bool) -> Path:
    dest = Path(os.path.expanduser(output)) if output else Path.cwd() / default_name
    return files.write_private_text(dest, text, force=force)


def import_file(settings: Settings, path: str) -> tuple[int, int]:
    from mbcprep.importing import read_export

    visits = read_export(Path(os.path.expanduser(path)))
    with settings.open_store() as store:
        return store.import_visits(visits)


# --- data ---------------------------------------------------------------------------------------


def backup(settings: Settings, output: str | None, *, force: bool) -> Path:
    from mbcprep.store import _stamp

    folder = settings.folder
    with settings.open_store() as store:
        if output:
            dest = Path(os.path.expanduser(output))
        else:
            dest = ensure_private_dir(folder / BACKUP_DIR) / f"mbcprep-{_stamp()}.sqlite3"
        return store.backup(dest, force=force)
