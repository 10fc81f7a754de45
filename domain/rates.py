"""The exchange-rate table a consortium's manager keeps: the service never asks the internet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain import clock
from domain.base import DomainAggregate
from domain.errors import InvalidValueError
from domain.ids import NAMESPACE
from domain.money import currency_code

# A rate is typed by a person from a bank's sheet: ten decimals are more than any quotes.
RATE_DECIMALS = 10


def rate_table_id(consortium_id: UUID) -> UUID:
    """Each consortium has one rate table, found from the consortium's id."""
    return uuid5(NAMESPACE, f"rates:{consortium_id}")


def parse_rate(value: Decimal | str | int) -> Decimal:
    """An exact rate above zero: how many units of one currency buy one of another."""
    if isinstance(value, bool | float):
        raise InvalidValueError("an exchange rate must be an exact number, never a float")
    try:
        rate = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValueError("%(value)s is not an exchange rate", value=repr(value)) from None
    if not rate.is_finite() or rate <= 0:
        raise InvalidValueError("an exchange rate must be a number above zero")
    if rate.as_tuple().exponent < -RATE_DECIMALS:  # type: ignore[operator]
        raise InvalidValueError("an exchange rate has at most %(decimals)s decimals",
                                decimals=RATE_DECIMALS)
    if rate >= 10**9:
        raise InvalidValueError("an exchange rate must be below 1,000,000,000")
    return rate


class ExchangeRates(DomainAggregate):
    """One consortium's rates, each valid from the day it was set for."""

    class Opened(DomainAggregate.Created):
        consortium_id: UUID

    class RateSet(DomainAggregate.Event):
        consortium_id: UUID
        currency_from: str
        currency_to: str
        rate: Decimal
        as_of: date

    @staticmethod
    def create_id(consortium_id: UUID, **_: object) -> UUID:
        return rate_table_id(consortium_id)

    @classmethod
    def open(cls, consortium_id: UUID) -> ExchangeRates:
        """Start the consortium's rate table."""
        return cls(consortium_id=consortium_id)

    @event(Opened)
    def __init__(self, consortium_id) -> None:
        self.consortium_id = consortium_id
        self.rates: dict[str, Decimal] = {}

    def set_rate(self, currency_from: str, currency_to: str, rate: Decimal | str,
                 as_of: date) -> None:
        """One unit of `currency_from` is worth `rate` units of `currency_to` from `as_of`."""
        source, target = currency_code(currency_from), currency_code(currency_to)
        if source == target:
            raise InvalidValueError("a rate converts between two different currencies")
        if not isinstance(as_of, date) or as_of > clock.now().date():
            raise InvalidValueError("a rate cannot be set for a day still to come")
        # The event names the consortium, so a read model needs no other event to file it.
        self._set_rate(self.consortium_id, source, target, parse_rate(rate), as_of)

    @event(RateSet)
    def _set_rate(self, consortium_id, currency_from, currency_to, rate, as_of) -> None:
        self.rates[f"{currency_from}/{currency_to}@{as_of.isoformat()}"] = rate
