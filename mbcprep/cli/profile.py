"""`mbcprep profile`: who I am and what my cancer is. `profile` shows it (`--json` too), `profile edit`
asks (every answer optional), `profile set` takes it from options (for scripts).

The options of the profile's own fields come from its declaration (`mbcprep.model.profile.Profile`,
through `mbcprep.cli.care._field_options`); the test results and the places are options of their own,
since each is a record of its own with a history.
"""

from typing import Annotated, Any, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.care import AS_JSON, NO_INPUT_OPT, _command, _field_options, _param
from mbcprep.cli.output import out
from mbcprep.i18n import _

profile_app = typer.Typer(
    help=_(
        "Who you are and what your cancer is: your name for the sheets, birth year, test results (ER, PR, HER2,"
        " other biomarkers) with their dates, where it has spread, allergies, and how active you are. It goes"
        " on the doctor's page and the trial page, and fits the questions suggested to you."
    ),
    short_help=_("Who you are and what your cancer is."),
    add_completion=False,
    invoke_without_command=True,
)
app.add_typer(profile_app, name="profile")


@profile_app.callback()
def show(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from datetime import date

    from mbcprep.actions import profile as actions
    from mbcprep.cli import profile_views, views

    view = actions.load(settings_of(ctx))
    out(views.as_json(actions.as_json(view)) if as_json else profile_views.shown(view, date.today()))


@profile_app.command("edit", help=_("Answer questions about you and your cancer (each one optional; Enter keeps)."))
def edit(ctx: typer.Context) -> None:
    from mbcprep.actions import profile as actions
    from mbcprep.errors import UsageError
    from mbcprep.prompts import needs_terminal

    if needs_terminal():
        raise UsageError(
            _(
                "'mbcprep profile edit' asks questions, so it needs a terminal. From a script, use"
                " 'mbcprep profile set' with options (see 'mbcprep profile set --help')."
            )
        )
    from mbcprep.errors import InterviewStopped
    from mbcprep.forms import ANSWERS_SAVED, UNCHANGED
    from mbcprep.forms.profile import ask_profile

    settings = settings_of(ctx)
    given = actions.Given()
    try:
        ask_profile(actions.load(settings), given=given)
    except (KeyboardInterrupt, EOFError):
        # What was answered before the stop is kept, as an interrupted visit keeps its draft.
        if given == actions.Given():
            raise InterviewStopped(None, UNCHANGED) from None
        actions.save_given(settings, given)
        raise InterviewStopped(None, ANSWERS_SAVED) from None
    actions.save_given(settings, given)
    out(_("Saved your profile. 'mbcprep profile' shows it."))


@profile_app.command(
    "remove-result",
    help=_(
        "Remove a test result typed by mistake (its number is the one 'mbcprep profile' shows). It asks"
        " first in a terminal."
    ),
)
def remove_result(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=_("The result's number in 'mbcprep profile'."))],
    no_input: Annotated[bool, typer.Option("--no-input", "--yes", "-y", help=_("Remove without asking."))] = False,
) -> None:
    import sys

    from mbcprep.actions import profile as actions
    from mbcprep.errors import UsageError

    settings = settings_of(ctx)
    result = actions.find_result(settings, number)
    if not no_input:
        if not sys.stdin.isatty():
            raise UsageError(_("Removing needs a yes: add --no-input, or run it in a terminal."))
        from mbcprep.forms import NOT_REMOVED, stopped_says
        from mbcprep.forms.profile import confirm_remove_result

        with stopped_says(NOT_REMOVED):
            keep = not confirm_remove_result(result)
        if keep:
            out(_("Kept. Nothing was removed."))
            return
    actions.remove_result(settings, result)
    out(_("Removed test result {number}.").format(number=number.strip()))


def _opt(name: str, flag: str, metavar: str, help_text: str, *, many: bool = False) -> Any:
    kind = Optional[list[str]] if many else Optional[str]
    return _param(name, Annotated[kind, typer.Option(flag, metavar=metavar, help=help_text)], None)


# The test results and the places: records of their own, each with a history, so options of their own.
_OWN = {
    "er": _opt(
        "er",
        "--er",
        _("RESULT"),
        _('ER: positive (with its percent if known: "positive 90%"), low, negative or unknown.'),
    ),
    "pr": _opt("pr", "--pr", _("RESULT"), _("PR: positive (with its percent if known), low, negative or unknown.")),
    "her2": _opt(
        "her2",
        "--her2",
        _("SCORE"),
        _('HER2 as the report says: 0, ultralow, 1+, "2+ ISH-", "2+ ISH+", 3+ or unknown.'),
    ),
    "marker": _opt(
        "marker",
        "--marker",
        _("NAME=RESULT"),
        _('Another test result: "ESR1=mutation found", "PD-L1=positive CPS 12", "BRCA2=not found" (repeatable).'),
        many=True,
    ),
    "tested": _opt("tested", "--tested", _("MONTH"), _("When the results given were tested: 2024-03.")),
    "sample": _opt("sample", "--sample", _("TEXT"), _('Where the sample came from: "liver biopsy".')),
    "origin": _opt("origin", "--from", _("WHAT"), _("What was tested: tissue, blood or inherited.")),
    "site": _opt(
        "site",
        "--site",
        _("PLACE"),
        _(
            'Where it has spread: bone, liver, lung, brain, lymph-nodes, skin or other words; "liver=2024-03"'
            " says since when (repeatable; replaces the list)."
        ),
        many=True,
    ),
    "brain": _opt("brain", "--brain", _("STATUS"), _("Spots in the brain: treated, untreated or stable.")),
}


def _set(ctx: typer.Context, values: dict[str, Any]) -> None:
    from mbcprep.actions import profile as actions
    from mbcprep.errors import UsageError

    values.pop("no_input")
    own = {key: values.pop(key) for key in _OWN}
    results = [(m, "", own[m]) for m in ("er", "pr", "her2") if own[m] is not None]
    results += [actions.read_marker(text) for text in own["marker"] or ()]
    fields = {k: v for k, v in values.items() if v is not None}
    given = actions.Given(fields, results, own["tested"], own["sample"], own["origin"], own["site"], own["brain"])
    if not results and (own["tested"] or own["sample"] or own["origin"]):
        raise UsageError(_("--tested, --sample and --from go with a result (--er, --pr, --her2 or --marker)."))
    if not fields and not results and own["site"] is None and own["brain"] is None:
        raise UsageError(_("Say what to set with its option (see 'mbcprep profile set --help')."))
    actions.save_given(settings_of(ctx), given)
    out(_("Saved your profile."))


def _set_params() -> list[Any]:
    from mbcprep.model.profile import Profile

    return [NO_INPUT_OPT, *_field_options(Profile), *_OWN.values()]


profile_app.command(
    "set",
    help=_(
        "Set your profile from options, asking nothing (for scripts). A test result given is added to the"
        " history; the one before it is kept."
    ),
)(_command(_set, _set_params()))
