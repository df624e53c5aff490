"""Plain mode and the language: chosen once at start-up from the options, the environment and the
saved settings (`mbcprep settings`), in that order."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from mbcprep import modes
from mbcprep.cli import read_command_line
from mbcprep.preferences import Preferences, read_preferences


@pytest.mark.parametrize(
    ("flag", "saved", "env", "plain"),
    [
        (False, None, {}, False),
        (True, False, {"MBCPREP_PLAIN": "0"}, True),  # the option wins over everything
        (False, None, {"MBCPREP_PLAIN": "1"}, True),
        (False, True, {"MBCPREP_PLAIN": "0"}, False),  # the environment variable over the setting
        (False, True, {}, True),
        (False, False, {"TERM": "dumb"}, False),  # a saved "off" over what the terminal suggests
        (False, None, {"TERM": "dumb"}, True),
        (False, None, {"ACCESSIBLE": "1"}, True),
        (False, None, {"ACCESSIBLE": "0", "TERM": "xterm"}, False),
    ],
)
def test_plain_mode_is_chosen_in_order(flag: bool, saved: bool | None, env: dict[str, str], plain: bool) -> None:
    assert modes.choose_plain(flag, saved, env) is plain


@pytest.mark.parametrize(
    ("flag", "saved", "env", "lang"),
    [
        (None, None, {}, "en"),
        ("es", "en", {"MBCPREP_LANG": "en"}, "es"),
        (None, "en", {"MBCPREP_LANG": "es"}, "es"),
        (None, "es", {"LANG": "en_US.UTF-8"}, "es"),
        (None, None, {"LANG": "es_MX.UTF-8"}, "es"),
        (None, None, {"LANGUAGE": "fr:es:en", "LANG": "en_US.UTF-8"}, "es"),
        (None, None, {"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),  # LC_ALL set: it decides
        (None, None, {"LANG": "es-419"}, "es"),
        ("fr", None, {"LANG": "es_MX.UTF-8"}, "en"),  # a language mbcprep does not speak: English, no error
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_is_chosen_in_order(flag: str | None, saved: str | None, env: dict[str, str], lang: str) -> None:
    assert modes.choose_language(flag, saved, env) == lang


def test_plain_and_lang_may_follow_the_command() -> None:
    line = read_command_line(["visits", "--plain", "--lang", "es"])
    assert line.argv == ["--plain", "--lang", "es", "visits"]
    assert line.plain and line.first("--lang") == "es" and line.command == "visits"
    assert read_command_line(["export", "--", "--plain"]).argv == ["export", "--", "--plain"]
    assert not read_command_line(["export", "--", "--plain"]).plain
    line = read_command_line(["data", "check", "--lang=es", "--data-dir", "/x", "--bank", "a", "--bank=b"])
    assert line.argv == ["--lang=es", "--data-dir", "/x", "--bank", "a", "--bank=b", "data", "check"]
    assert line.values == {"--lang": ["es"], "--data-dir": ["/x"], "--bank": ["a", "b"]}
    assert read_command_line(["--help", "visits"]).command is None  # Typer's to answer
    settings = read_command_line(["--plain", "--lang=es", "--data-dir", "/x", "new-visit"]).interview()
    assert settings is not None and settings.data_dir == "/x"


def test_the_program_options_after_the_command_are_the_ones_used(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("data", "where", "--data-dir", str(tmp_path / "elsewhere"))
    assert ran.code == 0 and ran.out.strip() == str(tmp_path / "elsewhere")
    ran = cli("visits", "--help", "--lang", "es", "--plain")
    assert ran.code == 0 and "Uso: mbcprep visits" in ran.out and "╭" not in ran.out


def test_settings_are_saved_privately_and_shown(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("settings", "plain", "on")
    assert ran.code == 0 and "plain: on" in ran.out
    path = private_home / "settings.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"plain": True}
    assert cli("settings", "lang", "es").code == 0
    assert read_preferences(private_home) == Preferences(plain=True, lang="es")
    assert cli("settings", "plain", "auto").code == 0
    assert json.loads(path.read_text()) == {"lang": "es"}


@pytest.mark.parametrize("args", [("plain", "maybe"), ("lang", "fr"), ("colour", "on"), ("plain",)])
def test_a_wrong_setting_is_one_plain_sentence(cli, private_home: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    cli("settings", *args).one_error()
    assert not (private_home / "settings.json").exists()


def test_a_settings_file_that_is_not_ours_is_ignored_not_changed(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    private_home.mkdir(mode=0o700, exist_ok=True)
    path = private_home / "settings.json"
    path.write_text("[1, 2")
    assert read_preferences(private_home) == Preferences()
    ran = cli("settings")
    assert ran.code == 0 and "plain: auto" in ran.out
    assert path.read_text() == "[1, 2"


def test_the_saved_setting_turns_plain_mode_on_at_start(
    cli, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    for name in ("MBCPREP_PLAIN", "ACCESSIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    cli("settings", "plain", "on")
    cli("settings")
    assert modes.is_plain()
    cli("settings", "plain", "off")
    cli("settings")
    assert not modes.is_plain()


def test_deleting_all_data_removes_the_settings_too(cli, private_home: Path) -> None:  # type: ignore[no-untyped-def]
    cli("settings", "lang", "es")
    assert (private_home / "settings.json").exists()
    assert cli("data", "delete", "--yes").code == 0
    assert not private_home.exists()
