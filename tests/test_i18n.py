"""Every sentence mbcprep shows can be translated.

1. No user-facing text in `mbcprep/` sits outside `_()`, `ngettext()`, `N_()` or `pgettext()`: the
   source is read with `ast`, and any string that reads as words (two words or more) must be inside
   one of them, unless it is a docstring, SQL, a pattern, or data compared against.
2. Every message in the code is in the catalogue template `mbcprep/locale/mbcprep.pot`, and the
   template holds nothing the code no longer says (remake it with the command in the README).
3. A message is one literal with named placeholders: never an f-string, never `{}` or `%s`.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mbcprep"
TEMPLATE = PACKAGE / "locale" / "mbcprep.pot"
WRAPPERS = {"_", "ngettext", "N_", "pgettext"}
# Calls whose string arguments are patterns, SQL or data, never words shown to a person.
NOT_SHOWN = {
    "compile",
    "sub",
    "fullmatch",
    "match",
    "search",
    "execute",
    "executemany",
    "_run_script",
    "getattr",
    "setattr",
    "get",
    "startswith",
    "endswith",
    "split",
    "partition",
    "replace",
}
SQL = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|CREATE|ALTER|DELETE|DROP|PRAGMA|BEGIN|COMMIT|ROLLBACK|WHERE|ORDER BY|AND)\b"
    r"|^json\(CASE |^[a-z_]+ IS (NOT )?NULL$|^NOT INDEXED$"
)
SQL_ORDER = re.compile(r"[a-z_]+( (ASC|DESC))?(, [a-z_]+( (ASC|DESC))?)*")  # an ORDER BY list
# Errors a program raises at itself (a wrong argument): the person sees the app's own plain sentence
# for an unexpected error instead, never these words.
PROGRAMMER_ERRORS = {"ValueError", "TypeError", "AssertionError", "NotImplementedError"}
# Module constants that are data, not sentences: a style sheet, spelling pairs to fold.
# Text matched, never shown; and codes' official displays (terminology, never translated).
DATA_CONSTANTS = {"STYLE", "COMPACT_STYLE", "_SPELLINGS", "_CONTRACTIONS", "DONT_KNOW_WORDS", "RESULT_WORDS", "CODES"}
MARKUP = re.compile(r"<[^<>]*>")
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, read once for the tests here that walk every module."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _speaking() -> list[Path]:
    """Every module whose messages are in the catalogue: mbcprep's, and the installer beside it."""
    return [*_sources(), ROOT / "install.py"]


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _unwrapped_words(path: Path) -> list[str]:
    tree = _tree(path)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if isinstance(parents.get(node), ast.JoinedStr):
                continue
            text = node.value
        else:
            continue
        if not WORDS.search(MARKUP.sub(" ", text)) or SQL.match(text) or SQL_ORDER.fullmatch(text):
            continue
        if not _is_excused(node, parents):
            found.append(f"{_shown(path)}:{node.lineno}: {text[:60]!r}")
    return found


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if ROOT in path.parents else path.name


def _is_excused(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    up = parents.get(node)
    while up is not None and not isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        if isinstance(up, ast.Call) and (_call_name(up) in WRAPPERS or _call_name(up) in NOT_SHOWN):
            return True
        if isinstance(up, ast.Compare):  # text compared against (a library's wording, a typed word)
            return True
        if isinstance(up, ast.Raise) and isinstance(up.exc, ast.Call) and _call_name(up.exc) in PROGRAMMER_ERRORS:
            return True
        if isinstance(up, ast.Assign) and any(isinstance(t, ast.Name) and t.id in DATA_CONSTANTS for t in up.targets):
            return True
        up = parents.get(up)
    return False


@pytest.mark.slow
def test_no_user_facing_text_outside_gettext() -> None:
    found = [line for path in _sources() for line in _unwrapped_words(path)]
    assert found == [], "wrap these in _() (or ngettext/N_):\n" + "\n".join(found)


def _messages_in_code() -> set[tuple[str, str]]:
    """(context, msgid) of every message marked in the code; plurals give both forms."""
    messages: set[tuple[str, str]] = set()
    for path in _speaking():
        for node in ast.walk(_tree(path)):
            if not (isinstance(node, ast.Call) and _call_name(node) in WRAPPERS and isinstance(node.func, ast.Name)):
                continue
            name = node.func.id
            args = node.args
            literal = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in ("_", "N_") and literal:
                messages.add(("", literal[0]))
            elif name == "ngettext" and len(literal) >= 2:
                messages.add(("", literal[0]))
                messages.add(("", literal[1]))
            elif name == "pgettext" and len(literal) >= 2:
                messages.add((literal[0], literal[1]))
    return messages


def _messages_in_template() -> set[tuple[str, str]]:
    text = TEMPLATE.read_text(encoding="utf-8")
    found: set[tuple[str, str]] = set()
    for block in text.split("\n\n"):
        context = _field(block, "msgctxt")
        for key in ("msgid", "msgid_plural"):
            value = _field(block, key)
            if value:
                found.add((context, value))
    return found


def _field(block: str, key: str) -> str:
    lines = block.splitlines()
    for n, line in enumerate(lines):
        if line.startswith(key + " "):
            parts = [line[len(key) + 1 :]]
            for more in lines[n + 1 :]:
                if not more.startswith('"'):
                    break
                parts.append(more)
            return "".join(ast.literal_eval(p) for p in parts)
    return ""


def test_every_message_is_in_the_catalogue_template() -> None:
    missing = sorted(_messages_in_code() - _messages_in_template())
    stale = sorted(_messages_in_template() - _messages_in_code())
    assert not missing, f"{len(missing)} messages are not in {TEMPLATE.name}; remake it: {missing[:5]}"
    assert not stale, f"{len(stale)} messages in {TEMPLATE.name} are no longer in the code; remake it: {stale[:5]}"


def test_messages_are_literals_with_named_placeholders() -> None:
    problems = []
    for path in _speaking():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in WRAPPERS:
                first = node.args[1] if node.func.id == "pgettext" and len(node.args) > 1 else node.args[0]
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    # _(something computed) is fine only for text marked with N_ where it is defined.
                    if node.func.id == "_" and not isinstance(first, ast.JoinedStr):
                        continue
                    problems.append(f"{_shown(path)}:{node.lineno}: not a literal")
                    continue
                text = first.value.replace("{{", "").replace("}}", "")  # doubled braces are literal ones
                if "{}" in text or "%s" in text or re.search(r"\{\d", text):
                    problems.append(f"{_shown(path)}:{node.lineno}: positional placeholder")
    assert problems == []


def test_the_scanner_catches_text_that_is_not_wrapped(tmp_path: Path) -> None:
    """The scan above, checked on a known sample so a broken scanner cannot pass vacuously."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from mbcprep.i18n import _\n"
        "def f(x):\n"
        "    '''A docstring is fine.'''\n"
        "    print('This is not wrapped at all')\n"
        "    print(_('This one is wrapped'))\n"
        "    print(f'Nor is {x} this one')\n"
        "    if 'words compared against' in x:\n"
        "        pass\n"
    )
    found = _unwrapped_words(sample)
    assert [f.split(": ", 1)[1] for f in found] == ["'This is not wrapped at all'", "'Nor is  this one'"]


@pytest.mark.parametrize("code", ["en", "xx", "", "es_MX.UTF-8"])
def test_an_unknown_language_falls_back_to_english(code: str) -> None:
    from mbcprep import i18n

    try:
        used = i18n.use_language(code)
        assert i18n._("Stopped.") == "Stopped." or used != "en"
    finally:
        i18n.use_language("en")


def test_the_catalogue_answers_every_message_as_python_s_gettext_does() -> None:
    """`mbcprep.i18n.Catalogue` decodes a message when first asked for; each answer (a message, one
    with a context, each plural form) is the one gettext's GNUTranslations gives."""
    import gettext

    from mbcprep.i18n import DOMAIN, LOCALE_DIR, Catalogue

    for mo in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
        ours = Catalogue(mo)
        with mo.open("rb") as fh:
            theirs = gettext.GNUTranslations(fh)
        keys = list(theirs._catalog)  # type: ignore[attr-defined]
        assert len(keys) > 100
        for key in keys:
            if isinstance(key, tuple):
                singular = key[0]
                for n in (0, 1, 2, 5, 21, 1000, 1_000_000):
                    assert ours.ngettext(singular, singular + " (plural)", n) == theirs.ngettext(
                        singular, singular + " (plural)", n
                    )
                # The form for 1, as gettext gives it from Python 3.11 on (3.10 gave the English).
                assert ours.gettext(singular) == theirs.ngettext(singular, singular + " (plural)", 1)
            elif "\x04" in key:
                context, message = key.split("\x04", 1)
                assert ours.pgettext(context, message) == theirs.pgettext(context, message)
            else:
                assert ours.gettext(key) == theirs.gettext(key)
                assert ours.ngettext(key, "other", 2) == theirs.ngettext(key, "other", 2)
        assert ours.gettext("Not a message of mbcprep's") == "Not a message of mbcprep's"
        assert ours.ngettext("one thing", "{n} things", 3) == "{n} things"
        assert ours.pgettext("no such context", "Save") == "Save"


def test_a_damaged_catalogue_falls_back_to_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mbcprep import i18n

    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{i18n.DOMAIN}.mo").write_bytes(b"\xde\x12\x04\x95" + b"\x00" * 4 + b"\xff" * 12)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.use_language("es") == "en"
    assert i18n._("When is the visit?") == "When is the visit?"
    # A real catalogue cut short (a copy that stopped halfway): refused whole, never blank messages.
    whole = (Path(i18n.__file__).parent / "locale" / "es" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").read_bytes()
    (folder / f"{i18n.DOMAIN}.mo").write_bytes(whole[: len(whole) // 2])
    assert i18n.use_language("es") == "en"
    assert i18n._("When is the visit?") == "When is the visit?"
