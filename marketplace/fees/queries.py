"""What the manager's fee screen reads: the ledger by period, and who is in arrears."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.money import Money
from domain.receipts import tax_lines
from domain.statuses import MEMBER, SETTLED, UNPAID, FeeStatus, MembershipStatus
from marketplace.errors import NotFoundError
from marketplace.fees.kinds import described
from marketplace.fees.readmodel import credit_notes as credit_notes_table
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
    notes = (select(credit_notes_table.c.membership_id, credit_notes_table.c.fee_id,
                    credit_notes_table.c.credit_note)
             .where(credit_notes_table.c.consortium_id == str(consortium_id))
             .order_by(credit_notes_table.c.issued_on, credit_notes_table.c.credit_note))
    periods: dict[str, Row] = {}
    with engine.connect() as conn:
        rows = described(conn, [dict(row._mapping) for row in conn.execute(query)])
        issued: dict[tuple[str, str], list[str]] = defaultdict(list)
        for note in conn.execute(notes):
            issued[(note.membership_id, note.fee_id)].append(note.credit_note)
        for fee in rows:
            fee["credit_notes"] = issued.get((fee["membership_id"], fee["fee_id"]), [])
            fee["creditable"] = fee["status"] in UNPAID
            fee["has_receipt"] = fee["status"] in SETTLED
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
            "outstanding": Decimal(0), "credited": Decimal(0)}


def _add(totals: dict[str, Decimal], fee: Row) -> None:
    totals["assessed"] += fee["amount"]
    totals["refunded"] += fee["refunded"]
    totals["credited"] += fee["credited"]
    if fee["status"] in UNPAID:
        totals["outstanding"] += fee["due"]
    elif fee["status"] != FeeStatus.CREDITED:
        totals["paid"] += fee["due"]


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
        rows = described(conn, [dict(r._mapping) for r in conn.execute(query)])
    for row in rows:
        row["overdue"] = row["status"] in UNPAID and row["due_on"] < today
    return rows


def credit_notes(engine: Engine, membership_id: UUID | str, fee_id: str | None = None,
                 ) -> list[Row]:
    """The credit notes issued on a membership's fees (on one fee if named), oldest first."""
    table = credit_notes_table
    query = (select(table).where(table.c.membership_id == str(membership_id))
             .order_by(table.c.issued_on, table.c.credit_note))
    if fee_id is not None:
        query = query.where(table.c.fee_id == fee_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def credit_note(engine: Engine, number: str) -> Row:
    """One credit note with the fee it corrects, its member and consortium."""
    table = credit_notes_table
    query = (select(table, fees.c.period, fees.c.amount.label("fee_amount"),
                    fees.c.credited.label("fee_credited"), members.c.company_name,
                    catalog.c.name.label("consortium_name"))
             .join(fees, (fees.c.membership_id == table.c.membership_id)
                   & (fees.c.fee_id == table.c.fee_id))
             .join(members, members.c.membership_id == table.c.membership_id)
             .join(catalog, catalog.c.consortium_id == table.c.consortium_id)
             .where(table.c.credit_note == number))
    with engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            raise NotFoundError("there is no credit note %(number)s", number=number)
        note = described(conn, [dict(row._mapping)])[0]
    note["fee_due"] = note["fee_amount"] - note["fee_credited"]
    return note


def receipt_lines(fee: Row) -> Row:
    """A paid fee's receipt as issued: number, issuer, and the net and tax the amount
    paid held at the rate recorded with the payment (no tax lines when none was set)."""
    paid = Money(fee["due"], fee["currency"])
    lines: Row = {"number": fee.get("receipt"), "issuer": fee.get("issuer"), "paid": paid,
                  "tax_name": fee.get("tax_name"), "tax_rate": fee.get("tax_rate")}
    if lines["tax_rate"] is not None:
        lines["net"], lines["tax"] = tax_lines(paid, lines["tax_rate"])
    return lines
