"""Running the interactive commands in a real terminal: the questionary prompter meets the core."""

from __future__ import annotations

from pathlib import Path

from mbcprep import actions
from mbcprep.errors import InterviewStopped, MbcprepError, UsageError
from mbcprep.models import Visit
from mbcprep.prompter import QuestionaryPrompter
from mbcprep.settings import Settings
from mbcprep.wizard import edit_visit, offer_export, start_new_visit


def _write_sheet(visit: Visit, settings: Settings) -> Path:
    """Write the Markdown sheet in the current folder, picking a free name rather than overwriting."""
    text = actions.render_visits([visit], "md", settings=settings)
    base = actions.default_export_name(visit, "md")[: -len(".md")]
    for n in range(1, 100):
        name = f"{base}.md" if n == 1 else f"{base}-{n}.md"
        if not (Path.cwd() / name).exists():
            return actions.write_export(text, None, name, force=False, settings=settings)
    return actions.write_export(text, None, f"{base}.md", force=False, settings=settings)


def run_new_visit(settings: Settings) -> None:
    prompter = QuestionaryPrompter()
    content = settings.content()
    with settings.open_store() as store:
        visit = start_new_visit(prompter, content, store)
    prompter.say(f"Saved as visit {visit.id}.")
    try:
        written = offer_export(prompter, visit, lambda v: _write_sheet(v, settings))
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
