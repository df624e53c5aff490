"""Where compiled Python goes during a test run, set before pytest loads its plugins.

With PYTHONDONTWRITEBYTECODE set, every pytest worker would compile each test module (and rewrite
its asserts) again, pytest would rewrite its plugins (hypothesis, pytest-xdist: some ninety modules,
a second and more of each run) again, and every mbcprep the tests start would compile mbcprep again.
Keep the compiled files in a private folder under the temporary folder instead, so nothing is
written in the checkout, as the setting asks. The programs the tests start, pytest-xdist's workers
among them, inherit it.

Loaded with `-p tests.bytecode` (pyproject.toml's addopts), which pytest imports before the plugins
it finds installed: a conftest.py comes after them, too late for their compiled files.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path


def keep_bytecode_outside_the_checkout() -> None:
    if not sys.dont_write_bytecode or sys.pycache_prefix or not hasattr(os, "getuid"):
        return
    folder = Path(tempfile.gettempdir()) / f"mbcprep-tests-pycache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        made = folder.lstat()
    except OSError:
        return
    if not stat.S_ISDIR(made.st_mode) or made.st_uid != os.getuid() or made.st_mode & 0o077:
        return  # not ours alone: compile as asked, from source
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(folder)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


keep_bytecode_outside_the_checkout()
