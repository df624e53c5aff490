"""Commands for the symptom diary between visits: diary, diary list, trends."""

from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _

diary_app = typer.Typer(
    help=_(
        "Note how you feel between visits: a score from 0 to 10 for what bothers you, in under a minute. "
        "'mbcprep diary list' shows what you noted; 'mbcprep trends' how it changes."
    ),
    short_help=_("Note how you feel today (a diary between visits)."),
    add_completion=False,
    invoke_without_command=True,
)
app.add_typer(diary_app, name="diary")


@diary_app.callback()
def diary(
    ctx: typer.Context,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: take the scores from the options."))
    ] = False,
    date: Annotated[
        Optional[str], typer.Option(help=_("Which day: today (the default), yesterday, dec 8, 2027-01-15..."))
    ] = None,
    symptom: Annotated[
        Optional[list[str]],
        typer.Option(metavar=_("ID=SCORE"), help=_("A score, 0-10: tiredness=4, or other:itchy skin=3 (repeatable).")),
    ] = None,
    note: Annotated[str, typer.Option(metavar=_("TEXT"), help=_("A note about the day."))] = "",
    replace: Annotated[bool, typer.Option("--replace", help=_("Change a score already noted for that day."))] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from mbcprep.errors import UsageError

    settings = settings_of(ctx)
    if not no_input:
        if symptom or note or replace:
            raise UsageError(_("To note scores from options, add --no-input."))
        from mbcprep.interview.commands import run_diary

        run_diary(settings, date)
        return
    from mbcprep.actions.diary import entries_from_options, save_day
    from mbcprep.actions.warnings import HIGH_SCORE

    content = settings.content()
    entries = entries_from_options(content, when=date, symptoms=symptom or (), note=note)
    with settings.open_store() as store:
        saved = save_day(store, entries, replace=replace)
        team = store.team.all()  # the after-hours number, said after a high score or a sign
    from datetime import date as day_of

    from mbcprep.i18n import long_date, ngettext

    count = len(saved.added) + len(saved.replaced)
    said = ngettext("Kept {n} score for {day}.", "Kept {n} scores for {day}.", count)
    day = day_of.fromisoformat(saved.day)
    out(said.format(n=count, day=long_date(day)))
    from mbcprep.cli.output import warn_signs
    from mbcprep.model.visit import OTHER_SYMPTOM

    warn_signs(content, *(e.name for e in entries if e.symptom_id == OTHER_SYMPTOM), entries[0].note, team=lambda: team)
    if any((e.score or 0) >= HIGH_SCORE for e in entries):
        from mbcprep.actions.warnings import high_score_lines

        for line in high_score_lines(team, day):
            out(line, err=True)


@diary_app.command("list", help=_("Show what you noted in your diary, day by day: the last 30 days unless asked."))
def diary_list(
    ctx: typer.Context,
    since: Annotated[
        Optional[str], typer.Option(metavar=_("DATE"), help=_("Only days from this one on (instead of the last 30)."))
    ] = None,
    every_day: Annotated[bool, typer.Option("--all", help=_("Every day ever noted."))] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Print JSON instead (the same days; --all for every one)."))
    ] = False,
) -> None:
    from mbcprep.actions.diary import diary_list as listed
    from mbcprep.actions.diary import in_language
    from mbcprep.cli import diary_views, views

    settings = settings_of(ctx)
    with settings.open_store() as store:
        found = listed(store, since, every_day=every_day)
    in_language(settings.content(), found.entries)
    hidden = diary_views.hidden_days(found)
    if as_json:  # the JSON stays a list of entries; what is left out is said beside it, on stderr
        out(views.as_json(diary_views.diary_json(found.entries)))
        if hidden:
            out(hidden, err=True)
        return
    out(diary_views.diary_list(found.entries) if found.entries else diary_views.nothing_listed(found))
    if hidden:
        out()
        out(hidden)


@app.command("trends", help=_("See how each symptom in your diary has changed: a small chart and the numbers."))
def trends(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option(metavar=_("DATE"), help=_("Only days from this one on."))] = None,
    symptom: Annotated[
        Optional[str], typer.Option(metavar="ID", help=_("Only this symptom (an id, or other:WORDS)."))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON instead."))] = False,
    results: Annotated[
        bool,
        typer.Option(
            "--results", help=_("Your tumour markers and blood tests instead: each over time, with the lab's range.")
        ),
    ] = False,
    by_treatment: Annotated[
        bool,
        typer.Option(
            "--by-treatment",
            help=_(
                "Each symptom before and during each treatment: its average in the weeks before it began and"
                " while on it."
            ),
        ),
    ] = False,
) -> None:
    from mbcprep import modes
    from mbcprep.cli import views

    plain = modes.is_plain()
    if results or by_treatment:
        from mbcprep.errors import UsageError

        if results and (by_treatment or symptom is not None):
            raise UsageError(_("Give one of --results, --by-treatment (and --symptom only with --by-treatment)."))
        if results:
            _results_trends(ctx, since, as_json, plain)
        else:
            _treatment_trends(ctx, since, symptom, as_json, plain)
        return
    from mbcprep.actions import diary
    from mbcprep.cli import diary_views

    settings = settings_of(ctx)
    with settings.open_store() as store:
        chart, found = diary.trends(store, since, symptom, spoken=plain and not as_json)
        diary.in_language(settings.content(), found)
        if as_json:
            series = diary.trend_series(store, since, symptom)
            out(views.as_json(diary_views.trends_json(chart, found, series)))
            return
    out(diary_views.trends(chart, found, plain=plain))


def _results_trends(ctx: typer.Context, since: Optional[str], as_json: bool, plain: bool) -> None:
    from mbcprep.actions import results
    from mbcprep.cli import results_views, views

    with settings_of(ctx).open_store() as store:
        chart, found = results.lab_trends(store, since)
        if as_json:
            out(views.as_json(results_views.lab_trends_json(found, results.lab_points(store, since))))
            return
    out(results_views.lab_trends(chart, found, plain=plain))


def _treatment_trends(
    ctx: typer.Context, since: Optional[str], symptom: Optional[str], as_json: bool, plain: bool
) -> None:
    from mbcprep.actions.diary import in_language
    from mbcprep.actions.treatment_trends import by_treatment
    from mbcprep.cli import treatment_views, views

    settings = settings_of(ctx)
    with settings.open_store() as store:
        found = by_treatment(store, since, symptom)
    in_language(settings.content(), (change for trend in found.trends for change in trend.changes))
    out(
        views.as_json(treatment_views.by_treatment_json(found))
        if as_json
        else treatment_views.by_treatment(found, plain=plain)
    )
