"""The quote's arithmetic: contributions converted with the manager's rates, plus a margin.

Exact throughout: Decimal amounts, each step rounded to the currency's minor unit, half
to even, and work shares split to the cent so that they always add up to the contract.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from domain.errors import InvalidValueError
from domain.money import minor_units

Rates = Mapping[tuple[str, str], Decimal]


def cents(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half to even."""
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_EVEN)


def parse_percent(value: str | Decimal, what: str = "the margin") -> Decimal:
    """A percentage from 0 to 100 with at most two decimals, as a person types it."""
    try:
        percent = Decimal(str(value).strip().rstrip("%").strip() or "x")
    except InvalidOperation:
        raise InvalidValueError(f"{what} must be a number of percent, such as 8 or 7.5") from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise InvalidValueError(f"{what} must be between 0 and 100 percent")
    if percent != percent.quantize(Decimal("0.01")):
        raise InvalidValueError(f"{what} has at most two decimals")
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

    Each share is rounded down to the cent; the cents left over go one by one to the
    largest remainders (then by member id), so no cent is lost or invented.
    """
    positive = {key: weight for key, weight in weights.items() if weight > 0}
    whole = sum(positive.values(), Decimal(0))
    if not positive or whole <= 0:
        return {}
    unit = Decimal(1).scaleb(-minor_units(currency))
    raw = {key: value * weight / whole for key, weight in positive.items()}
    shares = {key: amount.quantize(unit, rounding=ROUND_DOWN) for key, amount in raw.items()}
    left = int((value - sum(shares.values(), Decimal(0))) / unit)
    for key in sorted(raw, key=lambda k: (shares[k] - raw[k], k))[:left]:
        shares[key] += unit
    return shares
