"""The payment tests' fixtures: our fake Stripe running, and a store paying through it.

Here they take the place of tests/web/conftest's
`services` (a store with no payment gateway).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fakestripe import FakeStripe
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.payments import fake_stripe, gateway_for
from tests.sqlitestores import sqlite_store


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with fake_stripe() as running:
        yield running


@pytest.fixture
def services(tmp_path: Path, fake: FakeStripe) -> Iterator[Services]:
    built = bootstrap(sqlite_store(tmp_path / "web.db"), clock=SteppingClock(START),
                      payment_gateway=gateway_for(fake))
    yield built
    built.close()
