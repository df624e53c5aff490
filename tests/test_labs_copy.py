"""The lab list's checked copy (`mbcprep.content.labs.read_labs`): used while it is the file's, made
again when the file changes, and never trusted when it cannot be read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mbcprep.content.labs import COPY_NAME, read_labs
from mbcprep.paths import shipped_data_dir


def test_the_copy_is_the_files_until_the_file_changes(tmp_path: Path) -> None:
    path, cache = tmp_path / "labs.yaml", tmp_path / "cache"
    shutil.copy(shipped_data_dir() / "labs.yaml", path)
    first = read_labs(path, "en", cache)
    copies = [p.name for p in cache.iterdir()]
    assert len(copies) == 1 and COPY_NAME.fullmatch(copies[0])
    assert (cache / copies[0]).stat().st_mode & 0o777 == 0o600
    assert read_labs(path, "en", cache) == first == read_labs(path, "en")  # from the copy, the same list

    path.write_text(path.read_text(encoding="utf-8").replace("CA 15-3", "CA 15-3 renamed", 1), encoding="utf-8")
    changed = read_labs(path, "en", cache)
    assert "CA 15-3 renamed" in {lab.name for lab in changed}, "a changed file is read again, not the old copy"
    assert [p.name for p in cache.iterdir()] != copies and len(list(cache.iterdir())) == 1, "the old copy goes"


def test_a_copy_that_cannot_be_read_is_made_again_and_other_languages_stay(tmp_path: Path) -> None:
    path, cache = tmp_path / "labs.yaml", tmp_path / "cache"
    shutil.copy(shipped_data_dir() / "labs.yaml", path)
    expected = read_labs(path, "en")
    spanish = cache / "labs-es-0123456789abcdef.json"
    cache.mkdir(mode=0o700)
    spanish.write_text("[]")
    read_labs(path, "en", cache)
    (copy,) = (p for p in cache.iterdir() if p != spanish)
    for broken in ("not json", '[{"id": "x"}]', "{}", "[]"):
        copy.write_text(broken)
        assert read_labs(path, "en", cache) == expected
    assert spanish.exists(), "a copy of another language is left alone"
    os.utime(path, ns=(1, 1))  # another time: another key
    assert read_labs(path, "en", cache) == expected and not copy.exists()


def test_a_second_data_folder_in_the_same_run_gets_its_copy_too(tmp_path: Path) -> None:
    """The list is read once a run; a data folder used after that (the tests', or a demo's after the
    person's) still gets its copy, so `data delete` finds and removes it there."""
    from mbcprep.content import labs as labs_module

    first, second = tmp_path / "first" / "cache", tmp_path / "second" / "cache"
    listed = labs_module.labs("en", first)
    assert labs_module.labs("en", second) == listed
    (made,) = second.iterdir()
    assert COPY_NAME.fullmatch(made.name) and [p.name for p in first.iterdir()] == [made.name]
