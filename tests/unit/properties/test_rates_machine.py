"""ExchangeRates: every rate is exact, above zero, between two currencies, never ahead."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.money import currency_code
from domain.rates import RATE_DECIMALS, ExchangeRates
from tests.unit.properties.support import START, assert_replays, attempt

CODES = st.sampled_from(["EUR", "USD", "MXN", "JPY", "eur", "XAU", "EURO", ""])
RATES = st.one_of(
    st.decimals(min_value=Decimal("0.0000000001"), max_value=Decimal(10**6), places=4,
                allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1.0850", " 19.5 ", "0", "-1", "1e9", "abc", "0.00000000001"]),
    st.floats(allow_nan=False, min_value=0.1, max_value=10),
)


class ExchangeRatesMachine(RuleBasedStateMachine):
    """Random rates typed into one consortium's table as days go by."""

    @initialize()
    def open(self) -> None:
        with clock.occurring_at(START):
            self.table = ExchangeRates.open(UUID(int=30))
        self.day = START
        self.set_on: dict[str, date] = {}  # rate key -> the day it was typed in

    @rule(source=CODES, to=CODES, rate=RATES, days=st.integers(-30, 3))
    def set_rate(self, source: str, to: str, rate: Decimal, days: int) -> None:
        as_of = self.day.date() + timedelta(days=days)
        before = set(self.table.rates)
        if attempt(self.table, lambda: self.table.set_rate(source, to, rate, as_of),
                   self.day) is None:
            self.set_on.update({key: self.day.date() for key in set(self.table.rates) - before})

    @rule(days=st.integers(1, 30))
    def time_passes(self, days: int) -> None:
        self.day += timedelta(days=days)

    @invariant()
    def every_rate_is_exact_positive_and_bounded(self) -> None:
        for rate in self.table.rates.values():
            assert isinstance(rate, Decimal) and rate.is_finite()
            assert 0 < rate < 10**9 and rate.as_tuple().exponent >= -RATE_DECIMALS

    @invariant()
    def a_rate_joins_two_currencies_and_starts_no_later_than_it_was_set(self) -> None:
        for key in self.table.rates:
            pair, as_of = key.split("@")
            source, target = pair.split("/")
            assert source != target and currency_code(source) == source
            assert currency_code(target) == target
            assert date.fromisoformat(as_of) <= self.set_on[key]

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.table)


TestExchangeRates = ExchangeRatesMachine.TestCase
