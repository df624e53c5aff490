"""Install mbcprep for this computer's user, then start it: `python3 install.py`.

Only Python's own library is used, so this works with the Python a computer comes with, even where
`pip install` is refused (Debian and Ubuntu, "externally-managed-environment"). It:

1. makes a private Python environment for mbcprep in the user's data folder
   (Linux: ~/.local/share/mbcprep-program; macOS: ~/Library/Application Support/mbcprep-program),
2. installs this folder into it (pip fetches mbcprep's libraries from the Python package index),
3. puts the `mbcprep` command in ~/.local/bin, and makes sure a new terminal finds it there,
4. starts `mbcprep new-visit`.

Running it again updates mbcprep in place; your visits are kept elsewhere and never touched.
`--lang es` sets mbcprep to Spanish first (`mbcprep settings lang es`); `--no-start` stops after
step 3; `--no-path` leaves the shell's start-up files alone.
"""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = "# added by mbcprep's installer"


def chosen_language(argv: list[str]) -> str:
    """The language asked with `--lang`, or MBCPREP_LANG, or "" (the system's, as gettext reads it)."""
    if "--lang" in argv:
        at = argv.index("--lang") + 1
        return argv[at] if at < len(argv) else ""
    return os.environ.get("MBCPREP_LANG", "")


_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    return _translation.gettext(message)


def speak(language: str) -> None:
    """Say the installer's sentences in `language` ("" for the system's, as gettext reads it), from
    mbcprep's own catalogue in this folder; English when there is none or it cannot be read."""
    global _translation
    try:
        where = HERE / "mbcprep" / "locale"
        _translation = gettext.translation("mbcprep", where, [language] if language else None, fallback=True)
    except Exception:  # a damaged catalogue never stops an install
        _translation = gettext.NullTranslations()


def program_dir(home: Path) -> Path:
    """Where mbcprep's private Python lives (beside, never inside, the folder that holds the visits)."""
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "mbcprep-program"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "mbcprep-program"
    data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(data) / "mbcprep-program"


def bin_dir(home: Path) -> Path:
    return home / ".local" / "bin"


def say(text: str) -> None:
    print(text, flush=True)


def fail(text: str) -> None:
    print(_("mbcprep install: {problem}").format(problem=text), file=sys.stderr, flush=True)
    sys.exit(1)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def works(python: Path) -> bool:
    try:
        return subprocess.run([str(python), "-c", "import pip"], capture_output=True).returncode == 0
    except OSError:
        return False


def make_venv(venv: Path) -> None:
    python = venv_python(venv)
    if works(python):
        return
    say(_("Making a private Python for mbcprep in {folder} ...").format(folder=venv))
    venv.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], capture_output=True, text=True)
    if done.returncode != 0 or not works(python):
        fail(
            _(
                "Python's 'venv' module is missing or cannot make an environment.\n"
                "  On Debian or Ubuntu: sudo apt install python3-venv   (then run this again)\n"
                "  Or, with pipx installed: pipx install . && pipx ensurepath"
            )
        )


def install_into(venv: Path) -> Path:
    say(_("Installing mbcprep (this takes a minute the first time) ..."))
    python = str(venv_python(venv))
    quiet = ["--quiet", "--disable-pip-version-check"]
    done = subprocess.run([python, "-m", "pip", "install", *quiet, "--upgrade", str(HERE)])
    if done.returncode != 0:
        fail(_("pip could not install mbcprep (see its message above). Check the internet connection and try again."))
    command = venv / ("Scripts/mbcprep.exe" if os.name == "nt" else "bin/mbcprep")
    if not command.exists():
        fail(_("the install finished, but {command} is missing.").format(command=command))
    return command


def link_command(command: Path, where: Path) -> Path:
    """~/.local/bin/mbcprep, pointing at the private Python's command (replacing an older link)."""
    where.mkdir(parents=True, exist_ok=True)
    link = where / command.name
    if link.is_symlink() or link.is_file():
        if link.is_symlink() or link.resolve() == command.resolve():
            link.unlink()
        else:
            fail(
                _("{path} is already there and is not mbcprep's: move it away, then run this again.").format(path=link)
            )
    link.symlink_to(command)
    return link


def on_path(where: Path) -> bool:
    return any(Path(p).expanduser() == where for p in os.environ.get("PATH", "").split(os.pathsep) if p)


def startup_file(home: Path) -> Path:
    """The file a new terminal's shell reads at start: zsh (macOS) or bash, else the login profile."""
    shell = Path(os.environ.get("SHELL", "")).name
    if shell == "zsh":
        return home / ".zprofile"
    if shell == "bash":
        return home / (".bash_profile" if sys.platform == "darwin" else ".bashrc")
    return home / ".profile"


def ensure_path(home: Path, where: Path, change: bool) -> None:
    """Make sure a new terminal finds `mbcprep`: add ~/.local/bin to PATH in the shell's start-up
    file, once (the line is marked), unless it is on PATH already."""
    if on_path(where):
        return
    line = 'export PATH="$HOME/.local/bin:$PATH"'
    rc = startup_file(home)
    if not change:
        say(_("To type 'mbcprep' in a new terminal, add this line to {file}:").format(file=rc) + f"\n  {line}")
        return
    text = rc.read_text(encoding="utf-8", errors="replace") if rc.exists() else ""
    if MARK not in text:
        with rc.open("a", encoding="utf-8") as f:
            f.write(("\n" if text and not text.endswith("\n") else "") + f"{line}  {MARK}\n")
        say(
            _("Added {folder} to your PATH in {file}, so a new terminal finds 'mbcprep'.").format(folder=where, file=rc)
        )


def finished(found_here: bool, link: Path) -> str:
    """What to type from now on. A terminal open before the install does not find the new command
    until a new one is opened (its PATH was read when it started): say so, and the whole path for now."""
    if found_here:
        return _("mbcprep is installed. From now on, type: mbcprep new-visit")
    return _(
        "mbcprep is installed. Open a new terminal window and type: mbcprep new-visit\n"
        "(In this window, until you open a new one, type the whole path: {command} new-visit)"
    ).format(command=link)


def main(argv: list[str]) -> int:
    speak(chosen_language(argv))
    if sys.version_info < (3, 10):  # noqa: UP036 (the installer may meet an older Python)
        fail(_("mbcprep needs Python 3.10 or newer; this is {version}.").format(version=sys.version.split()[0]))
    home = Path.home()
    venv = program_dir(home) / "venv"
    make_venv(venv)
    command = install_into(venv)
    link = link_command(command, bin_dir(home))
    found_here = on_path(bin_dir(home))
    ensure_path(home, bin_dir(home), change="--no-path" not in argv)
    say(finished(found_here, link))
    if "--lang" in argv and subprocess.run([str(command), "settings", "lang", chosen_language(argv)]).returncode:
        return 1
    if "--no-start" in argv:
        return 0
    say(_("Starting your first visit: mbcprep new-visit") + "\n")
    os.execv(str(command), [str(command), "new-visit"])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
