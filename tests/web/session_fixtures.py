"""Fixtures of the session tests: one store with two sets of services on it (two
workers), the sessions' clock and the business's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START


@pytest.fixture
def session_clock() -> SteppingClock:
    """The sessions' clock."""
    return SteppingClock(START)


@pytest.fixture
def business() -> SteppingClock:
    """The marketplace's clock."""
    return SteppingClock(START)


@pytest.fixture
def shared(store_url: str, session_clock: SteppingClock,
           business: SteppingClock) -> Iterator[Services]:
    built = bootstrap(store_url, clock=business, session_clock=session_clock)
    yield built
    built.close()


@pytest.fixture
def other_worker(store_url: str, session_clock: SteppingClock,
                 business: SteppingClock) -> Iterator[Services]:
    """A second set of services on the same store, as a second worker process has."""
    built = bootstrap(store_url, clock=business, session_clock=session_clock)
    yield built
    built.close()
