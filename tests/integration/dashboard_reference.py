"""The dashboard's bid and fee figures as first read: every RFQ and fee row, into Python.

The reference that the rollups (marketplace/dashboard/bidrollups.py, marketplace/fees/totals.py)
are verified against: it reads rm_bids and rm_fees whole, right by inspection, slow by design.
Over a period, an RFQ's answer counts if it was sent in one of the period's months, its wait
if its latest quote was, its contract value if it was awarded then; a fee's amount counts as
assessed in the month it was assessed, and as collected when it was paid (less a refund in
the refund's month): for those, the stored events are read, since a fee's row keeps no dates.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal
from statistics import median
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import SETTLED
from marketplace.application import Marketplace
from marketplace.bidding.readmodel import bids
from marketplace.dashboard.months import ALL_TIME, Months
from marketplace.fees.readmodel import fees
from tests.integration.kpis_from_events import stored_events

DAY_SECONDS = Decimal(86400)
# One consortium, several (an agency's), or None for all.
Scope = UUID | str | Collection[UUID | str] | None


def _ids(scope: Scope) -> set[str] | None:
    if scope is None:
        return None
    return {str(scope)} if isinstance(scope, UUID | str) else {str(c) for c in scope}


def _in(months: Months, moment: datetime | None) -> bool:
    if moment is None:
        return False
    month = moment.astimezone(UTC).strftime("%Y-%m")
    return (months.first is None or months.first <= month) and \
        (months.last is None or month <= months.last)


def bid_figures_from_every_rfq(engine: Engine, consortium_id: Scope,
                               months: Months = ALL_TIME) -> dict[str, Any]:
    query = select(bids.c.buyer_country, bids.c.currency, bids.c.received_at,
                   bids.c.quoted_at, bids.c.responded_at, bids.c.responded_on_time,
                   bids.c.contract_value, bids.c.awarded_at, bids.c.consortium_id)
    wanted = _ids(consortium_id)
    with engine.connect() as conn:
        rows = [r for r in conn.execute(query) if wanted is None or r.consortium_id in wanted]
    answered = [r for r in rows if _in(months, r.responded_at)]
    waits = [Decimal((r.quoted_at - r.received_at).total_seconds()) / DAY_SECONDS
             for r in rows if _in(months, r.quoted_at)]
    by_country: dict[str, dict[str, Decimal]] = {}
    for r in rows:
        if r.contract_value is not None and _in(months, r.awarded_at):
            countries = by_country.setdefault(r.currency, {})
            before = countries.get(r.buyer_country, Decimal(0))
            countries[r.buyer_country] = before + r.contract_value
    return {
        "responses": len(answered),
        "responses_on_time": sum(1 for r in answered if r.responded_on_time),
        "median_days_to_quote": round(median(waits), 1) if waits else None,
        "contract_value_by_country": {
            currency: sorted(countries.items(), key=lambda item: (-item[1], item[0]))
            for currency, countries in sorted(by_country.items())},
    }


def fee_figures_from_every_fee(engine: Engine, consortium_id: Scope
                               ) -> dict[str, dict[str, Decimal]]:
    query = select(fees.c.currency, fees.c.amount, fees.c.status, fees.c.refunded,
                   fees.c.consortium_id)
    wanted = _ids(consortium_id)
    sums: dict[str, dict[str, Decimal]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            if wanted is not None and row.consortium_id not in wanted:
                continue
            entry = sums.setdefault(row.currency, {"assessed": Decimal(0),
                                                   "collected": Decimal(0)})
            entry["assessed"] += row.amount
            if row.status in SETTLED:
                entry["collected"] += row.amount - row.refunded
    return dict(sorted(sums.items()))


def fee_figures_from_events(app: Marketplace, consortium_id: Scope,
                            months: Months = ALL_TIME) -> dict[str, dict[str, Decimal]]:
    """Fees assessed and collected in the period's months, from the stored events."""
    owner: dict[str, str] = {}
    wanted = _ids(consortium_id)
    sums: dict[str, dict[str, Decimal]] = {}
    counted: dict[str, int] = {}
    for event in stored_events(app):
        kind = type(event).__qualname__
        me = str(event.originator_id)
        if kind == "Membership.Invited":
            owner[me] = str(event.consortium_id)
        if not kind.startswith("Membership.Fee") or not _in(months, event.timestamp) or \
                wanted is not None and owner[me] not in wanted:
            continue
        amount = getattr(event, "amount", None)
        if amount is None:
            continue
        entry = sums.setdefault(amount.currency, {"assessed": Decimal(0),
                                                  "collected": Decimal(0)})
        if kind == "Membership.FeeAssessed":
            entry["assessed"] += amount.amount
            counted[amount.currency] = counted.get(amount.currency, 0) + 1
        elif kind == "Membership.FeePaid":
            entry["collected"] += amount.amount
        elif kind == "Membership.FeeRefunded":
            entry["collected"] -= amount.amount
    return {currency: entry for currency, entry in sorted(sums.items())
            if counted.get(currency) or any(entry.values())}
