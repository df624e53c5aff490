"""Locked data files: SQLCipher 4 through the `sqlcipher3` package (SQLite's own API, every page
encrypted with AES-256 and checked by an HMAC-SHA512, so a wrong passphrase, damage and tampering are
all caught).

A locked data file has a random 16-byte salt where SQLite's header would be, and a small marker
(`locked.json`, no secret in it) beside it in the data folder, so that a file mbcprep locked is told
from a file that is simply not mbcprep's. A plain file is known by its first bytes alone, which the
store reads anyway: an unlocked command pays nothing for this module.

The key is SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 rounds, the file's salt), made
here once per command and given to SQLCipher as a raw key, so a command that opens the file several
times asks the passphrase, and pays for the derivation, once. The key lives in this process only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from mbcprep.errors import StoreError
from mbcprep.i18n import _

MARKER_NAME = "locked.json"
MARKER = {"format": "mbcprep-lock", "version": 1, "cipher": "SQLCipher 4", "kdf": "PBKDF2-HMAC-SHA512"}
KDF_ROUNDS = 256_000  # SQLCipher 4's default (kdf_iter)
SALT_BYTES = 16
KEY_BYTES = 32
SQLITE_NOTADB = 26
SQLITE_MAGIC = b"SQLite format 3\x00"

_keys: dict[bytes, bytes] = {}  # salt -> key, in this process only
_grafted = False


def library() -> ModuleType:
    """The sqlcipher3 module, loaded when a locked file is first met. Its errors are made kinds of
    the standard sqlite3 module's errors (the same API, from the same SQLite), so the store's
    handling of a busy, full or damaged file holds for a locked file too."""
    global _grafted
    try:
        import sqlcipher3.dbapi2 as sc
    except ImportError:
        raise StoreError(
            _(
                "mbcprep needs its sqlcipher3 library to lock data or open locked data, and this copy of mbcprep"
                " does not have it. Install mbcprep again to add it."
            ),
            "unreadable",
        ) from None
    if not _grafted:
        _graft_errors(sc)
        _grafted = True
    return sc


def _graft_errors(sc: ModuleType) -> None:
    # sqlcipher3's own Error cannot take another base (its layout is fixed); every error it raises
    # is one of these kinds, each of which also becomes the standard module's kind of the same name.
    for name in ("InterfaceError", "DatabaseError"):
        kind = getattr(sc, name)
        kind.__bases__ = (*kind.__bases__, getattr(sqlite3, name))
    for name in ("DataError", "OperationalError", "IntegrityError", "InternalError", "ProgrammingError"):
        kind = getattr(sc, name)
        kind.__bases__ = (*kind.__bases__, getattr(sqlite3, name))
    sc.NotSupportedError.__bases__ = (*sc.NotSupportedError.__bases__, sqlite3.NotSupportedError)


def is_cipher_connection(db: Any) -> bool:
    return type(db).__module__.startswith("sqlcipher3")


def row_class(db: Any) -> Any:
    """The Row type that goes with a connection (sqlcipher3 has its own)."""
    return library().Row if is_cipher_connection(db) else sqlite3.Row


# --- telling a locked file ---------------------------------------------------------------------------


def marked(folder: Path) -> bool:
    """Whether the data folder holds the marker that says its data file is locked."""
    return (folder / MARKER_NAME).is_file()


def marker_is_ours(path: Path) -> bool:
    try:
        return bool(json.loads(path.read_text(encoding="utf-8")) == MARKER)
    except (OSError, ValueError):
        return False


def write_marker(folder: Path) -> None:
    from mbcprep import files

    files.write_private_text(folder / MARKER_NAME, json.dumps(MARKER) + "\n", force=True)


def head_is_locked(head: bytes, folder: Path) -> bool:
    """A file whose first bytes are not SQLite's, beside mbcprep's marker."""
    return len(head) >= SALT_BYTES and not head.startswith(SQLITE_MAGIC) and marked(folder)


def is_locked(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(SALT_BYTES)
    except OSError:
        return False
    return head_is_locked(head, path.parent)


def salt_of(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)


# --- keys --------------------------------------------------------------------------------------------


def derive(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key derivation, done here so that its cost is paid (and can be timed) once."""
    import hashlib

    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)


def remember(salt: bytes, key: bytes) -> None:
    _keys[salt] = key


def forget_keys() -> None:
    _keys.clear()


def key_for(path: Path) -> bytes:
    """The key of a locked file: made once per command from the passphrase (asked, or read from
    MBCPREP_PASSPHRASE_FILE: see `mbcprep.passphrase`)."""
    from mbcprep.passphrase import get_passphrase

    salt = salt_of(path)
    if salt not in _keys:
        _keys[salt] = derive(get_passphrase(), salt)
    return _keys[salt]


def raw_key(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's form of a raw key (with the salt for a file being made)."""
    return f"x'{key.hex()}{salt.hex() if salt else ''}'"


def wrong_passphrase(path: Path) -> StoreError:
    return StoreError(_("That passphrase does not open the data file {path}.").format(path=path), "passphrase")


def connect_locked(path: Path, key: bytes, *, uri: str | None = None, timeout: float = 15.0) -> Any:
    """An open, keyed connection to a locked file. A key that does not open it is one sentence (and
    forgotten), never "damaged": SQLCipher cannot tell a wrong key from a damaged first page."""
    sc = library()
    db = sc.connect(uri or str(path), uri=uri is not None, timeout=timeout, isolation_level=None)
    try:
        db.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would write its own errors on stderr
        db.execute(f'PRAGMA key = "{raw_key(key)}"')
        db.execute("PRAGMA temp_store = MEMORY")  # never a plain temporary file of a locked file's rows
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sc.DatabaseError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code == SQLITE_NOTADB or "not a database" in str(exc):
                _keys.pop(salt_of(path), None)
                raise wrong_passphrase(path) from None
            raise
    except BaseException:
        db.close()
        raise
    return db


def connect(path: Path, *, read_write_only: bool = False, timeout: float = 15.0) -> Any:
    """A connection to the data file at `path`, plain or locked (`read_write_only`: never create it)."""
    uri = f"{path.as_uri()}?mode=rw" if read_write_only else None
    if is_locked(path):
        return connect_locked(path, key_for(path), uri=uri, timeout=timeout)
    if uri:
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


def cipher_pages_sound(db: Any) -> bool:
    """Every page of a locked file against its HMAC (SQLCipher's own check)."""
    return not db.execute("PRAGMA cipher_integrity_check").fetchall()


def same_file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
