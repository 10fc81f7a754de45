"""Optimistic concurrency in one process: a conflict is retried once, then a ConflictError."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError
from sqlalchemy import func, select

from domain.errors import BidStateError, DomainError, SeedFundingCapExceededError
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.errors import ConflictError
from marketplace.ports import SteppingClock
from marketplace.vault import personal_data
from tests.story import ALL_STAGES, Formed, eur, form_consortium, request_quote


@pytest.fixture
def other(services: Services, clock: SteppingClock) -> Iterator[Marketplace]:
    """A second Marketplace on the same store, as another web worker would be."""
    second = Marketplace(dict(services.store.eventsourcing_env), clock=clock,
                         vault=services.marketplace.vault)
    yield second
    second.close()


@pytest.fixture
def formed(app: Marketplace) -> Formed:
    return form_consortium(app)


@pytest.fixture
def bid(app: Marketplace, formed: Formed) -> UUID:
    """A qualified bid: the first two members are asked for design and manufacturing."""
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    today = app.clock.now().date()
    app.request_contribution(bid, "design", formed.memberships[0], today)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], today)
    return bid


def meanwhile(monkeypatch: pytest.MonkeyPatch, app: Marketplace,
              *writes: Callable[[], Any]) -> list[int]:
    """Make each of `writes` happen after `app` has loaded but before it saves.

    Returns the list of save attempts `app` makes, one entry per attempt.
    """
    attempts: list[int] = []
    pending = list(writes)
    save = app.save

    def save_after_the_other_writer(*aggregates: Any, **kwargs: Any) -> Any:
        attempts.append(len(aggregates))
        if pending:
            pending.pop(0)()
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(app, "save", save_after_the_other_writer)
    return attempts


def test_both_instances_see_the_same_bid(app: Marketplace, other: Marketplace, bid) -> None:
    mine, theirs = app.get_bid(bid), other.get_bid(bid)
    assert mine.version == theirs.version == 4
    assert mine.requests == theirs.requests


def test_a_conflict_is_retried_and_succeeds_when_the_rule_still_holds(
    monkeypatch: pytest.MonkeyPatch, app: Marketplace, other: Marketplace, formed, bid
) -> None:
    m = formed.memberships
    attempts = meanwhile(monkeypatch, other, lambda: app.commit_contribution(
        bid, "manufacturing", m[1], eur("250000"), 90))
    other.commit_contribution(bid, "design", m[0], eur("20000"), 30)
    assert len(attempts) == 2  # the first save lost the race, the retry won
    final = app.get_bid(bid)
    assert final.version == 6
    assert sorted(c["stage"] for c in final.contributions.values()) == [
        "design", "manufacturing"]
    types = [row["type"] for row in app.history(bid)][-2:]
    assert types == ["Bid.ContributionCommitted", "Bid.ContributionCommitted"]
    assert app.history(bid)[-1]["data"]["stage"] == "design"  # the retried one came second


def test_the_retry_checks_the_rules_again(
    monkeypatch: pytest.MonkeyPatch, app: Marketplace, other: Marketplace, formed, bid
) -> None:
    attempts = meanwhile(monkeypatch, other, lambda: app.decline_rfq(bid, "Yard closed."))
    with pytest.raises(BidStateError, match="declined"):
        other.commit_contribution(bid, "design", formed.memberships[0], eur("20000"), 30)
    assert len(attempts) == 1  # the reloaded bid refused before any second save
    final = app.get_bid(bid)
    assert final.status == "declined" and final.contributions == {}


def test_a_retried_grant_is_held_to_the_cap_the_other_grant_used(
    monkeypatch: pytest.MonkeyPatch, app: Marketplace, other: Marketplace, formed
) -> None:
    meanwhile(monkeypatch, other, lambda: app.grant_seed_funding(formed.consortium,
                                                                 eur("400000")))
    with pytest.raises(SeedFundingCapExceededError, match="300,000.00"):
        other.grant_seed_funding(formed.consortium, eur("400000"))
    assert app.get_consortium(formed.consortium).granted == eur("400000")


def test_a_conflict_that_persists_becomes_a_conflict_error(
    monkeypatch: pytest.MonkeyPatch, app: Marketplace, other: Marketplace, formed, bid
) -> None:
    m = formed.memberships
    attempts = meanwhile(
        monkeypatch, other,
        lambda: app.commit_contribution(bid, "manufacturing", m[1], eur("250000"), 90),
        lambda: app.withdraw_contribution(bid, "manufacturing", m[1], "Repricing steel."),
    )
    with pytest.raises(ConflictError) as raised:
        other.commit_contribution(bid, "design", m[0], eur("20000"), 30)
    assert len(attempts) == 2
    assert isinstance(raised.value, DomainError)
    assert "try again" in str(raised.value)
    final = app.get_bid(bid)
    assert final.version == 6 and final.contributions == {}  # only the winner's events


def count_people(services: Services) -> int:
    with services.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(personal_data)).scalar_one()


# Buyers at once take numbers from one consortium's register of references: their
# command tries more often (marketplace/commanding.py contended_command).
@pytest.mark.parametrize(("command", "tries"),
                         [("commit", 2), ("request_quote", 8), ("appoint_manager", 2)])
def test_every_save_failing_gives_a_conflict_error_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch, services: Services, formed, bid, command: str, tries: int
) -> None:
    app = services.marketplace
    attempts: list[int] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(1)
        raise IntegrityError("duplicate key value violates unique constraint")

    before = app.recorder.max_notification_id(), count_people(services)
    monkeypatch.setattr(app.recorder, "insert_events", refuse)
    with pytest.raises(ConflictError):
        if command == "commit":
            app.commit_contribution(bid, "design", formed.memberships[0], eur("20000"), 30)
        elif command == "request_quote":
            request_quote(app, formed.consortium, stages=ALL_STAGES)
        else:
            app.appoint_manager(formed.consortium, name="Eva Gil", email="eva@example.com")
    assert len(attempts) == tries  # retried, but not for ever
    monkeypatch.undo()
    assert (app.recorder.max_notification_id(), count_people(services)) == before
