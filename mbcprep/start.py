"""The installed command's first lines: Ctrl-C while mbcprep is still starting stops it quietly.

Python turns Ctrl-C into KeyboardInterrupt wherever it lands; before `mbcprep.app` is ready to catch
it (while modules are still being imported, say), that would print a traceback. Importing this
module is the first thing the `mbcprep` command does, so from then on a Ctrl-C before the command
runs is exit 130 and nothing else (nothing has been done yet, so there is nothing to tell). Once the
command runs, `mbcprep.app` hands Ctrl-C back to Python, says "Stopped." and keeps what was typed.
Its first statement does it, with the built-in `_signal` (`signal` itself takes a moment to import).
"""

import _signal  # type: ignore[import-not-found]


def stop_quietly(signum: int, frame: object) -> None:
    # Nothing has been done or printed yet, so there is nothing to finish: leave at once. (An exception
    # raised here can land inside the import machinery's own callbacks, where Python prints it as
    # "Exception ignored in ..." with a traceback, as a machine under load showed.)
    import os

    os._exit(130)


_signal.signal(_signal.SIGINT, stop_quietly)

import sys  # noqa: E402


def entry() -> None:
    from mbcprep import dataclass_code

    dataclass_code.install()  # before any dataclass is made (see there)
    from mbcprep.app import main

    code = main()
    dataclass_code.keep()
    sys.exit(code)
