"""`mbcprep.digest`: the seals' and keys' SHA-256, without OpenSSL, is hashlib's."""

from __future__ import annotations

import hashlib

from mbcprep.digest import sha256


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"abc", "é漢 😀 \u2028".encode(), bytes(range(256)) * 300):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert sha256(data).digest() == hashlib.sha256(data).digest()
