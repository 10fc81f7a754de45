"""Buyers at once take the numbers of one consortium's register in turn, without colliding
(marketplace/serial.py), within a process and, on PostgreSQL, across processes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError
from sqlalchemy import create_engine, text

from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.ports import SteppingClock
from marketplace.serial import SerialSections, advisory_key
from marketplace.store import parse_store
from tests.conftest import POSTGRES_URL, require_postgres
from tests.story import form_consortium, request_quote

BUYERS = 24


@pytest.fixture
def other(services: Services, clock: SteppingClock) -> Iterator[Marketplace]:
    """A second Marketplace on the same store, as another web worker would be."""
    second = Marketplace(dict(services.store.eventsourcing_env), clock=clock,
                         vault=services.marketplace.vault)
    second.serial = SerialSections(services.engine)
    yield second
    second.close()


def count_collisions(app: Marketplace, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every save the store refuses because another writer got there first."""
    refused: list[int] = []
    insert = app.recorder.insert_events

    def counted(*args: Any, **kwargs: Any) -> Any:
        try:
            return insert(*args, **kwargs)
        except IntegrityError:
            refused.append(1)
            raise

    monkeypatch.setattr(app.recorder, "insert_events", counted)
    return refused


def test_buyers_at_once_take_consecutive_numbers_without_a_collision(
    services: Services, other: Marketplace, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    first = app.get_bid(request_quote(app, formed.consortium)).reference  # opens the register
    collisions = count_collisions(app, monkeypatch), count_collisions(other, monkeypatch)
    workers = [app, other]
    with ThreadPoolExecutor(8) as pool:
        bids = list(pool.map(lambda n: request_quote(workers[n % 2], formed.consortium),
                             range(BUYERS)))
    assert collisions == ([], [])
    numbers = sorted(int(app.get_bid(bid).reference.rsplit("-", 1)[1]) for bid in bids)
    assert first is not None and first.endswith("-0001")
    assert numbers == list(range(2, BUYERS + 2))


def test_a_section_waits_while_another_process_holds_the_register() -> None:
    require_postgres()
    engine = create_engine(parse_store(POSTGRES_URL).sqlalchemy_url)
    sections = SerialSections(engine)
    entered = threading.Event()
    try:
        with engine.connect() as elsewhere:  # another process's session, as far as PostgreSQL knows
            key = advisory_key("reference-book:some-consortium")
            elsewhere.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})

            def enter() -> None:
                with sections.hold("reference-book", "some-consortium"):
                    entered.set()

            waiter = threading.Thread(target=enter)
            waiter.start()
            time.sleep(0.3)
            assert not entered.is_set()  # still queued behind the other process
            elsewhere.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            waiter.join(5)
            assert entered.is_set()
        # Another key never waited on this one.
        with sections.hold("reference-book", "another-consortium"):
            pass
    finally:
        engine.dispose()
