"""Typer's and Click's own words ("Usage:", "Options", "Show this message and exit."...) in the
chosen language.

Typer carries its own copy of Click, with no gettext of its own: most of its words are English in
the code, and the rest go through the standard library's default gettext domain, which cannot know
the language chosen with --lang. The words that reach a person are marked here for mbcprep's
catalogue and put in place by a few small wrappers, installed once when the command line loads.
They translate when the help is made (so they follow `use_language`), and in English they give
Typer's words unchanged, except what an option takes: in capital words in every language, as the
metavars the commands declare are (TEXT, WORDS, NUMBER; never Python's <str> or <list[str]>), and
nothing beside a switch (not <bool>). Nothing heavy is loaded for it: the help's drawing module is
only touched when help is drawn.

Mistakes in a command line never show Click's words: `mbcprep.app.usage_message` says each in a
sentence of ours.
"""

from __future__ import annotations

import contextlib
from typing import Any

from mbcprep.i18n import N_, _, language, pgettext

# The help's words that Typer says through gettext (`typer.core`): the same English words, so the
# same catalogue entries. Its error messages are left in English: `usage_message` reads them and says
# each in a sentence of ours.
TYPER_WORDS = frozenset(
    (
        N_("Arguments"),
        N_("Options"),
        N_("Commands"),
        N_("required"),
        N_("default: {default}"),
        N_("env var: {var}"),
        N_("(dynamic)"),
    )
)
USAGE = N_("Usage:")
HELP_OPTION = N_("Show this message and exit.")
# Typer's rich help: module constants of `typer.rich_utils`, set again each time help is drawn.
# A "{value}" here stands for the "{}" Typer fills in.
RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {value}]"),
    "ENVVAR_STRING": N_("[env var: {value}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
_RICH_ENGLISH: dict[str, str] = {}  # Typer's own values, put back in English


def _type_words() -> dict[str, str]:
    """The kinds of value Typer shows in --help (<str>, <int>...), in words of the language."""
    return {
        "str": pgettext("the kind of value an option takes, shown in capitals in --help", "text"),
        "int": pgettext("the kind of value an option takes, shown in capitals in --help", "number"),
        "float": pgettext("the kind of value an option takes, shown in capitals in --help", "number"),
        "list[str]": pgettext("the kind of value an option takes, shown in capitals in --help", "words"),
        "bool": pgettext("the kind of value an option takes, shown in capitals in --help", "yes or no"),
    }


_installed = False


def install() -> None:
    """Wrap the few places where Typer and its Click make words. Safe to call more than once."""
    global _installed
    if _installed:
        return
    _installed = True
    with contextlib.suppress(AttributeError, ImportError):  # a Typer made differently: its help stays English
        _wrap_typer()


def _wrap_typer() -> None:
    import typer.core as typer_core
    from typer._click import core as click_core
    from typer._click import formatting

    typer_core._ = _typer_gettext

    write_usage = formatting.HelpFormatter.write_usage

    def write_usage_translated(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        # Sub-commands carry Click's own "[OPTIONS]" and "COMMAND [ARGS]..." (the root app's are ours).
        args = args.replace("COMMAND [ARGS]...", _("COMMAND [ARGS]...")).replace("[OPTIONS]", _("[OPTIONS]"))
        write_usage(self, prog, args, _(USAGE) + " " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage_translated  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    def get_help_option_translated(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option

    click_core.Command.get_help_option = get_help_option_translated  # type: ignore[method-assign]
    click_core.Command.get_short_help_str = first_sentence  # type: ignore[method-assign]

    for command in (typer_core.TyperCommand, typer_core.TyperGroup):
        command.format_help = _drawing_rich_words(command.format_help)  # type: ignore[method-assign]

    parameter = typer_core._TyperParameter
    display_type = parameter.display_type

    def display_type_translated(self: Any, ctx: Any) -> str:
        # In words, in every language, and as the metavars declared beside them are: TEXT, not
        # Python's <str> (nor <list[str]>).
        shown = display_type(self, ctx)
        if not (shown.startswith("<") and shown.endswith(">")):
            return shown
        return _type_words().get(shown[1:-1], shown[1:-1]).upper()

    parameter.display_type = display_type_translated  # type: ignore[method-assign]

    option_type = typer_core.TyperOption.display_type_rich

    def option_type_translated(self: Any, ctx: Any) -> str | None:
        # A switch takes no value: its kind is not shown (as in Typer's plain help), rather than
        # a word that would suggest typing yes or no after it.
        if self.is_flag and not self.count:
            return None
        return option_type(self, ctx)

    typer_core.TyperOption.display_type_rich = option_type_translated  # type: ignore[method-assign]


def first_sentence(self: Any, limit: int = 45) -> str:
    """A command's line in the list of commands: its short help, or the first sentence of its help,
    whole (Click cut it at `limit` characters with "..."; the formatter wraps it instead)."""
    if self.short_help:
        return " ".join(self.short_help.split())
    paragraph = (self.help or "").strip().split("\n\n", 1)[0]
    words = " ".join(paragraph.split())
    ends = [at for at in (words.find(end) for end in (". ", "? ", "! ")) if at != -1]
    return words[: min(ends) + 1] if ends else words


def _typer_gettext(message: str) -> str:
    return _(message) if message in TYPER_WORDS else message


def _drawing_rich_words(format_help: Any) -> Any:
    def format_help_translated(self: Any, ctx: Any, formatter: Any) -> Any:
        import typer.core as typer_core

        if typer_core.HAS_RICH and getattr(self, "rich_markup_mode", None) is not None:
            _set_rich_words()
        return format_help(self, ctx, formatter)

    return format_help_translated


def _set_rich_words() -> None:
    from typer import rich_utils

    if not _RICH_ENGLISH:
        _RICH_ENGLISH.update({name: getattr(rich_utils, name) for name in RICH_WORDS})
    english = language() == "en"
    for name, message in RICH_WORDS.items():
        setattr(rich_utils, name, _RICH_ENGLISH[name] if english else _(message).replace("{value}", "{}"))
    usage = r"(?P<usage>" + _re_escape(_(USAGE)) + " )"
    if not english and usage not in rich_utils.OptionHighlighter.highlights:
        rich_utils.OptionHighlighter.highlights = [*rich_utils.OptionHighlighter.highlights, usage]


def _re_escape(text: str) -> str:
    import re

    return re.escape(text)
