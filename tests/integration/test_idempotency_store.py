"""The idempotency keys' store: one claim per key, replays for a day, on both stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from marketplace.bootstrap import Services, bootstrap
from marketplace.idempotency import (
    ABANDONED_AFTER,
    TTL,
    Answer,
    Claimed,
    IdempotencyStore,
    KeyBusyError,
    KeyReusedError,
    Replayed,
    idempotency_keys,
)
from marketplace.ports import SteppingClock
from tests.conftest import START

VAULT_KEY = b"k" * 32


@pytest.fixture
def built(store_url: str) -> Iterator[Services]:
    services = bootstrap(store_url)
    yield services
    services.close()


@pytest.fixture
def wall() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def keys(built: Services, wall: SteppingClock) -> IdempotencyStore:
    return IdempotencyStore(built.engine, VAULT_KEY, clock=wall)


def _rows(keys: IdempotencyStore) -> int:
    with keys.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(idempotency_keys)).scalar())


def test_a_kept_answer_is_replayed_to_the_same_body_only(keys: IdempotencyStore) -> None:
    claimed = keys.claim("caller", "k1", "body-a")
    assert isinstance(claimed, Claimed)
    answer = Answer(201, {"Location": "/x"}, b'{"token": "secret"}')
    keys.keep(claimed, answer)
    assert keys.claim("caller", "k1", "body-a") == Replayed(answer)
    with pytest.raises(KeyReusedError):
        keys.claim("caller", "k1", "body-b")
    assert isinstance(keys.claim("another caller", "k1", "body-b"), Claimed)


def test_a_claim_being_answered_is_busy_until_abandoned(keys: IdempotencyStore,
                                                        wall: SteppingClock) -> None:
    first = keys.claim("caller", "k1", "body")
    assert isinstance(first, Claimed)
    with pytest.raises(KeyBusyError):
        keys.claim("caller", "k1", "body")
    wall.advance(seconds=ABANDONED_AFTER.total_seconds() + 1)
    taken = keys.claim("caller", "k1", "body")
    assert isinstance(taken, Claimed) and taken != first
    keys.keep(first, Answer(201))  # the dead request's late answer counts for nothing
    with pytest.raises(KeyBusyError):
        keys.claim("caller", "k1", "body")


def test_a_released_key_is_free_again(keys: IdempotencyStore) -> None:
    claimed = keys.claim("caller", "k1", "body-a")
    assert isinstance(claimed, Claimed)
    keys.release(claimed)
    assert isinstance(keys.claim("caller", "k1", "body-b"), Claimed)


def test_keys_older_than_a_day_count_for_nothing_and_are_purged(
        keys: IdempotencyStore, wall: SteppingClock) -> None:
    claimed = keys.claim("caller", "k1", "body-a")
    assert isinstance(claimed, Claimed)
    keys.keep(claimed, Answer(201, {}, b"first"))
    wall.advance(seconds=TTL.total_seconds() - 60)
    assert isinstance(keys.claim("caller", "k1", "body-a"), Replayed)
    wall.advance(seconds=61)
    assert isinstance(keys.claim("caller", "k1", "body-b"), Claimed)
    keys.claim("caller", "k2", "body")
    wall.advance(hours=25)
    assert keys.purge() == 2 and _rows(keys) == 0


def test_concurrent_claims_of_one_key_let_one_act(keys: IdempotencyStore) -> None:
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def claim() -> None:
        start.wait()
        try:
            outcomes.append(type(keys.claim("caller", "same", "body")).__name__)
        except KeyBusyError:
            outcomes.append("busy")

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Claimed"] + ["busy"] * 5


def test_answers_are_sealed_under_the_vault_key(built: Services, wall: SteppingClock) -> None:
    keys = IdempotencyStore(built.engine, VAULT_KEY, clock=wall)
    claimed = keys.claim("caller", "k1", "body")
    assert isinstance(claimed, Claimed)
    keys.keep(claimed, Answer(201, {}, b"the-token"))
    other = IdempotencyStore(built.engine, b"o" * 32, clock=wall)
    # Sealed under another key: not replayed, and not taken while it may still be answered.
    with pytest.raises(KeyBusyError):
        other.claim("caller", "k1", "body")
    wall.advance(minutes=3)
    assert isinstance(other.claim("caller", "k1", "body"), Claimed)
