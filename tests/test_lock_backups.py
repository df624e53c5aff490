"""Encrypted backups (issue 22, point 3): `export --all --encrypt` writes the age format that mbcprep
and the real `age` command open.

age's passphrase (scrypt) is tuned by age to a second or more of this computer for each file written
and each file opened. The import test writes its backup with a small work factor (tests/age_files.py:
the same format, opened by pyrage's real decryption, a wrong passphrase and all); the `age` command's
test keeps age's own work factor, from mbcprep's own encryption to the real `age -d`, and is marked
slow so that it starts first (tests/conftest.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests import age_files
from tests.test_lock import (  # noqa: F401 (derive_each_key_once and with_passphrase are fixtures)
    PASSPHRASE,
    SECRETS,
    _fill,
    _passphrase_file,
    derive_each_key_once,
    with_passphrase,
)


def test_an_encrypted_backup_imports_back_and_a_wrong_passphrase_is_one_sentence(
    cli,
    tmp_path: Path,
    with_passphrase: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    small_age_work_factor: None,
) -> None:  # type: ignore[no-untyped-def]
    _fill(cli)
    out = tmp_path / "backup.age"
    ran = cli("export", "--all", "--encrypt", "-o", str(out))
    assert ran.code == 0 and "age -d" in ran.out
    raw = out.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert not any(secret.encode() in raw for secret in SECRETS)
    assert cli("export", "--encrypt", "-o", str(tmp_path / "x.age")).code == 1  # --all only
    monkeypatch.setenv("MBCPREP_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(_passphrase_file(tmp_path, "not the one")))
    wrong = cli("import", str(out))
    assert wrong.code == 1 and wrong.err == f"Error: That passphrase does not open {out}.\n"
    monkeypatch.setenv("MBCPREP_PASSPHRASE_FILE", str(with_passphrase))
    ran = cli("import", str(out))
    assert ran.code == 0 and "Imported 1 visit" in ran.out
    assert SECRETS[2] in cli("meds", "list").out


@pytest.mark.slow(seconds=12)
@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed (apt-get install age)")
def test_the_age_command_opens_an_encrypted_backup(cli, tmp_path: Path, with_passphrase: Path) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    import pexpect

    _fill(cli)
    out = tmp_path / "backup.age"
    assert cli("export", "--all", "--encrypt", "-o", str(out)).code == 0
    work = re.match(rb"age-encryption.org/v1\n-> scrypt \S+ (\d+)\n", out.read_bytes())
    assert work and int(work[1]) > age_files.LOG_N, "age's own work factor, not the tests' small one"
    opened = tmp_path / "opened.json"
    child = pexpect.spawn("age", ["-d", "-o", str(opened), str(out)], timeout=60)
    child.expect("passphrase")
    child.sendline(PASSPHRASE)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = opened.read_text(encoding="utf-8")
    assert '"format": "mbcprep"' in text and SECRETS[1] in text
