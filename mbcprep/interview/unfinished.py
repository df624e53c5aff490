"""What `new-visit` asks first when visits were left unfinished: pick one up, start a new one, or
throw the latest away. With more than one, any of them can be picked up, not only the latest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mbcprep.i18n import _, ngettext
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Option, Prompter
from mbcprep.text import one_line

if TYPE_CHECKING:
    from mbcprep.storage.store import Store


def draft_to_pick_up(prompter: Prompter, store: Store) -> Visit | None:
    """The unfinished visit the person chose to pick up, or None to start a new one (the latest
    unfinished one deleted first when they chose to throw it away). Asks nothing when there is none."""
    drafts = store.drafts()
    if not drafts:
        return None
    latest, when = drafts[0]
    if len(drafts) == 1:
        question = _("You have an unfinished visit (visit {id}, {when}). What would you like to do?")
        options = [
            Option(_("Pick up where I left off"), "resume"),
            Option(_("Start a new visit and keep the unfinished one"), "new"),
            Option(_("Throw the unfinished one away and start again"), "discard"),
        ]
    else:
        question = ngettext(
            "You have {n} unfinished visit. The latest is visit {id}, {when}. What would you like to do?",
            "You have {n} unfinished visits. The latest is visit {id}, {when}. What would you like to do?",
            len(drafts),
        )
        options = [
            Option(_("Pick up the latest where I left off"), "resume"),
            Option(_("Pick up an older one"), "older"),
            Option(_("Start a new visit and keep the unfinished ones"), "new"),
            Option(_("Throw the latest away and start again"), "discard"),
        ]
    older = [Option(_("Visit {id}, {when}").format(id=id_, when=one_line(day, 10)), id_) for id_, day in drafts[1:]]
    while True:
        choice = prompter.choose(question.format(n=len(drafts), id=latest, when=one_line(when, 10)), options)
        if choice == "older":
            picked = prompter.choose(_("Which unfinished visit?"), [*older, Option(_("Back"), None)])
            if picked is None:
                continue
            return store.get(str(picked))
        if choice == "resume":
            return store.get(str(latest))
        if choice == "discard":
            store.delete(latest)
        return None
