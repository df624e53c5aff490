"""The README's quick start: two commands, the ones CI and the installer use, and they work as pasted."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(section: str) -> list[str]:
    """The shell commands in a README section."""
    start = README.index(section)
    end = README.index("\n## ", start + 1)
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", README[start:end], re.S)]


def load_installer():
    spec = importlib.util.spec_from_file_location("mbcprep_install", ROOT / "install.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quick_start_has_two_commands_the_ones_ci_and_the_installer_use() -> None:
    install, tests = blocks("## Quick start")
    assert install == "python3 install.py"
    assert "\n" not in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == tests, "the last line of .ci/run is the README's test command, word for word"
    # As pasted on Debian or Ubuntu: no `python` alias, no pip into the system's Python, no venv woken.
    for command in (install, tests):
        assert not re.search(r"(^|&& )python ", command)
        assert "pip install" not in command or ".venv/bin/python -m pip" in command
        assert "activate" not in command
    assert blocks("## mbcprep en español") == ["python3 install.py --lang es"]


def test_the_installer_uses_only_pythons_own_library() -> None:
    text = (ROOT / "install.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^(?:from|import) (\w+)", text, re.M))
    assert imported <= {"__future__", "gettext", "os", "subprocess", "sys", "pathlib"}


def test_the_installer_adds_local_bin_to_path_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installer = load_installer()
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setenv("SHELL", "/bin/zsh")
    where = tmp_path / ".local" / "bin"
    installer.ensure_path(tmp_path, where, change=True)
    installer.ensure_path(tmp_path, where, change=True)
    text = (tmp_path / ".zprofile").read_text(encoding="utf-8")
    assert text.count('export PATH="$HOME/.local/bin:$PATH"') == 1
    monkeypatch.setenv("PATH", f"{where}:/usr/bin")
    monkeypatch.setenv("SHELL", "/bin/bash")
    installer.ensure_path(tmp_path, where, change=True)
    assert not (tmp_path / ".bashrc").exists(), "already on PATH: nothing to add"


def test_the_installer_never_replaces_a_command_that_is_not_its_own(tmp_path: Path) -> None:
    installer = load_installer()
    where = tmp_path / "bin"
    where.mkdir()
    (where / "mbcprep").write_text("someone else's\n")
    command = tmp_path / "venv" / "bin" / "mbcprep"
    command.parent.mkdir(parents=True)
    command.write_text("ours\n")
    with pytest.raises(SystemExit):
        installer.link_command(command, where)
    assert (where / "mbcprep").read_text() == "someone else's\n"
    (where / "mbcprep").unlink()
    installer.link_command(command, where)
    installer.link_command(command, where)  # again: an update replaces its own link
    assert (where / "mbcprep").resolve() == command.resolve()


def system_python() -> str:
    return shutil.which("python3", path="/usr/bin:/bin") or sys.executable


def test_the_installer_says_what_to_type_in_this_terminal_and_the_next(tmp_path: Path) -> None:
    installer = load_installer()
    link = tmp_path / ".local" / "bin" / "mbcprep"
    assert installer.finished(True, link) == "mbcprep is installed. From now on, type: mbcprep new-visit"
    told = installer.finished(False, link)
    assert "Open a new terminal window and type: mbcprep new-visit" in told
    assert f"In this window, until you open a new one, type the whole path: {link} new-visit" in told


@pytest.mark.slow(seconds=20)  # the longest test: it starts first (tests/conftest.py)
@pytest.mark.e2e
def test_the_installer_speaks_the_language_asked_and_english_without_a_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installer = load_installer()
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "MBCPREP_LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert installer.chosen_language(["--lang", "es", "--no-start"]) == "es"
    monkeypatch.setenv("MBCPREP_LANG", "es")
    assert installer.chosen_language(["--no-start"]) == "es"
    installer.speak("es")
    assert (
        installer.finished(True, tmp_path) == "mbcprep está instalado. De ahora en adelante, escriba: mbcprep new-visit"
    )
    assert installer._("Installing mbcprep (this takes a minute the first time) ...").startswith("Instalando mbcprep")
    installer.speak("")
    assert installer.finished(True, tmp_path).startswith("mbcprep is installed.")
    # A damaged catalogue never stops an install: the sentences are English then.
    broken = tmp_path / "mbcprep" / "locale" / "es" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "mbcprep.mo").write_bytes(b"\x00not a catalogue")
    monkeypatch.setattr(installer, "HERE", tmp_path)
    installer.speak("es")
    assert installer.finished(True, tmp_path).startswith("mbcprep is installed.")


def test_every_sentence_the_installer_says_goes_through_the_catalogue() -> None:
    import ast

    tree = ast.parse((ROOT / "install.py").read_text(encoding="utf-8"))
    said = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, "id", "") in ("say", "fail")]
    assert len(said) >= 10
    for call in said:
        (argument,) = call.args
        inside = [c for c in ast.walk(argument) if isinstance(c, ast.Call) and getattr(c.func, "id", "") == "_"]
        wrapped = {id(a) for c in inside for a in c.args}
        texts = [n for n in ast.walk(argument) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        words = [n for n in texts if re.search("[A-Za-z]{2}", n.value)]
        assert all(id(n) in wrapped for n in words), ast.unparse(call)


def test_install_py_as_pasted_reaches_the_first_question_and_mbcprep_works_the_next_day(tmp_path: Path) -> None:
    """`python3 install.py` in a fresh home, no venv woken, PATH=/usr/bin:/bin, then a new shell."""
    pexpect = pytest.importorskip("pexpect")
    python = system_python()
    if subprocess.run([python, "-c", "import ensurepip, venv"], capture_output=True).returncode != 0:
        pytest.skip(f"{python} has no venv/ensurepip (on Debian: sudo apt install python3-venv)")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "xterm", "SHELL": "/bin/bash", "LANG": "C.UTF-8"}
    # pip compiling every library's files at install is pip's own work, not the installer's (a fifth of
    # this test's time); the program compiles what it uses as it first runs.
    env["PIP_NO_COMPILE"] = "1"
    for keep in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE", "PIP_TRUSTED_HOST"):
        if keep in os.environ:  # the machine's own way to reach the package index
            env[keep] = os.environ[keep]
    child = pexpect.spawn(
        python, ["install.py"], cwd=str(ROOT), env=env, encoding="utf-8", timeout=600, dimensions=(24, 80)
    )
    try:
        found = child.expect(["When is the visit", "pip could not install", pexpect.EOF])
        if found != 0:
            pytest.skip("the installer could not reach the package index here: " + (child.before or "")[-300:])
        said = child.before or ""
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert (home / ".local" / "bin" / "mbcprep").is_symlink()
    # This terminal read its PATH before the install: it is told to open a new one, or to type the path.
    assert "Open a new terminal window and type: mbcprep new-visit" in said, said[-600:]
    assert f"type the whole path: {home}/.local/bin/mbcprep new-visit" in said, said[-600:]
    # The next day: a new terminal reads ~/.bashrc; typing `mbcprep` works without waking anything.
    done = subprocess.run(
        ["/bin/bash", "-c", ". ~/.bashrc && cd ~ && mbcprep --version"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("mbcprep ")
