"""What a member company sees of itself: profile, requests, fees, peers, shares and contracts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine

from domain.statuses import (
    MEMBER,
    PRICING,
    SETTLED,
    UNPAID,
    BidStatus,
    ContributionStatus,
    FeeStatus,
)
from marketplace.bidding.enquiries import bid_questions_list
from marketplace.bidding.readmodel import bids, contributions, work_shares
from marketplace.bidding.timeline import bid_requests
from marketplace.errors import NotFoundError
from marketplace.fees.kinds import described
from marketplace.fees.readmodel import credit_notes, fees
from marketplace.formation.capabilities import STAGES
from marketplace.membership.readmodel import companies, members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _id(value: UUID | str) -> str:
    return str(value)


def membership(engine: Engine, membership_id: UUID | str) -> Row:
    """One membership with its company's profile and its consortium's name."""
    query = (select(members, companies.c.tax_id, companies.c.employees, companies.c.summary,
                    companies.c.website, companies.c.region,
                    catalog.c.name.label("consortium_name"),
                    catalog.c.slug.label("consortium_slug"))
             .join(companies, companies.c.company_id == members.c.company_id)
             .join(catalog, catalog.c.consortium_id == members.c.consortium_id)
             .where(members.c.membership_id == _id(membership_id)))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("there is no membership with id %(id)s", id=str(membership_id))
    return dict(row._mapping)


def memberships(engine: Engine, ids: set[str] | None = None,
                consortia: set[str] | None = None) -> list[Row]:
    """Memberships by consortium and company name; all of them when neither `ids` nor
    `consortia` is given, else those named and those of the consortia named."""
    query = (select(members.c.membership_id, members.c.company_name, members.c.status,
                    catalog.c.name.label("consortium_name"))
             .join(catalog, catalog.c.consortium_id == members.c.consortium_id)
             .order_by(catalog.c.name, members.c.company_name))
    if ids is not None or consortia is not None:
        query = query.where(or_(members.c.membership_id.in_(sorted(ids or ())),
                                members.c.consortium_id.in_(sorted(consortia or ()))))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _names_one(bid_id: str, stage: str | None) -> bool:
    """Whether these could be an RFQ's id and a stage of it, as a form's address has them."""
    try:
        UUID(bid_id)
    except ValueError:
        return False
    return stage in STAGES


def _open(membership_id: UUID | str) -> list[Any]:
    """What makes a request open for this member: asked or committed, the RFQ still priced."""
    return [contributions.c.membership_id == _id(membership_id),
            contributions.c.status.in_((ContributionStatus.REQUESTED,
                                        ContributionStatus.COMMITTED)),
            bids.c.status.in_(PRICING)]


def open_requests(engine: Engine, membership_id: UUID | str, *, limit: int | None = None,
                  offset: int = 0, bid_id: str | None = None,
                  stage: str | None = None) -> list[Row]:
    """Contributions asked of this member on RFQs still being priced, soonest due first,
    each with the request as the buyer wrote it (specification, quantity, dates); a page
    of them (`limit`, `offset`), or the one about `bid_id` and `stage`.

    A committed contribution stays listed until the quote goes out: it can be withdrawn.
    """
    if bid_id is not None and not _names_one(bid_id, stage):
        return []  # a typed address that names no request (a NUL would upset PostgreSQL)
    one = [contributions.c.bid_id == bid_id, contributions.c.stage == stage] if bid_id else []
    query = (select(contributions, bids.c.organisation, bids.c.buyer_country,
                    bids.c.status.label("bid_status"),
                    bids.c.currency.label("quote_currency"), bids.c.quote_needed_by,
                    bids.c.incoterm, bids.c.reference, bid_requests.c.specification,
                    bid_requests.c.quantity, bid_requests.c.unit,
                    bid_requests.c.wanted_delivery)
             .join(bids, bids.c.bid_id == contributions.c.bid_id)
             .outerjoin(bid_requests, bid_requests.c.bid_id == contributions.c.bid_id)
             .where(*_open(membership_id), *one)
             .order_by(contributions.c.due_on, bids.c.organisation, contributions.c.stage)
             .limit(limit).offset(offset or None))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["committed"] = row["status"] == ContributionStatus.COMMITTED
        row["repricing"] = row["bid_status"] == BidStatus.REVISION_REQUESTED
        # Only the answers the manager chose to share with the members asked to price.
        row["shared_answers"] = bid_questions_list(engine, row["bid_id"], shared_only=True)
    return rows


def open_requests_count(engine: Engine, membership_id: UUID | str) -> int:
    """How many requests `open_requests` lists for this member in all."""
    query = (select(func.count()).select_from(contributions)
             .join(bids, bids.c.bid_id == contributions.c.bid_id).where(*_open(membership_id)))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def fee_status(engine: Engine, membership_id: UUID | str, today: date) -> Row:
    """The membership's fees, newest period first, and what is still due per currency.

    Each fee says its kind (a success fee names its award), what credit notes took off
    (`credited`, and their numbers in `credit_notes`) and what is still `due`.
    """
    query = (select(fees).where(fees.c.membership_id == _id(membership_id))
             .order_by(fees.c.period.desc(), fees.c.fee_id))
    notes = (select(credit_notes.c.fee_id, credit_notes.c.credit_note)
             .where(credit_notes.c.membership_id == _id(membership_id))
             .order_by(credit_notes.c.issued_on, credit_notes.c.credit_note))
    with engine.connect() as conn:
        rows = described(conn, [dict(r._mapping) for r in conn.execute(query)])
        issued = [(r.fee_id, r.credit_note) for r in conn.execute(notes)]
    due: dict[str, Decimal] = {}
    for row in rows:
        row["credit_notes"] = [note for fee_id, note in issued if fee_id == row["fee_id"]]
        row["unpaid"] = row["status"] in UNPAID
        row["paid"] = row["status"] == FeeStatus.PAID
        row["has_receipt"] = row["status"] in SETTLED
        row["overdue"] = row["unpaid"] and row["due_on"] < today
        if row["unpaid"]:
            due[row["currency"]] = due.get(row["currency"], Decimal(0)) + row["due"]
    return {"fees": rows, "due": dict(sorted(due.items())),
            "overdue": any(row["overdue"] for row in rows)}


def peers(engine: Engine, membership_id: UUID | str) -> list[Row]:
    """The other members of the consortium, with the contracts shared with this member."""
    me = membership(engine, membership_id)
    mine = select(work_shares.c.bid_id).where(work_shares.c.membership_id == me["membership_id"])
    together = (select(work_shares.c.membership_id, func.count().label("n"))
                .where(work_shares.c.bid_id.in_(mine))
                .group_by(work_shares.c.membership_id))
    query = (select(members.c.membership_id, members.c.company_name, members.c.stages,
                    members.c.endorsements)
             .where(members.c.consortium_id == me["consortium_id"],
                    members.c.status.in_(MEMBER),
                    members.c.membership_id != me["membership_id"])
             .order_by(members.c.company_name))
    with engine.connect() as conn:
        shared = {r.membership_id: r.n for r in conn.execute(together)}
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["contracts_together"] = shared.get(row["membership_id"], 0)
    # Peers one has worked with come first: those are the ones to endorse.
    return sorted(rows, key=lambda r: (-r["contracts_together"], r["company_name"]))


def work_shares_of(engine: Engine, membership_id: UUID | str) -> list[Row]:
    """This member's work shares of awarded contracts, newest award first."""
    query = (select(work_shares.c.bid_id, work_shares.c.amount, work_shares.c.currency,
                    bids.c.organisation, bids.c.buyer_country, bids.c.status,
                    bids.c.contract_value, bids.c.contract_reference, bids.c.awarded_at,
                    bids.c.milestones_delivered)
             .join(bids, bids.c.bid_id == work_shares.c.bid_id)
             .where(work_shares.c.membership_id == _id(membership_id))
             .order_by(bids.c.awarded_at.desc(), bids.c.bid_id))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def contract_history(engine: Engine, membership_id: UUID | str) -> list[Row]:
    """Every RFQ this member was asked to price, with what became of it, newest first."""
    query = (select(contributions.c.bid_id, contributions.c.stage, contributions.c.status,
                    contributions.c.price, contributions.c.currency,
                    bids.c.organisation, bids.c.buyer_country,
                    bids.c.status.label("bid_status"), bids.c.received_at)
             .join(bids, bids.c.bid_id == contributions.c.bid_id)
             .where(contributions.c.membership_id == _id(membership_id))
             .order_by(bids.c.received_at.desc(), bids.c.bid_id, contributions.c.stage))
    history: dict[str, Row] = {}
    with engine.connect() as conn:
        for r in conn.execute(query):
            entry = history.setdefault(r.bid_id, {
                "bid_id": r.bid_id, "organisation": r.organisation,
                "buyer_country": r.buyer_country, "status": r.bid_status,
                "received_at": r.received_at, "stages": []})
            entry["stages"].append({"stage": r.stage, "status": r.status, "price": r.price,
                                    "currency": r.currency})
    return list(history.values())
