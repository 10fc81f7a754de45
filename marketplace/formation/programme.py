"""The installation's default programme cap of seed funding.

Each registered agency runs its own programme, with its cap (marketplace/agencies/); this
default (`CONSORTIA_PROGRAMME_CAP`, read by `marketplace.settings`) is the cap of the
consortia of an agency never registered, and what a new agency's programme starts from. A
value that cannot be read stops the start, rather than fund beyond the programme. The
per-agency setting of older versions (`CONSORTIA_PROGRAMME_CAPS`) is refused: an agency's
cap is its record's, set on screen or with `consortia agencies register`.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import DomainError
from domain.money import CEILING, Money
from marketplace.errors import ConfigurationError

DEFAULT_PROGRAMME_CAP = Money.of("700000", "EUR")


@dataclass(frozen=True)
class ProgrammeCaps:
    """The installation's default programme cap."""

    default: Money = DEFAULT_PROGRAMME_CAP

    @classmethod
    def parse(cls, default: str | None = None, per_agency: str | None = None) -> ProgrammeCaps:
        """`CONSORTIA_PROGRAMME_CAP` ("EUR 700000"); ConfigurationError on anything else, and
        on `CONSORTIA_PROGRAMME_CAPS`, which no longer sets anything."""
        if per_agency and per_agency.strip():
            raise ConfigurationError(
                "CONSORTIA_PROGRAMME_CAPS is no longer read: each agency's programme cap is "
                "its record's; register the agency with it (consortia agencies register) and "
                "remove the setting")
        cap = read_money("CONSORTIA_PROGRAMME_CAP", default) if default and default.strip() \
            else DEFAULT_PROGRAMME_CAP
        return cls(cap)


def read_money(name: str, value: str) -> Money:
    """'EUR 700000' as money above zero; otherwise a ConfigurationError that names the
    setting or option `name` it was given as."""
    currency, _sep, amount = value.strip().partition(" ")
    try:
        money = Money.of(amount.strip().replace("_", ""), currency)
    except (DomainError, ValueError, ArithmeticError):
        money = None
    if money is None or not money or money.amount >= CEILING:
        raise ConfigurationError(
            "%(setting)s must be a currency and an amount above zero, such as 'EUR 700000', "
            "not %(value)s", setting=name, value=repr(value.strip()))
    return money
