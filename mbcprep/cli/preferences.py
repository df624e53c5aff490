"""`mbcprep settings`: show or change the choices saved in the data folder."""

from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _, ngettext
from mbcprep.languages import codes


@app.command(
    "settings",
    short_help=_("Show or change your saved settings (plain mode, language, time to get to a visit)."),
    help=_(
        "Show or change your saved settings: 'mbcprep settings plain on' (numbered prompts for screen "
        "readers), 'mbcprep settings lang es' (Spanish), 'mbcprep settings travel 60' (minutes to get to "
        "a visit, for when to leave on the family sheet); 'auto' lets your system decide."
    ),
)
def settings(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(metavar=_("NAME"), help=_("plain, lang or travel"))] = None,
    value: Annotated[
        Optional[str],
        typer.Argument(
            metavar=_("VALUE"), help=_("on, off, {languages}, minutes or auto").format(languages=", ".join(codes()))
        ),
    ] = None,
) -> None:
    from mbcprep import modes
    from mbcprep.actions.preferences import change_setting
    from mbcprep.errors import UsageError
    from mbcprep.preferences import BROKEN_SUFFIX, PREFERENCES_NAME, read_checked

    folder = settings_of(ctx).folder
    if name is not None and value is None:
        raise UsageError(_("Give the setting and its value, for example: mbcprep settings plain on"))
    if name is not None and value is not None:
        from mbcprep.files import writes_go_to

        if writes_go_to() is not None:  # a demo: its folder, settings included, goes when it ends
            raise UsageError(
                _(
                    "A demo saves no settings: everything it makes is removed when it ends. For a demo in "
                    "Spanish or in plain mode, put the option before 'demo', like: mbcprep --lang es demo"
                )
            )
        broken = read_checked(folder)[1] is not None
        chosen = change_setting(folder, name, value)
        if name.strip().lower() == "lang":  # answer in the language just chosen
            from mbcprep.i18n import use_language

            lang = modes.choose_language(None, chosen.lang)
            modes.set_modes(modes.Modes(plain=modes.current().plain, lang=use_language(lang)))
        if broken:
            out(
                _("The settings file that could not be used is kept as {name}; a new one holds this choice.").format(
                    name=PREFERENCES_NAME + BROKEN_SUFFIX
                )
            )
        out(_("Saved. It applies from the next command."))
    saved, problem = read_checked(folder)
    if problem is not None:
        out(
            _(
                "Your settings file ({path}) is not used: {why}. mbcprep starts as usual without it. "
                "Saving a setting starts a new one and keeps the old one aside, for example: "
                "mbcprep settings lang auto"
            ).format(path=folder / PREFERENCES_NAME, why=problem)
        )
    now = modes.current()
    auto = _("auto (your system decides)")
    on_off = {True: _("on"), False: _("off")}
    out(
        _("plain: {saved} (now {now})").format(
            saved=auto if saved.plain is None else on_off[saved.plain], now=on_off[now.plain]
        )
    )
    from mbcprep.languages import language_name

    # Now: the language's name ("español"); "(ahora es)" read as "(now is)".
    shown = language_name(now.lang)
    out(_("lang: {saved} (now {now})").format(saved=auto if saved.lang is None else saved.lang, now=shown))
    from mbcprep.preferences import TRAVEL_MINUTES

    minutes = TRAVEL_MINUTES if saved.travel is None else saved.travel
    said = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    usual = _("auto (the usual time)")  # not the system's: mbcprep's own 45 minutes
    out(_("travel: {saved} (now {now})").format(saved=usual if saved.travel is None else said, now=said))
