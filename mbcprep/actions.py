"""What each command does, as plain functions: they take plain values, return results, never print."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mbcprep import files
from mbcprep.errors import UsageError
from mbcprep.inputs import clean_text, nth, parse_date, parse_score, split_pair
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

if TYPE_CHECKING:
    from mbcprep.store import Store


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
        raise UsageError(f"--kind takes one of: {', '.join(content.kinds)}.")
    if filled_by not in FILLED_BY:
        raise UsageError(f"--by must be one of: {', '.join(FILLED_BY)}.")
    visit = Visit(
        uuid=str(uuid.uuid4()),
        visit_date=parse_date(when or "today", today, what="The --date given"),
        kind=kind,
        with_whom=clean_text(with_whom),
        filled_by=filled_by,
        notes=clean_text(notes),
        status="ready",
    )
    for n, qid in enumerate(question_ids):
        question = content.questions.get(qid.strip())
        if question is None:
            raise UsageError(
                f"{nth(n, '--question').capitalize()} is not a question id: 'mbcprep questions' lists the ids."
                " For a question in your own words, use --ask."
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
    for n, pair in enumerate(considerations):
        flag = nth(n, "--consider")
        cid, answer = split_pair(pair, "--consider", "how-to-talk=straight facts")
        consideration = content.considerations.get(cid)
        if consideration is None:
            raise UsageError(f"{flag.capitalize()} does not start with an id from 'mbcprep checklist'.")
        if not answer:
            raise UsageError(f"{flag.capitalize()} needs an answer after the '='.")
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
    for n, pair in enumerate(pairs):
        flag = nth(n, "--symptom")
        sid, value = split_pair(pair, "--symptom", "pain=4", value_last=True)
        if sid.startswith(f"{OTHER_SYMPTOM}:") and sid[len(OTHER_SYMPTOM) + 1 :].strip():
            name = clean_text(sid[len(OTHER_SYMPTOM) + 1 :])  # something not on the list, in the person's words
            scores[f"{OTHER_SYMPTOM}:{name}"] = SymptomScore(
                OTHER_SYMPTOM, name, parse_score(value, f"The score of {flag}")
            )
            continue
        symptom = content.symptoms.get(sid)
        if symptom is None:
            raise UsageError(
                f"{flag.capitalize()} does not start with a symptom id. Use one of: {', '.join(content.symptoms)},"
                " or 'other:WHAT=SCORE' for something else."
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


@dataclass
class Exported:
    """What `export` made: the file written (or the text, for the screen), and which visits came out
    of a record that no longer matches its checksum."""

    path: Path | None
    text: str | None
    damaged: list[int]


def export(
    settings: Settings, ref: str | None, *, all_visits: bool, fmt: str, output: str | None, force: bool
) -> Exported:
    """`mbcprep export`: the sheet or a JSON backup, to a file (remembered, for `data delete`) or the screen."""
    if fmt not in ("md", "markdown", "json"):
        raise UsageError("--format must be md or json.")
    fmt = "json" if fmt == "json" else "md"
    if all_visits and ref:
        raise UsageError("Give a visit id or --all, not both.")
    if all_visits and fmt != "json":
        raise UsageError("--all works with --format json (a full backup of every visit).")
    if output is not None and not output.strip():
        raise UsageError("-o needs a file name, or - to print to the screen.")
    with settings.open_store() as store:
        if all_visits:
            visits = store.all_visits()
            name = f"mbcprep-all-{date.today().isoformat()}.json"
        else:
            visit = store.get(ref or "latest")
            visits, name = [visit], default_export_name(visit, fmt)
        text = render_visits(visits, fmt, settings=settings)
        damaged = [v.id for v in visits if not v.intact and v.id is not None]
        if output == "-":
            return Exported(None, text, damaged)
        path = write_export(text, output, name, force=force, settings=settings)
        store.record_written(path, "export" if fmt == "json" else "sheet")
    return Exported(path, None, damaged)


def write_sheet_here(settings: Settings, store: Store, visit: Visit) -> Path:
    """The sheet made at the end of the interview, in the current folder, under a name not yet taken."""
    text = render_visits([visit], "md", settings=settings)
    base = default_export_name(visit, "md")[: -len(".md")]
    here = _current_folder()
    name = next((n for n in [f"{base}.md"] + [f"{base}-{i}.md" for i in range(2, 100)] if not (here / n).exists()), "")
    path = write_export(text, None, name or f"{base}.md", force=False, settings=settings)
    store.record_written(path, "sheet")
    return path


def write_export(
    text: str, output: str | None, default_name: str, *, force: bool, settings: Settings | None = None
) -> Path:
    dest = Path(os.path.expanduser(output)) if output else _current_folder() / default_name
    if dest.is_dir():
        raise UsageError(f"{dest} is a folder; give a file name, for example {dest / default_name}.")
    _outside_data_folder(dest, (settings or Settings()).folder)
    return files.write_private_text(dest, text, force=force)


def _current_folder() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise UsageError("The folder you are in no longer exists. Go to another folder, or give -o PATH.") from None


SCREEN_TEXT = 2_000  # characters of one long text shown in a terminal; the sheet has all of it
SCREEN_LINE = 300  # characters of a one-line field (a name, a question)


def clipped_for_screen(visit: Visit) -> Visit:
    """A copy of `visit` with very long texts cut, saying how much more the sheet holds: drawing
    megabytes of text in a terminal takes minutes and helps nobody."""
    from dataclasses import replace

    from mbcprep.text import clip

    return replace(
        visit,
        with_whom=clip(visit.with_whom, SCREEN_LINE),
        notes=clip(visit.notes, SCREEN_TEXT),
        questions=[replace(q, text=clip(q.text, SCREEN_LINE), why=clip(q.why, SCREEN_LINE)) for q in visit.questions],
        symptoms=[replace(s, name=clip(s.name, SCREEN_LINE), note=clip(s.note, SCREEN_LINE)) for s in visit.symptoms],
        considerations=[
            replace(c, prompt=clip(c.prompt, SCREEN_LINE), answer=clip(c.answer, SCREEN_TEXT))
            for c in visit.considerations
        ],
    )


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
    if output is not None and not output.strip():
        raise UsageError("-o needs a file name.")
    with settings.open_store() as store:
        if output:
            dest = Path(os.path.expanduser(output))
            _outside_data_folder(dest, folder, allowed=folder / BACKUP_DIR)
        else:
            dest = ensure_private_dir(folder / BACKUP_DIR) / f"mbcprep-{timestamp()}.sqlite3"
            files.remove_stale_temps(dest.parent, old_names=True)  # copies killed runs left half-made
        return store.backup(dest, force=force)


def _outside_data_folder(dest: Path, folder: Path, allowed: Path | None = None) -> None:
    """Exports and backups never land on mbcprep's own files."""
    where = dest.resolve().parent if not dest.is_dir() else dest.resolve()
    inside = where == folder.resolve() or folder.resolve() in where.parents
    if inside and not (allowed and where == allowed.resolve()):
        raise UsageError(f"Please choose a place outside mbcprep's data folder ({folder}).")
