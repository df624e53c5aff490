"""The command line: each command parses its options, calls one core function, and prints the result.

`app` (in `mbcprep.cli.app`) holds the shared options; each module here adds one group of commands.
"""

from mbcprep.cli import care, content, data, demo, diary, preferences, sheets, visits  # noqa: F401  (each adds its commands to the app)
from mbcprep.cli.app import app

__all__ = ["app"]
