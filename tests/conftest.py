"""Every test gets its own data folder and working folder, and no custom banks from outside.

Also, once for the whole run: the hypothesis profile (tests/profiles.py), the tests' folders on a RAM
disk when there is one, and how many pytest-xdist workers there are and which tests each starts with.
(Where compiled Python goes is set earlier, before pytest's plugins load: tests/bytecode.py.)
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.profiles import CI_EXAMPLES, EVERYDAY_EXAMPLES

pytest_plugins = ["tests.scripted", "tests.age_files"]  # the `terminal`, `bank` and `small_age_work_factor` fixtures

settings.register_profile(
    "ci", max_examples=CI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("everyday", settings.get_profile("ci"), max_examples=EVERYDAY_EXAMPLES)
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("MBCPREP_HYPOTHESIS") or ("ci" if IN_CI else "everyday"))


def _test_folders_in_memory() -> None:
    """Make every test's folders (tmp_path, and the data folders in them) on Linux's RAM disk,
    /dev/shm, unless TMPDIR, PYTEST_DEBUG_TEMPROOT or --basetemp says where. Each save syncs the data
    file to disk, and a run makes and later deletes thousands of folders: on a busy disk that waiting
    was a third of the run. A killed process leaves the same files on either."""
    if os.environ.get("TMPDIR") or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    shm = Path("/dev/shm")
    try:
        roomy = shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) and shutil.disk_usage(shm).free > 2**30
    except OSError:
        return
    if roomy:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


_test_folders_in_memory()


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: one worker more than the cores this process may use. A quarter of the long tests'
    time is waiting, not working (keys typed a person's pace apart, a lock held on purpose, a child
    program killed after a while); a worker more runs other tests meanwhile. PYTEST_XDIST_AUTO_NUM_WORKERS
    still says how many."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With several workers, each starts on its share of the long tests. pytest-xdist hands each
    worker an equal run of tests in this order, then moves tests from the end of a busy worker's run
    to an idle one; so the order is made of one run a worker, each beginning with its share of the
    modules holding long tests (a test marked slow or e2e; shared out by a guess at their seconds, the
    module with the longest test first) and filled up with the short ones. A module's tests stay
    together and in order."""
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    if workers < 2:
        return
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def seconds(test: pytest.Item) -> float:  # a guess from its marks: `slow(seconds=N)` for the longest
        slow = test.get_closest_marker("slow")
        return slow.kwargs.get("seconds", 4) if slow else 1 if test.get_closest_marker("e2e") else 0.02

    def cost(module: str) -> float:
        return sum(map(seconds, modules[module]))

    runs: list[list[pytest.Item]] = [[] for _ in range(workers)]
    shares: list[list[str]] = [[] for _ in range(workers)]
    costs = [0.0] * workers
    long = [m for m, tests in modules.items() if any(t.get_closest_marker(k) for t in tests for k in ("slow", "e2e"))]
    for module in sorted(long, key=lambda m: -cost(m)):
        n = costs.index(min(costs))
        shares[n].append(module)
        costs[n] += cost(module)
    for n, share in enumerate(shares):  # the module with the longest test first
        for module in sorted(share, key=lambda m: -max(map(seconds, modules[m]))):
            runs[n] += modules[module]
    for module in sorted((m for m in modules if m not in long), key=lambda m: -len(modules[m])):
        n = min(range(workers), key=lambda i: len(runs[i]))  # the biggest first, so the runs come out even
        runs[n] += modules[module]
    # pytest-xdist cuts the list into runs of these lengths (worksteal, the first schedule): a run one
    # test short would end with the first (longest) test of the next one. The last short tests of a
    # run too long end the runs too short instead.
    left, sizes = len(items), []
    for n in range(workers):
        sizes.append(left // (workers - n))
        left -= sizes[-1]
    spare = [test for n, run in enumerate(runs) for test in run[sizes[n] :]]
    for n, run in enumerate(runs):
        del run[sizes[n] :]
        while len(run) < sizes[n]:
            run.append(spare.pop(0))
    items[:] = [item for run in runs for item in run]


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mbcprep-home"
    _use_home(monkeypatch, home)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


@pytest.fixture
def store(private_home: Path):  # type: ignore[no-untyped-def]
    """The data file in the test's own private folder, open for the test and closed after it."""
    from mbcprep.storage.store import Store

    opened = Store.open(private_home)
    yield opened
    opened.close()


def _use_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("MBCPREP_HOME", str(home))
    monkeypatch.delenv("MBCPREP_BANK", raising=False)
    monkeypatch.delenv("MBCPREP_DEBUG", raising=False)
    monkeypatch.delenv("MBCPREP_PASSPHRASE_FILE", raising=False)
    # English and the usual prompts, whatever the machine running the tests is set to.
    for name in ("MBCPREP_LANG", "MBCPREP_PLAIN", "ACCESSIBLE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def module_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One data folder for a whole test module, for tests that only read what it holds (each test
    still gets its own `private_home`; pass this one to what it starts: `MBCPREP_HOME=...`). While the
    module's other module-wide fixtures run, it is MBCPREP_HOME, with the environment private_home
    sets, so they can fill it through the command line in this process."""
    home = tmp_path_factory.mktemp("module") / "mbcprep-home"
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use_home(monkeypatch, home)
        yield home


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    """A test that runs mbcprep in Spanish (`--lang es`) leaves the next test in English: the commands
    it loaded (whose help was made in Spanish) are loaded again, in English, when next asked for."""
    yield
    from mbcprep import i18n, modes
    from mbcprep.cli import MODULES

    if i18n.language() != "en":
        i18n.use_language("en")
        modes.set_modes(modes.Modes(plain=modes.is_plain()))
        made_in_spanish = {"mbcprep.cli.app", *(f"mbcprep.cli.{module}" for module in MODULES)}
        for name in made_in_spanish & set(sys.modules):
            del sys.modules[name]


@pytest.fixture(scope="session")
def new_home(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """copy(dest): `dest` becomes a data folder as the first `Store.open` of it leaves it (every
    migration run), copied file by file with its modes from one made so by `Store.open` once a run.
    For tests that use many new data folders (a property test's every example), not for tests of
    making one: opening the copy runs no migration."""
    from mbcprep.storage.store import Store

    made = tmp_path_factory.mktemp("new-home") / "mbcprep-home"
    Store.open(made).close()

    def copy(dest: Path) -> Path:
        shutil.copytree(made, dest)
        return dest

    return copy


@pytest.fixture(scope="session")
def content():  # type: ignore[no-untyped-def]
    from mbcprep.content.load import load_content

    return load_content()


class Ran:
    """What one in-process run of the command line gave: exit code, stdout and stderr."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Ran(code={self.code!r}, out={self.out[:300]!r}, err={self.err[:300]!r})"

    def one_error(self, *words: str) -> str:
        """Assert exit 1 with one 'Error: ...' line on stderr holding every word; return that line."""
        lines = [ln for ln in self.err.splitlines() if ln.strip()]
        assert self.code == 1, self
        assert len(lines) == 1 and lines[0].startswith("Error: "), self
        assert "Traceback" not in self.err and "Sorry" not in self.err, self
        for word in words:
            assert word in lines[0], (word, lines[0])
        return lines[0]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `mbcprep ARGS...` in this process, through the one exit point."""
    from mbcprep.app import main

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test: where a demo makes its folder."""
    import tempfile

    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root
