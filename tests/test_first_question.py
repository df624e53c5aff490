"""The interview's first question comes quickly (issue 20, point 7): only what it needs loads before it
is drawn. The content, the warning signs, the later steps' helpers and, in a folder with no data file
yet, the store itself load after it, when first used."""

from __future__ import annotations

import ast
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from mbcprep.interview.interview import _new_uuid
from mbcprep.model.visit import Visit
from mbcprep.paths import DB_NAME
from mbcprep.storage.first_use import open_store
from mbcprep.storage.store import Store

# What the first question does without (each loads, when it is needed, after the first answer).
LATER = (
    "mbcprep.actions.warnings",
    "mbcprep.content.cache",
    "mbcprep.content.load",
    "mbcprep.content.search",
    "mbcprep.content.suggest",
    "mbcprep.model.content",
    "mbcprep.storage.database",
    "mbcprep.storage.store",
    "json",
    "sqlite3",
    "uuid",
    "yaml",
)

_AT_THE_FIRST_QUESTION = """
import os, sys
from mbcprep.interview import commands

class FirstQuestionOnly:
    def say(self, text):
        pass

    def progress(self, step, steps, title):
        pass

    def ask_text(self, message, **options):
        loaded = sorted(m for m in sys.argv[1].split(",") if m in sys.modules)
        made = os.path.lexists(os.path.join(os.environ["MBCPREP_HOME"], sys.argv[2]))
        print("FIRST\\t" + repr([message, loaded, made]), file=sys.stderr, flush=True)
        raise KeyboardInterrupt

commands.make_prompter = FirstQuestionOnly
commands.needs_terminal = lambda: False
from mbcprep.app import main
print("CODE\\t" + str(main(sys.argv[3:])), file=sys.stderr)
"""


def at_the_first_question(*args: str) -> tuple[str, list[str], bool, int]:
    """Run `mbcprep ARGS new-visit` in a new Python and stop it at its first question: the question,
    which of LATER had loaded by then, whether the data file had been made, and the exit code."""
    ran = subprocess.run(
        [sys.executable, "-c", _AT_THE_FIRST_QUESTION, ",".join(LATER), DB_NAME, *args, "new-visit"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = dict(line.split("\t", 1) for line in ran.stderr.splitlines() if "\t" in line)
    assert "FIRST" in lines, ran.stderr[-1500:]
    message, loaded, made = ast.literal_eval(lines["FIRST"])
    return message, loaded, made, int(lines["CODE"])


@pytest.mark.parametrize(("args", "question"), [((), "When is the visit?"), (("--lang", "es"), "¿Cuándo es la cita?")])
def test_a_first_visit_asks_its_first_question_before_anything_else_loads_or_is_made(
    private_home: Path, args: tuple[str, ...], question: str
) -> None:
    message, loaded, made, code = at_the_first_question(*args)
    assert message == question
    assert loaded == []
    assert made is False
    assert code == 130  # stopped there: nothing typed, nothing kept, and no data file made for it
    assert not (private_home / DB_NAME).exists()


def test_with_a_data_file_the_first_question_still_comes_before_the_content(private_home: Path) -> None:
    with Store.open(private_home):
        pass
    message, loaded, made, _code = at_the_first_question()
    assert message == "When is the visit?"
    assert made is True
    assert "mbcprep.storage.store" in loaded  # a draft may be waiting: the store is read first
    assert [m for m in loaded if "content" in m or "warnings" in m] == []


def test_a_folder_without_a_data_file_makes_it_at_the_first_use_that_needs_it(private_home: Path) -> None:
    store = open_store(private_home)
    try:
        assert not isinstance(store, Store)
        assert store.latest_draft() is None
        assert store.drafts() == []
        assert store.previous_visit(date(2027, 1, 15)) is None
        assert not (private_home / DB_NAME).exists()
        assert store.team.all() == []
        assert (private_home / DB_NAME).exists()
        saved = store.save(Visit(uuid="first-1", visit_date="2027-01-15", kind="routine"))
        assert store.latest_draft() == saved
        assert store.drafts() == [(saved.id, "2027-01-15", saved.created_at)]
    finally:
        store.close()
    with Store.open(private_home) as again:
        assert again.latest_draft() is not None


def test_a_folder_with_a_data_file_opens_it_first(private_home: Path) -> None:
    with Store.open(private_home) as store:
        store.save(Visit(uuid="draft-1", visit_date="2027-01-15", kind="routine"))
    with open_store(private_home) as opened:
        assert isinstance(opened, Store)
        draft = opened.latest_draft()
        assert draft is not None and draft.uuid == "draft-1"


def test_anything_at_the_data_file_s_place_takes_the_usual_way(private_home: Path) -> None:
    private_home.mkdir(mode=0o700)
    (private_home / f"{DB_NAME}-journal").write_bytes(b"")
    with open_store(private_home) as opened:
        assert isinstance(opened, Store)


def test_a_disk_with_no_room_takes_the_usual_way_before_the_first_question(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual way says the disk is full before anything is asked, not after a first answer that
    could then not be kept."""
    import os

    from mbcprep.storage import first_use

    class Full:
        f_bavail, f_frsize = 3, 4096

    monkeypatch.setattr(os, "statvfs", lambda _path: Full())
    with open_store(private_home) as opened:
        assert isinstance(opened, Store)
    monkeypatch.setattr(Full, "f_bavail", first_use.ROOM_NEEDED)
    (private_home / DB_NAME).unlink()
    with open_store(private_home) as waiting:
        assert not isinstance(waiting, Store)


def test_a_new_visit_s_own_id_is_a_random_uuid_as_uuid4_writes_it() -> None:
    made = {_new_uuid() for _ in range(200)}
    assert len(made) == 200
    for each in made:
        assert uuid.UUID(each).version == 4
        assert str(uuid.UUID(each)) == each
