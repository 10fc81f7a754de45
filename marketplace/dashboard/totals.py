"""A consortium's contract value in one currency, through its own rate table.

The dashboard shows it beside the contract values per currency it sums (all time or a
period's): each other currency converted at the rate that held on the day asked for.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy.engine import Engine

from marketplace.bidding.queries import rate_table


def contract_total(engine: Engine, consortium_id: UUID | str, currency: str,
                   by_currency: dict[str, list[tuple[str, Decimal]]], day: date) -> dict[str, Any]:
    """The contract value in one currency, through the consortium's own rate table.

    Each other currency is converted at the rate that holds on `day` (set for that pair,
    or the inverse of the pair set the other way). A currency with no rate is left out of
    the total and named, never guessed. Says which rates it used, and from which day.
    """
    held: dict[tuple[str, str], tuple[Decimal, date]] = {}
    for row in reversed(rate_table(engine, str(consortium_id))):  # oldest first
        if row["as_of"] <= day:
            held[(row["currency_from"], row["currency_to"])] = (row["rate"], row["as_of"])
    total, used, missing = Decimal(0), [], []
    for source, countries in sorted(by_currency.items()):
        value = sum((amount for _country, amount in countries), Decimal(0))
        if source == currency:
            total += value
        elif (source, currency) in held:
            rate, as_of = held[(source, currency)]
            total += value * rate
            used.append({"from": source, "to": currency, "rate": rate, "as_of": as_of})
        elif (currency, source) in held:
            rate, as_of = held[(currency, source)]
            total += value / rate
            used.append({"from": currency, "to": source, "rate": rate, "as_of": as_of})
        else:
            missing.append(source)
    return {"currency": currency, "total": total.quantize(Decimal("0.01")), "rates": used,
            "missing": missing}
