"""Files locked with a passphrase in the age format (https://age-encryption.org/v1, scrypt), through
the `pyrage` package: `mbcprep export --all --encrypt` writes one, `mbcprep import` reads one back, and
the `age` tool opens one without mbcprep (`age -d backup.age`).

`encrypt_bytes` and `decrypt_bytes` are the whole interface, for any file mbcprep writes locked.
"""

from __future__ import annotations

from typing import Any

from mbcprep.errors import UsageError
from mbcprep.i18n import _

AGE_HEADER = b"age-encryption.org/v1\n"
AGE_SUFFIX = ".age"


class WrongPassphrase(UsageError):
    """The passphrase given does not open the file (or the file was changed since it was written)."""


def is_age(raw: bytes) -> bool:
    return raw.startswith(AGE_HEADER)


def _pyrage() -> Any:
    try:
        import pyrage
    except ImportError:
        raise UsageError(
            _("This copy of mbcprep cannot lock or open .age files (its pyrage library is missing).")
        ) from None
    return pyrage


def encrypt_bytes(data: bytes, passphrase: str) -> bytes:
    """`data` locked with `passphrase` (age, scrypt): only that passphrase opens it."""
    if not passphrase:
        raise UsageError(_("An empty passphrase would lock nothing."))
    return bytes(_pyrage().passphrase.encrypt(data, passphrase))


def decrypt_bytes(data: bytes, passphrase: str) -> bytes:
    """What `encrypt_bytes` (or `age -p`) locked with `passphrase`; WrongPassphrase when it does not
    open it (age checks every chunk, so a changed file is refused the same way)."""
    pyrage = _pyrage()
    try:
        return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        raise WrongPassphrase(_("That passphrase does not open this file.")) from None
