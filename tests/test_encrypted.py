"""Files locked with a passphrase (age, scrypt): a right passphrase is never called wrong.

age times a tiny scrypt run each time it opens a file and refuses one that would take more than 16
times that; on a busy computer the timing can be many times too slow, and a file written a minute
earlier was refused as if the passphrase were wrong (a flaky test_lock failure under load)."""

from __future__ import annotations

import re

import pytest

from mbcprep.formats import encrypted
from tests import age_files

PASSPHRASE = "blue kettle garden violin"


@pytest.fixture(scope="module")
def too_much_work() -> bytes:
    """A real age file whose scrypt work factor is 2^40: age refuses it before trying the passphrase,
    on any computer, as it refuses an ordinary file on a computer that seems slow. (Written with a
    small work factor first, tests/age_files.py, then changed: age's own would cost seconds here.)"""
    sealed = age_files.encrypt_bytes(b"zebraNOTE", PASSPHRASE)
    changed, count = re.subn(rb"^(-> scrypt \S+) \d+$", rb"\1 40", sealed, count=1, flags=re.M)
    assert count == 1
    return changed


def test_a_file_age_judges_too_much_work_is_never_a_wrong_passphrase(too_much_work: bytes) -> None:
    with pytest.raises(encrypted.TooMuchWork) as refused:
        encrypted.decrypt_bytes(too_much_work, PASSPHRASE)
    assert not isinstance(refused.value, encrypted.WrongPassphrase)
    assert "busy" in str(refused.value) and "passphrase was not checked" in str(refused.value)


def test_a_busy_moment_is_tried_again_and_the_right_passphrase_opens_the_file(
    too_much_work: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first tries meet age's real refusal (its own words), the next one a computer no longer busy."""
    pyrage = encrypted._pyrage()
    real = pyrage.passphrase.decrypt
    tries: list[bytes] = []

    def busy_twice(data: bytes, passphrase: str) -> bytes:
        tries.append(data)
        if len(tries) <= 2:
            return real(too_much_work, passphrase)  # raises age's ExcessiveWork
        return b"zebraNOTE"

    monkeypatch.setattr(pyrage.passphrase, "decrypt", busy_twice)
    assert encrypted.decrypt_bytes(b"age file", PASSPHRASE) == b"zebraNOTE"
    assert len(tries) == 3


def test_a_wrong_passphrase_is_still_called_wrong_at_once(too_much_work: bytes, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pyrage = encrypted._pyrage()
    tries: list[str] = []

    def wrong(data: bytes, passphrase: str) -> bytes:
        tries.append(passphrase)
        raise pyrage.DecryptError("No matching keys found")

    monkeypatch.setattr(pyrage.passphrase, "decrypt", wrong)
    with pytest.raises(encrypted.WrongPassphrase):
        encrypted.decrypt_bytes(b"age file", "not it")
    assert tries == ["not it"]


def test_the_tests_own_age_files_are_real_age_files() -> None:
    """tests/age_files.py writes what age itself opens (work factor 2^LOG_N): mbcprep reads it with
    the right passphrase only, and a changed byte is refused."""
    sealed = age_files.encrypt_bytes(b"zebraNOTE" * 5000, PASSPHRASE)
    assert re.match(rb"age-encryption.org/v1\n-> scrypt \S{22} %d\n\S{43}\n--- \S{43}\n" % age_files.LOG_N, sealed)
    assert encrypted.decrypt_bytes(sealed, PASSPHRASE) == b"zebraNOTE" * 5000
    with pytest.raises(encrypted.WrongPassphrase):
        encrypted.decrypt_bytes(sealed, "not it")
    changed = bytearray(sealed)
    changed[-100] ^= 1
    with pytest.raises(encrypted.WrongPassphrase):
        encrypted.decrypt_bytes(bytes(changed), PASSPHRASE)
