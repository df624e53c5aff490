"""Sheets and backups of visits: `export`, `import`, `show`, and the sheet made after the interview.

Plain functions: they take plain values, return results and never print. Every file is written
0600 and remembered in the data file, so `mbcprep data delete` can say where it is.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mbcprep import files
from mbcprep.errors import UsageError
from mbcprep.formats import registry as formats
from mbcprep.i18n import _
from mbcprep.model.visit import TOP_COUNT, Visit
from mbcprep.paths import refuse_inside_data_folder
from mbcprep.settings import Settings
from mbcprep.sheets.context import READERS, TRIAL, SheetContext, SheetOptions
from mbcprep.storage.store import Store
from mbcprep.text import clip

if TYPE_CHECKING:
    from mbcprep.formats.document import Document
    from mbcprep.model.content import Content
    from mbcprep.model.diary import DiaryEntry

SCREEN_TEXT = 2_000  # characters of one long text shown in a terminal; the sheet has all of it
SCREEN_LINE = 300  # characters of a one-line field (a name, a question)


@dataclass
class Exported:
    """What `export` made: the file written (or the text, for the screen), and which visits came out
    of a record that no longer matches its checksum."""

    path: Path | None
    text: str | None
    damaged: list[int]
    fmt: str = "md"
    damaged_records: list[tuple[str, int]] = field(default_factory=list)  # (list, number), see `SheetContext`
    event_questions: int = 0  # how many questions a calendar event holds
    encrypted: bool = False  # locked with a passphrase (age)
    from_locked_data: bool = False  # the data is locked, and this file is not


def choose_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, or the one the output file's name says (.md, .html, .txt, .json, .ics:
    see `mbcprep.formats.registry`); Markdown when neither says. A name and a format that disagree
    are refused, never guessed."""
    named = None
    if fmt is not None:
        found = formats.named(fmt)
        if found is None:
            raise UsageError(_("--format takes one of: {formats}.").format(formats=", ".join(formats.names())))
        named = found.name
    by_name = None
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix:
            by_suffix = formats.by_suffix(suffix)
            if by_suffix is None:
                endings = ", ".join(f.suffixes[0] for f in formats.FORMATS.values() if f.suffixes)
                raise UsageError(
                    _(
                        "mbcprep writes these files: {endings}. For a PDF, make the .html sheet and print it to PDF"
                        " from a web browser."
                    ).format(endings=endings)
                )
            by_name = by_suffix.name
    if (
        named
        and by_name
        and named != by_name
        and Path(output or "").suffix.lower() not in formats.get_format(named).accepts
    ):
        raise UsageError(
            _("The file name ends in .{ending}, but --format says {fmt}: make them agree.").format(
                ending=by_name, fmt=named
            )
        )
    return named or by_name or "md"


def default_export_name(visit: Visit, fmt: str, reader: str = "me") -> str:
    """mbcprep-2027-01-15.md for the person's own sheet; mbcprep-2027-01-15-doctor.html for another reader."""
    try:
        when = date.fromisoformat(visit.visit_date).isoformat()
    except ValueError:
        when = date.today().isoformat()
    for_whom = "" if reader == "me" else f"-{reader}"
    return f"mbcprep-{when}{for_whom}.{fmt}"


def sheet_context(store: Store, visit: Visit, reader: str = "me", content: Any = None) -> SheetContext:
    """What the sheet of `visit` shows beside the visit itself: the medicines, the treatment history
    and the care team as they are now, and what changed since the last visit; for the doctor's page,
    the latest scan, the markers' trend and the symptoms since each treatment going on began. With
    `content`, the bank's symptoms are named in the language in use (`mbcprep.actions.diary.in_language`)."""
    from mbcprep.actions.care import TREATMENTS, ordered
    from mbcprep.actions.changes import change_sentences, what_changed
    from mbcprep.actions.profile import damaged_in, read_view

    medicines, treatments, team = (
        store.records(key).all(checked=True) for key in ("medicines", "treatments", "care_team")
    )
    profile = read_view(store, checked=True)
    changed = what_changed(store, visit)
    if content is not None:
        from mbcprep.actions.diary import in_language

        changed.changes = in_language(content, changed.changes)
        changed.not_scored = in_language(content, changed.not_scored)
    damaged = [
        *(
            (key, r.id)
            for key, found in (("medicines", medicines), ("treatments", treatments), ("care_team", team))
            for r in found
            if not r.intact
        ),
        *(("diary", n) for n in changed.damaged),
        *damaged_in(profile),
    ]
    results: list[str] = []
    by_treatment: list[str] = []
    if reader == "doctor":
        from mbcprep.actions.results import results_in_brief
        from mbcprep.actions.treatment_trends import current_lines

        # In brief: the page is one printed page, and the report is the doctor's own.
        results = [line for line in (results_in_brief(store),) if line]
        by_treatment = current_lines(store, content)
    labs: list[dict[str, Any]] = []
    if reader == TRIAL:
        from dataclasses import asdict

        from mbcprep.actions.results import recent_labs

        labs = [asdict(lab) for lab in recent_labs(store)]
    from mbcprep.preferences import travel_minutes

    return SheetContext(
        medicines=medicines,
        treatments=ordered(TREATMENTS, treatments),
        team=team,
        changes=change_sentences(changed),
        profile=None if profile.empty else profile,
        results=results,
        by_treatment=by_treatment,
        labs=labs,
        damaged=damaged,
        travel=travel_minutes(store.folder)[0],
    )


def render_visits(
    visits: list[Visit],
    fmt: str,
    settings: Settings,
    today: date | None = None,
    records: dict[str, list[Any]] | None = None,
    *,
    reader: str = "me",
    context: SheetContext | None = None,
    options: SheetOptions | None = None,
    content: Content | None = None,
) -> str:
    """The visits as a sheet for `reader` ("me", "doctor", "family"), a calendar event or a backup
    (with `records`, the lists kept beside the visits: a full backup). `context` is what the sheet
    shows beside the visit (see `sheet_context`); a sheet is made of one visit when it is given.
    `content`: the content in the chosen language, when the caller has it already."""
    made_on = today or date.today()
    entry = formats.get_format(fmt)
    if not entry.sheet:
        return entry.render(formats.Job(visits, made_on, reader=reader, records=records))
    content = content or settings.content()
    visits = in_this_language(visits, settings, content)

    def sheet() -> Document:
        from mbcprep.formats.document import Document
        from mbcprep.sheets.sheet import ARRANGEMENTS, build_sheet

        made = [build_sheet(v, content, made_on, ARRANGEMENTS[reader], context, options) for v in visits]
        return Document(tuple(block for one in made for block in one.blocks))

    def place(visit: Visit) -> str:
        from mbcprep.sheets.sections import SheetFacts

        return SheetFacts(visit, content, made_on, context or SheetContext()).place

    from mbcprep.i18n import language

    job = formats.Job(visits, made_on, reader, language(), records, content, sheet, place)
    return entry.render(job)


def trial_json(context: SheetContext, today: date) -> str:
    """The trial page's facts as JSON (`export latest --for trial --format json`), from the profile and
    the treatment history (`mbcprep.model.trial.trial_facts`)."""
    import json

    from mbcprep.model.profile_summary import ProfileView
    from mbcprep.model.trial import trial_facts

    facts = trial_facts(context.profile or ProfileView(), context.treatments, today, context.labs)
    return json.dumps({"format": "mbcprep-trial", "version": 1, **facts}, ensure_ascii=False, indent=2) + "\n"


def choose_reader(reader: str | None) -> str:
    named = (reader or "me").strip().lower()
    if named not in (*READERS, TRIAL):
        raise UsageError(_("--for takes one of: {readers}.").format(readers=", ".join((*READERS, TRIAL))))
    return named


def in_this_language(visits: list[Visit], settings: Settings, content: Content) -> list[Visit]:
    """Visits made in another language, with the bank's words in the chosen one (`content`); a
    person's own words stay as typed (see `mbcprep.actions.translate`)."""
    from mbcprep.i18n import ENGLISH, language

    shown_in = language()
    made: dict[str, Content] = {}
    out = []
    for visit in visits:
        made_in = visit.language or ENGLISH  # "" is a visit from before mbcprep kept it: English
        if made_in == shown_in:
            out.append(visit)
            continue
        from mbcprep.actions.translate import bank_words_in

        if made_in not in made:
            made[made_in] = settings.content(lang=made_in)
        out.append(bank_words_in(visit, made[made_in], content))
    return out


def export(
    settings: Settings,
    ref: str | None,
    *,
    all_visits: bool,
    fmt: str | None,
    output: str | None,
    force: bool,
    reader: str | None = None,
    options: SheetOptions | None = None,
    choose: Callable[[Visit, SheetOptions], SheetOptions] | None = None,
    encrypt_with: Callable[[], str] | None = None,
) -> Exported:
    """`mbcprep export`: a sheet for its reader (Markdown, HTML, plain text), a calendar event or a
    JSON backup, to a file (remembered, for `data delete`) or the screen. `choose`, when given, is
    asked what goes on a family sheet once the visit is found (a form, in a terminal). With
    `encrypt_with`, a full backup is locked with the passphrase it gives (the age format)."""
    if encrypt_with is not None and not all_visits:
        raise UsageError(_("--encrypt works with --all: it locks a full backup with a passphrase."))
    if encrypt_with is not None and (output is None or not output.strip() or files.names_the_screen(output)):
        raise UsageError(_("An encrypted backup is a file: give its name with -o, for example -o backup.age."))
    if output is not None and not output.strip():
        raise UsageError(_("-o needs a file name, or - to print to the screen."))
    if output is not None and files.names_the_screen(output):
        output = "-"
    if output and output != "-":  # never onto mbcprep's own files, whatever the file is called
        refuse_inside_data_folder(files.typed_path(output), settings.folder)
    if all_visits and fmt is None and output in (None, "-"):
        fmt = "json"  # every visit at once is a backup
    if encrypt_with is not None:  # any file name (backup.age): the backup inside is JSON
        if fmt is not None and choose_format(fmt, None) != "json":
            raise UsageError(_("--encrypt works with --all: it locks a full backup with a passphrase."))
        fmt = "json"
    else:
        fmt = choose_format(fmt, output)
    if all_visits and ref:
        raise UsageError(_("Give a visit id or --all, not both."))
    whole = formats.get_format(fmt).whole
    if all_visits and fmt != "json" and not whole:
        raise UsageError(_("--all works with --format json (a full backup of every visit) or fhir (a health summary)."))
    if whole and not all_visits:
        raise UsageError(_("--format {fmt} makes a summary of everything kept: add --all.").format(fmt=fmt))
    reader = choose_reader(reader)
    if reader == TRIAL and (fmt == "ics" or all_visits):
        raise UsageError(_("--for trial makes one page (md, html or txt) or its JSON (--format json)."))
    if not formats.get_format(fmt).sheet and reader not in ("me", TRIAL):
        raise UsageError(
            _("--for makes a sheet or a calendar event; a JSON backup holds everything, so it is for you alone.")
        )
    options = options or SheetOptions()
    text: str | list[str]  # a full backup is written in pieces (see `backup_pieces`)
    with settings.open_store() as store:
        visit: Visit | None = None
        if whole:
            text, damaged, damaged_records = everything_as(store, fmt)
            name = f"mbcprep-summary-{date.today().isoformat()}.{fmt}.json"
        elif all_visits:
            from mbcprep.formats.backup import RECORD_SEPARATOR, backup_pieces

            # Each visit and kept record as its JSON line, made in SQLite (years of them, quickly),
            # all from one state of the file.
            lines, damaged, records, damaged_records = store.backup_json(RECORD_SEPARATOR)
            text = backup_pieces(lines, date.today(), records)
            name = f"mbcprep-all-{date.today().isoformat()}.json"
        else:
            visit = store.get(ref or "latest")
            name = default_export_name(visit, fmt, reader)
            content = settings.content()
            context = sheet_context(store, visit, reader, content)
            unknown = sorted(options.sensitive - {q.question_id for q in visit.questions if q.question_id})
            if unknown:
                raise UsageError(_("--include-question {id} is not a question of this visit.").format(id=unknown[0]))
            if reader == "family" and choose is not None and fmt != "ics":
                options = choose(visit, options)
            if reader == TRIAL and fmt == "json":
                text = trial_json(context, date.today())
            else:
                text = render_visits(
                    [visit], fmt, settings, reader=reader, context=context, options=options, content=content
                )
            damaged = [] if visit.intact or visit.id is None else [visit.id]
            damaged_records = context.damaged
        asked = 0
        if fmt == "ics" and visit is not None and reader != "family":  # the family's event holds none
            asked = min(len(visit.first_questions()), TOP_COUNT)
        if output == "-":
            return Exported(None, _joined(text), damaged, fmt, damaged_records, asked)
        from mbcprep.storage.cipher import is_cipher_connection

        locked_data = is_cipher_connection(store.db)
        if encrypt_with is not None:
            from mbcprep.formats.encrypted import encrypt_bytes

            sealed = encrypt_bytes(_joined(text).encode("utf-8"), encrypt_with())
            dest = files.typed_path(str(output))
            refuse_inside_data_folder(dest, settings.folder)
            path = files.write_private_bytes(dest, sealed, force=force)
            store.record_written(path, "export", None)
            return Exported(path, None, damaged, fmt, damaged_records, 0, encrypted=True)
        path = write_export(text, output, name, force=force, settings=settings)
        # Only the person's own Markdown sheet is "the sheet" of the visit, which `edit` offers to make
        # again in its place (as Markdown): a page to print, an event or another reader's sheet is not.
        what = "sheet" if fmt == "md" and reader == "me" and not all_visits else "export"
        store.record_written(path, what, visit.uuid if visit else None)
    return Exported(path, None, damaged, fmt, damaged_records, asked, from_locked_data=locked_data)


def everything_as(store: Store, fmt: str) -> tuple[str, list[int], list[tuple[str, int]]]:
    """Every visit and kept record, from one state of the file, made into format `fmt` (a summary
    such as FHIR's); and which of them no longer match their checksums."""
    from mbcprep.model.registry import RECORD_LISTS

    with store.snapshot():
        visits = store.all_visits()
        records = {kept.key: store.records(kept.key).all(checked=True) for kept in RECORD_LISTS}
    damaged = [v.id for v in visits if not v.intact and v.id is not None]
    damaged_records = [(key, r.id) for key, found in records.items() for r in found if not r.intact]
    from mbcprep.actions.results import copies_in
    from mbcprep.content.labs import labs

    lab_codes = {lab.id: lab.loinc for lab in labs(cache_dir=copies_in(store))}
    job = formats.Job(visits, date.today(), records=records, lab_codes=lab_codes)
    return formats.get_format(fmt).render(job), damaged, damaged_records


def write_sheet_here(settings: Settings, store: Store, visit: Visit, fmt: str = "md", reader: str = "me") -> Path:
    """A sheet made at the end of the interview, in the current folder, under a name not yet taken."""
    content = settings.content()
    context = sheet_context(store, visit, reader, content)
    text = render_visits([visit], fmt, settings, reader=reader, context=context, content=content)
    base = default_export_name(visit, fmt, reader)[: -len(f".{fmt}")]
    here = current_folder()
    names = [f"{base}.{fmt}", *(f"{base}-{i}.{fmt}" for i in range(2, 100))]
    name = next((n for n in names if not os.path.lexists(here / n)), names[0])
    path = write_export(text, None, name, force=False, settings=settings)
    # The person's own sheet is the one `edit` offers to make again; another reader's page is an export.
    store.record_written(path, "sheet" if reader == "me" else "export", visit.uuid)
    return path


def _joined(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


def write_export(
    text: str | list[str], output: str | None, default_name: str, *, force: bool, settings: Settings
) -> Path:
    dest = files.typed_path(output) if output else current_folder() / default_name
    if dest.is_dir():
        raise UsageError(
            _("{path} is a folder; give a file name, for example {example}.").format(
                path=dest, example=dest / default_name
            )
        )
    refuse_inside_data_folder(dest, settings.folder)
    return files.write_private_text(dest, text, force=force)


def current_folder() -> Path:
    """Where a sheet is made when no folder is given: the current folder (in a demo, the demo's own)."""
    demo_folder = files.writes_go_to()
    if demo_folder is not None:
        return demo_folder
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise UsageError(_("The folder you are in no longer exists. Go to another folder, or give -o PATH.")) from None


def clipped_for_screen(visit: Visit) -> Visit:
    """A copy of `visit` with very long texts cut, saying how much more the sheet holds: drawing
    megabytes of text in a terminal takes minutes and helps nobody."""
    return replace(
        visit,
        with_whom=clip(visit.with_whom, SCREEN_LINE),
        notes=clip(visit.notes, SCREEN_TEXT),
        told=clip(visit.told, SCREEN_TEXT),
        questions=[
            replace(q, text=clip(q.text, SCREEN_LINE), why=clip(q.why, SCREEN_LINE), answer=clip(q.answer, SCREEN_TEXT))
            for q in visit.questions
        ],
        symptoms=[replace(s, name=clip(s.name, SCREEN_LINE), note=clip(s.note, SCREEN_LINE)) for s in visit.symptoms],
        considerations=[
            replace(c, prompt=clip(c.prompt, SCREEN_LINE), answer=clip(c.answer, SCREEN_TEXT))
            for c in visit.considerations
        ],
    )


@dataclass
class Imported:
    """What `mbcprep import` did: (added, already here) for "visits" and each kept list; a sentence for
    each record left out (which one and why, never its text); and each diary score that differs from
    the one kept here for that day and symptom, as (here, in the backup): the one here stays."""

    counts: dict[str, tuple[int, int]]
    skipped: list[str] = field(default_factory=list)
    clashes: list[tuple[DiaryEntry, DiaryEntry]] = field(default_factory=list)


def import_file(settings: Settings, path: str, today: date | None = None) -> Imported:
    """A backup brought back in one transaction; what cannot be read, and diary days still to come
    (the diary is for days that have come), are left out and named."""
    from mbcprep.formats.backup import read_backup
    from mbcprep.passphrase import get_passphrase

    file = Path(os.path.expanduser(path))
    question = _("Passphrase of the backup {name}:").format(name=file.name)
    backup = read_backup(file, passphrase=lambda: get_passphrase(question))
    skipped = list(backup.skipped)
    last = (today or date.today()).isoformat()
    diary = []
    for n, entry in enumerate(backup.of("diary"), 1):
        if entry.day > last:
            skipped.append(
                _(
                    "{name}: diary entry {n} is for a day still to come ({day}); the diary is for days that have come."
                ).format(name=file, n=n, day=entry.day)
            )
        else:
            diary.append(entry)
    records = {**backup.records, "diary": diary}
    with settings.open_store() as store:
        clashes = store.diary_clashes(diary)
        counts = store.import_everything(backup.visits, records)
    added, here = counts["diary"]
    counts["diary"] = (added, max(here - len(clashes), 0))
    return Imported(counts, skipped, clashes)
