"""`mbcprep bank check`: every problem in a custom bank, checked against the shipped content.

Above both `mbcprep.content.load` (which adds the banks a person gives to what mbcprep ships) and
`mbcprep.content.banks` (which reads them), so neither needs the other's module to be loaded first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep.content.banks import read_banks
from mbcprep.content.load import load_content
from mbcprep.errors import Problem
from mbcprep.i18n import _


@dataclass(frozen=True)
class BankReport:
    """What `mbcprep bank check` found."""

    problems: list[Problem]
    questions: int  # questions that passed (a question written in two languages counts once)
    replaces: list[str]  # ids of mbcprep's own questions the bank replaces
    languages: dict[str, int] = field(default_factory=dict)  # questions that passed, by the files' language


def check_bank(path: str | os.PathLike[str]) -> BankReport:
    """`mbcprep bank check`: every problem in a custom bank file or folder, in every language."""
    if not os.fspath(path).strip():
        return BankReport([Problem(_("(no path)"), 1, _("give a file or folder to check"))], 0, [])
    base = load_content(include_env=False)
    known = set(base.questions)
    questions, problems, counts = read_banks([Path(path)], base)
    replaces = [q.id for q in questions if q.id in known]
    return BankReport(problems, len(questions), replaces, counts)
