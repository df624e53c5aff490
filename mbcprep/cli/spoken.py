"""What a table shows, said as lines of words, for plain mode: a screen reader or a braille display
reads one line a row, with the values joined by words, instead of columns lined up with spaces that
are read out as one long run. Reusable by any view with rows or scores (a sparkline too)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mbcprep.i18n import _
from mbcprep.text import one_line


def spoken_row(name: str, details: Iterable[str]) -> str:
    """One row as one line: 'Visit 3: Friday 15 January 2027, results, with Dr Rivera, 6 questions,
    ready'. Empty details are left out."""
    said = [one_line(d) for d in details if d and d.strip()]
    if not said:
        return one_line(name)
    # Translators: a row of a table said as one line: what it is, then its details joined by commas.
    return _("{name}: {details}").format(name=one_line(name), details=", ".join(said))


def spoken_list(rows: Iterable[tuple[str, Sequence[str]]]) -> str:
    """Rows as lines (see `spoken_row`)."""
    return "\n".join(spoken_row(name, details) for name, details in rows)


def scores_in_words(scores: Sequence[int | None]) -> str:
    """0-10 scores in order, said in words, with the lowest, highest and last of them: what a person
    who cannot see a sparkline needs from it. 'No score' stands for a day without one."""
    scored = [s for s in scores if s is not None]
    if not scored:
        return _("no scores yet")
    each = ", ".join(_("no score") if s is None else str(s) for s in scores)
    return _("{scores} (lowest {low}, highest {high}, last {last})").format(
        scores=each, low=min(scored), high=max(scored), last=scored[-1]
    )
