"""How many examples a property test tries: every one of them in CI, a share of them every day.

tests/conftest.py loads one of two hypothesis profiles: "ci" (hypothesis's own 100 examples a test,
loaded when the environment says `CI`) or "everyday" (a fifth of that), or the one named by
`MBCPREP_HYPOTHESIS` or `--hypothesis-profile`. A test that wants more or fewer than 100 says how many
it wants in CI, and `examples` gives that number scaled to the profile loaded.
"""

from __future__ import annotations

from hypothesis import settings

CI_EXAMPLES = 100  # hypothesis's own default
EVERYDAY_EXAMPLES = 20
FEWEST = 10  # the everyday run never tries fewer than this


def examples(in_ci: int) -> int:
    """`in_ci` examples under the CI profile; the same share of the loaded profile's examples otherwise."""
    loaded = settings.default.max_examples
    if loaded >= CI_EXAMPLES:
        return in_ci * loaded // CI_EXAMPLES
    return max(FEWEST, in_ci * loaded // CI_EXAMPLES)
