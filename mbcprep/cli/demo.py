"""`mbcprep demo`: listed here for `--help`. A demo itself is run by `mbcprep.app` before Typer (see
`mbcprep.demo.run`), since it must choose its throwaway folder before any command reads a data folder."""

from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app
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
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def demo(
    fast: Annotated[
        bool, typer.Option("--fast", help=_("A short interview with the answers filled in: Enter goes on."))
    ] = False,
    command: Annotated[
        Optional[list[str]],
        typer.Argument(metavar=_("COMMAND"), help=_("A command to run on the made-up data, like 'visits'")),
    ] = None,
) -> None:
    from mbcprep.errors import UsageError

    # Only reached from inside a demo: mbcprep.app runs every other demo line itself.
    raise UsageError(_("This is a demo already. Type the command after 'mbcprep demo', like: mbcprep demo visits"))
