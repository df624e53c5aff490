"""Merging loses nothing and ends the same on every computer, whatever the order (issue 23): three
computers change visits and the diary, each with its own copy of the shared folder, while a pretend
sync tool copies their segments between the copies in a random order. Once every copy has every
segment, the three data files hold the same records and the same values written at once."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mbcprep.model.record import to_record
from mbcprep.storage.store import Store
from mbcprep.storage.sync import JOURNAL_DIR
from tests.profiles import examples
from tests.test_store import sample_visit
from tests.test_sync import entry

COMPUTERS = 3
VISITS = ["11111111-2222-3333-4444-55555555555" + str(n) for n in range(2)]
DAYS = ["2027-01-10", "2027-01-11"]

computer = st.integers(0, COMPUTERS - 1)
action = st.one_of(
    st.tuples(st.just("add visit"), computer, st.sampled_from(VISITS)),
    st.tuples(
        st.just("edit visit"),
        computer,
        st.sampled_from(VISITS),
        st.sampled_from(["notes", "with_whom"]),
        st.sampled_from(["a", "b", "c"]),
    ),
    st.tuples(st.just("delete visit"), computer, st.sampled_from(VISITS)),
    st.tuples(st.just("score"), computer, st.sampled_from(DAYS), st.integers(0, 10)),
    st.tuples(st.just("unscore"), computer, st.sampled_from(DAYS)),
    st.tuples(st.just("copy"), computer, computer, st.integers(0, 50)),
    st.tuples(st.just("copy all"), computer, computer),
)


def _copy(source: Path, dest: Path, pick: int | None) -> None:
    missing = sorted(p.name for p in source.iterdir() if not (dest / p.name).exists())
    if not missing:
        return
    for name in missing if pick is None else missing[pick % len(missing) : pick % len(missing) + 1]:
        shutil.copy(source / name, dest / name)


def _act(store: Store, step: tuple, n: int) -> None:
    kind = step[0]
    if kind == "add visit":
        if not store.read("SELECT 1 FROM visits WHERE uuid = ?", (step[2],)):
            store.save(sample_visit(step[2]))
    elif kind == "edit visit":
        if store.read("SELECT 1 FROM visits WHERE uuid = ?", (step[2],)):
            visit = store.get(step[2])
            setattr(visit, step[3], step[4])
            store.save(visit)
    elif kind == "delete visit":
        if store.read("SELECT 1 FROM visits WHERE uuid = ?", (step[2],)):
            store.delete(store.resolve(step[2]))
    elif kind == "score":
        found = store.diary.all("WHERE day = ? AND key = 'pain'", (step[2],))
        if found:
            found[0].score = step[3]
            store.diary.save(found[0])
        else:
            store.diary.save(entry(f"c{step[1]}-{step[2]}-{n}", step[2], step[3]))
    elif kind == "unscore":
        for found in store.diary.all("WHERE day = ? AND key = 'pain'", (step[2],)):
            store.diary.delete(found.id)


def _state(store: Store) -> tuple:
    def plain(record: object) -> dict:
        data = to_record(record)
        data.pop("updated_at", None)
        return data

    visits = sorted((plain(v) for v in store.all_visits()), key=lambda d: d["uuid"])
    diary = sorted((plain(e) for e in store.diary.all()), key=lambda d: d["uuid"])
    heads = store.read("SELECT kind, uuid, field, heads FROM sync_fields ORDER BY kind, uuid, field", plain=True)
    return visits, diary, heads


@pytest.mark.slow
@settings(max_examples=examples(40))
@given(st.lists(action, max_size=14))
def test_three_computers_end_with_the_same_data_in_any_order(new_home, steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        root = Path(tmp)
        folders = [root / f"copy{c}" for c in range(COMPUTERS)]
        homes = [root / f"home{c}" for c in range(COMPUTERS)]
        for c in range(COMPUTERS):
            (folders[c] / JOURNAL_DIR).mkdir(parents=True)
            with Store.open(new_home(homes[c])) as store:
                store.join(folders[c], f"computer {c}")
        for n, step in enumerate(steps):
            if step[0] in ("copy", "copy all"):
                _copy(
                    folders[step[1]] / JOURNAL_DIR,
                    folders[step[2]] / JOURNAL_DIR,
                    step[3] if step[0] == "copy" else None,
                )
            else:
                with Store.open(homes[step[1]]) as store:
                    _act(store, step, n)
        for _round in range(2):
            for a in range(COMPUTERS):
                for b in range(COMPUTERS):
                    _copy(folders[a] / JOURNAL_DIR, folders[b] / JOURNAL_DIR, None)
        states = []
        for c in range(COMPUTERS):
            with Store.open(homes[c]) as store:
                report = store.sync()
                assert report.waiting == [] and report.written == 0
                states.append(_state(store))
        assert states[0] == states[1] == states[2]
