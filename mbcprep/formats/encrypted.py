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


# How many times a file is tried again when age judged it too much work to open. age (rage, under
# pyrage) times one tiny scrypt run to learn this computer's speed, once per try, and refuses a file
# that would take more than 16 times that to open. A busy computer (one preempted run is enough) can
# seem many times slower than it is, so a file it wrote itself a minute ago is refused: that is never a
# wrong passphrase, and the next timing is almost always right.
EXCESSIVE_WORK_TRIES = 8


class WrongPassphrase(UsageError):
    """The passphrase given does not open the file (or the file was changed since it was written)."""


class TooMuchWork(UsageError):
    """age would not try the passphrase: it judged the file too much work to open on this computer now
    (it may be busy). Never a sign of a wrong passphrase."""


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
    open it (age checks every chunk, so a changed file is refused the same way); TooMuchWork when age
    would not even try the passphrase, on this computer and now (see EXCESSIVE_WORK_TRIES)."""
    pyrage = _pyrage()
    for _try in range(EXCESSIVE_WORK_TRIES):
        try:
            return bytes(pyrage.passphrase.decrypt(data, passphrase))
        except pyrage.DecryptError as exc:
            # How rage (age in Rust) words that refusal (its DecryptError::ExcessiveWork).
            if "excessive work" not in str(exc).lower():
                raise WrongPassphrase(_("That passphrase does not open this file.")) from None
    raise TooMuchWork(
        _(
            "This computer is too busy to open this locked file right now (the passphrase was not"
            " checked); close other programs and try again."
        )
    )
