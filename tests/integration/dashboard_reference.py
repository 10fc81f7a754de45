"""The dashboard's bid and fee figures as first read: every RFQ and fee row, into Python.

The reference that the rollups (marketplace/dashboard/bidrollups.py, marketplace/fees/totals.py)
are verified against: it reads rm_bids and rm_fees whole, right by inspection, slow by design.
"""

from __future__ import annotations

from decimal import Decimal
from statistics import median
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import SETTLED
from marketplace.bidding.readmodel import bids
from marketplace.fees.readmodel import fees

DAY_SECONDS = Decimal(86400)


def bid_figures_from_every_rfq(engine: Engine, consortium_id: UUID | str | None
                               ) -> dict[str, Any]:
    query = select(bids.c.buyer_country, bids.c.currency, bids.c.received_at,
                   bids.c.quoted_at, bids.c.responded_at, bids.c.responded_on_time,
                   bids.c.contract_value)
    if consortium_id is not None:
        query = query.where(bids.c.consortium_id == str(consortium_id))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    answered = [r for r in rows if r.responded_at is not None]
    waits = [Decimal((r.quoted_at - r.received_at).total_seconds()) / DAY_SECONDS
             for r in rows if r.quoted_at is not None]
    by_country: dict[str, dict[str, Decimal]] = {}
    for r in rows:
        if r.contract_value is not None:
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


def fee_figures_from_every_fee(engine: Engine, consortium_id: UUID | str | None
                               ) -> dict[str, dict[str, Decimal]]:
    query = select(fees.c.currency, fees.c.amount, fees.c.status, fees.c.refunded)
    if consortium_id is not None:
        query = query.where(fees.c.consortium_id == str(consortium_id))
    sums: dict[str, dict[str, Decimal]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            entry = sums.setdefault(row.currency, {"assessed": Decimal(0),
                                                   "collected": Decimal(0)})
            entry["assessed"] += row.amount
            if row.status in SETTLED:
                entry["collected"] += row.amount - row.refunded
    return dict(sorted(sums.items()))
