"""The root command: one lazy group whose command word picks the module to import.

`mbcprep.cli.COMMAND_MODULES` names the module of each command; when Click asks the group for a
command, that module alone is imported and Typer builds that command (the program's help asks for
all of them; a mistyped command is told from the names alone). Typer's help, errors and suggestions
are unchanged: every command is still Typer's, built from its declaration.

Typer checks every value it reads with a pydantic TypeAdapter, and importing pydantic is most of a
bare Typer app's start-up. Options here take only text, words and switches, so those are taken as
Click reads them; any other kind of value still goes to Typer's own check.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator, MutableMapping
from typing import Any

from typer._click import Command, Context
from typer.core import TyperGroup

from mbcprep.cli import COMMAND_MODULES, load_commands


class LazyCommands(MutableMapping[str, Command]):
    """The root's commands by name, each built when first asked for."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMAND_MODULES:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMAND_MODULES)

    def __len__(self) -> int:
        return len(COMMAND_MODULES)

    def __contains__(self, name: object) -> bool:
        return name in COMMAND_MODULES


class CommandGroup(TyperGroup):
    """Typer's group, with its commands in a `LazyCommands`."""

    def __init__(self, *args: Any, **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.commands = LazyCommands()


def build_command(name: str) -> Command:
    """The Click command for `name` (a command or a group), from its module's Typer declaration."""
    import typer.main

    app = load_commands(name)
    for info in app.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    for group in app.registered_groups:
        if group.name == name:
            return typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
                suggest_commands=app.suggest_commands,
            )
    module = COMMAND_MODULES[name]
    raise TypeError(f"mbcprep.cli.{module} does not add the command {name!r} (see mbcprep.cli.COMMAND_MODULES)")


# The root commands made, by what they are made from: the app (its commands' help is in the language
# its modules were imported in) and how help is drawn (`use_plain_help`). Only the app of the moment.
_made: dict[tuple[Any, Any], TyperGroup] = {}


def root_group() -> TyperGroup:
    """The program's command, its options read from the root callback, each command built when first
    asked for. Made once for each way help is drawn: a Click command is not changed by running it, so
    a command line run again in this process (a demo's, a test's) uses the same one."""
    import typer.main

    from mbcprep.cli.app import app

    key = (app, app.rich_markup_mode)
    if key in _made:
        return _made[key]
    if any(made is not app for made, _mode in _made):
        _made.clear()  # the commands' modules were imported again (tests/conftest.py: another language)
    read_values_without_pydantic()
    alone = copy.copy(app)  # the root's options and help alone: commands come from LazyCommands
    alone.registered_commands, alone.registered_groups = [], []
    group = typer.main.get_group(alone)
    assert isinstance(group, CommandGroup)
    _made[key] = group
    return group


# The kinds of value Click already gives as they are: a switch, a piece of text, a list of them.
_AS_READ: dict[Any, Any] = {bool: bool, str: str, list[str]: (list, tuple)}
_installed = False


def read_values_without_pydantic() -> None:
    """Typer's values of the kinds in `_AS_READ` are taken as Click read them (a list made a list,
    as pydantic makes it); any other value goes to Typer's own check. Safe to call more than once."""
    global _installed
    if _installed:
        return
    _installed = True
    with contextlib.suppress(AttributeError, ImportError):  # a Typer made differently keeps its own check
        _patch_runtime_param()


def _patch_runtime_param() -> None:
    from dataclasses import dataclass

    from typer import _coercion
    from typer.core import _TyperParameter

    @dataclass(frozen=True)
    class AsRead(_coercion.RuntimeParam):
        """A value of a kind in `_AS_READ`, taken as Click read it."""

        def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
            kind = _AS_READ[self.annotation]
            if isinstance(value, kind) and (self.annotation is not list[str] or all(isinstance(v, str) for v in value)):
                return list(value) if self.annotation == list[str] else value
            full = _coercion.build_runtime_param(param.type_descriptor)
            return full._coerce_value(value, param=param, ctx=ctx)

    get_runtime_param = _TyperParameter.get_runtime_param

    def get_runtime_param_as_read(self: Any) -> Any:
        descriptor = self.type_descriptor
        if self._runtime_param is None and descriptor.annotation in _AS_READ and not descriptor.is_file:
            self._runtime_param = AsRead(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        return get_runtime_param(self)

    _TyperParameter.get_runtime_param = get_runtime_param_as_read  # type: ignore[method-assign]
