"""What `new-visit` asks first when visits were left unfinished: pick one up, start a new one, or
throw away the one worked on last. With more than one, any of them can be picked up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mbcprep.i18n import _, long_date, moment_words, ngettext
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Option, Prompter
from mbcprep.text import one_line

if TYPE_CHECKING:
    from mbcprep.storage.store import Store


def draft_to_pick_up(prompter: Prompter, store: Store) -> Visit | None:
    """The unfinished visit the person chose to pick up, or None to start a new one (the one worked
    on last deleted first when they chose to throw it away). Asks nothing when there is none."""
    drafts = store.drafts()
    if not drafts:
        return None
    last, when = drafts[0][0], _when(drafts[0])
    if len(drafts) == 1:
        question = _("You have an unfinished visit (visit {id}, {when}). What would you like to do?")
        options = [
            Option(_("Pick up where I left off"), "resume"),
            Option(_("Start a new visit and keep the unfinished one"), "new"),
            Option(_("Throw the unfinished one away and start again"), "discard"),
        ]
    else:
        question = ngettext(
            "You have {n} unfinished visit. The one you worked on last is visit {id}, {when}."
            " What would you like to do?",
            "You have {n} unfinished visits. The one you worked on last is visit {id}, {when}."
            " What would you like to do?",
            len(drafts),
        )
        options = [
            Option(_("Pick up the one I worked on last"), "resume"),
            Option(_("Pick up another one"), "older"),
            Option(_("Start a new visit and keep the unfinished ones"), "new"),
            Option(_("Throw away the one I worked on last and start again"), "discard"),
        ]
    others = [Option(_("Visit {id}, {when}").format(id=draft[0], when=_when(draft)), draft[0]) for draft in drafts[1:]]
    while True:
        # Enter picks the draft up, in plain mode as with the arrows: it never throws anything away.
        choice = prompter.choose(question.format(n=len(drafts), id=last, when=when), options, default="resume")
        if choice == "older":
            picked = prompter.choose(
                _("Which unfinished visit?"), [*others, Option(_("Back"), None)], default=others[0].value
            )
            if picked is None:
                continue
            return store.get(str(picked))
        if choice == "resume":
            return store.get(str(last))
        if choice == "discard":
            store.delete(last)
            prompter.say(_("Visit {id} was thrown away.").format(id=last))
        return None


def _when(draft: tuple[int, str, str]) -> str:
    """A draft's day as said in the menu: its visit's date, or when it was begun while no date was
    given yet (said so, so that it is not taken for the visit's)."""
    _id, visit_date, begun = draft
    if visit_date:
        try:
            return long_date(date.fromisoformat(visit_date))  # "Wednesday 3 February 2027", in words
        except ValueError:
            return one_line(visit_date, 10)
    return _("no date yet, begun {moment}").format(moment=moment_words(begun, one_line(begun, 10)))
