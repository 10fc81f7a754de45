"""Every split of money in bidding adds up to the whole, to the cent, by largest remainder.

Bidding splits money in one place: the award's work shares proposed in proportion to what
each member contributed (`quoting.proportional_shares`, which the award page and its
"share in proportion again" use). It goes through `domain.money.split`.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.money import minor_units
from marketplace.bidding.quoting import proportional_shares

CURRENCIES = st.sampled_from(["EUR", "USD", "JPY", "KWD", "CLF"])
MEMBERS = st.lists(st.uuids().map(str), min_size=1, max_size=12, unique=True)


def _amounts(currency: str, top: int = 10**11) -> st.SearchStrategy[Decimal]:
    places = minor_units(currency)
    return st.integers(min_value=0, max_value=top * 10**places).map(
        lambda units: Decimal(units).scaleb(-places))


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Decimal], Decimal, str]:
    currency = draw(CURRENCIES)
    members = draw(MEMBERS)
    weights = {m: draw(_amounts(currency, 10**9)) for m in members}
    value = draw(_amounts(currency))
    return weights, value, currency


@given(cases())
def test_work_shares_add_up_to_the_contract_to_the_cent(
    case: tuple[dict[str, Decimal], Decimal, str],
) -> None:
    weights, value, currency = case
    shares = proportional_shares(weights, value, currency)
    if not any(weight > 0 for weight in weights.values()):
        assert shares == {}
        return
    assert sum(shares.values(), Decimal(0)) == value
    assert set(shares) == {m for m, w in weights.items() if w > 0}
    unit = Decimal(1).scaleb(-minor_units(currency))
    whole = sum(weights.values(), Decimal(0))
    for member, share in shares.items():
        assert share == share.quantize(unit)  # in the currency's minor unit
        exact = value * weights[member] / whole
        assert abs(share - exact) < unit  # largest remainder: never a unit off the exact


@given(cases())
def test_the_split_does_not_depend_on_the_order_members_come_in(
    case: tuple[dict[str, Decimal], Decimal, str],
) -> None:
    weights, value, currency = case
    backwards = dict(reversed(list(weights.items())))
    assert proportional_shares(weights, value, currency) == proportional_shares(
        backwards, value, currency)


def test_a_cent_left_over_goes_to_the_largest_remainder() -> None:
    shares = proportional_shares({"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)},
                                 Decimal("100.00"), "EUR")
    assert shares == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
