"""Commands for my care: treatments, meds and team, each with add, edit, remove and list.

Each asks its questions in a terminal, or takes every answer from options with --no-input. `edit` and
`remove` take the number `list` shows. With no command after it, each lists what is there.
"""

from typing import Annotated, Any, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _

treatments_app = typer.Typer(
    help=_(
        "Your treatment history: what you had, when, why it stopped and how it went. It goes on the"
        " doctor's sheet (mbcprep export --for doctor)."
    ),
    add_completion=False,
)
meds_app = typer.Typer(
    help=_("The medicines you take now, vitamins, herbs and supplements too. They go on the doctor's sheet."),
    add_completion=False,
)
team_app = typer.Typer(
    help=_("Your care team: who they are, where, their phone numbers, and who to call when the office is closed."),
    add_completion=False,
)
app.add_typer(treatments_app, name="treatments")
app.add_typer(meds_app, name="meds")
app.add_typer(team_app, name="team")

NO_INPUT = _("Ask nothing: take every answer from the options.")
AS_JSON = _("Print JSON instead of a list.")
YES = _("Do not ask first.")
NUMBER = _("The number 'list' shows.")
MONTH = _("MONTH")


def _care(key: str) -> Any:
    from mbcprep.actions.care import CARE_LISTS

    return CARE_LISTS[key]


def _list(ctx: typer.Context, key: str, as_json: bool) -> None:
    from mbcprep.actions import care as actions
    from mbcprep.cli import care_views, views

    care = _care(key)
    records = actions.listed(settings_of(ctx), care)
    out(views.as_json(actions.as_json(records)) if as_json else care_views.listing(care, records))


def _add(ctx: typer.Context, key: str, given: dict[str, Any], no_input: bool) -> None:
    from mbcprep.actions import care as actions

    care = _care(key)
    settings = settings_of(ctx)
    if no_input:
        record = actions.read_record(care, given)
    else:
        _ask_only(given, care.command, "add")
        from mbcprep.forms.care import ask_record

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
        from mbcprep.forms.care import ask_record

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
        from mbcprep.forms.care import confirm_remove

        if not confirm_remove(care, record):
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


# --- treatments ------------------------------------------------------------------------------------

What = Annotated[
    Optional[str],
    typer.Option("--what", metavar=_("TEXT"), help=_('What it is called, e.g. "letrozole + palbociclib".')),
]
Kind = Annotated[
    Optional[str],
    typer.Option(
        "--kind",
        metavar=_("KIND"),
        help=_(
            "hormone, targeted, chemotherapy, adc (antibody-drug conjugate), immunotherapy, radiation, surgery"
            " or other."
        ),
    ),
]
Started = Annotated[
    Optional[str], typer.Option("--started", metavar=MONTH, help=_("When it started: 2024-03, March 2024, mar 2024."))
]
Stopped = Annotated[
    Optional[str],
    typer.Option("--stopped", metavar=MONTH, help=_("When it stopped (leave it out while it goes on).")),
]
WhyStopped = Annotated[
    Optional[str],
    typer.Option(
        "--why-stopped", metavar=_("REASON"), help=_("stopped-working, side-effects, finished, my-choice or other.")
    ),
]
How = Annotated[Optional[str], typer.Option("--how", metavar=_("TEXT"), help=_("How it went, in a few words."))]


@treatments_app.callback(invoke_without_command=True)
def treatments(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        _list(ctx, "treatments", False)


@treatments_app.command("list", help=_("List your treatments, the first one first."))
def treatments_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False) -> None:
    _list(ctx, "treatments", as_json)


@treatments_app.command("add", help=_("Add a treatment you have had or have now."))
def treatments_add(
    ctx: typer.Context,
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    what: What = None,
    kind: Kind = None,
    started: Started = None,
    stopped: Stopped = None,
    why_stopped: WhyStopped = None,
    how: How = None,
) -> None:
    given = {"what": what, "kind": kind, "started": started, "stopped": stopped, "why_stopped": why_stopped}
    _add(ctx, "treatments", {**given, "how_it_went": how}, no_input)


@treatments_app.command("edit", help=_("Change a treatment (with --no-input, only what the options say)."))
def treatments_edit(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    what: What = None,
    kind: Kind = None,
    started: Started = None,
    stopped: Stopped = None,
    why_stopped: WhyStopped = None,
    how: How = None,
) -> None:
    given = {"what": what, "kind": kind, "started": started, "stopped": stopped, "why_stopped": why_stopped}
    _edit(ctx, "treatments", number, {**given, "how_it_went": how}, no_input)


@treatments_app.command("remove", help=_("Remove a treatment (asks first)."))
def treatments_remove(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=YES)] = False,
) -> None:
    _remove(ctx, "treatments", number, yes)


# --- medicines -------------------------------------------------------------------------------------

Name = Annotated[Optional[str], typer.Option("--name", metavar=_("TEXT"), help=_("Its name."))]
Dose = Annotated[Optional[str], typer.Option("--dose", metavar=_("TEXT"), help=_('How much, e.g. "2.5 mg".'))]
HowOften = Annotated[
    Optional[str], typer.Option("--how-often", metavar=_("TEXT"), help=_('How often, e.g. "once a day".'))
]
WhatFor = Annotated[Optional[str], typer.Option("--what-for", metavar=_("TEXT"), help=_("What it is for."))]
Since = Annotated[Optional[str], typer.Option("--since", metavar=MONTH, help=_("Since when: 2024-03, March 2024."))]


@meds_app.callback(invoke_without_command=True)
def meds(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        _list(ctx, "medicines", False)


@meds_app.command("list", help=_("List the medicines you take now."))
def meds_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False) -> None:
    _list(ctx, "medicines", as_json)


@meds_app.command("add", help=_("Add a medicine, vitamin, herb or supplement you take."))
def meds_add(
    ctx: typer.Context,
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    name: Name = None,
    dose: Dose = None,
    how_often: HowOften = None,
    what_for: WhatFor = None,
    since: Since = None,
) -> None:
    given = {"name": name, "dose": dose, "how_often": how_often, "what_for": what_for, "since": since}
    _add(ctx, "medicines", given, no_input)


@meds_app.command("edit", help=_("Change a medicine (with --no-input, only what the options say)."))
def meds_edit(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    name: Name = None,
    dose: Dose = None,
    how_often: HowOften = None,
    what_for: WhatFor = None,
    since: Since = None,
) -> None:
    given = {"name": name, "dose": dose, "how_often": how_often, "what_for": what_for, "since": since}
    _edit(ctx, "medicines", number, given, no_input)


@meds_app.command("remove", help=_("Remove a medicine you no longer take (asks first)."))
def meds_remove(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=YES)] = False,
) -> None:
    _remove(ctx, "medicines", number, yes)


# --- care team -------------------------------------------------------------------------------------

Role = Annotated[
    Optional[str], typer.Option("--role", metavar=_("TEXT"), help=_('What they do, e.g. "oncologist", "nurse".'))
]
Place = Annotated[Optional[str], typer.Option("--place", metavar=_("TEXT"), help=_("Where you see them."))]
Phone = Annotated[Optional[str], typer.Option("--phone", metavar=_("TEXT"), help=_("Their phone number."))]
AfterHours = Annotated[
    Optional[bool],
    typer.Option(
        "--after-hours/--not-after-hours",
        help=_("Whether this is who to call when the office is closed (nights and weekends)."),
        show_default=False,
    ),
]


@team_app.callback(invoke_without_command=True)
def team(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        _list(ctx, "care_team", False)


@team_app.command("list", help=_("List your care team."))
def team_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False) -> None:
    _list(ctx, "care_team", as_json)


@team_app.command("add", help=_("Add someone to your care team."))
def team_add(
    ctx: typer.Context,
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    name: Name = None,
    role: Role = None,
    place: Place = None,
    phone: Phone = None,
    after_hours: AfterHours = None,
) -> None:
    given = {"name": name, "role": role, "place": place, "phone": phone, "after_hours": after_hours}
    _add(ctx, "care_team", given, no_input)


@team_app.command("edit", help=_("Change someone's details (with --no-input, only what the options say)."))
def team_edit(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    no_input: Annotated[bool, typer.Option("--no-input", help=NO_INPUT)] = False,
    name: Name = None,
    role: Role = None,
    place: Place = None,
    phone: Phone = None,
    after_hours: AfterHours = None,
) -> None:
    given = {"name": name, "role": role, "place": place, "phone": phone, "after_hours": after_hours}
    _edit(ctx, "care_team", number, given, no_input)


@team_app.command("remove", help=_("Remove someone from your care team (asks first)."))
def team_remove(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar=_("NUMBER"), help=NUMBER)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=YES)] = False,
) -> None:
    _remove(ctx, "care_team", number, yes)
