"""The quote's arithmetic: contributions converted with the manager's rates, plus a margin.

Exact throughout: Decimal amounts, each step rounded to the currency's minor unit, half
to even, and work shares split to the cent so that they always add up to the contract.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from domain.errors import N_, InvalidValueError
from domain.money import Money, minor_units, split

Rates = Mapping[tuple[str, str], Decimal]


def cents(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half to even."""
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_EVEN)


def parse_percent(value: str | Decimal, what: str = N_("the margin")) -> Decimal:
    """A percentage from 0 to 100 with at most two decimals, as a person types it.

    `what` is marked with N_ for the catalogs.
    """
    try:
        percent = Decimal(str(value).strip().rstrip("%").strip() or "x")
    except InvalidOperation:
        raise InvalidValueError("%(what)s must be a number of percent, such as 8 or 7.5",
                                what=what) from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise InvalidValueError("%(what)s must be between 0 and 100 percent", what=what)
    if percent != percent.quantize(Decimal("0.01")):
        raise InvalidValueError("%(what)s has at most two decimals", what=what)
    return percent


@dataclass(frozen=True)
class Line:
    """One committed contribution, in its own currency and in the quote's."""

    membership_id: str
    company_name: str
    stage: str
    price: Decimal
    currency: str
    rate: Decimal | None  # None: same currency, or no rate kept for the pair
    converted: Decimal | None
    lead_time_days: int


@dataclass(frozen=True)
class Assembly:
    """The quote as the sum of its contributions plus the management margin."""

    currency: str
    margin_percent: Decimal
    lines: list[Line] = field(default_factory=list)
    missing_rates: list[str] = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    margin: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    lead_time_days: int = 0

    @property
    def complete(self) -> bool:
        return bool(self.lines) and not self.missing_rates


def assemble(contributions: Iterable[Mapping[str, Any]], currency: str, rates: Rates,
             margin_percent: Decimal) -> Assembly:
    """Convert each committed contribution into `currency` and add the margin."""
    lines: list[Line] = []
    missing: list[str] = []
    for row in contributions:
        rate = None if row["currency"] == currency else rates.get((row["currency"], currency))
        converted: Decimal | None = row["price"]
        if row["currency"] != currency:
            converted = None if rate is None else cents(row["price"] * rate, currency)
            if rate is None and f"{row['currency']}/{currency}" not in missing:
                missing.append(f"{row['currency']}/{currency}")
        lines.append(Line(row["membership_id"], row["company_name"], row["stage"], row["price"],
                          row["currency"], rate, converted, row["lead_time_days"]))
    subtotal = sum((line.converted or Decimal(0) for line in lines), Decimal(0))
    margin = cents(subtotal * margin_percent / 100, currency)
    return Assembly(currency, margin_percent, lines, missing, cents(subtotal, currency), margin,
                    cents(subtotal, currency) + margin,
                    max((line.lead_time_days for line in lines), default=0))


def by_member(assembly: Assembly) -> dict[str, Decimal]:
    """Each member's contributions added up, in the quote's currency."""
    summed: dict[str, Decimal] = {}
    for line in assembly.lines:
        summed[line.membership_id] = summed.get(line.membership_id, Decimal(0)) + (
            line.converted or Decimal(0))
    return summed


def proportional_shares(weights: Mapping[str, Decimal], value: Decimal, currency: str
                        ) -> dict[str, Decimal]:
    """Split `value` in proportion to `weights`, to the cent, adding up exactly.

    `domain.money.split` does it by largest remainder (ties to the lower member id), so
    no cent is lost or invented.
    """
    positive = {key: weight for key, weight in sorted(weights.items()) if weight > 0}
    if not positive:
        return {}
    parts = split(Money(value, currency), list(positive.values()))
    return {key: part.amount for key, part in zip(positive, parts, strict=True)}
