"""A prompter that answers from a script, and fails loudly on any prompt it was not told about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mbcprep.prompts.base import NO_DEFAULT, Option, Validator


class Interrupt:
    """Put this in a script to press Ctrl-C at that prompt."""


CTRL_C = Interrupt()


class Maybe:
    """An answer for a prompt that may or may not come (it depends on the content)."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer


class UnexpectedPrompt(AssertionError):
    pass


class ScriptedPrompter:
    """Each answer is a pair (words expected in the prompt, answer).

    - ask_text: the answer is the typed text ("" keeps the default, like pressing Enter).
    - choose: the answer is an option value, or a callable picking from the options.
    - choose_many: a list of values to tick (others keep their checked state off).
    - confirm: True/False.
    """

    def __init__(self, script: Sequence[tuple[str, Any]]) -> None:
        self.script = list(script)
        self.said: list[str] = []
        self.asked: list[str] = []
        self.offered: dict[str, list[Option]] = {}

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        if not self.script:
            raise UnexpectedPrompt(f"no scripted answer left for prompt: {message!r}")
        expect, answer = self.script.pop(0)
        while isinstance(answer, Maybe) and expect.lower() not in message.lower() and self.script:
            expect, answer = self.script.pop(0)  # an optional prompt that did not come
        if isinstance(answer, Maybe):
            answer = answer.answer
        if expect.lower() not in message.lower():
            raise UnexpectedPrompt(f"expected a prompt with {expect!r}, got {message!r}")
        if answer is CTRL_C:
            raise KeyboardInterrupt
        return answer

    def say(self, text: str) -> None:
        self.said.append(text)

    def progress(self, step: int, steps: int, title: str) -> None:
        self.said.append(f"Step {step} of {steps}: {title}")

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        answer = self._next(message)
        answer = default if answer == "" else answer
        if validate is not None:
            problem = validate(answer)
            if problem:
                raise UnexpectedPrompt(f"scripted answer {answer!r} to {message!r} was refused: {problem}")
        return str(answer)

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        self.offered[message] = list(options)
        answer = self._next(message)
        if callable(answer):
            answer = answer(options)
        values = [o.value for o in options]
        if answer not in values:
            raise UnexpectedPrompt(f"{answer!r} is not one of the options for {message!r}: {values}")
        return answer

    def choose_many(
        self, message: str, options: Sequence[Option], *, hint: str = "", pick_pointed: bool = False
    ) -> list[Any]:
        self.offered[message] = list(options)
        answer = self._next(message)
        if callable(answer):
            answer = answer(options)
        values = [o.value for o in options]
        for value in answer:
            if value not in values:
                raise UnexpectedPrompt(f"{value!r} is not offered for {message!r}")
        return list(answer)

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        return bool(self._next(message))

    def done(self) -> None:
        assert not self.script, f"scripted answers never asked for: {self.script}"
