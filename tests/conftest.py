"""Every test gets its own data folder and working folder, and no custom banks from outside."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mbcprep-home"
    monkeypatch.setenv("MBCPREP_HOME", str(home))
    monkeypatch.delenv("MBCPREP_BANK", raising=False)
    monkeypatch.delenv("MBCPREP_DEBUG", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


@pytest.fixture(scope="session")
def content():  # type: ignore[no-untyped-def]
    from mbcprep.content import load_content

    return load_content()
