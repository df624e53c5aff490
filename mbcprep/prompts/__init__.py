"""Asking a person: the Prompter interface, its two real forms, and the one place that chooses."""

from __future__ import annotations

import sys

from mbcprep.prompts.base import Prompter


def needs_terminal() -> bool:
    """Whether questions cannot be asked here (no terminal to read from or draw on)."""
    return not (sys.stdin.isatty() and sys.stdout.isatty())


def make_prompter(*, plain: bool | None = None) -> Prompter:
    """Plain numbered prompts (in plain mode: `mbcprep.modes`), or menus drawn with arrows (the prompt
    library is loaded only here)."""
    if plain is None:
        from mbcprep.modes import is_plain

        plain = is_plain()
    if plain:
        from mbcprep.prompts.plain import PlainPrompter

        return PlainPrompter()
    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    return QuestionaryPrompter()
