"""The quote's arithmetic and the rate table: exact, to the cent, never a float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain import clock
from domain.errors import InvalidValueError
from domain.rates import ExchangeRates, parse_rate
from marketplace.bidding.quoting import assemble, by_member, parse_percent, proportional_shares


def line(member: str, stage: str, price: str, currency: str, days: int = 30) -> dict:
    return {"membership_id": member, "company_name": member.title(), "stage": stage,
            "price": Decimal(price), "currency": currency, "lead_time_days": days}


def test_the_quote_converts_each_contribution_then_adds_the_margin() -> None:
    rows = [line("a", "design", "1000.01", "EUR", 20),
            line("b", "manufacturing", "333.33", "USD", 90)]
    made = assemble(rows, "EUR", {("USD", "EUR"): Decimal("0.9215")}, Decimal("12.5"))
    # 333.33 x 0.9215 = 307.163595 -> 307.16; 1,307.17 x 12.5 % = 163.39625 -> 163.40
    assert [ln.converted for ln in made.lines] == [Decimal("1000.01"), Decimal("307.16")]
    assert (made.subtotal, made.margin, made.total) == (
        Decimal("1307.17"), Decimal("163.40"), Decimal("1470.57"))
    assert made.lead_time_days == 90 and made.complete
    assert by_member(made) == {"a": Decimal("1000.01"), "b": Decimal("307.16")}


def test_a_missing_rate_is_named_and_leaves_the_quote_incomplete() -> None:
    made = assemble([line("a", "design", "10", "GBP"), line("b", "design", "10", "GBP")],
                    "EUR", {("EUR", "GBP"): Decimal("0.85")}, Decimal(0))
    assert made.missing_rates == ["GBP/EUR"]  # the reverse pair is not used: not exact
    assert not made.complete and made.total == 0


def test_a_currency_without_cents_rounds_to_whole_units() -> None:
    made = assemble([line("a", "design", "1000.00", "EUR")], "JPY",
                    {("EUR", "JPY"): Decimal("162.345")}, Decimal("3"))
    assert (made.subtotal, made.margin, made.total) == (
        Decimal("162345"), Decimal("4870"), Decimal("167215"))


@pytest.mark.parametrize(("weights", "value", "expected"), [
    ({"a": "1", "b": "1", "c": "1"}, "100.00", {"a": "33.34", "b": "33.33", "c": "33.33"}),
    ({"a": "90000", "b": "20000.50"}, "120000", {"a": "98181.37", "b": "21818.63"}),
    ({"a": "2", "b": "0"}, "10", {"a": "10.00"}),
    ({"a": "1", "b": "2"}, "0.01", {"b": "0.01", "a": "0.00"}),
])
def test_proportional_shares_add_up_to_the_cent(weights: dict, value: str,
                                                expected: dict) -> None:
    shares = proportional_shares({k: Decimal(v) for k, v in weights.items()}, Decimal(value),
                                 "EUR")
    assert shares == {k: Decimal(v) for k, v in expected.items()}
    assert sum(shares.values()) == Decimal(value)


def test_many_awkward_weights_still_add_up() -> None:
    weights = {f"m{n}": Decimal(n * 7919 % 1013 + 1) / 7 for n in range(23)}
    shares = proportional_shares(weights, Decimal("1234567.89"), "EUR")
    assert sum(shares.values()) == Decimal("1234567.89")
    assert all(s == s.quantize(Decimal("0.01")) for s in shares.values())


@pytest.mark.parametrize("text", ["abc", "-1", "100.5", "7.125", "", "inf"])
def test_a_margin_is_a_percentage_with_two_decimals(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_percent(text)


def test_margins_people_type_are_understood() -> None:
    assert parse_percent(" 7.5 % ") == Decimal("7.5")
    assert parse_percent("0") == 0


def test_a_rate_table_keeps_exact_rates_by_pair_and_day() -> None:
    with clock.occurring_at(clock.now()):
        table = ExchangeRates.open(uuid4())
        table.set_rate("usd", "EUR", "0.9215", date(2025, 3, 3))
        assert table.rates == {"USD/EUR@2025-03-03": Decimal("0.9215")}
        assert table.collect_events()[-1].consortium_id == table.consortium_id


@pytest.mark.parametrize("value", [0.92, "0", "-2", "1e-11", "1000000000", "x"])
def test_a_rate_that_is_not_exact_or_positive_is_refused(value: object) -> None:
    with pytest.raises(InvalidValueError):
        parse_rate(value)  # type: ignore[arg-type]
