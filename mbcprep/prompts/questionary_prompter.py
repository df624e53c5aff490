"""Prompts drawn by questionary: menus moved with the arrow keys.

The only module that imports questionary (and prompt_toolkit), and only inside functions, so commands
that ask nothing never pay for it. questionary's few fixed English words ("(Y/n)", "Yes", "done",
"Description:") are replaced by ours, so the menus speak the chosen language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mbcprep.i18n import _, ngettext, pgettext
from mbcprep.prompts.base import (
    NO_DEFAULT,
    Option,
    TerminalGone,
    Validator,
    default_index,
    within_limits,
    yes_and_no_words,
)
from mbcprep.text import one_line, printable, wrap


class QuestionaryPrompter:
    """Prompts drawn by questionary. Ctrl-C or Ctrl-D anywhere ends the whole interview."""

    def __init__(self) -> None:
        import questionary

        self._q = questionary
        _speak_our_words()
        _make_default_keys_once()
        _whole_validation_messages()

    def _ask(self, question: Any, *, list_keys: bool = False) -> Any:
        if list_keys:
            _stop_keys(question)
        # unsafe_ask lets Ctrl-C through as KeyboardInterrupt instead of returning None,
        # so one cancelled question cannot quietly skip ahead.
        try:
            answer = question.unsafe_ask(patch_stdout=False)
        except OSError:  # the terminal is gone (prompt_toolkit cannot draw or tidy up)
            raise TerminalGone from None
        if answer is None:
            raise KeyboardInterrupt
        return answer

    def say(self, text: str) -> None:
        try:
            print(_wrap(text), flush=True)
        except OSError:
            raise TerminalGone from None

    def ask_text(self, message: str, *, default: str = "", hint: str = "", validate: Validator | None = None) -> str:
        validate = within_limits(validate)
        message = printable(message)
        if hint:
            print(_wrap(hint, "  "), flush=True)

        def check(answer: str) -> bool | str:
            problem = validate(answer)
            return _wrap(problem) if problem else True  # shown whole, on as many lines as it takes

        if len(message) + 2 + len(default) > _width():
            print(_wrap(message), flush=True)
            message = _("Your answer:")
        return str(self._ask(self._q.text(message, default=default, validate=check)))

    def ask_secret(self, message: str) -> str:
        from mbcprep.prompts.secret import read_hidden

        return read_hidden(printable(message) + " ")

    def progress(self, step: int, steps: int, title: str) -> None:
        self.say("\n" + _("Step {step} of {steps}: {title}").format(step=step, steps=steps, title=title))

    def choose(self, message: str, options: Sequence[Option], *, default: Any = NO_DEFAULT) -> Any:
        # questionary swaps a None value for the title, so the choices carry their index instead.
        described = [_describe(o) for o in options]
        choices = [self._q.Choice(_shown(o.title), value=i, description=described[i]) for i, o in enumerate(options)]
        at = default_index(options, default)
        start = choices[at] if at is not None else None
        instruction = _("(arrows, Enter)")
        message = self._fit(message, instruction, len(options) + _tallest(described))
        picked = self._ask(
            self._q.select(message, choices=choices, default=start, instruction=instruction), list_keys=True
        )
        return options[picked].value

    def choose_many(
        self,
        message: str,
        options: Sequence[Option],
        *,
        hint: str = "",
        pick_pointed: bool = False,
        reasons: bool = False,
    ) -> list[Any]:
        if any(o.checked for o in options):
            instruction = _("(Space picks or drops, Enter when done)")
        else:
            instruction = _("(Space picks, Enter when done)")
        if reasons:
            hint = " ".join(filter(None, (hint, _("Each question comes with why you might ask it."))))
        described = [_describe(o) for o in options]
        below = _tallest(described) + (_wrap(hint, "  ").count("\n") + 1 if hint else 0)
        message = self._fit(message, instruction, len(options) + below)  # a long message first, then the hint
        if hint:
            print(_wrap(hint, "  "), flush=True)
        choices = [
            self._q.Choice(_shown(o.title), value=i, checked=o.checked, description=described[i])
            for i, o in enumerate(options)
        ]
        question = self._q.checkbox(message, choices=choices, instruction=instruction)
        if pick_pointed:
            _enter_picks_pointed(question)
        picked = self._ask(question, list_keys=True)
        return [options[i].value for i in picked]

    def _fit(self, message: str, instruction: str, lines: int) -> str:
        """A prompt too long for one line is printed above, wrapped at words, and a short one asked:
        "Your choice", or, when the list's `lines` leave no room on the screen for what is printed
        above (it scrolls away), the message itself cut at a word with "…", so it stays in sight."""
        message = printable(message)
        room = _width() - len(instruction) - 3
        if len(message) <= room:
            return message
        above = _wrap(message)
        print(above, flush=True)
        if lines + above.count("\n") + 4 > _height() and room >= 20:  # with the prompt and the line under it
            return _cut_at_word(message, room)
        return _("Your choice")

    def confirm(self, message: str, *, default: bool | None = True) -> bool:
        message = printable(message)
        if len(message) + 8 > _width():
            print(_wrap(message), flush=True)
            message = _("Yes or no?")
        if default is None:  # no answer is chosen for the person: yes or no must be typed
            yes, no = yes_and_no_words()
            words = {w: True for w in yes} | {w: False for w in no}

            def yes_or_no(answer: str) -> bool | str:
                return answer.strip().casefold() in words or _("Please type yes or no.")

            typed = self._ask(self._q.text(message + " " + _("(yes or no)"), validate=yes_or_no))
            return words[str(typed).strip().casefold()]
        return bool(self._ask(_yes_or_no_question(message, default)))


def _yes_or_no_question(message: str, default: bool) -> Any:
    """questionary's yes-or-no question in the chosen language: its hint ("(Y/n)"), its keys (the
    first letter of each word for yes and no) and the answer it shows. A key waits for Enter, so a
    person's habitual Enter never answers the next question; Enter alone takes the default."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from questionary.constants import DEFAULT_QUESTION_PREFIX
    from questionary.question import Question
    from questionary.styles import merge_styles_default

    yes, no = yes_and_no_words()
    status: dict[str, Any] = {"answer": None, "complete": False}
    # Translators: the hint after a yes-or-no question whose Enter means yes; the letters people press.
    hint = _("(Y/n)") if default else _("(y/N)")

    def tokens() -> Any:
        shown: Any = [("class:qmark", DEFAULT_QUESTION_PREFIX), ("class:question", f" {message} ")]
        if not status["complete"]:
            shown.append(("class:instruction", hint + " "))
        if status["answer"] is not None:
            yes_said = pgettext("the answer shown after a yes-or-no question", "Yes")
            no_said = pgettext("the answer shown after a yes-or-no question", "No")
            said = yes_said if status["answer"] else no_said
            shown.append(("class:answer", said))
        return to_formatted_text(shown)

    keys = KeyBindings()

    @keys.add(Keys.ControlQ, eager=True)
    @keys.add(Keys.ControlC, eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    def answer_with(value: bool) -> Any:
        def pressed(event: Any) -> None:
            status["answer"] = value

        return pressed

    for value, words in ((True, yes), (False, no)):
        for letter in sorted({w[0] for w in words}):
            keys.add(letter)(answer_with(value))
            if letter.upper() != letter:
                keys.add(letter.upper())(answer_with(value))

    @keys.add(Keys.ControlH)
    def _take_back(event: Any) -> None:
        status["answer"] = None

    @keys.add(Keys.ControlM, eager=True)
    def _enter(event: Any) -> None:
        if status["answer"] is None:
            status["answer"] = default
        status["complete"] = True
        event.app.exit(result=status["answer"])

    @keys.add(Keys.Any)
    def _other(event: Any) -> None:
        """Any other key is not an answer."""

    return Question(PromptSession(tokens, key_bindings=keys, style=merge_styles_default([None])).app)


# questionary's words shown after a list is answered, and under the pointed line.
_DONE_MANY = re.compile(r"done \((\d+) selections\)")
_DESCRIPTION = "  Description: "
_spoken = False
_keys_made_once = False
_validation_whole = False


def _description_prefix() -> str:
    """How the line under a list starts ("  Description: "), in the chosen language."""
    # Translators: the start of the line under a list that says more about the line pointed at.
    return "  " + _("Description: {text}").split("{text}")[0]


def _our_words(tokens: Any) -> Any:
    """A list's drawn words, with questionary's fixed English said in the chosen language."""
    out = []
    for token in tokens:
        style, text, *rest = token
        if style == "class:answer" and text == "done":
            text = pgettext("what a list shows once answered with nothing ticked", "done")
        elif style == "class:answer" and (many := _DONE_MANY.fullmatch(text)):
            n = int(many[1])
            text = ngettext("done ({n} selection)", "done ({n} selections)", n).format(n=n)
        elif style == "class:text" and text.startswith(_DESCRIPTION):
            text = _description_prefix() + text[len(_DESCRIPTION) :]
        out.append((style, text, *rest))
    return out


def _speak_our_words() -> None:
    """Lists (select and checkbox) are laid out by one questionary function: wrap it once so the
    words it draws pass through `_our_words`."""
    global _spoken
    if _spoken:
        return
    _spoken = True
    from questionary.prompts import common

    make_layout = getattr(common, "create_inquirer_layout", None)
    if make_layout is None:  # a questionary laid out differently: its few words stay English
        return

    def layout_in_our_words(ic: Any, get_prompt_tokens: Any, **kwargs: Any) -> Any:
        draw_list = ic.text
        said: list[Any] = [[], []]  # the list's tokens and the description's, as last drawn

        def list_part() -> Any:
            said[0], said[1] = _apart(_our_words(draw_list()))
            return said[0]

        ic.text = list_part
        layout = make_layout(ic, lambda: _our_words(get_prompt_tokens()), **kwargs)
        _description_below(layout, lambda: said[1])
        return layout

    common.create_inquirer_layout = layout_in_our_words


def _apart(tokens: Any) -> tuple[Any, Any]:
    """A list's drawn tokens, and apart from them the description of the line pointed at."""
    for at, (style, text, *_rest) in enumerate(tokens):
        if style == "class:text" and text.startswith(_description_prefix()):
            end = at - 1 if at and tokens[at - 1][1] == "\n" else at  # the list's last line break too
            return tokens[:end], tokens[at:]
    return tokens, []


def _lines_of(tokens: Any) -> int:
    """How many lines drawn tokens take (0 for none)."""
    return "".join(text for _style, text, *_rest in tokens).count("\n") + 1 if tokens else 0


def _description_below(layout: Any, description: Any) -> None:
    """The description under the list in a window of its own, as high as its lines: a list taller
    than the window scrolls with its pointer, and the description (the whole question when its line is
    cut, and why to ask it) stays whole under it rather than being cut at the window's foot."""
    from prompt_toolkit.filters import is_done
    from prompt_toolkit.layout import ConditionalContainer, Dimension, FormattedTextControl, Window

    under = Window(
        FormattedTextControl(description),
        height=lambda: Dimension.exact(_lines_of(description())),
        dont_extend_height=True,
    )
    children = layout.container.children
    children.insert(2, ConditionalContainer(under, filter=~is_done))


def _whole_validation_messages() -> None:
    """The line under a text question that says why an answer was refused is one line high in
    prompt_toolkit, so a message longer than the terminal is cut (a Spanish one, or any at 40
    columns), and it stands at the window's foot. Make it as high as the message's lines (`ask_text`
    wraps them at words), right under the answer. Done once."""
    global _validation_whole
    if _validation_whole:
        return
    _validation_whole = True
    from prompt_toolkit.filters import has_validation_error
    from prompt_toolkit.layout import ConditionalContainer, Dimension, HSplit, Window
    from prompt_toolkit.widgets import toolbars

    made = toolbars.ValidationToolbar.__init__

    def made_whole(self: Any, show_position: bool = False) -> None:
        made(self, show_position)
        # As high as its lines, right under the answer: the rows prompt_toolkit keeps free below a
        # question go under the message (a weight far above the answer line's), so a tired eye finds
        # it beside what was typed, not at the foot of the window.
        control = self.control

        def height() -> Dimension:
            lines = max(_lines_of(control.text()), 1)
            return Dimension(min=lines, preferred=lines, weight=1000)

        whole = Window(control, dont_extend_height=True)
        under = HSplit([whole, Window()], height=height)
        self.container = ConditionalContainer(content=under, filter=has_validation_error)

    toolbars.ValidationToolbar.__init__ = made_whole  # type: ignore[method-assign]


def _make_default_keys_once() -> None:
    """prompt_toolkit makes its few hundred default key bindings (Emacs, Vi, mouse) again for every
    question, each wrapped anew at its first key press: a few milliseconds a question, a fifth of an
    interview's time. They hold no state of their own (each looks at the running application when a
    key comes), and one prompt_toolkit session keeps the same ones for all its prompts: made once here,
    they serve every question of the run."""
    global _keys_made_once
    if _keys_made_once:
        return
    _keys_made_once = True
    from functools import cache

    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        make = getattr(application, name, None)
        if callable(make):  # a prompt_toolkit without it: its own ones are made each time, as before
            setattr(application, name, cache(make))


def _stop_keys(question: Any) -> None:
    """Lists ignore Ctrl-D and a Ctrl-C sent as a signal (`kill -INT`) unless told: make both stop the
    interview, as they do at a typed answer."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError())

    @keys.add("<sigint>", eager=True)
    def _interrupted(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys


def _enter_picks_pointed(question: Any) -> None:
    """Enter with nothing ticked takes the line the pointer is on, as a person pressing Enter means."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    keys = KeyBindings()

    @keys.add("c-m", eager=True)
    def _enter(event: Any) -> None:
        if not control.selected_options:
            control.selected_options.append(control.get_pointed_at().value)
        control.is_answered = True
        event.app.exit(result=[c.value for c in control.get_selected_values()])

    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100)) - 1


def _height() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).lines


def _wrap(text: str, indent: str = "") -> str:
    return wrap(text, _width(), indent)


def _room() -> int:
    """How much of a list line a title has, after the pointer and the box (" » ○ ")."""
    return _width() - 6


def _shown(title: str) -> str:
    """A list line: the title on one line, cut at a word with "…" where the terminal line would cut
    it mid-word (the whole title is then in the line under the list: `_describe`)."""
    return _cut_at_word(one_line(title), _room())


def _cut_at_word(line: str, room: int) -> str:
    """`line` whole when it fits in `room` characters, else cut at a word with "…" within them."""
    if len(line) <= room:
        return line
    cut = line[:room].rsplit(" ", 1)[0] if " " in line[:room] else line[: room - 1]
    return cut.rstrip(" ,;:.") + "…"


def _tallest(described: Sequence[str | None]) -> int:
    """How many lines the tallest of a list's descriptions takes under it."""
    return max((d.count("\n") + 1 for d in described if d), default=0)


def _describe(option: Option) -> str | None:
    """The line shown under a list: the why, and the whole title when it is too long to show in full."""
    full = option.title if len(one_line(option.title)) > _room() else ""
    text = one_line(" ".join(part for part in (full, option.help) if part))
    if not text:
        return None
    import textwrap

    # questionary prints "  Description: " (in our words) before the first line.
    indent = len(_description_prefix())
    return "\n".join(textwrap.wrap(text, _width() - indent - 1)).replace("\n", "\n" + " " * indent)
