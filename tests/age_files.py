"""Real age files locked with a passphrase, written with a small scrypt work factor, for the tests
whose point is not the work factor.

age's passphrase (scrypt) is tuned by age (rage, under pyrage) to about one to three seconds of this
computer on purpose, for each file written and again for each file opened; a dozen of them were a
fifth of the whole suite's processor time. pyrage cannot be told a smaller work factor, so
`encrypt_bytes` here writes the same format itself: pyrage encrypts the data to a new X25519 key
(fast), then the file key is taken back out of that stanza and put in a scrypt stanza made with
`LOG_N` (Python's own scrypt), under a new header MAC. The payload is pyrage's, untouched. What
mbcprep reads the file with is still pyrage's real `passphrase.decrypt`, with every check it makes
(a wrong passphrase, a changed byte), only faster to open.

A test asks for it with the `small_age_work_factor` fixture (tests/conftest.py loads this module as
a plugin): mbcprep's own `encrypt_bytes` then runs as always, and only pyrage's passphrase encryption
under it is this one. tests/test_lock_backups.py::test_the_age_command_opens_an_encrypted_backup keeps
pyrage's own encryption at age's own work factor, and proves the real `age` command opens it.

Only Python's own library and pyrage: X25519, ChaCha20-Poly1305 and HKDF are written out below from
RFC 7748, RFC 8439 and RFC 5869 (only for the 16-byte file key, so their speed does not matter).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import struct
from collections.abc import Iterator

import pytest

LOG_N = 10  # 2^10: about a millisecond (age's own choice here is 2^18 to 2^20)
HEADER = b"age-encryption.org/v1\n"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_P = 2**255 - 19
_MASK = 0xFFFFFFFF


def encrypt_bytes(data: bytes, passphrase: str) -> bytes:
    """`data` in an age file that `passphrase` opens (scrypt, work factor 2^LOG_N)."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    recipient = identity.to_public()
    sealed = bytes(pyrage.encrypt(data, [recipient]))
    end = sealed.index(b"\n---") + 1
    payload = sealed[sealed.index(b"\n", end) + 1 :]
    stanza = re.search(rb"^-> X25519 (\S+)\n(\S+)\n", sealed[:end], re.M)  # (rage adds a "grease" stanza)
    assert stanza, sealed[:end]
    share, body = _unb64(stanza[1]), _unb64(stanza[2])
    secret = _bech32_bytes(str(identity))
    shared = _x25519(secret, share)
    wrap = _hkdf(shared, share + _bech32_bytes(str(recipient)), b"age-encryption.org/v1/X25519")
    file_key = _chacha20_poly1305_open(wrap, body)

    salt = os.urandom(16)
    key = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=b"age-encryption.org/v1/scrypt" + salt, n=2**LOG_N, r=8, p=1, dklen=32
    )
    header = HEADER + b"-> scrypt " + _b64(salt) + b" %d\n" % LOG_N + _b64(_chacha20_poly1305_seal(key, file_key))
    header += b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    return header + b" " + _b64(mac) + b"\n" + payload


@pytest.fixture
def small_age_work_factor() -> Iterator[None]:
    """mbcprep's passphrase encryption writes this module's files (see above) during the test."""
    import pyrage

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pyrage.passphrase, "encrypt", encrypt_bytes)
        yield


# --- the pieces ---------------------------------------------------------------------------------------


def _b64(raw: bytes) -> bytes:
    return base64.b64encode(raw).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    return base64.b64decode(text + b"=" * (-len(text) % 4))


def _bech32_bytes(text: str) -> bytes:
    """The 32 bytes of an age key ("age1..." or "AGE-SECRET-KEY-1..."), its checksum left unchecked."""
    data = text.lower().rpartition("1")[2][:-6]
    bits = "".join(f"{_BECH32.index(c):05b}" for c in data)
    return int(bits[:256], 2).to_bytes(32, "big")


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    prk = hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def _x25519(scalar: bytes, u: bytes) -> bytes:
    k = bytearray(scalar)
    k[0] &= 248
    k[31] = (k[31] & 127) | 64
    n = int.from_bytes(k, "little")
    x1 = int.from_bytes(u, "little") & ((1 << 255) - 1)
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        bit = (n >> t) & 1
        if swap ^ bit:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = bit
        a, b, c, d = x2 + z2, x2 - z2, x3 + z3, x3 - z3
        aa, bb = a * a % _P, b * b % _P
        e = aa - bb
        da, cb = d * a % _P, c * b % _P
        x3, z3 = (da + cb) ** 2 % _P, x1 * (da - cb) ** 2 % _P
        x2, z2 = aa * bb % _P, e * (aa + 121665 * e) % _P
    if swap:
        x2, z2 = x3, z3
    return (x2 * pow(z2, _P - 2, _P) % _P).to_bytes(32, "little")


def _chacha20_block(key: bytes, counter: int) -> bytes:
    """One ChaCha20 block, with age's all-zero nonce."""
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574, *struct.unpack("<8I", key), counter, 0, 0, 0]
    x = list(state)

    def quarter(a: int, b: int, c: int, d: int) -> None:
        for s1, s2 in ((16, 12), (8, 7)):
            x[a] = (x[a] + x[b]) & _MASK
            x[d] ^= x[a]
            x[d] = ((x[d] << s1) | (x[d] >> (32 - s1))) & _MASK
            x[c] = (x[c] + x[d]) & _MASK
            x[b] ^= x[c]
            x[b] = ((x[b] << s2) | (x[b] >> (32 - s2))) & _MASK

    for _ in range(10):
        for a, b, c, d in ((0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15)):
            quarter(a, b, c, d)
        for a, b, c, d in ((0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14)):
            quarter(a, b, c, d)
    return struct.pack("<16I", *((x[i] + state[i]) & _MASK for i in range(16)))


def _poly1305_tag(key: bytes, ciphertext: bytes) -> bytes:
    """RFC 8439's tag of `ciphertext` (no associated data; shorter than one block of padding)."""
    padded = ciphertext + bytes(-len(ciphertext) % 16) + struct.pack("<QQ", 0, len(ciphertext))
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    p, acc = (1 << 130) - 5, 0
    for i in range(0, len(padded), 16):
        acc = (acc + int.from_bytes(padded[i : i + 16] + b"\x01", "little")) * r % p
    return ((acc + int.from_bytes(key[16:], "little")) & ((1 << 128) - 1)).to_bytes(16, "little")


def _chacha20_poly1305_seal(key: bytes, plain: bytes) -> bytes:
    cipher = bytes(a ^ b for a, b in zip(plain, _chacha20_block(key, 1)[: len(plain)], strict=True))
    return cipher + _poly1305_tag(_chacha20_block(key, 0)[:32], cipher)


def _chacha20_poly1305_open(key: bytes, sealed: bytes) -> bytes:
    cipher, tag = sealed[:-16], sealed[-16:]
    assert hmac.compare_digest(tag, _poly1305_tag(_chacha20_block(key, 0)[:32], cipher)), "not opened"
    return bytes(a ^ b for a, b in zip(cipher, _chacha20_block(key, 1)[: len(cipher)], strict=True))
