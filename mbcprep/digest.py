"""SHA-256 for a few texts (a record's seal, the content copy's key, the page style's hash) without
loading OpenSSL: `hashlib` loads it on import, a few milliseconds of every command that reads a
sealed record. Python's own implementation gives the same digests; `hashlib` is used where it is
not built in, and for thousands of seals at once (`mbcprep.storage.visits.add_seal_function`),
where OpenSSL's speed pays for its loading."""

from __future__ import annotations

from typing import Any


def _constructor() -> Any:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython up to 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # CPython 3.12+
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return sha256


_SHA256 = _constructor()


def sha256(data: bytes) -> Any:
    """A SHA-256 hash object of `data` (with `digest()` and `hexdigest()`)."""
    return _SHA256(data)
