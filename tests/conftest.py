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
    # English and the usual prompts, whatever the machine running the tests is set to.
    for name in ("MBCPREP_LANG", "MBCPREP_PLAIN", "ACCESSIBLE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


@pytest.fixture(autouse=True)
def english_afterwards():  # type: ignore[no-untyped-def]
    """A test that runs mbcprep in Spanish (`--lang es`) leaves the next test in English."""
    yield
    from mbcprep import i18n, modes

    if i18n.language() != "en":
        i18n.use_language("en")
        modes.set_modes(modes.Modes(plain=modes.is_plain()))


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
