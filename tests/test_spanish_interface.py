"""mbcprep in Spanish (issue 14): its own words, Typer's and questionary's, dates and numbers as
Spanish speakers write them, yes and no, the content in the chosen language (and its checked copy),
custom banks that say their language, and sheets of a visit made in the other language.

Tests that need the command line's help in Spanish start a new Python: help texts are made when the
commands load, and this process loaded them in English.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mbcprep import i18n
from mbcprep.content.load import load_content
from mbcprep.model.content import Content
from mbcprep.prompts.base import Option
from tests.test_prompters import KEY_ENTER, plain

TODAY = date(2026, 11, 30)  # a Monday


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.use_language("es")
    yield
    i18n.use_language("en")


@pytest.fixture(scope="module")
def es_content() -> Content:
    return load_content(lang="es", include_env=False)


# --- words, dates and numbers ----------------------------------------------------------------------


def test_the_catalogue_ships_and_is_found(spanish: None) -> None:
    assert i18n.language() == "es"
    assert i18n._("When is the visit?") == "¿Cuándo es la cita?"
    assert i18n.ngettext("You have {n} question. What next?", "You have {n} questions. What next?", 1) == (
        "Tiene {n} pregunta. ¿Qué sigue?"
    )


def test_dates_are_written_the_spanish_way(spanish: None) -> None:
    assert i18n.long_date(date(2027, 1, 15)) == "viernes, 15 de enero de 2027"
    assert i18n.day_and_month(date(2026, 11, 30)) == "lunes 30 de noviembre"
    assert i18n.ordinal(1) == "primera" and i18n.ordinal(3) == "tercera"


def test_numbers_are_written_as_people_write_them(spanish: None) -> None:
    assert i18n.number(200) == "200"
    assert i18n.number(2026) == "2026"  # four digits stay together
    assert i18n.number(2_000_000) == "2\u00a0000\u00a0000"  # a space that never breaks the line
    i18n.use_language("en")
    assert i18n.number(2026) == "2,026" and i18n.number(200) == "200"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15 de enero", date(2027, 1, 15)),
        ("el 15 de enero de 2027", date(2027, 1, 15)),
        ("viernes, 15 de enero de 2027", date(2027, 1, 15)),
        ("15/1/2027", date(2027, 1, 15)),  # the day first
        ("8/12", date(2026, 12, 8)),
        ("8 dic", date(2026, 12, 8)),
        ("15 mar", date(2027, 3, 15)),  # "mar" beside a day's number is March...
        ("mar", date(2026, 12, 1)),  # ...and alone, Tuesday
        ("el martes", date(2026, 12, 1)),
        ("el próximo martes", date(2026, 12, 1)),
        ("el miércoles que viene", date(2026, 12, 2)),
        ("lunes", date(2026, 12, 7)),  # the coming Monday, not today
        ("mañana", date(2026, 12, 1)),
        ("manana", date(2026, 12, 1)),
        ("Hoy", TODAY),
        ("ayer", date(2026, 11, 29)),
        ("2027-01-15", date(2027, 1, 15)),
        ("15 de enero", date(2027, 1, 15)),
    ],
)
def test_dates_typed_in_spanish_are_read(spanish: None, typed: str, day: date) -> None:
    from mbcprep.dates import read_date

    assert read_date(typed, TODAY) == day


def test_every_example_the_spanish_hint_gives_can_be_read(spanish: None) -> None:
    from mbcprep.dates import read_date
    from mbcprep.inputs import DATE_HINT

    hint = i18n._(DATE_HINT)
    examples = re.split(r", | o ", hint.removeprefix("una fecha como "))
    assert len(examples) == 5, hint
    assert all(read_date(e, TODAY) is not None for e in examples), examples


def test_english_dates_still_put_the_month_first() -> None:
    from mbcprep.dates import read_date

    assert read_date("12/8", TODAY) == date(2026, 12, 8)
    assert read_date("15/1/2027", TODAY) is None
    assert read_date("dec 8", TODAY) == date(2026, 12, 8)


# --- yes and no ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "answer"), [("s", True), ("sí", True), ("si", True), ("SÍ", True), ("no", False)])
def test_plain_yes_or_no_in_spanish(spanish: None, typed: str, answer: bool) -> None:
    p, _out, asked = plain(typed)
    assert p.confirm("¿Seguimos?", default=None) is answer
    assert asked == ["Escriba sí o no: "]


def test_plain_spanish_asks_again_for_an_english_yes(spanish: None) -> None:
    p, out, asked = plain("yes", "s")
    assert p.confirm("¿Seguimos?", default=False) is True
    assert "Por favor, escriba sí o no." in out.getvalue()
    assert asked[0] == "Escriba sí o no (Enter quiere decir no): "


def menus_drawn() -> Any:
    """A questionary prompter whose drawing is kept as plain text."""
    from contextlib import contextmanager

    @contextmanager
    def run() -> Iterator[tuple[Any, Any, io.StringIO]]:
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output.plain_text import PlainTextOutput

        from mbcprep.prompts.questionary_prompter import QuestionaryPrompter

        screen = io.StringIO()
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
            yield QuestionaryPrompter(), pipe, screen

    return run()


@pytest.mark.parametrize(("keys", "default", "answer"), [("s", False, True), ("S", False, True), ("n", True, False)])
def test_menus_yes_or_no_in_spanish(spanish: None, keys: str, default: bool, answer: bool) -> None:
    with menus_drawn() as (prompter, pipe, screen):
        pipe.send_text(keys + KEY_ENTER)
        assert prompter.confirm("¿Seguimos?", default=default) is answer
    drawn = screen.getvalue()
    assert ("(s/N)" if not default else "(S/n)") in drawn
    assert ("Sí" if answer else "No") in drawn
    assert "Yes" not in drawn and "(Y/n)" not in drawn and "(y/N)" not in drawn


def test_menus_in_spanish_ignore_the_english_key_and_take_the_default(spanish: None) -> None:
    with menus_drawn() as (prompter, pipe, _screen):
        pipe.send_text("y" + KEY_ENTER)
        assert prompter.confirm("¿Seguimos?", default=False) is False


def test_menus_still_speak_english_in_english() -> None:
    with menus_drawn() as (prompter, pipe, screen):
        pipe.send_text("y" + KEY_ENTER)
        assert prompter.confirm("Go on?", default=False) is True
    assert "(y/N)" in screen.getvalue() and "Yes" in screen.getvalue()


def test_a_typed_yes_in_spanish_with_no_default(spanish: None) -> None:
    with menus_drawn() as (prompter, pipe, screen):
        pipe.send_text("sí" + KEY_ENTER)
        assert prompter.confirm("¿Mostrar esas preguntas?", default=None) is True
    assert "(sí o no)" in screen.getvalue()


def test_lists_say_questionarys_words_in_spanish(spanish: None) -> None:
    options = [Option("Dolor", "pain", "Un dolor que molesta"), Option("Nada", ""), Option("Cansancio", "tired")]
    with menus_drawn() as (prompter, pipe, screen):
        pipe.send_text(" \x1b[B \x1b[B " + KEY_ENTER)
        assert prompter.choose_many("¿Cuáles le molestan?", options) == ["pain", "", "tired"]
    drawn = screen.getvalue()
    assert "listo (3 elegidas)" in drawn and "Detalle: Un dolor que molesta" in drawn
    assert "(Espacio marca, Enter al terminar)" in drawn
    assert not re.search(r"\b(done|selections|Description|Use arrow keys)\b", drawn), drawn


def test_deleting_everything_takes_a_spanish_yes_and_the_spanish_word(spanish: None, tmp_path: Path) -> None:
    from mbcprep.interview.commands import confirm_delete_everything

    p, _out, _asked = plain("sí", "borrar")
    assert confirm_delete_everything(tmp_path, p) is True
    p, _out, _asked = plain("s", "delete")  # the word to type is the Spanish one
    assert confirm_delete_everything(tmp_path, p) is False


# --- Typer's and Click's words -------------------------------------------------------------------------

# Words that would show English got through; command names and options (which stay as they are) are
# taken out of the text first.
ENGLISH = re.compile(
    r"\b(the|and|your|you|visit|visits|question|questions|Usage|Options|Commands|Arguments|Show|message|"
    r"exit|Missing|argument|option|Invalid|value|Yes|Use|arrow|keys|Try|help|for|with|of|to|str|bool|list)\b"
)
NOT_WORDS = re.compile(r"(?:mbcprep(?: [a-z][a-z-]*)*|--?[a-z][a-z-]*|'[^']*'|[A-Z_]{3,}=\S*|\bmbcprep\b)")


def english_words(text: str) -> list[str]:
    from mbcprep.cli import load_commands

    app = load_commands()

    commands = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    commands += [c.name for g in app.registered_groups for c in g.typer_instance.registered_commands]  # typed words
    text = NOT_WORDS.sub(" ", text)
    text = re.sub(r"(?m)^[│ ]*(?:" + "|".join(re.escape(c) for c in commands if c) + r")\b", " ", text)
    return ENGLISH.findall(text)


def test_the_english_word_check_can_tell() -> None:
    assert english_words("Usage: mbcprep new-visit [OPTIONS]") == ["Usage"]
    assert english_words("Uso: mbcprep new-visit --help 'mbcprep visits'") == []
    assert english_words("│ visits     Muestra sus citas.") == []  # a command in the list of commands
    assert english_words("│ Muestra sus visits.") == ["visits"]


HELP_SCRIPT = """
import contextlib, io, json, sys
from mbcprep.app import main
commands = json.loads(sys.argv[1])
shown = {}
for command in commands:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--lang", "es", *command.split(), "--help"])
    shown[command] = [code, out.getvalue(), err.getvalue()]
print(json.dumps(shown))
"""
COMMANDS = [
    "",
    "new-visit",
    "visits",
    "show",
    "edit",
    "delete",
    "export",
    "import",
    "questions",
    "checklist",
    "urgent",
    "glossary",
    "settings",
    "bank",
    "bank check",
    "data",
    "data where",
    "data check",
    "data backup",
    "data delete",
    "debrief",
    "diary",
    "diary list",
    "trends",
    "treatments",
    "treatments add",
    "treatments edit",
    "treatments remove",
    "treatments list",
    "meds",
    "meds add",
    "team",
    "team add",
    "demo",
]


@pytest.mark.slow
def test_every_help_page_is_spanish() -> None:
    from mbcprep.cli import load_commands

    app = load_commands()

    known = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert {c.split()[0] for c in COMMANDS if c} <= known
    done = subprocess.run(
        [sys.executable, "-c", HELP_SCRIPT, json.dumps(COMMANDS)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "TERM": "dumb", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    for command, (code, out, err) in json.loads(done.stdout).items():
        assert code == 0 and err == "", (command, err)
        assert "Uso: mbcprep" in out and "Opciones" in out and "Muestra esta ayuda y termina." in out, command
        assert english_words(out) == [], (command, english_words(out), out)
        assert "[OPTIONS]" not in out and "COMMAND [ARGS]" not in out, (command, out)
    assert "Comandos" in json.loads(done.stdout)[""][1]


def test_typers_words_follow_the_language_when_help_is_drawn(spanish: None) -> None:
    """Typer's help, built and drawn in this process after the language is chosen."""
    import typer
    from typer.testing import CliRunner

    from mbcprep.cli import typer_text

    typer_text.install()
    app = typer.Typer(add_completion=False, options_metavar=i18n._("[OPTIONS]"))

    @app.command()
    def go(name: str, loud: bool = typer.Option(False, "--loud", help="x")) -> None:
        """y"""

    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100", "TERM": "dumb"}).output
    assert "Uso:" in shown and "[OPCIONES]" in shown and "Argumentos" in shown and "Opciones" in shown
    assert "TEXTO" in shown and "<texto>" not in shown
    assert "obligatorio" in shown and "Muestra esta ayuda y termina." in shown
    assert "<bool>" not in shown and "Usage" not in shown
    i18n.use_language("en")
    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100", "TERM": "dumb"}).output
    assert "Usage:" in shown and "Options" in shown and "Show this message and exit." in shown


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("data",), ("necesita una de estas palabras", "where, check, backup, delete")),
        (("export", "--bogus"), ("no tiene esa opción", "(vea 'mbcprep export --help')")),
        (("show", "1", "2"), ("recibió más palabras",)),
        (("questions", "--topic"), ("--topic necesita un valor después",)),
        (("nosuch",), ("No hay ningún comando así",)),
        (("show", "7"), ("No hay ninguna cita '7'",)),
        (("settings", "lang", "fr"), ("El idioma es uno de estos",)),
    ],
)
def test_mistakes_are_said_in_spanish(cli, args: tuple[str, ...], words: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    line = cli("--lang", "es", *args).one_error(*words)
    assert english_words(line.removeprefix("Error: ")) == [], line


def test_a_group_without_its_command_names_them_in_english_too(cli) -> None:  # type: ignore[no-untyped-def]
    cli("data").one_error("mbcprep data needs one of these words after it: where, check, backup, delete.")


# --- content in the chosen language ------------------------------------------------------------------


def test_the_content_follows_the_language(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("--lang", "es", "questions", "--json")
    spanish = json.loads(ran.out)
    assert ran.code == 0 and all("¿" in q["text"] for q in spanish)
    english = json.loads(cli("questions", "--json").out)
    assert [q["id"] for q in english] == [q["id"] for q in spanish]
    assert not any("¿" in q["text"] for q in english)
    assert cli("--lang", "es", "checklist").out.startswith("LO QUE ME IMPORTA")
    cached = sorted(p.name for p in (private_home / "cache").iterdir())
    assert len(cached) == 2 and any(n.startswith("content-es-") for n in cached), "one checked copy a language"


def test_each_language_keeps_its_own_checked_copy(tmp_path: Path) -> None:
    from mbcprep.content.cache import CACHE_NAME

    cache = tmp_path / "cache"
    es = load_content(cache_dir=cache, lang="es", include_env=False)
    en = load_content(cache_dir=cache, lang="en", include_env=False)
    assert es.kinds["routine"].label != en.kinds["routine"].label
    names = sorted(p.name for p in cache.iterdir())
    assert len(names) == 2 and all(CACHE_NAME.fullmatch(n) for n in names)
    stale = cache / "content-es-0123456789abcdef.json"
    stale.write_text("{}")
    english = next(n for n in names if not n.startswith("content-es-"))  # not names[0]: a key can start with "f"
    (cache / english).unlink()  # the English copy goes: it is made again, and only it is touched
    load_content(cache_dir=cache, lang="en", include_env=False)
    assert stale.exists()
    from mbcprep.content import cache as cache_module

    cache_module._MEMO.clear()
    (cache / next(n for n in names if n.startswith("content-es-"))).unlink()
    load_content(cache_dir=cache, lang="es", include_env=False)
    assert not stale.exists(), "an old copy of the same language is removed"
    assert len(list(cache.iterdir())) == 2


def test_deleting_all_data_removes_both_copies(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    cli("--lang", "es", "new-visit", "--no-input", "--kind", "routine")
    cli("questions")
    assert len(list((private_home / "cache").iterdir())) == 2
    assert cli("data", "delete", "--yes").code == 0
    assert not private_home.exists()


def test_spanish_search_finds_words_with_or_without_accents(es_content: Content) -> None:
    from mbcprep.content.search import find_questions, lookup_term

    plain_word = find_questions(es_content, words="nausea")
    assert plain_word and all("náusea" in f"{q.text} {q.why}".casefold() for q in plain_word)
    assert find_questions(es_content, words="NÁUSEAS") == find_questions(es_content, words="nauseas")
    term = lookup_term(es_content, "metastasis")
    assert term is not None and term.term == "metástasis"


def test_an_english_search_is_unchanged(content: Content) -> None:
    from mbcprep.content.search import find_questions

    assert find_questions(content, words="fatigue") == find_questions(content, words="FATIGUE")


# --- custom banks in two languages -----------------------------------------------------------------

BANK_EN = """\
topics:
  - id: our-group
    label: "From our group"
    help: "Questions our members asked."
questions:
  - id: group-parking
    text: "Is there free parking for patients?"
    why: "Ask this if the cost of parking adds up."
    topic: our-group
    kinds: [routine]
    source: "ref:Tuesday support group"
  - id: group-only-english
    text: "Can my dog come to the infusion room?"
    why: "Ask this if your dog keeps you calm."
    topic: our-group
    kinds: [routine]
    source: "ref:Tuesday support group"
"""
BANK_ES = """\
lang: es
topics:
  - id: our-group
    label: "De nuestro grupo"
    help: "Preguntas de nuestro grupo."
questions:
  - id: group-parking
    text: "¿Hay estacionamiento gratis para pacientes?"
    why: "Pregunte esto si el estacionamiento le cuesta mucho."
    topic: our-group
    kinds: [routine]
    source: "ref:Grupo de apoyo de los martes"
"""


@pytest.fixture
def two_language_bank(tmp_path: Path) -> Path:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "group.yaml").write_text(BANK_EN, encoding="utf-8")
    (bank / "group-es.yaml").write_text(BANK_ES, encoding="utf-8")
    return bank


def test_a_bank_in_two_languages_gives_each_its_own(two_language_bank: Path) -> None:
    es = load_content([two_language_bank], lang="es", include_env=False)
    en = load_content([two_language_bank], lang="en", include_env=False)
    assert es.questions["group-parking"].text.startswith("¿Hay estacionamiento")
    assert en.questions["group-parking"].text.startswith("Is there free parking")
    assert es.topics["our-group"].label == "De nuestro grupo" and en.topics["our-group"].label == "From our group"
    # A question written only in English is not lost in Spanish.
    assert es.questions["group-only-english"].text.startswith("Can my dog")


def test_bank_check_checks_the_spanish_files_too(cli, two_language_bank: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("bank", "check", str(two_language_bank))
    assert ran.code == 0, ran
    assert "no problems found (2 questions)" in ran.out
    assert "Questions in each language: English 2, Spanish 1." in ran.out
    broken = BANK_ES.replace('    why: "Pregunte esto si el estacionamiento le cuesta mucho."\n', "")
    (two_language_bank / "group-es.yaml").write_text(broken, encoding="utf-8")
    ran = cli("--lang", "es", "bank", "check", str(two_language_bank))
    assert ran.code == 1 and re.search(r"group-es\.yaml:\d+: falta el campo 'why'", ran.err), ran


@pytest.mark.parametrize("value", ["fr", "true", "[es]"])
def test_a_bank_language_mbcprep_does_not_speak_is_named_on_its_line(cli, two_language_bank: Path, value: str) -> None:  # type: ignore[no-untyped-def]
    (two_language_bank / "group-es.yaml").write_text(BANK_ES.replace("lang: es", f"lang: {value}"), encoding="utf-8")
    ran = cli("bank", "check", str(two_language_bank))
    assert ran.code == 1 and "group-es.yaml:1: 'lang' should be one of en, es" in ran.err, ran


# --- visits made in one language, sheets in the other -------------------------------------------------

VISIT = (
    "new-visit",
    "--no-input",
    "--date",
    "2027-01-15",
    "--kind",
    "treatment-decision",
    "--question",
    "tx-why-this-one",
    "--ask",
    "Can I still travel in May?",
    "--symptom",
    "pain=4",
    "--symptom",
    "other:itchy skin=3",
    "--consider",
    "how-to-talk=1",
    "--note",
    "Bring the pills.",
)


def test_a_visit_keeps_the_language_it_was_made_in(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--lang", "es", *VISIT).code == 0
    assert cli(*VISIT).code == 0
    backup = json.loads(cli("export", "--all", "-o", "-").out)
    assert [v["language"] for v in backup["visits"]] == ["es", "en"]


def test_a_spanish_visit_on_an_english_sheet(cli, content: Content, es_content: Content) -> None:  # type: ignore[no-untyped-def]
    assert cli("--lang", "es", *VISIT[:-2], "--note", "Traer las pastillas.").code == 0
    sheet = cli("export", "latest", "-o", "-").out
    assert content.questions["tx-why-this-one"].text in sheet
    assert es_content.questions["tx-why-this-one"].text not in sheet
    assert "Can I still travel in May?" in sheet and "Traer las pastillas." in sheet  # as typed
    assert "| Pain | 4 |" in sheet and "| itchy skin | 3 |" in sheet
    how = content.considerations["how-to-talk"]
    assert how.prompt in sheet and f"**{how.choices[0]}**" in sheet
    assert sheet.startswith("# My visit: Friday 15 January 2027")


def test_an_english_visit_on_a_spanish_sheet(cli, content: Content, es_content: Content) -> None:  # type: ignore[no-untyped-def]
    assert cli(*VISIT).code == 0
    sheet = cli("--lang", "es", "export", "latest", "-o", "-").out
    assert sheet.startswith("# Mi cita: viernes, 15 de enero de 2027")
    assert es_content.questions["tx-why-this-one"].text in sheet
    assert content.questions["tx-why-this-one"].text not in sheet
    assert "Can I still travel in May?" in sheet  # a person's own words, as typed
    assert f"| {es_content.symptoms['pain'].name} | 4 |" in sheet
    how = es_content.considerations["how-to-talk"]
    assert how.prompt in sheet and f"**{how.choices[0]}**" in sheet
    stored = json.loads(cli("export", "latest", "--format", "json", "-o", "-").out)["visits"][0]
    assert stored["questions"][0]["text"] == content.questions["tx-why-this-one"].text, "the stored visit is unchanged"


def test_a_caregivers_visit_keeps_the_name_in_the_other_language(es_content: Content, content: Content) -> None:
    from mbcprep.actions.translate import bank_words_in
    from mbcprep.model.visit import ConsiderationAnswer, Visit

    item = content.considerations["how-to-talk"]
    visit = Visit(
        uuid="u",
        filled_by="caregiver",
        patient_name="Ana",
        language="en",
        considerations=[ConsiderationAnswer("how-to-talk", item.caregiver_prompt.format(name="Ana"), item.choices[1])],
    )
    shown = bank_words_in(visit, content, es_content)
    spanish_item = es_content.considerations["how-to-talk"]
    assert shown.considerations[0].prompt == spanish_item.caregiver_prompt.format(name="Ana")
    assert shown.considerations[0].answer == spanish_item.choices[1]
    assert visit.considerations[0].answer == item.choices[1], "the visit itself is not changed"


def test_a_visit_made_in_spanish_in_the_interview_says_so(content: Content, private_home: Path, spanish: None) -> None:
    from mbcprep.errors import InterviewStopped
    from mbcprep.interview.interview import Interview
    from mbcprep.storage.store import Store
    from tests.scripted import CTRL_C, ScriptedPrompter

    prompter = ScriptedPrompter(
        [("¿Cuándo es la cita?", "15 de enero"), ("¿A qué hora es la cita?", ""), ("¿Con quién es?", CTRL_C)]
    )
    with Store.open(private_home) as store:
        with pytest.raises(InterviewStopped):
            Interview(prompter, content, store, TODAY).run()
        draft = store.latest_draft()
    assert draft is not None and draft.language == "es" and draft.visit_date == "2027-01-15"
    assert "Es el viernes, 15 de enero de 2027." in prompter.said


def test_the_visits_list_names_the_kind_in_spanish(cli, private_home) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--date", "2027-02-01", "--kind", "results").code == 0
    table = cli("--lang", "es", "visits").out
    assert "results" not in table and "FECHA" in table
    assert cli("visits").out.splitlines()[1].split()[2] == "results"  # in English, the id typed


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_visits_table_keeps_its_columns_with_this_language_s_words(lang: str) -> None:
    """The state column is as wide as its words: "borrador" (8 letters) pushed the last column along."""
    from types import SimpleNamespace

    from mbcprep.cli.views import visits_table

    i18n.use_language(lang)
    try:
        rows = [
            SimpleNamespace(
                id=n,
                visit_date="2027-01-15",
                kind="routine",
                with_whom="Dr Rivera",
                question_count=3,
                status=status,
                debriefed=False,
            )
            for n, status in ((1, "ready"), (2, "draft"))
        ]
        head, *lines = visits_table(rows).splitlines()
    finally:
        i18n.use_language("en")
    last = head.rindex(" ") + 1  # where the last heading (DEBRIEF, REPASO) starts
    assert [line[last:] for line in lines] == ["-", "-"], (head, lines)
    assert all(len(line) <= 80 for line in [head, *lines])
