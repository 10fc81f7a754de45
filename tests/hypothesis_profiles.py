"""Hypothesis profiles: `ci` (the default, a fixed seed) and `fuzz` (`make fuzz`, deeper).

`make test` must give the same answer every run, so `ci` derandomizes: the examples
follow from each test's source, and no example database carries one run into the next.
`fuzz` draws fresh examples each run and many more of them; HYPOTHESIS_PROFILE=fuzz
selects it. Tests that want fewer examples than the profile scale from
`settings.default.max_examples` rather than fixing a number, so `fuzz` deepens them too.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

# Building apps and stores is slow next to Hypothesis' expectations, and a strategy may
# filter hard (a valid form among random text): neither is a fault of the code under test.
_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
          HealthCheck.function_scoped_fixture]

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=50,
    stateful_step_count=30, suppress_health_check=_QUIET, print_blob=True,
)
settings.register_profile(
    "fuzz", derandomize=False, deadline=None, max_examples=1000, stateful_step_count=60,
    suppress_health_check=_QUIET, print_blob=True,
    # A failure found once is tried first in the next fuzz run (var/ is not committed).
    database=DirectoryBasedExampleDatabase(Path(__file__).parent.parent / "var" / "hypothesis"),
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")


def load() -> None:
    """Load the profile HYPOTHESIS_PROFILE names, `ci` when unset."""
    settings.load_profile(PROFILE)
