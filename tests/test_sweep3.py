"""The third adversarial sweep (issue 18, points 7 to 12): crashes and smaller leaks, each a class."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest


def _installed_env(**extra: str) -> dict[str, str]:
    """The test's environment, with the `mbcprep` beside the Python running the tests first on PATH
    (the README's test command runs `.venv/bin/python -m pytest` without waking the venv)."""
    import os
    import sys

    here = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=os.pathsep.join([here, os.environ.get("PATH", "")]), **extra)


# --- 7. dates out of reach ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["new-visit", "--no-input", "--date", "0001-01-01"],
        ["new-visit", "--no-input", "--date", "9999-12-31"],
        ["new-visit", "--no-input", "--date", "1 January 1899"],
        ["diary", "--no-input", "--date", "1899-12-31", "--symptom", "pain=3"],
        ["treatments", "add", "--no-input", "--what", "x", "--kind", "chemo", "--started", "March 1850"],
        ["treatments", "add", "--no-input", "--what", "x", "--kind", "chemo", "--started", "0001-01"],
    ],
)
def test_a_date_out_of_reach_is_refused_on_the_way_in(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    cli("new-visit", "--no-input")  # a visit, for the debrief below
    cli("debrief", "latest", "--no-input", "--next", "0001-01-02").one_error("1900", "2199")
    cli(*args).one_error("1900", "2199")


def test_the_interview_refuses_a_date_out_of_reach_in_words() -> None:
    from mbcprep.dates import out_of_reach, read_date, read_month

    today = date(2027, 1, 1)
    for text in ("0001-01-01", "9999-12-31", "31 December 2200"):
        assert read_date(text, today) is None and out_of_reach(text, today)
    assert read_date("1900-01-01", today) == date(1900, 1, 1) and not out_of_reach("tomorrow", today)
    assert read_month("March 1899", today) is None and read_month("March 1900", today) == "1900-03"


def _with_any_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """As mbcprep was before it refused days out of reach."""
    import mbcprep.dates

    monkeypatch.setattr(mbcprep.dates, "FIRST_DAY", date.min)
    monkeypatch.setattr(mbcprep.dates, "LAST_DAY", date.max)


def test_a_backup_holding_a_day_out_of_reach_is_not_imported(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        _with_any_day(m)
        assert cli("new-visit", "--no-input", "--date", "0001-01-01").code == 0
    backup = tmp_path / "old.json"
    assert cli("export", "--all", "-o", str(backup)).code == 0
    ran = cli("--data-dir", str(tmp_path / "fresh"), "import", str(backup))
    assert "1900" in ran.err + ran.out and "Traceback" not in ran.err and "Sorry" not in ran.err, ran
    assert "0001-01-01" not in cli("--data-dir", str(tmp_path / "fresh"), "visits").out


@pytest.mark.parametrize("old_day", ["0001-01-01", "9999-12-30"])
def test_days_written_before_the_limit_never_crash_show_or_export(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_day: str
) -> None:
    with monkeypatch.context() as m:
        _with_any_day(m)
        assert cli("new-visit", "--no-input", "--date", old_day, "--symptom", "pain=2").code == 0
        assert cli("new-visit", "--no-input", "--date", "9999-12-31", "--symptom", "pain=8").code == 0
        assert cli("new-visit", "--no-input", "--date", "2027-01-10", "--symptom", "pain=8").code == 0
    for visit in ("1", "2", "3"):
        ran = cli("show", visit)
        assert ran.code == 0 and "Sorry" not in ran.err, ran
        for fmt in ("md", "txt", "html"):
            out = tmp_path / f"{visit}.{fmt}"
            ran = cli("export", visit, "--format", fmt, "-o", str(out))
            assert ran.code == 0 and out.exists(), ran
    cli("export", "2", "--format", "ics", "-o", str(tmp_path / "x.ics")).one_error("calendar", "1900")


# --- 8. an output that can only take ASCII --------------------------------------------------------


def _ascii_run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, bytes, bytes]:
    """`mbcprep ARGS` in this process, writing to streams that can only take ASCII."""
    import io
    import sys

    from mbcprep.app import main

    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="ascii", write_through=True))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="ascii", write_through=True))
    try:
        code = main(list(args))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code, out.getvalue(), err.getvalue()


def _spanish_commands() -> list[list[str]]:
    from mbcprep.cli import load_commands

    app = load_commands(None)
    import typer.main

    group = typer.main.get_command(app)
    names = sorted(group.list_commands(None))  # type: ignore[attr-defined, arg-type]
    return [["--lang", "es", name, "--help"] for name in names]


@pytest.mark.slow
def test_an_ascii_only_output_gets_what_can_be_printed(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("new-visit", "--no-input", "--with", "Dr Núñez — “clinic”", "--ask", "¿Qué sigue?").code == 0
    assert cli("diary", "--no-input", "--symptom", "pain=3", "--symptom", "other:picazón=2").code == 0
    assert cli("diary", "--no-input", "--date", "yesterday", "--symptom", "pain=9").code == 0
    runs = [["visits"], ["show", "latest"], ["diary", "list"], ["trends"], ["glossary", "metastatic"]]
    runs += [["--lang", "es", *r] for r in runs] + [["--lang", "es", "--help"], ["--lang", "es", "nada"]]
    runs += _spanish_commands()
    assert len(runs) > 20
    for args in runs:
        code, out, err = _ascii_run(monkeypatch, *args)
        assert code in (0, 1) and b"Traceback" not in err and b"Sorry" not in err and b"sentimos" not in err, (
            args,
            err,
        )
        assert out.isascii() and err.isascii() and (out or err), args
        assert code == 0 or args[-1] == "nada", (args, err)
    assert "Dr Nunez" in _ascii_run(monkeypatch, "visits")[1].decode()
    assert "Que sigue?" in _ascii_run(monkeypatch, "show", "latest")[1].decode()


def test_the_installed_command_on_an_ascii_only_pipe(tmp_path: Path) -> None:
    import subprocess

    env = _installed_env(PYTHONIOENCODING="ascii", MBCPREP_HOME=str(tmp_path / "home"))
    ran = subprocess.run(["mbcprep", "--lang", "es", "--help"], env=env, capture_output=True, timeout=60)
    assert ran.returncode == 0 and b"Muestra esta ayuda" in ran.stdout and ran.stdout.isascii(), ran


# --- 9. settings.json --------------------------------------------------------------------------------


def test_a_pipe_named_settings_json_never_makes_a_command_wait(tmp_path: Path) -> None:
    import os
    import subprocess

    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    os.mkfifo(home / "settings.json")
    env = _installed_env(MBCPREP_HOME=str(home))
    for args in (["visits"], ["settings"]):
        try:
            ran = subprocess.run(["mbcprep", *args], env=env, capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"mbcprep {' '.join(args)} waited on a pipe named settings.json")
        assert ran.returncode == 0 and "Traceback" not in ran.stderr, ran
    assert "not a plain file" in ran.stdout


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, "[" * 2_000 + "]" * 2_000, '{"lang": "es", "x": [[[[[1]]]]]}', "{" * 10]
)
def test_a_broken_settings_file_is_reported_and_repaired(cli, private_home: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    private_home.mkdir(mode=0o700)
    settings = private_home / "settings.json"
    settings.write_text(text)
    assert cli("visits").code == 0
    shown = cli("settings")
    assert shown.code == 0 and "is not used" in shown.out and "mbcprep settings lang auto" in shown.out, shown
    assert settings.read_text() == text  # never changed until a choice is saved
    saved = cli("settings", "plain", "on")
    assert saved.code == 0 and "settings.json.broken" in saved.out, saved
    assert (private_home / "settings.json.broken").read_text() == text
    after = cli("settings")
    assert "is not used" not in after.out and "plain: on" in after.out, after


def test_a_settings_file_from_a_newer_mbcprep_is_not_called_broken(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    private_home.mkdir(mode=0o700)
    (private_home / "settings.json").write_text('{"plain": true, "theme": "dark", "lang": "fr"}')
    shown = cli("settings")
    assert shown.code == 0 and "is not used" not in shown.out and "plain: on" in shown.out, shown


# --- 10. closed streams and an early Ctrl-C -------------------------------------------------------


def _installed(tmp_path: Path, shell: str, stderr: object = None) -> tuple[int, str, str]:
    """`sh -c SHELL` running the installed command, with its data in `tmp_path`."""
    import subprocess

    env = _installed_env(MBCPREP_HOME=str(tmp_path / "home"))
    env.pop("MBCPREP_DEBUG", None)
    ran = subprocess.run(
        ["sh", "-c", shell], env=env, text=True, timeout=60, stdout=subprocess.PIPE, stderr=stderr or subprocess.PIPE
    )
    return ran.returncode, ran.stdout or "", ran.stderr or ""


@pytest.mark.slow
def test_a_closed_stdout_or_stderr_changes_nothing_but_what_is_seen(tmp_path: Path) -> None:
    code, out, err = _installed(tmp_path, "exec mbcprep new-visit --no-input --ask 'Shown?' >&-")
    assert (code, err) == (0, ""), err
    code, out, err = _installed(tmp_path, "exec mbcprep visits 2>&-")
    assert code == 0 and "ID" in out, (code, out)
    code, out, err = _installed(tmp_path, "exec mbcprep show 1 2>&- >&-")
    assert code == 0, code
    code, out, err = _installed(tmp_path, "exec mbcprep show 99 2>&-")
    assert code == 1, code  # a real error is still an error


@pytest.mark.slow
def test_ctrl_c_while_starting_never_prints_a_traceback(tmp_path: Path) -> None:
    """SIGINT at many moments in the first 0.4 s of the installed command, all started at once."""
    import re
    import signal
    import subprocess
    import threading
    import time

    env = _installed_env(MBCPREP_HOME=str(tmp_path / "home"))
    env.pop("MBCPREP_DEBUG", None)
    commands = (["mbcprep", "visits"], ["mbcprep", "new-visit", "--no-input"])
    tries = [(n * 0.4 / 24, commands[n % 2]) for n in range(24)]
    procs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _, args in tries]
    began = time.monotonic()

    def stop(proc: subprocess.Popen[bytes], at: float) -> None:
        time.sleep(max(0.0, began + at - time.monotonic()))  # the moment to vary, not a wait for a start
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)

    threads = [threading.Thread(target=stop, args=(p, at)) for p, (at, _) in zip(procs, tries, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        said = err.decode(errors="replace")
        # Python's own start-up and the installer's wrapper (`import re`, finding the package) run
        # before mbcprep's first line; from that line on (mbcprep.start), no Ctrl-C shows a traceback.
        assert not re.search(r'File "[^"]*/mbcprep/[^"]*\.py"', said), said
        pythons_own = proc.returncode == -signal.SIGINT or said.startswith("Fatal Python error")
        assert proc.returncode in (0, 130) or pythons_own, (proc.returncode, said)
        assert "Traceback" not in said or pythons_own or 'bin/mbcprep", line' in said, said


# --- 11. data check while another window saves ---------------------------------------------------


def test_data_check_takes_a_file_gone_since_it_was_listed_as_gone(  # type: ignore[no-untyped-def]
    cli, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite makes and removes its journal on every save of another window: here it is there when
    the folder is listed and first looked at, and gone a moment later."""
    import os

    assert cli("new-visit", "--no-input").code == 0
    journal = private_home / "mbcprep.sqlite3-journal"
    journal.touch(mode=0o600)  # empty: SQLite itself ignores it
    looked_at = os.stat

    def then_gone(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        found = looked_at(path, *args, **kwargs)
        if os.fspath(path) == str(journal):
            journal.unlink()  # the other window's save is done
        return found

    monkeypatch.setattr(os, "stat", then_gone)
    ran = cli("data", "check")
    assert ran.code == 0 and "readable" in ran.out and ran.err == "", ran


# --- 12. smaller ------------------------------------------------------------------------------------

INVISIBLE = "\u2028\u2029\u200f\u200e\ufeff\u200b\u2060\u061c"


def test_invisible_separators_and_marks_never_reach_a_screen_or_a_sheet_raw(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    typed = "A" + "B".join(INVISIBLE) + "Z"
    ran = cli("new-visit", "--no-input", "--with", typed, "--ask", typed + "?", "--note", typed)
    assert ran.code == 0, ran
    shown = [cli("show", "latest").out, cli("visits").out]
    for fmt in ("md", "txt", "html", "ics"):
        out = tmp_path / f"sheet.{fmt}"
        assert cli("export", "latest", "--format", fmt, "-o", str(out)).code == 0
        shown.append(out.read_text(encoding="utf-8"))
    for text in shown:
        assert not any(ch in text for ch in INVISIBLE), [hex(ord(c)) for c in text if c in INVISIBLE]
        assert "\ufffd" in text
    backup = cli("export", "--all", "-o", "-").out
    assert not any(ch in backup for ch in INVISIBLE) and "\\u2028" in backup and "\\ufeff" in backup
    assert cli("new-visit", "--no-input", "--ask", "family \U0001f468\u200d\U0001f469?").code == 0
    assert "\U0001f468\u200d\U0001f469" in cli("show", "latest").out  # an emoji keeps its joiner


@pytest.mark.parametrize("lang", ["xx", "fr", "", "english"])
def test_a_language_mbcprep_does_not_speak_is_said(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    cli("--lang", lang, "visits").one_error("--lang", "en, es")
    cli("visits", f"--lang={lang}").one_error("--lang", "en, es")
    assert cli("--lang", "es_MX.UTF-8", "visits").code == 0


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_o_dev_stdout_means_the_screen(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input", "--ask", "Shown here?").code == 0
    ran = cli("export", "latest", "-o", name)
    assert ran.code == 0 and "Shown here?" in ran.out and "permission" not in ran.err, ran
    cli("data", "backup", "-o", name).one_error("file name")


def test_o_a_device_or_a_pipe_is_said_truly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    assert cli("new-visit", "--no-input").code == 0
    os.mkfifo(tmp_path / "pipe")
    for name in ("/dev/null", str(tmp_path / "pipe")):
        said = cli("export", "latest", "--format", "md", "-o", name, "--force").one_error("not an ordinary file")
        assert "permission" not in said


def test_each_calendar_event_says_truly_what_it_holds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asks = ["--ask", "One?", "--ask", "Two?", "--ask", "Three?", "--ask", "Four?"]
    assert cli("new-visit", "--no-input", "--with", "Dr Rivera", *asks).code == 0
    mine, family = tmp_path / "me.ics", tmp_path / "family.ics"
    said = cli("export", "latest", "-o", str(mine)).out
    assert "holds the 3 questions you ask first" in said and "Three?" in mine.read_text(encoding="utf-8")
    said = cli("export", "latest", "--for", "family", "--no-input", "-o", str(family)).out
    event = family.read_text(encoding="utf-8")
    assert "no questions" in said and "question" not in said.replace("no questions", "")
    assert not any(q in event for q in ("One?", "Two?", "Three?", "Ask these first"))
    assert cli("new-visit", "--no-input", "--with", "Dr Lee").code == 0
    said = cli("export", "latest", "-o", str(tmp_path / "none.ics")).out
    assert "no questions" in said, said


@pytest.mark.parametrize("where", ["/", "temp"])
def test_a_demo_starts_from_the_root_or_the_temporary_folder(  # type: ignore[no-untyped-def]
    cli, temp_root: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    import os

    here = Path("/") if where == "/" else temp_root
    monkeypatch.chdir(here)
    before = sorted(os.listdir(here))
    ran = cli("demo", "visits")
    assert ran.code == 0 and "Dr Ada Example" in ran.out, ran
    assert sorted(os.listdir(here)) == before and os.listdir(temp_root) == []


def test_a_demo_says_truly_what_it_does_with_settings_and_backups(cli, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    ran = cli("demo", "settings", "lang", "es")
    said = [ln for ln in ran.err.splitlines() if ln.startswith("Error: ")]
    assert ran.code == 1 and len(said) == 1 and "demo saves no settings" in said[0], ran
    assert "mbcprep --lang es demo" in said[0] and "Traceback" not in ran.err
    assert cli("demo", "settings").code == 0
    ran = cli("demo", "data", "backup")
    assert ran.code == 0 and "Saved a copy" in ran.out and "only in its own temporary folder" not in ran.err, ran
    assert os.listdir(temp_root) == []


def test_a_ctrl_c_python_would_only_print_as_ignored_stops_the_command_as_any_other() -> None:
    """A KeyboardInterrupt raised inside one of Python's own callbacks (an import's module lock) is
    "ignored" by Python with a traceback on stderr; mbcprep makes it again where it is caught."""
    import signal
    import sys

    from mbcprep import app

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:

        class Unraisable:
            exc_value = KeyboardInterrupt()

        with pytest.raises(KeyboardInterrupt):
            app._interrupt_again(Unraisable())
            for _ in range(1000):  # the interrupt lands at the next instruction the interpreter checks
                sum(range(10))
    finally:
        signal.signal(signal.SIGINT, before)
        sys.unraisablehook = sys.__unraisablehook__
