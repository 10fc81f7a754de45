"""What the manager's fee screen reads: the ledger by period, and who is in arrears."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import MEMBER, UNPAID, MembershipStatus
from marketplace.fees.readmodel import fees
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def fee_periods(engine: Engine, consortium_id: UUID | str, today: date) -> list[Row]:
    """The consortium's fees grouped by period, newest first, with totals per currency."""
    query = (select(fees, members.c.company_name, members.c.status.label("standing"))
             .join(members, members.c.membership_id == fees.c.membership_id)
             .where(fees.c.consortium_id == str(consortium_id))
             .order_by(fees.c.period.desc(), members.c.company_name, fees.c.fee_id))
    periods: dict[str, Row] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            fee = dict(row._mapping)
            fee["kind"] = "success" if fee["fee_id"].startswith("success-") else "annual"
            fee["overdue"] = fee["status"] in UNPAID and fee["due_on"] < today
            fee["suspended"] = fee["standing"] == MembershipStatus.SUSPENDED
            period = periods.setdefault(fee["period"], {"period": fee["period"], "fees": [],
                                                        "totals": defaultdict(_totals)})
            period["fees"].append(fee)
            _add(period["totals"][fee["currency"]], fee)
    for period in periods.values():
        period["totals"] = dict(sorted(period["totals"].items()))
    return list(periods.values())


def _totals() -> dict[str, Decimal]:
    return {"assessed": Decimal(0), "paid": Decimal(0), "refunded": Decimal(0),
            "outstanding": Decimal(0)}


def _add(totals: dict[str, Decimal], fee: Row) -> None:
    totals["assessed"] += fee["amount"]
    totals["refunded"] += fee["refunded"]
    if fee["status"] in UNPAID:
        totals["outstanding"] += fee["amount"]
    else:
        totals["paid"] += fee["amount"]


def member_standing(engine: Engine, consortium_id: UUID | str) -> dict[str, int]:
    """How many members are in good standing and how many are suspended for arrears."""
    query = (select(members.c.status)
             .where(members.c.consortium_id == str(consortium_id),
                    members.c.status.in_(MEMBER)))
    with engine.connect() as conn:
        statuses = [row.status for row in conn.execute(query)]
    return {"joined": statuses.count(MembershipStatus.JOINED),
            "suspended": statuses.count(MembershipStatus.SUSPENDED)}


def managed_consortia(engine: Engine, consortium_ids: set[str] | None) -> list[Row]:
    """The consortia with rules, by name: the given ones, or all of them (None)."""
    query = (select(catalog.c.consortium_id, catalog.c.slug, catalog.c.name, catalog.c.status)
             .where(catalog.c.quote_response_days.is_not(None)).order_by(catalog.c.name))
    if consortium_ids is not None:
        query = query.where(catalog.c.consortium_id.in_(sorted(consortium_ids)))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def fee_ledger(engine: Engine, consortium_id: UUID | str, today: date | None = None) -> list[Row]:
    """Every fee of a consortium's members; unpaid fees past their due date are overdue."""
    today = today or datetime.now(tz=UTC).date()
    query = (select(fees, members.c.company_name)
             .join(members, members.c.membership_id == fees.c.membership_id)
             .where(fees.c.consortium_id == str(consortium_id))
             .order_by(members.c.company_name, fees.c.period, fees.c.fee_id))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["overdue"] = row["status"] in UNPAID and row["due_on"] < today
    return rows
