"""The questions that fit the person (`mbcprep questions --for-me`, and the interview's suggestions):
what is known about them read from the store, handed to `mbcprep.content.suggest`.

The latest scan's word comes through one hook, `LATEST_SCAN`: by default the latest scan kept with
`mbcprep results` (its report's word); "" (not known) when none is kept, and the suggestions do
without it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from mbcprep.model.content import Content, Question
from mbcprep.settings import Settings


def no_scan_yet(store: Any) -> str:
    """No scan known: "" (a test's stand-in for the hook)."""
    return ""


def latest_scan_finding(store: Any) -> str:
    """The latest scan report's word (bigger, new, stable, smaller, mixed, not-sure), "" when no scan
    is kept (`mbcprep results`)."""
    from mbcprep.actions.results import latest_scan

    scan = latest_scan(store)
    return scan.finding if scan is not None else ""


# The one hook for the latest scan: a function of the open store that says the latest report's word.
LATEST_SCAN: list[Callable[[Any], str]] = [latest_scan_finding]


def facts_for(store: Any, *, caregiver: bool = False, today: date | None = None, scan: str | None = None) -> Any:
    """The `when:` facts (`mbcprep.model.fit.facts_of`) from the profile, the treatments and the
    latest scan (`scan`, or else what the hook reads)."""
    from mbcprep.actions.profile import read_view
    from mbcprep.model.fit import facts_of

    found = LATEST_SCAN[0](store) if scan is None else scan
    treatments, medicines = store.treatments.all(), store.medicines.all()
    return facts_of(read_view(store), treatments, medicines=medicines, scan=found, caregiver=caregiver, today=today)


def for_me(
    settings: Settings, content: Content, kind: str | None, *, include_sensitive: bool = False
) -> tuple[str, list[Question]]:
    """(the kind of visit, the questions in the order the interview would offer them). The kind is the
    one given, else the draft's, else the next visit's saved, else a routine check-in; a caregiver's
    visit gets a caregiver's."""
    from mbcprep.content.suggest import suggest
    from mbcprep.errors import UsageError
    from mbcprep.i18n import _

    if kind is not None and kind not in content.kinds:
        raise UsageError(
            _("There is no kind of visit like that. Try one of: {kinds}.").format(kinds=", ".join(content.kinds))
        )
    with settings.open_store() as store:
        # The visit being got ready for: a draft, else the next one saved (a results visit set for next
        # week suggests what a results visit needs).
        draft = store.latest_draft() or store.next_visit(date.today())
        chosen = kind or (draft.kind if draft is not None and draft.kind in content.kinds else "routine")
        caregiver = draft is not None and draft.filled_by == "caregiver"
        facts = facts_for(store, caregiver=caregiver)
    return chosen, suggest(content, chosen, facts=facts, include_sensitive=include_sensitive)
