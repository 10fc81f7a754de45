"""What the aggregate machines share: refused commands, replay, money and text to draw."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from domain import clock
from domain.base import DomainAggregate
from domain.errors import DomainError
from domain.money import Money
from tests.conftest import START

__all__ = ["START", "attempt", "assert_replays", "money", "part_of"]
# Mostly the currency the aggregate counts in, sometimes another, with other minor units.
CURRENCIES = st.sampled_from(["EUR", "EUR", "EUR", "USD", "JPY"])


def _state(aggregate: DomainAggregate) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def attempt(aggregate: DomainAggregate, command: Callable[[], object],
            moment: datetime = START) -> DomainError | None:
    """Run a command at `moment`; a refusal must be a DomainError that changes nothing.

    Any other exception is a bug and propagates. Returns the refusal, or None if done.
    """
    before = copy.deepcopy(_state(aggregate))
    pending = list(aggregate.pending_events)
    try:
        with clock.occurring_at(moment):
            command()
    except DomainError as refusal:
        assert _state(aggregate) == before, f"refused ({refusal}) yet the state changed"
        assert list(aggregate.pending_events) == pending, f"refused ({refusal}) yet an event"
        return refusal
    return None


def replayed(aggregate: DomainAggregate) -> dict[str, Any]:
    """The state its events add up to, replayed from nothing (every event is still pending)."""
    rebuilt = functools.reduce(lambda state, event: event.mutate(state),
                               aggregate.pending_events, None)
    assert rebuilt is not None
    return _state(rebuilt)


def assert_replays(aggregate: DomainAggregate) -> None:
    """State is what the events add up to: a replay gives the very same aggregate."""
    assert replayed(aggregate) == _state(aggregate)


@st.composite
def money(draw: st.DrawFn, currency: st.SearchStrategy[str] = CURRENCIES,
          high: int = 1_000_000_00) -> Money | Any:
    """Usually an amount of money; now and then zero, a float or a bare Decimal."""
    code = draw(currency)
    minor = draw(st.integers(min_value=1, max_value=high))
    kind = draw(st.sampled_from(["money"] * 17 + ["zero", "float", "plain"]))
    if kind == "float":
        return minor / 100
    if kind == "plain":
        return Decimal(minor) / 100
    return Money.from_minor(0 if kind == "zero" else minor, code)


def part_of(whole: Money, fraction: Decimal) -> Money:
    """A fraction of an amount, to its minor unit; at least one minor unit."""
    return Money.from_minor(max(1, int(whole.minor * fraction)), whole.currency)


# Fractions of what is left or allowed: below, at and just beyond the limit.
FRACTIONS = st.sampled_from([Decimal(f) for f in ("0.1", "0.25", "0.5", "1", "1.01", "2")])


# Free text as people type it: often sensible, sometimes blank, huge or full of controls.
TEXTS = st.one_of(
    *[st.sampled_from(["Steel structures.", "Annual review", "Ref 2025/07"])] * 6,
    st.text(max_size=40),
    st.text(min_size=1, max_size=3).map(lambda s: s * 2000),
)
