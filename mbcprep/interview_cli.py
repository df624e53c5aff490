"""Running the interactive commands in a real terminal: the questionary prompter meets the core."""

from __future__ import annotations

from mbcprep import actions
from mbcprep.errors import InterviewStopped, MbcprepError, UsageError
from mbcprep.prompter import QuestionaryPrompter
from mbcprep.settings import Settings
from mbcprep.wizard import edit_visit, offer_export, start_new_visit


def run_new_visit(settings: Settings) -> None:
    prompter = QuestionaryPrompter()
    content = settings.content()
    with settings.open_store() as store:
        visit = start_new_visit(prompter, content, store)
        prompter.say(f"Saved as visit {visit.id}.")
        try:
            written = offer_export(prompter, visit, lambda v: actions.write_sheet_here(settings, store, v))
        except (KeyboardInterrupt, EOFError):
            raise InterviewStopped(visit.id, "saved") from None
        except MbcprepError as exc:
            raise UsageError(
                f"Your visit is saved (visit {visit.id}), but the sheet could not be written: {exc} "
                f"Make it later with: mbcprep export {visit.id} -o PATH"
            ) from None
    if written is not None:
        prompter.say(f"Your sheet is at {written}")


def run_edit(settings: Settings, ref: str) -> None:
    prompter = QuestionaryPrompter()
    content = settings.content()
    with settings.open_store() as store:
        visit = store.get(ref)
        saved = edit_visit(prompter, content, store, visit)
    prompter.say(f"Saved visit {saved.id}.")
