"""Shared steps and fixtures of the feature files: the cast, requests, refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from pytest_bdd import given, parsers, then, when

from marketplace.application import Marketplace
from marketplace.ports import SteppingClock
from tests.bdd.support import (
    REFUSALS,
    Ask,
    Cast,
    Outcome,
    attempt,
    check_reads_well,
    establish,
    invite,
    judges_refusals,
    log_position,
    people_kept,
    propose,
    versions,
)


@pytest.fixture(autouse=True)
def _on_both_stores(app: Marketplace) -> Marketplace:
    """Ask for `app` up front, so every scenario runs on SQLite and on PostgreSQL."""
    return app


@pytest.fixture
def cast() -> Cast:
    return Cast()


@pytest.fixture
def asked() -> Iterator[list[Outcome]]:
    """Every request a scenario made; a refusal no step judged fails the scenario."""
    made: list[Outcome] = []
    yield made
    unjudged = [o.error for o in made if o.error is not None and not o.acknowledged]
    assert not unjudged, f"a request was refused and no step expected it: {unjudged[0]!r}"


@pytest.fixture
def ask(app: Marketplace, cast: Cast, asked: list[Outcome]) -> Ask:
    """Make a user's request through the application and keep what came of it."""

    def run(action: Callable[[], Any]) -> Outcome:
        outcome = attempt(app, cast, action)
        asked.append(outcome)
        return outcome

    return run


def pytest_bdd_before_step(request: pytest.FixtureRequest, step_func: Callable[..., Any],
                           **_: object) -> None:
    """Stop at the first step after an unexpected refusal, and show the refusal."""
    if getattr(step_func, "judges_refusals", False):
        return
    try:
        made: list[Outcome] = request.getfixturevalue("asked")
    except pytest.FixtureLookupError:
        return
    for outcome in made:
        if outcome.error is not None and not outcome.acknowledged:
            outcome.acknowledged = True  # reported here, not again at teardown
            raise AssertionError(f"the request was refused: {outcome.error!r}")


# Given: where the story starts


@given(parsers.parse("the {slug} consortium is proposed"), target_fixture="consortium")
def proposed(app: Marketplace, cast: Cast, slug: str) -> UUID:
    return propose(app, cast, slug)


@given(parsers.parse("the {slug} consortium is established with {count:d} members"),
       target_fixture="consortium")
def established(app: Marketplace, cast: Cast, slug: str, count: int) -> UUID:
    return establish(app, cast, slug, count)


@given(parsers.parse("the {slug} consortium is established with {count:d} members "
                     "but has published no offer"), target_fixture="consortium")
def established_without_offer(app: Marketplace, cast: Cast, slug: str, count: int) -> UUID:
    return establish(app, cast, slug, count, publish=False)


@given(parsers.parse("the {slug} consortium is also established with {count:d} members"))
def another_established(app: Marketplace, cast: Cast, slug: str, count: int) -> None:
    establish(app, cast, slug, count)


@given(parsers.parse('"{company}" is invited to join the {slug} consortium'))
def invited(app: Marketplace, cast: Cast, company: str, slug: str) -> None:
    invite(app, cast, company, slug)


@given(parsers.parse('the consortium is suspended because "{reason}"'))
def consortium_suspended(app: Marketplace, consortium: UUID, reason: str) -> None:
    app.suspend_consortium(consortium, reason)


@when("the officer reactivates the consortium", target_fixture="outcome")
def reactivate(app: Marketplace, ask: Ask, consortium: UUID) -> Outcome:
    return ask(lambda: app.reactivate_consortium(consortium))


@given(parsers.parse('the consortium is dissolved because "{reason}"'))
def consortium_dissolved(app: Marketplace, consortium: UUID, reason: str) -> None:
    app.dissolve_consortium(consortium, reason)


@given(parsers.re(r'"(?P<firm>[^"]+)" has (?P<decision>joined|declined|left)'))
def has_decided(app: Marketplace, cast: Cast, firm: str, decision: str) -> None:
    membership = cast.membership(firm)
    if decision == "declined":
        app.decline_membership(membership, "no capacity this year")
        return
    if app.get_membership(membership).status == "invited":
        app.join_consortium(membership, agreement="MA-2025.pdf", tier="standard")
    if decision == "left":
        app.leave_consortium(membership, "retiring from export")


@given(parsers.parse("the {period} annual fees are assessed, due on {due}"))
def fees_assessed(app: Marketplace, consortium: UUID, period: str, due: str) -> None:
    app.assess_fees(consortium, period, date.fromisoformat(due))


@given(parsers.parse('"{firm}" has been suspended for arrears'))
def suspended_for_arrears(app: Marketplace, clock: SteppingClock, cast: Cast, consortium: UUID,
                          firm: str) -> None:
    # A fee due today falls into arrears once the 30-day grace period has passed.
    app.assess_fees(consortium, "arrears", clock.now().date())
    clock.advance(days=31)
    app.suspend_for_arrears(cast.membership(firm))
    assert app.get_membership(cast.membership(firm)).status == "suspended"


@given(parsers.parse("{days:d} days have passed"))
@when(parsers.parse("{days:d} days pass"))
def days_pass(clock: SteppingClock, days: int) -> None:
    clock.advance(days=days)


# Then: refusals


@then(parsers.parse('the request is refused as {refusal}, saying "{message}"'))
@judges_refusals
def refused(outcome: Outcome, refusal: str, message: str) -> None:
    outcome.acknowledged = True
    assert refusal in REFUSALS, f"unknown kind of refusal {refusal!r}: use one of {list(REFUSALS)}"
    assert outcome.error is not None, f"the request was accepted: {outcome.result!r}"
    assert type(outcome.error) is REFUSALS[refusal], (
        f"refused with {type(outcome.error).__name__}, not {REFUSALS[refusal].__name__}: "
        f"{outcome.error}"
    )
    assert message in str(outcome.error), f"the refusal says {str(outcome.error)!r}"
    check_reads_well(str(outcome.error))


@then("nothing is recorded")
@judges_refusals
def nothing_recorded(app: Marketplace, cast: Cast, outcome: Outcome) -> None:
    assert outcome.error is not None, "the request was accepted"
    assert log_position(app) == outcome.position, "events were stored"
    assert versions(app, cast) == outcome.versions, "an aggregate changed"
    assert people_kept(app) == outcome.people, "personal data stayed in the vault"
