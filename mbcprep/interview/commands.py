"""The interactive commands: a prompter, the content and the store meet the interview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mbcprep.errors import InterviewStopped, MbcprepError, UsageError
from mbcprep.i18n import _
from mbcprep.interview.interview import start_new_visit
from mbcprep.prompts import make_prompter, needs_terminal
from mbcprep.prompts.base import Option, Prompter
from mbcprep.settings import Settings

if TYPE_CHECKING:
    from mbcprep.model.visit import Visit
    from mbcprep.storage.store import Store

# Only what the interview's first question needs loads before it is drawn: the content, the warning
# signs and the other steps' helpers load after it, when first used.


def start_interview(settings: Settings) -> None:
    """`mbcprep new-visit` without options: the interview, in a terminal."""
    if needs_terminal():
        raise UsageError(
            _(
                "new-visit asks questions, so it needs a terminal. From a script, add --no-input and give"
                " the answers as options (see 'mbcprep new-visit --help')."
            )
        )
    run_new_visit(settings)


def run_new_visit(settings: Settings, prompter: Prompter | None = None) -> None:
    prompter = prompter or make_prompter()
    # Custom banks are checked before the first question (a mistake in one stops here); the shipped
    # content, checked already, loads when a step first needs it.
    content = settings.content() if settings.custom_banks() else settings.content
    from mbcprep.storage.first_use import open_store

    with open_store(settings.folder) as store:  # with no data file yet, it is made after the first answer
        follow_lock_and_unlock(store, prompter)
        visit = start_new_visit(prompter, content, store)
        prompter.say(_("Saved as visit {id}.").format(id=visit.id))
        try:
            from mbcprep.actions import sheets

            written = offer_sheet(
                prompter, visit, lambda v, fmt, reader: sheets.write_sheet_here(settings, store, v, fmt, reader)
            )
        except (KeyboardInterrupt, EOFError):
            raise InterviewStopped(visit.id, "saved") from None
        except MbcprepError as exc:
            raise UsageError(
                _(
                    "Your visit is saved (visit {id}), but the sheet could not be written: {problem} "
                    "Make it later with: mbcprep export {id} -o PATH"
                ).format(id=visit.id, problem=exc)
            ) from None
    say_written(prompter, written, locked=is_locked(store))


def follow_lock_and_unlock(store: Store, prompter: Prompter) -> None:
    """A session of questions goes on in the data file locked or unlocked in another window meanwhile
    (said first; its passphrase asked when it is locked now), so the answers given are not lost."""
    store.follow_replacements(lambda: prompter.say(_("Your data was locked or unlocked in another window.")))


def is_locked(store: Store) -> bool:
    from mbcprep.storage.cipher import is_cipher_connection

    return is_cipher_connection(store.db)


def say_written(prompter: Prompter, written: list[Any], *, locked: bool = False) -> None:
    """Where the sheets went, and in one line how to print a page (and, when the data is locked,
    that the pages are not)."""
    if written and locked:
        prompter.say(_("Your data is locked, but pages made to print are not: anyone who can open them can read them."))
    if len(written) == 1:
        prompter.say(_("Your sheet is at {path}").format(path=written[0]))
    elif written:
        doctor, mine = written
        prompter.say(_("The page for the care team: {path}").format(path=doctor))
        prompter.say(_("The whole sheet, with room for the answers: {path}").format(path=mine))
        prompter.say(
            _("To print a page, open it in a web browser (double-click it) and press Ctrl+P (Cmd+P on a Mac).")
        )


def run_diary(settings: Settings, when: str | None, prompter: Prompter | None = None) -> None:
    """`mbcprep diary` without options: a day's scores, in a terminal."""
    from datetime import date

    from mbcprep.actions.diary import DAYS_COME
    from mbcprep.inputs import parse_date
    from mbcprep.interview.diary import keep_diary

    if prompter is None and needs_terminal():
        raise UsageError(
            _(
                "diary asks questions, so it needs a terminal. From a script, add --no-input and give"
                " the scores as options, for example: mbcprep diary --no-input --symptom tiredness=4"
            )
        )
    day = date.fromisoformat(parse_date(when or "today", what=_("The --date given"), past=_(DAYS_COME)))
    prompter = prompter or make_prompter()
    content = settings.content()
    with settings.open_store() as store:
        follow_lock_and_unlock(store, prompter)
        keep_diary(prompter, content, store, day)


def run_debrief(settings: Settings, ref: str, prompter: Prompter | None = None) -> None:
    """`mbcprep debrief ID` without options: after the visit, in a terminal."""
    from mbcprep.interview.debrief import debrief_visit

    if prompter is None and needs_terminal():
        raise UsageError(
            _(
                "debrief asks questions, so it needs a terminal. From a script, add --no-input and give"
                " the answers as options (see 'mbcprep debrief --help')."
            )
        )
    from mbcprep.actions.warnings import SignWatch

    with settings.open_store() as store:
        visit = store.get(ref)
        prompter = prompter or make_prompter()
        follow_lock_and_unlock(store, prompter)
        done = debrief_visit(prompter, store, visit, watch=SignWatch(settings.content))
    if done is None:
        prompter.say(_("Nothing was changed."))
    else:
        prompter.say(_("Saved. 'mbcprep show {id}' shows it; so does the sheet.").format(id=visit.id))


def run_edit(settings: Settings, ref: str, prompter: Prompter | None = None) -> None:
    from mbcprep.interview.edit import edit_visit

    prompter = prompter or make_prompter()
    content = settings.content()
    with settings.open_store() as store:
        visit = store.get(ref)
        follow_lock_and_unlock(store, prompter)
        saved = edit_visit(prompter, content, store, visit)
        prompter.say(_("Saved visit {id}.").format(id=saved.id))
        try:
            written = offer_new_sheet(prompter, settings, store, saved)
        except (KeyboardInterrupt, EOFError):
            raise InterviewStopped(saved.id, "saved") from None
    say_written(prompter, written, locked=is_locked(store))


def offer_new_sheet(prompter: Prompter, settings: Settings, store: Store, visit: Visit) -> list[Any]:
    """After an edit: make the sheet again, in place of the one made before (or a first one)."""
    from mbcprep.actions import sheets

    before = store.sheet_of(visit.uuid)
    if before is None:
        return offer_sheet(
            prompter, visit, lambda v, fmt, reader: sheets.write_sheet_here(settings, store, v, fmt, reader)
        )
    if not prompter.confirm(
        _("Make your sheet at {path} again, with these changes?").format(path=before), default=True
    ):
        prompter.say(_("You can make it later with: mbcprep export {id}").format(id=visit.id))
        return []
    fmt = sheets.choose_format(None, str(before))  # the page to print is made again as a page to print
    text = sheets.render_visits(
        [visit], fmt, settings, context=sheets.sheet_context(store, visit, content=settings.content())
    )
    path = sheets.write_export(text, str(before), before.name, force=True, settings=settings)
    store.record_written(path, "sheet", visit.uuid)
    return [path]


def offer_sheet(prompter: Prompter, visit: Visit, write: Callable[[Visit, str, str], Any]) -> list[Any]:
    """After saving: offer the pages to print (the care team's page and the whole sheet, HTML), or
    the sheet as a Markdown file for those who ask; returns what was written."""
    choice = prompter.choose(
        _("Make the pages to print now?"),
        [
            Option(_("Yes: a page for the care team, and the whole sheet"), "print"),
            Option(_("The whole sheet as a Markdown file (text)"), "md"),
            Option(_("Not now"), "no"),
        ],
        default="print",
    )
    if choice == "print":
        return [write(visit, "html", "doctor"), write(visit, "html", "me")]
    if choice == "md":
        return [write(visit, "md", "me")]
    prompter.say(_("You can make it later with: mbcprep export {id}").format(id=visit.id))
    return []


def confirm_delete_visit(visit: Visit, prompter: Prompter | None = None) -> bool:
    from mbcprep.text import one_line

    prompter = prompter or make_prompter()
    when = one_line(visit.visit_date, 10) or _("no date")
    return prompter.confirm(
        _("Delete visit {id} ({when})? This cannot be undone.").format(id=visit.id, when=when), default=False
    )


def confirm_delete_everything(folder: object, prompter: Prompter | None = None) -> bool:
    """Two questions before everything goes: a yes, then the word itself typed."""
    prompter = prompter or make_prompter()
    if not prompter.confirm(
        _("Delete all your visits, drafts and backups in {folder}?").format(folder=folder), default=False
    ):
        return False
    word = _("delete")
    typed = prompter.ask_text(_("Are you sure? This cannot be undone. Type {word} to go ahead:").format(word=word))
    return typed.strip().casefold() == word.casefold()
