"""The shipped YAML is found from a wheel install run from any folder, and from a source checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker builds its own
    fcntl = None

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once a run: pytest-xdist's workers share one build (the first one builds it,
    holding a lock on the run's shared temporary folder, and the others take it)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or fcntl is None:
        return _build_wheel(tmp_path_factory.mktemp("wheel"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's, beside each worker's own
    with (shared / "wheel.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = sorted((shared / "wheel").glob("mbcprep-*.whl"))
        return built[0] if built else _build_wheel(shared / "wheel")


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("mbcprep-*.whl")
    return found


@pytest.mark.slow
def test_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"mbcprep/data/{p.relative_to(ROOT / 'data').as_posix()}" for p in (ROOT / "data").rglob("*.yaml")}
    assert shipped and shipped <= names


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed once into a folder of its own, for the tests below, which only run it."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


@pytest.mark.slow
def test_wheel_install_finds_its_data_from_another_folder(installed: Path, tmp_path: Path) -> None:
    target = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import json, mbcprep, mbcprep.paths as p; from mbcprep.content.load import load_content;"
        "c = load_content(); print(json.dumps([mbcprep.__file__, str(p.shipped_data_dir()), len(c.questions)]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    module, data, count = json.loads(result.stdout)
    assert module.startswith(str(target)) and data.startswith(str(target))
    assert count >= 150


@pytest.mark.slow
def test_wheel_carries_the_compiled_catalogues(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mbcprep/locale/es/LC_MESSAGES/mbcprep.mo" in names


@pytest.mark.slow
def test_wheel_install_speaks_spanish(installed: Path, tmp_path: Path) -> None:
    target = installed
    script = (
        "import json; from mbcprep.i18n import _, use_language; from mbcprep.content.load import load_content;"
        "print(json.dumps([use_language('es'), _('When is the visit?'), load_content().kinds['routine'].label]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["es", "¿Cuándo es la cita?", "Consulta de control"]


def test_source_checkout_uses_top_level_data() -> None:
    from mbcprep.paths import shipped_data_dir

    found = shipped_data_dir()
    assert (found / "kinds.yaml").is_file()
    if not (ROOT / "mbcprep" / "data").exists():  # an editable install or a plain checkout
        assert found == ROOT / "data"
