"""Money in Stripe's terms: integer minor units and lower-case currency codes."""

from __future__ import annotations

from decimal import Decimal

from domain.money import Money, minor_units


def to_minor(money: Money) -> int:
    """EUR 2,400.00 -> 240000; JPY 5,000 -> 5000."""
    return int(money.amount.scaleb(minor_units(money.currency)))


def from_minor(amount: int, currency: str) -> Money:
    code = currency.upper()
    return Money(Decimal(int(amount)).scaleb(-minor_units(code)), code)


def mismatch(expected: Money, amount: object, currency: object) -> str | None:
    """Why a processor's amount and currency are not the fee assessed; None if they are."""
    if not isinstance(currency, str) or currency.upper() != expected.currency:
        return (f"the payment is in {str(currency).upper()[:20]}, but the fee was assessed in "
                f"{expected.currency}")
    if isinstance(amount, bool) or not isinstance(amount, int):
        shown = repr(amount)[:40]  # a processor's field can hold anything
    elif amount == to_minor(expected):
        return None
    elif 0 <= amount < 10**15:
        shown = str(from_minor(amount, currency).amount)
    else:  # beyond any sum Money takes (and str() of an int stops at 4,300 digits)
        shown = "out of range,"
    return (f"the payment is {shown} {expected.currency}, but the fee assessed is "
            f"{expected.amount} {expected.currency}")
