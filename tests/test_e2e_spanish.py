"""End to end in Spanish (issue 14): a caregiver prepares a visit with `mbcprep --lang es new-visit`
in a real pseudo-terminal, typed at as a person would, and makes the sheet. Nothing on the screen or
on the sheet is in English, except what she typed herself.

The terminal is driven by `Terminal` from tests/scripted.py. The Spanish the program should show
is read from the shipped catalogue and content, so a rewording needs no change here.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from mbcprep.content.load import load_content
from mbcprep.i18n import DOMAIN, LOCALE_DIR
from mbcprep.model.content import Content
from tests.scripted import Start, Terminal, terminals, visits

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ES = gettext.translation(DOMAIN, LOCALE_DIR, languages=["es"])


def es(message: str) -> str:
    return ES.gettext(message)


# Common English words: none may reach the screen or the sheet unless the person typed it. ("No" and
# "me", the same in both languages, are not listed; questionary's "(Y/n)" hint and answers are.)
ENGLISH = re.compile(
    r"\b(the|and|your|you|what|when|with|visit|visits|question|questions|Usage|Options|Commands|Yes|yes|"
    r"Use|arrow|keys|done|selections|Description|Answer|Step|Save|Skip|Type|Press|Please|Stopped|Error)\b"
    r"|\(Y/n\)|\(y/N\)"
)
TYPED = ["Dra. Rivera", "Ana", "peor de noche", "fiebre", "¿Puedo viajar en mayo?", "Traer la lista de pastillas."]
# Words that are the same whatever the language: commands and file names people type or are shown.
NOT_WORDS = re.compile(r"mbcprep(?: [a-z][a-z-]*)*|\S+\.md\b|--[a-z-]+")


def english_in(text: str) -> list[str]:
    text = " ".join(text.split())  # messages are wrapped at words to the terminal's width
    for typed in TYPED:
        text = text.replace(typed, " ")
    return [m[0] for m in ENGLISH.finditer(NOT_WORDS.sub(" ", text))]


class SpanishTerminal(Terminal):
    description = "  " + es("Description: {text}").split("{text}")[0]


@pytest.fixture
def spanish_terminal(tmp_path: Path) -> Iterator[Start]:
    yield from terminals(tmp_path, SpanishTerminal)


@pytest.fixture(scope="module")
def banco() -> Content:
    return load_content(lang="es", include_env=False)


def next_tuesday() -> date:
    today = date.today()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


def test_a_caregiver_prepares_a_visit_in_spanish(spanish_terminal: Start, banco: Content) -> None:
    term = spanish_terminal("--lang", "es", "new-visit")
    name = "Ana"

    # the visit: "el próximo martes", said back as a Spanish date
    term.answer(es("When is the visit?"), "el próximo martes")
    day = next_tuesday()
    term.wait_for(f"{day.day} de ")
    term.confirm(es("Is that the right day?"))
    term.answer(es("What time is the visit? (Enter to skip)")[:20], "10:30")
    term.answer(es("Who is it with? (a name, or press Enter to skip)")[:14], "Dra. Rivera")
    term.answer(es("Where is the visit? (the clinic or hospital, or press Enter to skip)")[:16])
    kinds = term.choose(es("What kind of visit is it?"))
    assert kinds.titles[kinds.pointer] == banco.kinds["routine"].label
    term.choose(es("Who is filling this in?"), es("I am a caregiver, relative or friend"))
    term.answer(es("What is the first name of the person you are helping? (Enter to skip)")[:30], name)

    # how Ana feels: pain ticked and scored 9 (the signs that cannot wait are said), then "fiebre"
    # typed as one of her own (one of those signs), with no score
    term.confirm(es("Note how {name} is feeling right now? (about a minute)").format(name=name)[:30])
    listed = [s.name for s in banco.symptoms.values()]
    term.tick(es("Which of these bother {name} right now?").format(name=name), [listed.index("Dolor") + 1])
    term.answer(es("{symptom} right now (0-10):").format(symptom="Dolor"), "9")
    term.answer(es("Anything to add about {symptom}? (when, where, what helps; Enter to skip)")[:22], "peor de noche")
    term.wait_for(es("'mbcprep urgent' lists every sign that cannot wait."))
    other = es("Anything else bothering {name}? (a word or two, or Enter)").format(name=name)[:25]
    term.answer(other, "fiebre")
    term.wait_for(banco.warning_signs["fever"].text[:30])
    term.answer(es("{symptom} right now (0-10):").format(symptom="fiebre"))
    term.answer(other)

    # questions: the future ones not shown (a typed "no"), two suggested, one of her own
    term.answer(es("Show those questions too?"), "no")
    suggested = term.tick(es("Suggested questions: tick any you want to ask"), [0, 2, 4])

    def ask_next(n: int) -> str:
        return ES.ngettext("You have {n} question. What next?", "You have {n} questions. What next?", n).format(n=n)

    term.choose(ask_next(3), es("Write my own question"))
    term.answer(es("Type your question (or press Enter to go back):")[:20], "¿Puedo viajar en mayo?")
    term.choose(ask_next(4), es("Done with questions"))
    first = es("Which question to ask {nth}?").format(nth=es("first"))
    if term.wait_for(es("See what they mean?"), first) == 0:  # it depends on the words in the questions
        term.press("s")
        term.enter()
        ranking = term.read_list(first)
    else:
        ranking = term.read_list_here(first)
    term.move(ranking.pointer, ranking.index("¿Puedo viajar en mayo?"))
    term.enter()
    term.choose(es("Which question to ask {nth}?").format(nth=es("second")), es("That is enough"))

    # what matters to Ana: the items that fit a routine visit, each skipped with Enter
    term.confirm(es("Think about what matters most to {name}? (every part optional)").format(name=name)[:30])
    items = list(banco.considerations.values())
    fits = [c for c in items if "routine" in c.kinds] or items
    for c in fits:
        asked = (c.caregiver_prompt or c.prompt).format(name=name)
        term.wait_for(asked[:25])
        term.enter()
    if len(fits) < len(items):
        term.wait_for(es("Would you like to think about any of these too?"))
        term.enter()

    term.answer(es("Any notes for yourself or the team? (press Enter to skip)")[:20], "Traer la lista de pastillas.")
    term.choose(es("Ready to save?"), es("Save this visit"))
    term.wait_for(es("Saved as visit {id}.").format(id=1))
    term.choose(es("Make the pages to print now?"), es("The whole sheet as a Markdown file (text)"))
    term.wait_for(es("Your sheet is at {path}").split("{path}")[0].strip())
    assert term.finish() == 0, term.text[-1500:]

    shown = term.text
    assert f"Es el martes, {day.day} de " in shown
    assert es("Step {step} of {steps}: {title}").format(step=1, steps=7, title=es("the visit")) in shown
    assert "Sí" in shown and "listo (3 elegidas)" in shown  # questionary's words, in Spanish
    assert english_in(shown) == [], english_in(shown)
    assert "Traceback" not in shown

    [saved] = visits()
    sheet = Path(os.getcwd()) / f"mbcprep-{day.isoformat()}.md"
    md = sheet.read_text(encoding="utf-8")
    assert md.startswith(f"# Cita de Ana: martes, {day.day} de ")
    for heading in ("## Preguntas para hacer primero", "## Cómo se siente Ana ahora", "## No espere a su cita"):
        assert heading in md, heading
    assert "1. [ ] ¿Puedo viajar en mayo?" in md and "| Dolor | 9 | peor de noche |" in md
    assert suggested.titles[0][:30] in md
    assert english_in(md) == [], english_in(md)
    assert saved["question_count"] == 4


def test_the_english_check_can_tell() -> None:
    assert english_in("? Show those questions too? (Y/n) Yes") == ["questions", "(Y/n)", "Yes"]
    assert english_in("? ¿Quiere ver también esas preguntas? (S/n) Sí  mbcprep new-visit --help") == []
    assert english_in("Dra. Rivera: Traer la lista de pastillas.") == []  # what she typed


def test_plain_mode_in_spanish_and_a_stop_said_in_spanish(spanish_terminal: Start) -> None:
    term = spanish_terminal("--plain", "new-visit", "--lang", "es")
    term.answer(es("When is the visit?"), "mañana")
    term.answer(es("What time is the visit? (Enter to skip)"))
    term.wait_for(es("Who is it with? (a name, or press Enter to skip)"))
    term.ctrl_c()
    assert term.finish() == 130
    shown = term.text
    said = es(
        "Stopped. Your answers so far are kept as a draft (visit {id}); run 'mbcprep new-visit' to pick up "
        "where you left off."
    ).format(id=1)
    assert said in " ".join(shown.split())
    assert "\x1b" not in term.raw.replace("\x1b[6n", ""), "plain mode writes no escape sequence"
    assert english_in(shown) == [], english_in(shown)
