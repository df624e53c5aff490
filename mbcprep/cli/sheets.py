"""Commands for sheets and backups of visits: export, import."""

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out, warn_damaged, warn_damaged_records
from mbcprep.errors import UsageError
from mbcprep.formats import registry as formats
from mbcprep.i18n import _, ngettext

if TYPE_CHECKING:
    from mbcprep.model.diary import DiaryEntry


@app.command("export", help=_("Make the sheet to take to your visit, a calendar event for it, or a JSON backup."))
def export(
    ctx: typer.Context,
    visit: Annotated[
        Optional[str], typer.Argument(metavar=_("ID|latest"), help=_("Which visit (default latest)."))
    ] = None,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar=_("PATH"), help=_("Where to write; - for the screen."))
    ] = None,
    fmt: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help=_("{formats}. Taken from the ending of the -o file name when not given.").format(
                formats=formats.help_text()
            ),
        ),
    ] = None,
    all_visits: Annotated[
        bool,
        typer.Option("--all", help=_("Everything kept (with --format json, a backup, or fhir, a health summary).")),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=_("Replace the file if it is already there."))] = False,
    reader: Annotated[
        Optional[str],
        typer.Option(
            "--for",
            metavar=_("WHO"),
            help=_(
                "Who the sheet is for: me (your own, the default), doctor (one page for your care team),"
                " family (plain words for the people at home) or trial (one page for a clinical trial team;"
                " --format json too)."
            ),
        ),
    ] = None,
    include_scores: Annotated[
        bool, typer.Option("--include-scores", help=_("On the family sheet: how you feel (your scores) too."))
    ] = False,
    include_notes: Annotated[
        bool, typer.Option("--include-notes", help=_("On the family sheet: your notes too."))
    ] = False,
    include_after_visit: Annotated[
        bool,
        typer.Option(
            "--include-after-visit",
            help=_("On the family sheet: what happened at the visit (answers, what you were told) too."),
        ),
    ] = False,
    include_question: Annotated[
        Optional[list[str]],
        typer.Option(
            "--include-question",
            metavar="ID",  # a question id, as new-visit --question names it (not a visit's number)
            help=_(
                "With --include-after-visit: also a question about the future (kept off otherwise), by its id."
                " Give it once for each."
            ),
        ),
    ] = None,
    message: Annotated[
        Optional[str],
        typer.Option("--message", metavar=_("TEXT"), help=_("On the family sheet: what you want them to know.")),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: the family sheet takes only what the options say."))
    ] = False,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt",
            help=_(
                "With --all: lock the backup with a passphrase (the age format; 'age -d' opens it too)."
                " The passphrase is typed twice, or read from MBCPREP_PASSPHRASE_FILE."
            ),
        ),
    ] = False,
) -> None:
    from mbcprep.actions.sheets import choose_reader
    from mbcprep.actions.sheets import export as export_visits
    from mbcprep.inputs import clean_text
    from mbcprep.sheets.context import SheetOptions
    from mbcprep.text import ID_PATTERN

    settings = settings_of(ctx)
    chosen = choose_reader(reader)
    chosen_ids = frozenset(include_question or ())
    if chosen != "family" and (
        include_scores or include_notes or include_after_visit or chosen_ids or message is not None
    ):
        raise UsageError(
            _(
                "--include-scores, --include-notes, --include-after-visit, --include-question and --message are"
                " for the family sheet (--for family)."
            )
        )
    if chosen_ids and not include_after_visit:
        raise UsageError(_("--include-question works with --include-after-visit."))
    for typed in chosen_ids:
        if not ID_PATTERN.fullmatch(typed):
            raise UsageError(_("--include-question needs the id of a question, such as care-get-ready-later."))
    options = SheetOptions(
        scores=include_scores,
        notes=include_notes,
        message=clean_text(message or ""),
        after_visit=include_after_visit,
        sensitive=chosen_ids,
    )
    ask = None
    if chosen == "family" and not no_input:
        from mbcprep.prompts import needs_terminal

        if not needs_terminal():
            from mbcprep.forms.family import family_choices

            given = {
                "scores": include_scores,
                "notes": include_notes,
                "message": message is not None,
                "after_visit": include_after_visit,
            }
            ask = family_choices(given, content=settings.content)
    made = export_visits(
        settings,
        visit,
        all_visits=all_visits,
        fmt=fmt,
        output=output,
        force=force,
        reader=chosen,
        options=options,
        choose=ask,
        encrypt_with=_backup_passphrase if encrypt else None,
    )
    warn_damaged(made.damaged)
    warn_damaged_records(made.damaged_records)
    if made.text is not None:
        if formats.get_format(made.fmt).exact_bytes:  # a calendar's lines end in CRLF: written as bytes
            sys.stdout.flush()
            sys.stdout.buffer.write(made.text.encode("utf-8"))
        else:
            sys.stdout.write(made.text)
        return
    out(_("Saved {path}").format(path=made.path))
    if made.encrypted:
        out(_("It is locked with your passphrase: 'mbcprep import' or 'age -d' opens it."))
    elif made.from_locked_data:
        out(_("Note: your data is locked, but this file is not: anyone who can open it can read it."), err=True)
    if made.fmt == "ics" and made.event_questions:
        out(
            ngettext(
                "The calendar event holds the question you ask first. A calendar that keeps a copy online"
                " keeps it too.",
                "The calendar event holds the {count} questions you ask first. A calendar that keeps a copy"
                " online keeps them too.",
                made.event_questions,
            ).format(count=made.event_questions)
        )
    elif made.fmt == "ics":
        out(_("The calendar event holds the day and the kind of visit, and who and where when known; no questions."))
    else:
        said = formats.saved_sentence(made.fmt)
        if said:
            out(said)


def _backup_passphrase() -> str:
    from mbcprep.passphrase import new_passphrase

    return new_passphrase(_("Choose a passphrase for the backup:"))


@app.command(
    "import",
    help=_("Bring back visits, diary, treatments, medicines and care team from a JSON backup (what is here stays)."),
)
def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar=_("FILE"),
            help=_("A JSON file from 'mbcprep export --format json', or a .age file from 'export --all --encrypt'."),
        ),
    ],
) -> None:
    from mbcprep.actions.sheets import import_file
    from mbcprep.i18n import ngettext
    from mbcprep.model.registry import RECORD_LISTS

    made = import_file(settings_of(ctx), file)
    counts = made.counts
    added, skipped = counts["visits"]
    out(
        ngettext(
            "Imported {added} visit; {skipped} already here and skipped.",
            "Imported {added} visits; {skipped} already here and skipped.",
            added,
        ).format(added=added, skipped=skipped)
    )
    for kept in RECORD_LISTS:
        added, skipped = counts[kept.key]
        if added or skipped:
            line = _("{what}: {added} added, {skipped} already here.")
            out(line.format(what=_(kept.many), added=added, skipped=skipped))
    for reason in made.skipped:
        out(_("Not imported: {reason}").format(reason=reason), err=True)
    if made.clashes:
        out(
            _("These diary scores differ from the ones here, which were kept (the backup still has its own):"),
            err=True,
        )
    for here, theirs in made.clashes:
        out(clash_line(here, theirs), err=True)


def clash_line(here: "DiaryEntry", theirs: "DiaryEntry") -> str:
    """Which day and symptom differ, both scores, and the command that takes the backup's."""
    import shlex

    from mbcprep.model.visit import OTHER_SYMPTOM
    from mbcprep.text import one_line

    symptom = theirs.symptom_id if theirs.symptom_id != OTHER_SYMPTOM else f"{OTHER_SYMPTOM}:{theirs.name}"
    given = f"{symptom}={theirs.score}"
    command = shlex.join(["mbcprep", "diary", "--no-input", "--date", theirs.day, "--symptom", given, "--replace"])
    if theirs.note.strip():
        line = _("  {day}, {symptom}: {here} here, {theirs} and a note in the backup. To take its score: {command}")
    else:
        line = _("  {day}, {symptom}: {here} here, {theirs} in the backup. To take its score: {command}")
    return line.format(
        day=theirs.day,
        symptom=one_line(here.name, 40),
        here=_score(here.score),
        theirs=_score(theirs.score),
        command=one_line(command),
    )


def _score(score: Optional[int]) -> str:
    return _("no score") if score is None else str(score)
