"""Saving an interview's visit: a draft after each answer, the final save, and a visit changed in
another window meanwhile kept beside this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mbcprep.errors import VisitChangedElsewhere
from mbcprep.i18n import _
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Prompter
from mbcprep.signals import held_stop_signals

if TYPE_CHECKING:
    from mbcprep.storage.store import Store


def finish(prompter: Prompter, store: Store, visit: Visit) -> None:
    """The final save of an interview. A stop asked for while it is under way waits until it is done,
    then stops the interview with the visit saved (never turned back into a draft)."""
    with held_stop_signals() as arrived:
        visit.status = "ready"
        visit.draft_step = ""
        try:
            save_keeping_both(prompter, store, visit)
        except BaseException:
            visit.status = "draft"
            raise
    if arrived:
        raise KeyboardInterrupt


def save_keeping_both(prompter: Prompter, store: Store, visit: Visit) -> Visit:
    """Save; if another window saved this visit meanwhile, keep theirs and save this one as a new
    visit, so neither person loses anything."""
    try:
        return store.save(visit)
    except VisitChangedElsewhere as exc:
        import uuid

        visit.uuid, visit.id, visit.revision = str(uuid.uuid4()), None, 0
        store.save(visit)
        if visit.status == "draft":
            said = _(
                "Visit {other} was also changed in another window, so this one is kept separately as draft {id}."
                " Nothing was lost."
            )
        else:
            said = _(
                "Visit {other} was also changed in another window, so this one is kept separately as visit {id}."
                " Nothing was lost."
            )
        prompter.say(said.format(other=exc.visit_id, id=visit.id))
        return visit
