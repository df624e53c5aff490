"""Dataclasses' methods compiled once, not at every start.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__` (and, frozen, its
`__setattr__`, `__delattr__` and `__hash__`) and compiles it with `exec` when the module is imported:
for the 70-odd dataclasses an everyday command loads, that compiling is a sixth of the command's
time. Here `exec` in the `dataclasses` module compiles each source only the first time it is seen;
the code is kept beside mbcprep's own compiled modules (`__pycache__`, or `sys.pycache_prefix`), in
a file named for this Python and marked with its bytecode's magic number, as Python keeps `.pyc` files.

The code run is the very code `exec` would have compiled from that source (the same file name and
flags): a class made with or without the kept code is the same class. A file that is missing, from
another Python, cut short or not what it should be is ignored (and written anew); nothing is written
where Python itself would not write bytecode (`PYTHONDONTWRITEBYTECODE`, a folder that cannot be
written). Installed by `mbcprep.start` before anything else is imported; kept by it at the end.
"""

from __future__ import annotations

import marshal
import os
import sys
from contextlib import suppress
from types import CodeType
from typing import Any

# Sources compiled in other runs (each code still marshalled: made into code only when its class is
# made) and in this one, and whether this one added any.
_CODES: dict[str, CodeType | bytes] = {}
_added = False
_installed = False
MAX_KEPT = 5_000  # a file grown past this (many versions of the classes) is started afresh


def kept_file() -> str | None:
    """Where the compiled methods are kept: beside this module's own compiled file."""
    from importlib.util import cache_from_source

    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    try:
        own = cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return os.path.join(os.path.dirname(own), f"dataclass-methods.{tag}.marshal")


def install() -> None:
    """From now on, `@dataclass` compiles a method's source only when no run compiled it before."""
    global _installed
    import dataclasses

    if _installed:
        return
    _installed = True
    _CODES.update(_read(kept_file()))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # the name `exec` inside that module only


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """`exec` as the dataclasses module calls it, with each source compiled once."""
    global _added
    if not isinstance(source, str):
        exec(source, globals, locals)
        return
    code = _CODES.get(source)
    if isinstance(code, bytes):
        code = _code_of(code)
    if code is None:
        # Compiled as `exec` compiles a string for the dataclasses module: its file name, and no
        # `from __future__` flag of this module's (that module has none).
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _added = True
    _CODES[source] = code
    exec(code, globals, locals)


def _code_of(kept: bytes) -> CodeType | None:
    try:
        code = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _read(path: str | None) -> dict[str, CodeType | bytes]:
    from importlib.util import MAGIC_NUMBER

    global _added
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return {}
    head = len(MAGIC_NUMBER) + _DIGEST_SIZE
    payload = data[head:]
    if not data.startswith(MAGIC_NUMBER) or data[len(MAGIC_NUMBER) : head] != _digest(payload):
        _added = True  # damaged, cut short or another Python's: written anew at the end of this run
        return {}
    try:
        found = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict) or len(found) > MAX_KEPT:
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, bytes)}


_DIGEST_SIZE = 4


def _digest(payload: bytes) -> bytes:
    """The payload's CRC-32: a file damaged on the disk (any one bit, any run of up to 32 bits, and all
    but one in four billion other changes) is never run, since a damaged code object can crash Python
    itself. (A tenth of a millisecond for the whole file; zlib is loaded at start-up already. The
    file is beside mbcprep's own bytecode, which whoever could change it on purpose could change too.)"""
    import zlib

    return zlib.crc32(payload).to_bytes(4, "big")


def keep() -> None:
    """Write what this run compiled, for the next runs (nothing when nothing was new). Two runs that
    write at once each write a whole file; the last one stays."""
    from importlib.util import MAGIC_NUMBER

    path = kept_file()
    if not _added or path is None or sys.dont_write_bytecode:
        return
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        codes = _CODES if len(_CODES) <= MAX_KEPT else {}
        kept = {k: v if isinstance(v, bytes) else marshal.dumps(v) for k, v in codes.items()}
        payload = marshal.dumps(kept)
        with open(tmp, "wb") as fh:
            fh.write(MAGIC_NUMBER + _digest(payload) + payload)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with suppress(OSError):
            os.unlink(tmp)
