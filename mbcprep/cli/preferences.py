"""`mbcprep settings`: show or change the choices saved in the data folder."""

from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _
from mbcprep.languages import codes


@app.command(
    "settings",
    short_help=_("Show or change your saved settings (plain mode, language)."),
    help=_(
        "Show or change your saved settings: 'mbcprep settings plain on' (numbered prompts for screen "
        "readers), 'mbcprep settings lang es' (Spanish); 'auto' lets your system decide."
    ),
)
def settings(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(metavar=_("[NAME]"), help=_("plain or lang"))] = None,
    value: Annotated[
        Optional[str],
        typer.Argument(
            metavar=_("[VALUE]"), help=_("on, off, {languages} or auto").format(languages=", ".join(codes()))
        ),
    ] = None,
) -> None:
    from mbcprep import modes
    from mbcprep.actions.preferences import change_setting
    from mbcprep.errors import UsageError
    from mbcprep.preferences import read_preferences

    folder = settings_of(ctx).folder
    if name is not None and value is None:
        raise UsageError(_("Give the setting and its value, for example: mbcprep settings plain on"))
    if name is not None and value is not None:
        change_setting(folder, name, value)
        out(_("Saved. It applies from the next command."))
    saved = read_preferences(folder)
    now = modes.current()
    auto = _("auto (your system decides)")
    on_off = {True: _("on"), False: _("off")}
    out(
        _("plain: {saved} (now {now})").format(
            saved=auto if saved.plain is None else on_off[saved.plain], now=on_off[now.plain]
        )
    )
    out(_("lang: {saved} (now {now})").format(saved=auto if saved.lang is None else saved.lang, now=now.lang))
