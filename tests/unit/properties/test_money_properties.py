"""Money keeps its currency: no arithmetic or comparison mixes two without a conversion."""

from __future__ import annotations

import operator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import CurrencyMismatchError, InvalidMoneyError
from domain.money import Money, minor_units, total
from domain.rules import ConsortiumRules

CODES = st.sampled_from(["EUR", "USD", "JPY", "KWD", "CLF", "MXN"])
MIXING = [operator.add, operator.sub, operator.lt, operator.le, operator.gt, operator.ge]


@st.composite
def amounts(draw: st.DrawFn, currency: st.SearchStrategy[str] = CODES) -> Money:
    code = draw(currency)
    return Money.from_minor(draw(st.integers(0, 10**15)), code)


@given(a=amounts(), b=amounts(), mix=st.sampled_from(MIXING))
def test_two_currencies_never_mix(a: Money, b: Money, mix) -> None:
    if a.currency == b.currency:
        try:
            result = mix(a, b)
        except InvalidMoneyError:  # only a negative difference is refused
            assert mix is operator.sub and b.amount > a.amount
            return
        if isinstance(result, Money):
            assert result.currency == a.currency
        return
    with pytest.raises(CurrencyMismatchError):
        mix(a, b)


@given(code=CODES, minors=st.lists(st.integers(0, 10**12), max_size=8))
def test_a_sum_keeps_its_currency_and_is_exact(code: str, minors: list[int]) -> None:
    summed = total([Money.from_minor(m, code) for m in minors], code)
    assert summed.currency == code and summed.minor == sum(minors)
    assert summed.amount.as_tuple().exponent == -minor_units(code)


@given(parts=st.lists(amounts(), min_size=2, max_size=6))
def test_a_sum_of_mixed_currencies_is_refused(parts: list[Money]) -> None:
    currencies = {p.currency for p in parts}
    if len(currencies) == 1:
        assert total(parts, parts[0].currency).currency == parts[0].currency
        return
    with pytest.raises(CurrencyMismatchError):
        total(parts, parts[0].currency)


@given(code=CODES, text=st.text(max_size=30) | st.decimals(allow_nan=True).map(str))
def test_parsed_money_is_exact_in_its_minor_unit_or_refused(code: str, text: str) -> None:
    try:
        money = Money.of(text, code)
    except InvalidMoneyError:
        return
    assert money.currency == code and money.amount >= 0
    assert Money.from_minor(money.minor, code) == money


@given(share=amounts(st.sampled_from(["EUR", "JPY", "KWD"])),
       percent=st.decimals(min_value=0, max_value=25, places=2))
def test_a_success_fee_is_in_the_shares_currency_and_never_more_than_it(
        share: Money, percent: Decimal) -> None:
    rules = ConsortiumRules(quote_response_days=5, annual_fees={"standard": Money.of(1, "EUR")},
                            success_fee_percent=percent)
    fee = rules.success_fee(share)
    assert fee.currency == share.currency and fee <= share
