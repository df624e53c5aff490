"""Commands for my care: treatments, meds, team and results, each with add, edit, remove and list.

Each asks its questions in a terminal, or takes every answer from options with --no-input. `edit` and
`remove` take the number `list` shows. With no command after it, each lists what is there.

The four groups are made by one builder (`care_group`) from the record's declaration: each field
with an `option` (`mbcprep.model.care`) is an option of add and edit, with its metavar and help.
"""

import inspect
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _

NO_INPUT = _("Ask nothing: take every answer from the options.")
AS_JSON = _("Print JSON instead of a list.")
YES = _("Do not ask first.")
NUMBER = _("The number 'list' shows.")
SINCE = _("Only those from this day on (instead of the last year).")
EVERY = _("Every one ever kept.")


def _care(key: str) -> Any:
    from mbcprep.actions.care import CARE_LISTS

    return CARE_LISTS[key]


def _list(ctx: typer.Context, key: str, as_json: bool, since: Optional[str] = None, every: bool = False) -> None:
    from mbcprep.actions import care as actions
    from mbcprep.cli import care_views, views

    care = _care(key)
    records, hidden = actions.listed(settings_of(ctx), care, since, every=every)
    if as_json:  # the JSON stays a list of records; what is left out is said beside it, on stderr
        out(views.as_json(actions.as_json(records)))
    else:
        out(care_views.listing(care, actions.in_language(care, records), hidden=hidden))
    if hidden:
        out(care_views.hidden(care, hidden), err=as_json)


def _add(ctx: typer.Context, key: str, given: dict[str, Any], no_input: bool) -> None:
    from mbcprep.actions import care as actions

    care = _care(key)
    settings = settings_of(ctx)
    if no_input:
        record = actions.read_record(care, given)
    else:
        _ask_only(given, care.command, "add")
        from mbcprep.forms import NOT_SAVED, stopped_says
        from mbcprep.forms.care import ask_record

        with stopped_says(NOT_SAVED):
            record = ask_record(care)
    saved = actions.save(settings, care, record)
    if no_input:
        out(saved.id)  # its number alone, for scripts (as new-visit --no-input prints the visit's id)
    else:
        out(_("Saved as {what} {number}.").format(what=_(care.one), number=saved.id))


def _edit(ctx: typer.Context, key: str, number: str, given: dict[str, Any], no_input: bool) -> None:
    from mbcprep.actions import care as actions
    from mbcprep.errors import UsageError

    care = _care(key)
    settings = settings_of(ctx)
    old = actions.find(settings, care, number)
    if no_input:
        if all(v is None for v in given.values()):
            raise UsageError(
                _("Say what to change with its option (see 'mbcprep {command} edit --help').").format(
                    command=care.command
                )
            )
        record = actions.read_record(care, given, old)
    else:
        _ask_only(given, care.command, "edit")
        from mbcprep.forms import UNCHANGED, stopped_says
        from mbcprep.forms.care import ask_record

        with stopped_says(UNCHANGED):
            record = ask_record(care, old)
    actions.save(settings, care, record)
    out(_("Saved {what} {number}.").format(what=_(care.one), number=old.id))


def _remove(ctx: typer.Context, key: str, number: str, yes: bool) -> None:
    import sys

    from mbcprep.actions import care as actions
    from mbcprep.errors import UsageError

    care = _care(key)
    settings = settings_of(ctx)
    record = actions.find(settings, care, number)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(_("Removing needs a yes: add --yes, or run it in a terminal."))
        from mbcprep.forms import NOT_REMOVED, stopped_says
        from mbcprep.forms.care import confirm_remove

        with stopped_says(NOT_REMOVED):
            keep = not confirm_remove(care, record)
        if keep:
            out(_("Kept. Nothing was removed."))
            return
    actions.remove(settings, care, record)
    out(_("Removed {what} {number}.").format(what=_(care.one), number=record.id))


def _ask_only(given: dict[str, Any], command: str, verb: str) -> None:
    """The form needs a terminal, and takes no answers from options."""
    from mbcprep.errors import UsageError
    from mbcprep.prompts import needs_terminal

    if any(v is not None for v in given.values()):
        raise UsageError(_("To give the answers as options, add --no-input."))
    if needs_terminal():
        raise UsageError(
            _(
                "'mbcprep {command} {verb}' asks questions, so it needs a terminal. From a script, add --no-input"
                " and give the answers as options (see 'mbcprep {command} {verb} --help')."
            ).format(command=command, verb=verb)
        )


# --- the groups, built from the declarations -------------------------------------------------------

CTX = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _field_options(cls: type) -> list[inspect.Parameter]:
    """An option for each declared field that has one, in their order, with its metavar and help."""
    from mbcprep.model.record import declared

    params = []
    for d in declared(cls):
        s = d.spec
        if not s.option:
            continue
        if s.kind == "flag":
            option = typer.Option(s.option, help=_(s.help), show_default=False)
            params.append(_param(d.name, Annotated[Optional[bool], option], None))
        elif s.repeat:  # given once for each item
            option = typer.Option(s.option, metavar=_(s.metavar), help=_(s.help))
            params.append(_param(d.name, Annotated[Optional[list[str]], option], None))
        else:
            option = typer.Option(s.option, metavar=_(s.metavar), help=_(s.help))
            params.append(_param(d.name, Annotated[Optional[str], option], None))
    return params


def _command(run: Callable[..., None], params: list[inspect.Parameter]) -> Callable[..., None]:
    """A command function whose signature Typer reads (the context first, then `params`); it calls
    `run(ctx, values)` with the values given by name."""

    def command(ctx: typer.Context, **values: Any) -> None:
        run(ctx, values)

    parameters = [CTX, *params]
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command


NUMBER_ARG = _param("number", Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)])
NO_INPUT_OPT = _param("no_input", Annotated[bool, typer.Option("--no-input", help=NO_INPUT)], False)


def care_group(key: str, helps: tuple[str, str, str, str, str]) -> typer.Typer:
    """The group (treatments, meds, team) for the care list `key`: a callback that lists, and
    list, add, edit and remove, whose options come from the record's declaration. `helps`: the group's
    help, then each command's (translated)."""
    from mbcprep.model.registry import BY_KEY

    group = typer.Typer(help=helps[0], add_completion=False)
    fields = _field_options(BY_KEY[key].cls)

    def callback(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            _list(ctx, key, False)

    def listed(ctx: typer.Context, values: dict[str, Any]) -> None:
        _list(ctx, key, values["as_json"], values.get("since"), values.get("every", False))

    def add(ctx: typer.Context, values: dict[str, Any]) -> None:
        no_input = values.pop("no_input")
        _add(ctx, key, values, no_input)

    def edit(ctx: typer.Context, values: dict[str, Any]) -> None:
        number, no_input = values.pop("number"), values.pop("no_input")
        _edit(ctx, key, number, values, no_input)

    def remove(ctx: typer.Context, values: dict[str, Any]) -> None:
        _remove(ctx, key, values["number"], values["yes"])

    as_json = _param("as_json", Annotated[bool, typer.Option("--json", help=AS_JSON)], False)
    yes = _param("yes", Annotated[bool, typer.Option("--yes", "-y", help=YES)], False)
    group.callback(invoke_without_command=True)(callback)
    recent = _care(key).recent_days
    since = _param("since", Annotated[Optional[str], typer.Option(metavar=_("DATE"), help=SINCE)], None)
    every = _param("every", Annotated[bool, typer.Option("--all", help=EVERY)], False)
    group.command("list", help=helps[1])(_command(listed, [as_json, *([since, every] if recent else [])]))
    group.command("add", help=helps[2])(_command(add, [NO_INPUT_OPT, *fields]))
    group.command("edit", help=helps[3])(_command(edit, [NUMBER_ARG, NO_INPUT_OPT, *fields]))
    group.command("remove", help=helps[4])(_command(remove, [NUMBER_ARG, yes]))
    return group


treatments_app = care_group(
    "treatments",
    (
        _(
            "Your treatment history: what you had, when, why it stopped and how it went. It goes on the"
            " doctor's sheet (mbcprep export --for doctor)."
        ),
        _("List your treatments, the first one first."),
        _("Add a treatment you have had or have now."),
        _("Change a treatment (with --no-input, only what the options say)."),
        _("Remove a treatment (asks first)."),
    ),
)
meds_app = care_group(
    "medicines",
    (
        _("The medicines you take now, vitamins, herbs and supplements too. They go on the doctor's sheet."),
        _("List the medicines you take now."),
        _("Add a medicine, vitamin, herb or supplement you take."),
        _("Change a medicine (with --no-input, only what the options say)."),
        _("Remove a medicine you no longer take (asks first)."),
    ),
)
team_app = care_group(
    "care_team",
    (
        _("Your care team: who they are, where, their phone numbers, and who to call when the office is closed."),
        _("List your care team."),
        _("Add someone to your care team."),
        _("Change someone's details (with --no-input, only what the options say)."),
        _("Remove someone from your care team (asks first)."),
    ),
)
results_app = care_group(
    "results",
    (
        _(
            "Your results: scans, tumour markers and blood tests, one at a time. 'mbcprep trends --results'"
            " shows how each changed."
        ),
        _("List your results, the earliest first."),
        _(
            "Add a result: a lab value (--lab NAME --value NUMBER --unit UNIT, and the lab's range with"
            " --low and --high) or a scan (--scan KIND --finding WORD --note TEXT), with --date."
        ),
        _("Change a result (with --no-input, only what the options say)."),
        _("Remove a result (asks first)."),
    ),
)
app.add_typer(treatments_app, name="treatments")
app.add_typer(meds_app, name="meds")
app.add_typer(team_app, name="team")
app.add_typer(results_app, name="results")
