"""The household's key: what encrypts the shared folder's segments when the computers sharing it are
locked (issue 22), so that a cloud service holding the folder reads nothing.

The key is an age X25519 identity, kept in the shared folder itself as `household.age`, encrypted
with the household's passphrase (age's scrypt: the same passphrase each computer's data is locked
with). Each segment is then encrypted to that key with age (fast), not with the passphrase (about a
second of scrypt a file). Opening the key costs one scrypt, once per command and only when there is a
segment to write or to read; the key opened is kept in this process's memory for that command only
(`forget`), never on disk in plain.

A folder with a `household.age` is encrypted: a computer whose data is not locked neither writes nor
reads there (it would keep the key, or what it read, in plain).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from mbcprep.errors import UsageError
from mbcprep.i18n import _

FILE_NAME = "household.age"  # inside the journal folder (never taken for a segment: see journal.NAME)

_opened: dict[tuple[str, bytes], Any] = {}  # (the key file's checksum, whose passphrase) -> identity


def forget() -> None:
    """Drop every key opened (at the end of each command)."""
    _opened.clear()


def is_encrypted(journal_dir: Path) -> bool:
    return (journal_dir / FILE_NAME).is_file()


def _x25519() -> Any:
    from mbcprep.formats.encrypted import _pyrage

    return _pyrage().x25519


def new_identity() -> Any:
    return _x25519().Identity.generate()


def identity(journal_dir: Path, passphrase: str, whose: bytes) -> Any:
    """The household's key in `journal_dir`, opened with `passphrase` (made there first when the
    folder has none). `whose` names the data file the passphrase opened (its salt), so a key opened
    for one data file is never handed to another in the same process."""
    from mbcprep.formats.encrypted import WrongPassphrase, decrypt_bytes, encrypt_bytes

    path = journal_dir / FILE_NAME
    if not path.is_file():
        made = new_identity()
        _write_new(path, encrypt_bytes(str(made).encode("ascii"), passphrase))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("The shared folder's key {path} cannot be read ({reason}).").format(path=path, reason=exc.strerror)
        ) from None
    cache_key = (hashlib.sha256(raw).hexdigest(), whose)
    if cache_key not in _opened:
        try:
            text = decrypt_bytes(raw, passphrase).decode("ascii").strip()
            _opened[cache_key] = _x25519().Identity.from_str(text)
        except (WrongPassphrase, UnicodeDecodeError, ValueError):
            raise UsageError(wrong_household_passphrase(journal_dir.parent)) from None
    return _opened[cache_key]


def _write_new(path: Path, data: bytes) -> None:
    """Write the key file once (0600); when another computer's arrived meanwhile, that one is kept."""
    from mbcprep import files

    try:
        files.write_private_bytes(path, data, force=False)
    except UsageError:
        if not path.is_file():
            raise


def seal(plain: bytes, key: Any) -> bytes:
    """`plain` encrypted to the household's key (age, X25519)."""
    from mbcprep.formats.encrypted import _pyrage

    return bytes(_pyrage().encrypt(plain, [key.to_public()]))


def unseal(stored: bytes, key: Any) -> bytes | None:
    """What `seal` encrypted, or None when the household's key does not open it (cut short, changed,
    or encrypted to another key)."""
    from mbcprep.formats.encrypted import _pyrage

    try:
        return bytes(_pyrage().decrypt(stored, [key]))
    except _pyrage().DecryptError:
        return None


def wrong_household_passphrase(folder: Path) -> str:
    return _(
        "Your passphrase does not open the shared folder {folder}: every computer sharing it must lock its"
        " data with the same passphrase, the household's."
    ).format(folder=folder)


def plain_into_encrypted() -> str:
    return _(
        "The shared folder is encrypted and your data here is not locked, so this computer shares nothing"
        " there: lock it with the household's passphrase first ('mbcprep lock')."
    )
