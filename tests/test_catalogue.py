"""The Spanish catalogue (issue 14): every message of the template translated, none fuzzy, the
placeholders kept, the plural forms right, and the compiled `.mo` that ships made from this `.po`.

Nothing here needs the development tools: the `.po` is read by the small reader below and the `.mo`
by Python's own gettext. (`msgfmt --check` is run too where GNU gettext is installed.) When a test
here fails after new messages were added, see "Updating the Spanish catalogue" in the README.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import string
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mbcprep" / "locale"
TEMPLATE = LOCALE / "mbcprep.pot"
PO = LOCALE / "es" / "LC_MESSAGES" / "mbcprep.po"
MO = LOCALE / "es" / "LC_MESSAGES" / "mbcprep.mo"
UPDATE = "remake it as the README says ('Updating the Spanish catalogue')"


@dataclass
class Entry:
    context: str = ""
    msgid: str = ""
    plural: str = ""
    strings: list[str] = field(default_factory=list)  # msgstr, or msgstr[0], msgstr[1]...
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.msgid


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """(the header's fields, the entries) of a .po or .pot file; obsolete entries (#~) are left out."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.strip().splitlines() if not ln.startswith("#~")]
        if not any(ln.startswith("msgid ") for ln in lines):
            continue
        entry, last = Entry(), ""
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                _append(entry, last, ast.literal_eval(line))
            else:
                last, _space, value = line.partition(" ")
                if last.startswith("msgstr"):
                    entry.strings.append("")
                _append(entry, last, ast.literal_eval(value))
        entries.append(entry)
    header = entries.pop(0) if entries and entries[0].msgid == "" else Entry()
    fields = dict(ln.split(": ", 1) for ln in "".join(header.strings).splitlines() if ": " in ln)
    return fields, entries


def _append(entry: Entry, key: str, text: str) -> None:
    if key == "msgctxt":
        entry.context += text
    elif key == "msgid":
        entry.msgid += text
    elif key == "msgid_plural":
        entry.plural += text
    else:
        entry.strings[-1] += text


@pytest.fixture(scope="module")
def po() -> tuple[dict[str, str], list[Entry]]:
    return read_po(PO)


def placeholders(text: str) -> list[str]:
    """The named fields of a message ("{name}", "{name!r}"), sorted; doubled braces are text."""
    return sorted(
        "{" + name + ("!" + conv if conv else "") + "}"
        for _literal, name, _spec, conv in string.Formatter().parse(text)
        if name is not None
    )


def test_the_reader_reads_what_gettext_reads(tmp_path: Path) -> None:
    """The small .po reader above, checked on a known sample so a broken reader cannot pass."""
    sample = tmp_path / "x.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy, python-brace-format\nmsgctxt "c"\nmsgid "a {n}"\nmsgstr ""\n"b "\n"{n}"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] "muchos"\n\n#~ msgid "old"\n#~ msgstr "viejo"\n',
        encoding="utf-8",
    )
    header, entries = read_po(sample)
    assert header == {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    assert [(e.context, e.msgid, e.plural, e.strings, "fuzzy" in e.flags) for e in entries] == [
        ("c", "a {n}", "", ["b {n}"], True),
        ("", "one", "many", ["uno", "muchos"], False),
    ]


def test_every_message_of_the_template_is_in_the_catalogue_and_no_other(po: tuple[dict[str, str], list[Entry]]) -> None:
    _header, template = read_po(TEMPLATE)
    wanted = {e.key for e in template}
    have = {e.key for e in po[1]}
    assert not sorted(wanted - have), f"not in the Spanish catalogue, {UPDATE}: {sorted(wanted - have)[:5]}"
    assert not sorted(have - wanted), f"no longer in the template, {UPDATE}: {sorted(have - wanted)[:5]}"


def test_every_message_is_translated_and_none_is_fuzzy(po: tuple[dict[str, str], list[Entry]]) -> None:
    untranslated = [e.msgid for e in po[1] if not e.strings or "" in e.strings]
    fuzzy = [e.msgid for e in po[1] if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} messages have no Spanish yet: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} messages are marked fuzzy (check them, then remove the mark): {fuzzy[:5]}"


def test_two_plural_forms_as_spanish_has(po: tuple[dict[str, str], list[Entry]]) -> None:
    header, entries = po
    assert header["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert header["Language"] == "es"
    plurals = [e for e in entries if e.plural]
    assert plurals and all(len(e.strings) == 2 for e in plurals)
    assert all(len(e.strings) == 1 for e in entries if not e.plural)


def test_placeholders_are_kept_exactly(po: tuple[dict[str, str], list[Entry]]) -> None:
    wrong = []
    for e in po[1]:
        for n, text in enumerate(e.strings):
            source = e.plural if e.plural and n > 0 else e.msgid
            if placeholders(text) != placeholders(source) and placeholders(text) != placeholders(e.msgid):
                wrong.append((e.msgid, text))
            if text.count("{{") != e.msgid.count("{{"):
                wrong.append((e.msgid, text))
    assert wrong == []


def test_the_placeholder_check_can_tell() -> None:
    assert placeholders("Step {step} of {steps}") == sorted(["{step}", "{steps}"])
    assert placeholders("No such command {name!r}.") == ["{name!r}"]
    assert placeholders("no other {{}}") == []
    assert placeholders("Paso {paso} de {steps}") != placeholders("Step {step} of {steps}")


def test_what_a_person_types_stays_as_it_is(po: tuple[dict[str, str], list[Entry]]) -> None:
    """Options, commands and the spaces and Markdown around a message are not translated."""
    from mbcprep.cli import load_commands

    app = load_commands()

    option = re.compile(r"--[a-z][a-z-]*")
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    command = re.compile(r"(?:'|: )mbcprep (?:" + "|".join(re.escape(n) for n in names if n) + r")\b")
    problems = []
    for e in po[1]:
        for text in e.strings:
            if sorted(option.findall(text)) != sorted(option.findall(e.msgid)):
                problems.append(("option", e.msgid, text))
            if sorted(command.findall(text)) != sorted(command.findall(e.msgid)):
                problems.append(("command", e.msgid, text))
            if (text[:1] == " ", text[-1:] == " ") != (e.msgid[:1] == " ", e.msgid[-1:] == " "):
                problems.append(("space", e.msgid, text))
            markup = re.match(r"#+ |\*\*|\*", e.msgid)
            if markup and not text.startswith(markup[0]):
                problems.append(("markdown", e.msgid, text))
    assert problems == []


def test_spanish_questions_open_with_the_inverted_mark(po: tuple[dict[str, str], list[Entry]]) -> None:
    missing = [t for e in po[1] for t in e.strings if re.search(r"[a-záéíóúñ]\?", t) and "¿" not in t]
    assert missing == []


def test_the_words_people_type_are_usable(po: tuple[dict[str, str], list[Entry]]) -> None:
    said = {e.msgid: e.strings[0] for e in po[1] if not e.context}
    yes, no = said["yes y"].split(), said["no n"].split()
    assert {"sí", "si", "s"} <= set(yes) and {"no", "n"} <= set(no)
    assert not {w[0] for w in yes} & {w[0] for w in no}, "a key cannot mean both yes and no"
    assert len(said["today tomorrow yesterday"].split()) == 3
    assert said["(Y/n)"] == "(S/n)" and said["(y/N)"] == "(s/N)"


def test_the_compiled_catalogue_is_made_from_this_one(po: tuple[dict[str, str], list[Entry]]) -> None:
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    catalog = dict(compiled._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header
    expected: dict[object, str] = {}
    for e in po[1]:
        key = f"{e.context}\x04{e.msgid}" if e.context else e.msgid
        if e.plural:
            for n, text in enumerate(e.strings):
                expected[(key, n)] = text
        else:
            expected[key] = e.strings[0]
    assert catalog == expected, f"mbcprep.mo is older than mbcprep.po: {UPDATE}"
    assert compiled.ngettext("You have {n} question. What next?", "You have {n} questions. What next?", 2) == (
        "Tiene {n} preguntas. ¿Qué sigue?"
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_finds_nothing_wrong(tmp_path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "--check", "--check-format", "-o", str(tmp_path / "x.mo"), str(PO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
