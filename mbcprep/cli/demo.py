"""`mbcprep demo`: Click reads its words; the command hands them back as a `DemoLine`, and
`mbcprep.app` runs the demo outside this command (see `mbcprep.demo.run`): each command a demo runs
is a command line of its own, on the demo's throwaway folder."""

from typing import Annotated, Any, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.i18n import _


@app.command(
    "demo",
    short_help=_("Show mbcprep with made-up data; nothing is saved."),
    help=_(
        "Show mbcprep to a group with made-up data (Rosa Demo, her care team and three past visits), in a"
        " temporary folder that is removed when the demo ends. Your own data is never read, shown or changed."
    )
    + "\n\n"
    + _(
        "'mbcprep demo' starts the interview; 'mbcprep demo --fast' a short one with the answers filled in."
        " 'mbcprep demo visits', 'mbcprep demo show latest' or 'mbcprep demo export latest' (any command)"
        " runs that command on the made-up data."
    ),
    # Everything from the command on is the command's own: `mbcprep demo export latest --for doctor`.
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "allow_interspersed_args": False},
)
def demo(
    ctx: typer.Context,
    fast: Annotated[
        bool, typer.Option("--fast", help=_("A short interview with the answers filled in: Enter goes on."))
    ] = False,
    command: Annotated[
        Optional[list[str]],
        typer.Argument(metavar=_("COMMAND"), help=_("A command to run on the made-up data, like 'visits'.")),
    ] = None,
) -> Any:
    from mbcprep.demo.run import DemoLine
    from mbcprep.errors import UsageError

    settings = settings_of(ctx)
    if settings.data_dir is not None:
        raise UsageError(_("A demo uses its own made-up data, never a data folder: leave out --data-dir."))
    words = list(command or ())
    if words[:1] and words[0].startswith("-"):  # an option of no command, before the command
        raise UsageError(
            _("mbcprep demo takes --fast, or a command to run on its made-up data, for example: mbcprep demo visits")
        )
    return DemoLine(banks=list(settings.banks), fast=fast, command=words)
