"""features/corrections.feature: each part's scenarios have their steps in their own module.

To add a scenario: append it to the feature (the Background only signs the auditor in),
put its steps in a module of its own, tests/bdd/corrections_<area>_steps.py, and import
it here with `import *` as below. Steps shared by every part (the auditor, `screens`,
`seen`, opening a consortium's history) are in corrections_formation_steps.py.
"""

from __future__ import annotations

from pytest_bdd import scenarios

# pytest-bdd finds steps in the test module: each part's steps, imported.
from tests.bdd.corrections_formation_steps import *  # noqa: F403
from tests.bdd.corrections_quote_steps import *  # noqa: F403

scenarios("corrections.feature")
