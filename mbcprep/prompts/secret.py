"""Hidden input for a passphrase: nothing typed is shown (not even stars), nothing is echoed back."""

from __future__ import annotations


def read_hidden(prompt: str) -> str:
    """One line typed at the terminal with echo off (as `sudo` and `ssh` ask). End of input is Ctrl-D."""
    import getpass
    import warnings

    with warnings.catch_warnings():
        # Where echo cannot be turned off, getpass warns and reads anyway: refuse instead.
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning:
            from mbcprep.errors import UsageError
            from mbcprep.i18n import _

            raise UsageError(
                _("This terminal cannot hide what is typed, so mbcprep will not ask the passphrase here.")
            ) from None
