"""Enter always goes forward: a person who only presses Enter gets through `demo --fast` and through
a new visit (once there is a last visit to start from), in the real menus, with no loop.

The menus are questionary's, driven through prompt_toolkit's pipe input: before each prompt the
prompter below sends one Enter, and nothing else. A loop shows as more prompts than any path needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mbcprep.demo import sample
from mbcprep.demo.interview import DemoPrompter, short_interview
from mbcprep.interview.interview import start_new_visit
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.settings import Settings
from mbcprep.storage.store import Store

TODAY = date(2026, 11, 30)


MOST_PROMPTS = 60  # far more than any path through the interview asks


class TooManyPrompts(AssertionError):
    pass


@contextmanager
def enter_only() -> Iterator[Any]:
    """The real menus, with one Enter pressed at each prompt."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

    class EnterOnly(QuestionaryPrompter):
        prompts: list[str]

        def _ask(self, question: Any, *, list_keys: bool = False) -> Any:
            self.prompts.append(str(question))
            if len(self.prompts) > MOST_PROMPTS:
                raise TooManyPrompts("Enter went round and round")
            pipe.send_text("\r")
            return super()._ask(question, list_keys=list_keys)

        def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Any = None) -> str:
            if validate is not None and validate(default):
                raise AssertionError(f"Enter is refused at {message!r}")  # it would wait for ever
            return super().ask_text(message, default=default, hint=hint, validate=validate)

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        prompter = EnterOnly()
        prompter.prompts = []
        yield prompter


def enter_at_each(lines: list[str]) -> Any:
    """A plain prompter's line reader that presses Enter alone, noting each prompt in `lines`."""

    def enter(prompt: str) -> str:
        lines.append(prompt)
        if len(lines) > MOST_PROMPTS:
            raise TooManyPrompts(f"Enter is not enough at: {prompt!r}")
        return ""

    return enter


def test_enter_alone_gets_through_the_fast_demo(content: Content, tmp_path: Path, capsys: Any) -> None:
    settings = Settings(data_dir=str(tmp_path / "demo-data"))
    made = sample.build_sample(content, TODAY)
    with settings.open_store() as store, enter_only() as prompter:
        store.import_everything(made.visits, made.records)
        visit = short_interview(DemoPrompter(prompter), content, store, TODAY)
        saved = store.get(str(visit.id))
    assert saved.status == "ready"
    assert len(saved.first_questions()) == 3
    assert len(prompter.prompts) < 25


def last_visit(store: Store) -> Visit:
    """A visit last month, talked over afterwards, with the next visit's date noted."""
    visit = Visit(
        uuid="last-1",
        status="ready",
        visit_date="2026-11-02",
        kind="routine",
        with_whom="Dr Rivera",
        next_visit="2026-12-14",
        debriefed_at="2026-11-03T10:00:00+00:00",
    )
    return store.save(visit)


@pytest.mark.slow
def test_enter_alone_gets_through_a_new_visit(content: Content, store: Store, capsys: Any) -> None:
    last_visit(store)
    with enter_only() as prompter:
        visit = start_new_visit(prompter, content, store, TODAY)
    saved = store.get(str(visit.id))
    assert saved.status == "ready"
    assert saved.visit_date == "2026-12-14"  # the date noted at the last visit's debrief
    assert saved.with_whom == "Dr Rivera"
    assert len(prompter.prompts) < MOST_PROMPTS


def test_enter_alone_gets_through_the_fast_demo_in_plain_mode(content: Content, tmp_path: Path) -> None:
    """A screen reader's user pressing Enter at every line: every list says what Enter takes."""
    import io

    from mbcprep.prompts.plain import PlainPrompter

    lines: list[str] = []
    enter = enter_at_each(lines)

    settings = Settings(data_dir=str(tmp_path / "demo-data"))
    made = sample.build_sample(content, TODAY)
    with settings.open_store() as store:
        store.import_everything(made.visits, made.records)
        visit = short_interview(DemoPrompter(PlainPrompter(enter, io.StringIO())), content, store, TODAY)
        saved = store.get(str(visit.id))
    assert saved.status == "ready" and len(saved.first_questions()) == 3
    assert len(lines) < 25


def test_enter_alone_picks_up_a_draft_and_scores_what_was_left_in_plain_mode(content: Content, store: Store) -> None:
    """Stopped while scoring, then only Enter in plain mode: the draft is picked up (never thrown
    away), the symptoms left to score are asked, and the visit is saved."""
    import io

    from mbcprep.model.visit import SymptomScore
    from mbcprep.prompts.plain import PlainPrompter

    last_visit(store)
    draft = Visit(uuid="d-1", status="draft", visit_date="2026-12-14", kind="routine", draft_step="symptoms")
    draft.symptoms = [SymptomScore("pain", "Pain", 5), SymptomScore("tiredness", "Tiredness")]
    store.save(draft)
    lines: list[str] = []
    enter = enter_at_each(lines)

    shown = io.StringIO()
    visit = start_new_visit(PlainPrompter(enter, shown), content, store, TODAY)
    said = shown.getvalue()
    assert "Chosen: Pick up where I left off" in said and "Chosen: Score those and go on" in said
    assert visit.uuid == "d-1" and store.get(str(visit.id)).status == "ready"
    assert [(s.symptom_id, s.score) for s in store.get(str(visit.id)).symptoms] == [("pain", 5)]  # Enter skips
