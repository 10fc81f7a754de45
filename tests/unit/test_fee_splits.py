"""Every split of money in fees adds up to the whole, to the cent, by largest remainder.

Two places split a fee: a success fee into the members' shares of an award, and an annual
fee into the months a member who joins mid-year pays (pro rata) and the months before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.money import Money, minor_units, split
from tests.story import rules

CODES = st.sampled_from(["EUR", "USD", "JPY", "KWD", "MXN"])


@st.composite
def money(draw: st.DrawFn, currency: str, low: int = 1) -> Money:
    return Money.from_minor(draw(st.integers(low, 10**13)), currency)


@st.composite
def award(draw: st.DrawFn) -> tuple[Decimal, dict[int, Money]]:
    currency = draw(CODES)
    percent = Decimal(draw(st.integers(0, 2500))) / 100  # 0 to 25 %, in hundredths
    count = draw(st.integers(1, 25))
    shares = {n: draw(money(currency)) for n in range(count)}
    return percent, shares


@given(award())
def test_success_fee_shares_add_up_to_the_fee_on_the_whole_award(
    drawn: tuple[Decimal, dict[int, Money]],
) -> None:
    percent, shares = drawn
    adopted = rules(success_fee_percent=percent)
    currency = next(iter(shares.values())).currency
    whole = Money(sum(share.amount for share in shares.values()), currency)
    fees = adopted.success_fees(shares)
    assert set(fees) == set(shares)
    assert sum(fee.amount for fee in fees.values()) == adopted.success_fee(whole).amount
    # Largest remainder: no share's fee is more than one minor unit from its exact part.
    unit = Decimal(1).scaleb(-minor_units(currency))
    for key, fee in fees.items():
        exact = shares[key].amount * adopted.success_fee(whole).amount / whole.amount
        assert abs(fee.amount - exact) < unit


@given(fee=st.integers(1, 10**13), currency=CODES, month=st.integers(1, 12),
       year=st.integers(2000, 2100))
def test_a_pro_rata_fee_and_the_months_before_it_add_up_to_the_annual_fee(
    fee: int, currency: str, month: int, year: int,
) -> None:
    annual = Money.from_minor(fee, currency)
    adopted = rules(pro_rata=True, annual_fees={"standard": annual})
    charged = adopted.annual_fee_for("standard", date(year, month, 1), year)
    assert charged.months == 13 - month
    before = split(annual, [charged.months, 12 - charged.months])[1]
    assert charged.amount + before == annual
    exact = annual.amount * charged.months / 12
    assert abs(charged.amount.amount - exact) < Decimal(1).scaleb(-minor_units(currency))


@given(whole=st.integers(0, 10**13), currency=CODES,
       weights=st.lists(st.integers(0, 10**9), min_size=1, max_size=30).filter(any))
def test_split_gives_parts_that_add_up_to_the_whole(
    whole: int, currency: str, weights: list[int],
) -> None:
    money_whole = Money.from_minor(whole, currency)
    parts = split(money_whole, weights)
    assert len(parts) == len(weights)
    assert sum(part.minor for part in parts) == whole
    assert all(part.minor == 0 for part, weight in zip(parts, weights, strict=True)
               if weight == 0)
