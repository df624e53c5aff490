"""The command line: each command parses its options, calls one core function, and prints the result.

Heavy modules (questionary, the store, the YAML loader) are imported inside the commands that use
them, so `mbcprep --version` and `--help` start as fast as a bare Typer app.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from mbcprep import __version__

if TYPE_CHECKING:
    from mbcprep.settings import Settings

NOT_ADVICE = (
    "mbcprep helps you get ready for visits with your cancer care team. It keeps your notes on this "
    "computer only. It does not give medical advice: your care team knows your situation best."
)

app = typer.Typer(
    name="mbcprep",
    help=f"Get ready for a visit with your cancer care team.\n\n{NOT_ADVICE}",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,  # never print tracebacks with local variables (they may hold notes)
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(help="Check a question bank of your own.", add_completion=False)
data_app = typer.Typer(
    help="Look after your saved data: where it is, check it, back it up, delete it.", add_completion=False
)
app.add_typer(bank_app, name="bank")
app.add_typer(data_app, name="data")


def _out(text: object = "", *, err: bool = False) -> None:
    """Everything a command prints goes through here: nothing a terminal would act on gets out."""
    from mbcprep.text import printable

    print(printable(str(text)), file=sys.stderr if err else sys.stdout)


def _warn_damaged(ids: list[int]) -> None:
    if ids:
        which = ", ".join(str(i) for i in ids[:10]) + (" and more" if len(ids) > 10 else "")
        _out(
            f"Warning: visit {which} no longer matches the check saved with it: the file may be damaged. "
            "Look it over before you rely on it, and run 'mbcprep data check'.",
            err=True,
        )


def _settings(ctx: typer.Context) -> Settings:
    from mbcprep.settings import Settings

    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def _show_version(value: bool) -> None:
    if value:
        print(f"mbcprep {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Optional[str], typer.Option("--data-dir", metavar="PATH", help="Keep your data in this folder instead.")
    ] = None,
    bank: Annotated[
        Optional[list[str]],
        typer.Option("--bank", metavar="PATH", help="Add your own questions from a YAML file or folder (repeatable)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and stop.")
    ] = False,
) -> None:
    from mbcprep.settings import Settings

    ctx.obj = Settings(data_dir=data_dir, banks=tuple(bank or ()))
    if ctx.invoked_subcommand is None:
        _out(ctx.get_help())


# --- planning a visit ------------------------------------------------------------------------------


@app.command("new-visit")
def new_visit(
    ctx: typer.Context,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: take every answer from the options.")
    ] = False,
    date: Annotated[Optional[str], typer.Option(help="When: YYYY-MM-DD, today or tomorrow (default today).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="Kind of visit, e.g. routine, results (default routine).")] = None,
    with_: Annotated[str, typer.Option("--with", help="Who the visit is with.")] = "",
    by: Annotated[str, typer.Option(help="Who is filling it in: patient or caregiver.")] = "patient",
    question: Annotated[
        Optional[list[str]], typer.Option(metavar="ID", help="A question id from 'mbcprep questions' (repeatable).")
    ] = None,
    ask: Annotated[
        Optional[list[str]], typer.Option(metavar="TEXT", help="A question in your own words (repeatable).")
    ] = None,
    symptom: Annotated[
        Optional[list[str]], typer.Option(metavar="ID=SCORE", help="How a symptom is right now, 0-10 (repeatable).")
    ] = None,
    note: Annotated[
        Optional[list[str]], typer.Option(metavar="TEXT", help="A note to yourself or the team (repeatable).")
    ] = None,
    consider: Annotated[
        Optional[list[str]], typer.Option(metavar="ID=TEXT", help="An answer from 'mbcprep checklist' (repeatable).")
    ] = None,
) -> None:
    """Plan your next visit: how you feel, your questions, what matters to you."""
    from mbcprep import actions
    from mbcprep.errors import UsageError

    settings = _settings(ctx)
    given = any([date, kind, with_, question, ask, symptom, note, consider, by != "patient"])
    if not no_input:
        if given:
            raise UsageError("To fill in a visit from options, add --no-input.")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "new-visit asks questions, so it needs a terminal. "
                "From a script, add --no-input and give the answers as options (see 'mbcprep new-visit --help')."
            )
        from mbcprep.interview_cli import run_new_visit

        run_new_visit(settings)
        return
    visit = actions.build_visit(
        settings.content(),
        when=date,
        kind=kind or "routine",
        with_whom=with_,
        filled_by=by,
        question_ids=question or (),
        own_questions=ask or (),
        symptoms=symptom or (),
        considerations=consider or (),
        notes="\n".join(note or ()),
    )
    from mbcprep.errors import MbcprepError
    from mbcprep.signals import held_stop_signals

    with held_stop_signals():  # once the visit is saved, its number is always printed
        saved = actions.save_new_visit(settings, visit)
        try:
            print(saved.id, flush=True)
        except OSError as exc:
            raise MbcprepError(
                f"Visit {saved.id} is saved, but its number could not be printed ({exc.strerror or 'output refused'})."
            ) from None


@app.command("visits")
def visits(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False
) -> None:
    """List your visits."""
    from mbcprep import render

    with _settings(ctx).open_store() as store:
        rows = store.summaries()
    if as_json:
        _out(render.as_json([r.__dict__ for r in rows]))
    else:
        _out(render.visits_table(rows))


@app.command("show")
def show(
    ctx: typer.Context, visit: Annotated[str, typer.Argument(metavar="ID|latest", help="Which visit.")] = "latest"
) -> None:
    """Show one visit as it will look on your sheet."""
    from mbcprep import actions

    with _settings(ctx).open_store() as store:
        found = store.get(visit)
    _warn_damaged([] if found.intact or found.id is None else [found.id])
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        text = actions.render_visits([actions.clipped_for_screen(found)], "md", settings=_settings(ctx))
        Console(width=min(100, Console().width)).print(Markdown(text))
    else:
        _out(actions.render_visits([found], "md", settings=_settings(ctx)))


@app.command("edit")
def edit(
    ctx: typer.Context, visit: Annotated[str, typer.Argument(metavar="ID|latest", help="Which visit.")] = "latest"
) -> None:
    """Change a visit: add, remove or reorder questions; change notes and scores."""
    from mbcprep.errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("edit asks questions, so it needs a terminal.")
    from mbcprep.interview_cli import run_edit

    run_edit(_settings(ctx), visit)


@app.command("delete")
def delete(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar="ID|latest", help="Which visit.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete one visit (asks first)."""
    from mbcprep.errors import UsageError
    from mbcprep.text import one_line

    with _settings(ctx).open_store() as store:
        found = store.get(visit)
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError("Deleting needs a yes: add --yes, or run it in a terminal.")
            when = one_line(found.visit_date or "no date", 10)
            answer = input(f"Delete visit {found.id} ({when})? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                _out("Kept. Nothing was deleted.")
                return
        assert found.id is not None
        store.delete(found.id)
    _out(f"Deleted visit {found.id}.")


@app.command("export")
def export(
    ctx: typer.Context,
    visit: Annotated[Optional[str], typer.Argument(metavar="ID|latest", help="Which visit (default latest).")] = None,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="PATH", help="Where to write; - for the screen.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md (the sheet) or json (a full backup).")] = "md",
    all_visits: Annotated[bool, typer.Option("--all", help="Every visit (with --format json).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it is already there.")] = False,
) -> None:
    """Make the sheet to take to your visit (Markdown), or a JSON backup."""
    from mbcprep import actions

    made = actions.export(_settings(ctx), visit, all_visits=all_visits, fmt=fmt, output=output, force=force)
    _warn_damaged(made.damaged)
    if made.text is not None:
        sys.stdout.write(made.text)
    else:
        _out(f"Saved {made.path}")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A JSON file from 'mbcprep export --format json'.")],
) -> None:
    """Bring back visits from a JSON backup (visits already here are skipped)."""
    from mbcprep import actions

    added, skipped = actions.import_file(_settings(ctx), file)
    _out(f"Imported {added} visit(s); {skipped} already here and skipped.")


# --- content ---------------------------------------------------------------------------------------


@app.command("questions")
def questions(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Option(help="Only this topic.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="Only questions suggested for this kind of visit.")] = None,
    search: Annotated[Optional[str], typer.Option(metavar="WORDS", help="Only questions with all these words.")] = None,
    include_sensitive: Annotated[
        bool, typer.Option("--include-sensitive", help="Also show questions about prognosis and the end of life.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full records as JSON.")] = False,
) -> None:
    """Browse the question bank."""
    from mbcprep import render
    from mbcprep.content import count_hidden, find_questions

    content = _settings(ctx).content()
    found = find_questions(content, topic=topic, kind=kind, words=search, include_sensitive=include_sensitive)
    if as_json:
        _out(render.as_json([q.to_dict() for q in found]))
    else:
        hidden = 0 if include_sensitive else count_hidden(content, topic=topic, kind=kind, words=search)
        _out(render.questions_list(found, content, hidden=hidden))


@app.command("checklist")
def checklist(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print the full records as JSON.")] = False
) -> None:
    """Show the 'what matters to me' checklist."""
    from mbcprep import render

    content = _settings(ctx).content()
    if as_json:
        _out(render.as_json([c.to_dict() for c in content.considerations.values()]))
    else:
        _out(render.checklist(content))


@app.command("glossary")
def glossary(
    ctx: typer.Context,
    term: Annotated[
        Optional[list[str]], typer.Argument(metavar="[WORDS]...", help="A word (or words) to look up.")
    ] = None,
) -> None:
    """Explain medical words in plain language."""
    from mbcprep import render
    from mbcprep.content import lookup_term
    from mbcprep.errors import UsageError

    content = _settings(ctx).content()
    if not term:
        _out(render.glossary(content.glossary))
        return
    found = lookup_term(content, " ".join(term))
    if found is None:
        raise UsageError("That is not in the glossary yet. 'mbcprep glossary' lists every word.")
    _out(render.glossary([found]))


@bank_app.command("check")
def bank_check(path: Annotated[str, typer.Argument(metavar="PATH", help="A YAML file or a folder of them.")]) -> None:
    """Check a question bank file or folder and list every problem."""
    from mbcprep import render
    from mbcprep.content import check_bank

    report = check_bank(path)
    if report.problems:
        _out(render.problems(report.problems), err=True)
        raise typer.Exit(1)
    _out(render.bank_ok(path, report))


# --- data ------------------------------------------------------------------------------------------


@data_app.command("where")
def data_where(ctx: typer.Context) -> None:
    """Print the folder where your visits are kept."""
    _out(_settings(ctx).folder)


@data_app.command("check")
def data_check(ctx: typer.Context) -> None:
    """Check that your saved data can be read (changes nothing)."""
    from mbcprep.store import check_data

    report = check_data(_settings(ctx).folder)
    _out(f"Folder: {report.folder}")
    if not report.exists:
        _out("No data yet: nothing has been saved.")
    elif report.problem:
        _out(report.problem, err=True)
        raise typer.Exit(1)
    else:
        _out(f"Data file: {report.database} (version {report.schema_version}), readable.")
        _out(f"Visits: {report.visits} ready, {report.drafts} draft(s). Backups: {report.backups}.")
    if report.damaged_visits:
        _warn_damaged(report.damaged_visits)
    if not report.private:
        _out("Warning: some files can be read by other accounts on this computer.", err=True)
    if report.damaged_visits:
        raise typer.Exit(1)


@data_app.command("backup")
def data_backup(
    ctx: typer.Context,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="PATH", help="Where to write the copy.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it is already there.")] = False,
) -> None:
    """Make a safe copy of all your data."""
    from mbcprep import actions

    _out(f"Saved a copy to {actions.backup(_settings(ctx), output, force=force)}")


@data_app.command("delete")
def data_delete(
    ctx: typer.Context, yes: Annotated[bool, typer.Option("--yes", help="Do not ask first.")] = False
) -> None:
    """Delete every visit, draft and backup: leave this computer clean."""
    from mbcprep.errors import UsageError
    from mbcprep.store import delete_all_data
    from mbcprep.text import printable

    folder = _settings(ctx).folder
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("Deleting everything needs a yes: add --yes, or run it in a terminal.")
        first = input(printable(f"Delete ALL your visits, drafts and backups in {folder}? [y/N] "))
        if first.strip().lower() not in ("y", "yes"):
            _out("Kept. Nothing was deleted.")
            return
        second = input("Are you sure? This cannot be undone. Type delete to go ahead: ")
        if second.strip().lower() != "delete":
            _out("Kept. Nothing was deleted.")
            return
    report = delete_all_data(folder)
    _out(f"Deleted {len(report.removed)} file(s) of mbcprep's from {folder}.")
    for path, why in report.left[:10]:
        _out(f"Left {path}: {why}.")
    if len(report.left) > 10:
        _out(f"... and {len(report.left) - 10} more files that mbcprep did not make.")
    if report.elsewhere:
        _out(
            "mbcprep also wrote these sheets and backups elsewhere. They are still there;"
            " delete them yourself if you wish:"
        )
        for path in report.elsewhere:
            _out(f"  {path}")
