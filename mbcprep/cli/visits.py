"""Commands for visits: new-visit, visits, show, edit, delete."""

import sys
from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out, warn_damaged, warn_damaged_records
from mbcprep.i18n import _
from mbcprep.prompts import needs_terminal

WHICH = _("Which visit.")
WHICH_OR_LATEST = _("Which visit (default latest).")


@app.command("new-visit", help=_("Plan your next visit: how you feel, your questions, what matters to you."))
def new_visit(
    ctx: typer.Context,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: take every answer from the options."))
    ] = False,
    date: Annotated[
        Optional[str],
        typer.Option(help=_("When: a date like 2027-01-15, dec 8, next tuesday, today or tomorrow (default today).")),
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option(help=_("Kind of visit, e.g. routine, results (default routine)."))
    ] = None,
    with_: Annotated[str, typer.Option("--with", help=_("Who the visit is with."))] = "",
    time: Annotated[
        str, typer.Option("--time", metavar=_("TIME"), help=_("What time, e.g. 14:30 or 2:30 pm (leave out: all day)."))
    ] = "",
    place: Annotated[
        str, typer.Option("--place", metavar=_("TEXT"), help=_("Where the visit is, e.g. the clinic's name."))
    ] = "",
    by: Annotated[
        str, typer.Option(show_default=False, help=_("Who is filling it in: patient or caregiver (default patient)."))
    ] = "patient",
    question: Annotated[
        Optional[list[str]],
        typer.Option(metavar="ID", help=_("A question id from 'mbcprep questions' (repeatable).")),
    ] = None,
    ask: Annotated[
        Optional[list[str]], typer.Option(metavar=_("TEXT"), help=_("A question in your own words (repeatable)."))
    ] = None,
    symptom: Annotated[
        Optional[list[str]],
        typer.Option(metavar=_("ID=SCORE"), help=_("How a symptom is right now, 0-10 (repeatable).")),
    ] = None,
    note: Annotated[
        Optional[list[str]], typer.Option(metavar=_("TEXT"), help=_("A note to yourself or the team (repeatable)."))
    ] = None,
    consider: Annotated[
        Optional[list[str]],
        typer.Option(metavar=_("ID=TEXT"), help=_("An answer from 'mbcprep checklist' (repeatable).")),
    ] = None,
    carry_over: Annotated[
        bool,
        typer.Option(
            "--carry-over", help=_("Add the questions your last visit left not fully answered (see 'debrief').")
        ),
    ] = False,
) -> None:
    from mbcprep.errors import MbcprepError, UsageError

    settings = settings_of(ctx)
    given = any([date, kind, with_, time, place, question, ask, symptom, note, consider, by != "patient", carry_over])
    if not no_input:
        if given:
            raise UsageError(_("To fill in a visit from options, add --no-input."))
        from mbcprep.interview.commands import start_interview

        start_interview(settings)
        return
    from mbcprep.actions.visits import build_visit, save_new_visit
    from mbcprep.signals import held_stop_signals

    content = settings.content()
    visit = build_visit(
        content,
        when=date,
        kind=kind or "routine",
        with_whom=with_,
        at=time,
        place=place,
        filled_by=by,
        question_ids=question or (),
        own_questions=ask or (),
        symptoms=symptom or (),
        considerations=consider or (),
        notes="\n".join(note or ()),
    )
    with held_stop_signals():  # once the visit is saved, its number is always printed
        saved = save_new_visit(settings, visit, carry_over=carry_over, content=content)
        try:
            print(saved.id, flush=True)
        except OSError as exc:
            raise MbcprepError(
                _("Visit {id} is saved, but its number could not be printed ({reason}).").format(
                    id=saved.id, reason=exc.strerror or _("output refused")
                )
            ) from None
    from mbcprep.cli.output import warn_signs
    from mbcprep.model.visit import OTHER_SYMPTOM

    warn_signs(content, *(s.name for s in visit.symptoms if s.symptom_id == OTHER_SYMPTOM), visit.notes)


@app.command("visits", help=_("List your visits."))
def visits(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."))] = False,
) -> None:
    from mbcprep.cli import views
    from mbcprep.i18n import ENGLISH, language
    from mbcprep.modes import is_plain

    settings = settings_of(ctx)
    with settings.open_store() as store:
        rows = store.summaries()
    if as_json:
        out(views.as_json([r.__dict__ for r in rows]))
        return
    # The kind of visit: in English its id, the word typed after --kind; said in full in plain mode
    # and in another language, where the id would be an English word nobody typed.
    kinds: dict[str, str] = {}
    if rows and (is_plain() or language() != ENGLISH):
        kinds = {k.id: k.label for k in settings.content().kinds.values()}
    out(views.visits_list(rows, kinds) if is_plain() else views.visits_table(rows, kinds))


@app.command("show", help=_("Show one visit as it will look on your sheet."))
def show(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar=_("ID|latest"), help=WHICH_OR_LATEST, show_default=False)] = "latest",
) -> None:
    from mbcprep.actions.sheets import clipped_for_screen, render_visits, sheet_context

    settings = settings_of(ctx)
    with settings.open_store() as store:
        found = store.get(visit)
        content = settings.content()
        context = sheet_context(store, found, content=content)
        added_by, clashes = store.added_by("visits", found.uuid), store.conflicts("visits", found.uuid)
    warn_damaged([] if found.intact or found.id is None else [found.id])
    warn_damaged_records(context.damaged)
    from mbcprep.modes import is_plain

    if is_plain():  # the plain-text sheet: no marks, no table, nothing drawn
        shown = clipped_for_screen(found) if sys.stdout.isatty() else found
        out(render_visits([shown], "txt", settings, content=content))
    elif sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        text = render_visits([clipped_for_screen(found)], "md", settings, context=context, content=content)
        Console(width=min(100, Console().width)).print(Markdown(text))
    else:
        out(render_visits([found], "md", settings, context=context, content=content))
    if added_by:
        out(_("Added by {computer}.").format(computer=added_by), err=True)
    if clashes:
        out(
            _(
                "This visit was changed on two computers at the same time; both versions are kept."
                " 'mbcprep edit {id}' lets you choose."
            ).format(id=found.id),
            err=True,
        )


@app.command(
    "debrief", help=_("After a visit: note what came of each question, what you were told, and when the next visit is.")
)
def debrief(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar=_("ID|latest"), help=WHICH_OR_LATEST, show_default=False)] = "latest",
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: take the answers from the options."))
    ] = False,
    answered: Annotated[
        Optional[list[str]],
        typer.Option(metavar=_("N=TEXT"), help=_("Question N (its number on the sheet, or its id) was answered.")),
    ] = None,
    partly: Annotated[
        Optional[list[str]], typer.Option(metavar=_("N=TEXT"), help=_("Question N was partly answered."))
    ] = None,
    not_: Annotated[
        Optional[list[str]], typer.Option("--not", metavar="N", help=_("Question N was not asked or not answered."))
    ] = None,
    told: Annotated[Optional[str], typer.Option(metavar=_("TEXT"), help=_("Anything new you were told."))] = None,
    next_: Annotated[
        Optional[str], typer.Option("--next", metavar=_("DATE"), help=_("When the next visit is."))
    ] = None,
) -> None:
    from mbcprep.errors import UsageError

    settings = settings_of(ctx)
    if not no_input:
        if answered or partly or not_ or told is not None or next_ is not None:
            raise UsageError(_("To note the answers from options, add --no-input."))
        from mbcprep.interview.commands import run_debrief

        run_debrief(settings, visit)
        return
    from mbcprep.actions.debrief import apply_debrief

    with settings.open_store() as store:
        found = store.get(visit)
        apply_debrief(
            found, answered=answered or (), partly=partly or (), not_answered=not_ or (), told=told, next_visit=next_
        )
        store.save(found)
    out(_("Saved what came of visit {id}.").format(id=found.id))
    from mbcprep.cli.output import warn_signs

    given = [pair.partition("=")[2] for pair in (*(answered or ()), *(partly or ()))]
    warn_signs(settings.content, told or "", *given)


@app.command("edit", help=_("Change a visit: add, remove or reorder questions; change notes and scores."))
def edit(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar=_("ID|latest"), help=WHICH_OR_LATEST, show_default=False)] = "latest",
) -> None:
    from mbcprep.errors import UsageError

    if needs_terminal():
        raise UsageError(_("edit asks questions, so it needs a terminal."))
    from mbcprep.interview.commands import run_edit

    run_edit(settings_of(ctx), visit)


@app.command("delete", help=_("Delete one visit (asks first)."))
def delete(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar=_("ID|latest"), help=WHICH)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask first."))] = False,
) -> None:
    from mbcprep.errors import UsageError

    with settings_of(ctx).open_store() as store:
        found = store.get(visit)
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(_("Deleting needs a yes: add --yes, or run it in a terminal."))
            from mbcprep.interview.commands import confirm_delete_visit

            if not confirm_delete_visit(found):
                out(_("Kept. Nothing was deleted."))
                return
        assert found.id is not None
        store.delete(found.id)
    out(_("Deleted visit {id}.").format(id=found.id))
