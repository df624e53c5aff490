"""The content's checked copy (`mbcprep.content.cache`): named by the files it was made from, so a
changed file (in that language) makes a new one; read once a run, each caller given a content of its
own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mbcprep.content import cache
from mbcprep.content.load import read_shipped
from mbcprep.paths import shipped_data_dir
from tests.test_urgent import _copy_of_shipped


def test_the_key_changes_with_a_file_of_its_language_only(tmp_path: Path) -> None:
    root = _copy_of_shipped(tmp_path)
    english, spanish = cache._key(root, "en"), cache._key(root / "es", "es")
    assert english and spanish and english != spanish
    assert cache._key(root, "en") == english, "the same files, the same key"

    kinds = root / "es" / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache._key(root, "en") == english, "the Spanish folder is not part of the English content"
    assert cache._key(root / "es", "es") != spanish

    deep = next((root / "questions").glob("*.yaml"))  # a file in a folder below the top one counts too
    deep.write_text(deep.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache._key(root, "en") != english
    (root / "questions" / "notes.txt").write_text("not content")
    changed = cache._key(root, "en")
    (root / "questions" / "more-notes.txt").write_text("still not content")
    assert cache._key(root, "en") == changed, "only YAML files make the key"


def test_each_caller_gets_a_content_of_its_own_and_the_copy_is_read_once(tmp_path: Path) -> None:
    root, copies = _copy_of_shipped(tmp_path), tmp_path / "cache"
    read: list[Path] = []

    def read_yaml(folder: Path):  # type: ignore[no-untyped-def]
        read.append(folder)
        return read_shipped(folder)

    cache._MEMO.clear()
    first = cache.shipped(root, copies, read_yaml)
    (copy,) = copies.iterdir()
    assert cache.CACHE_NAME.fullmatch(copy.name) and read == [root]
    first.questions.clear()
    first.glossary.append(first.glossary[0])
    copy.write_text("{}")  # read once a run: a copy changed since is not read again in this run
    second = cache.shipped(root, copies, read_yaml)
    assert second.questions and len(second.glossary) == len(first.glossary) - 1, "what a caller did stays its own"
    assert read == [root], "the YAML was read once"

    cache._MEMO.clear()  # a new run: the damaged copy is not trusted, and the YAML is read again
    third = cache.shipped(root, copies, read_yaml)
    assert read == [root, root] and third == second
    assert cache.from_json(copy.read_text(encoding="utf-8")) == third, "and the copy is made again"


def test_a_new_data_folder_starts_from_the_copy_beside_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each demo, and a person's first run, has a new data folder: its content comes from the copy
    kept beside mbcprep's compiled modules (as Python keeps bytecode), not from the YAML again."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "compiled"))
    root = shipped_data_dir()
    beside = cache.beside_program(root)
    assert beside is not None and beside.is_relative_to(tmp_path / "compiled")
    assert cache.beside_program(root / "es") == beside
    assert cache.beside_program(_copy_of_shipped(tmp_path)) is None, "only the content mbcprep ships"
    read: list[Path] = []

    def read_yaml(folder: Path):  # type: ignore[no-untyped-def]
        read.append(folder)
        return read_shipped(folder)

    cache._MEMO.clear()
    first = cache.shipped(root, tmp_path / "first" / "cache", read_yaml)
    assert read == [root]
    (kept,) = beside.iterdir()
    assert cache.CACHE_NAME.fullmatch(kept.name) and (tmp_path / "first" / "cache" / kept.name).is_file()

    cache._MEMO.clear()  # the next run, in a new data folder
    second = cache.shipped(root, tmp_path / "second" / "cache", read_yaml)
    assert read == [root] and second == first, "from the copy beside the program"
    assert (tmp_path / "second" / "cache" / kept.name).read_text(encoding="utf-8") == kept.read_text(encoding="utf-8")

    kept.write_text("{}")  # damaged: never trusted; the YAML is read again and the copy made again
    cache._MEMO.clear()
    assert cache.shipped(root, tmp_path / "third" / "cache", read_yaml) == first and read == [root, root]
    assert cache.from_json(kept.read_text(encoding="utf-8")) == first

    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # where Python writes no bytecode, neither do we
    assert cache.beside_program(root) is None
