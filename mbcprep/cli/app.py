"""The Typer application and the options every command shares (`--data-dir`, `--bank`, `--version`).

The commands live in the modules beside this one, one module a group, each named in
`mbcprep.cli.COMMAND_MODULES`; the root is a `mbcprep.cli.group.CommandGroup`, which imports only
the module of the command typed. Heavy modules (the prompt library, the store, the YAML loader) are
imported inside the commands that use them, so `mbcprep --version` and `--help` start quickly.
"""

from typing import Annotated, Optional

import typer

from mbcprep import __version__
from mbcprep.cli import typer_text
from mbcprep.cli.group import CommandGroup
from mbcprep.i18n import _
from mbcprep.languages import choices
from mbcprep.settings import Settings

typer_text.install()  # Typer's own words ("Usage:", "Options") in the chosen language

app = typer.Typer(
    name="mbcprep",
    cls=CommandGroup,
    help=_("Get ready for a visit with your cancer care team.")
    + "\n\n"
    + _(
        "mbcprep helps you get ready for visits with your cancer care team. It keeps your notes on this "
        "computer only. It does not give medical advice: your care team knows your situation best."
    ),
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,  # never print tracebacks with local variables (they may hold notes)
    context_settings={"help_option_names": ["-h", "--help"]},
    # Translators: shown in "Usage: mbcprep [OPTIONS] COMMAND [ARGS]..."; keep the brackets and dots.
    options_metavar=_("[OPTIONS]"),
    # Translators: shown in "Usage: mbcprep [OPTIONS] COMMAND [ARGS]..."; keep the brackets and dots.
    subcommand_metavar=_("COMMAND [ARGS]..."),
)
bank_app = typer.Typer(help=_("Check a question bank of your own."), add_completion=False)
data_app = typer.Typer(
    help=_("Look after your saved data: where it is, check it, back it up, delete it."), add_completion=False
)
app.add_typer(bank_app, name="bank")
app.add_typer(data_app, name="data")
RICH_HELP = app.rich_markup_mode  # how help is drawn outside plain mode (Rich panels)


def use_plain_help(plain: bool) -> None:
    """In plain mode, help is Click's plain text: no panels drawn with box characters, no colour, and
    Rich is never loaded. Sub-apps take the root app's choice when the command line is built."""
    app.rich_markup_mode = None if plain else RICH_HELP


def settings_of(ctx: typer.Context) -> Settings:
    """The shared options, as the root command read them."""
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
        Optional[str], typer.Option("--data-dir", metavar=_("PATH"), help=_("Keep your data in this folder instead."))
    ] = None,
    bank: Annotated[
        Optional[list[str]],
        typer.Option(
            "--bank", metavar=_("PATH"), help=_("Add your own questions from a YAML file or folder (repeatable).")
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help=_(
                "Plain mode, for screen readers: numbered prompts, no colour. Also on with MBCPREP_PLAIN=1, "
                "ACCESSIBLE=1, TERM=dumb or 'mbcprep settings plain on'."
            ),
        ),
    ] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            metavar=_("LANG"),
            help=_(
                "The language: {languages}. Also MBCPREP_LANG, 'mbcprep settings lang es', or your system's."
            ).format(languages=choices()),
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help=_("Show the version and stop."))
    ] = False,
) -> None:
    # --plain and --lang were applied before the commands were loaded (mbcprep.app.choose_modes).
    from mbcprep.cli.output import out

    ctx.obj = Settings(data_dir=data_dir, banks=tuple(bank or ()))
    if ctx.invoked_subcommand is None:
        out(ctx.get_help())
