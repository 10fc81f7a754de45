"""What the buyer's private tracking page reads: one request found by its link's digest.

Only the read models are read, never the aggregates. Nothing here holds personal data
(the contact stays in the vault) or members' prices: a quote shows which firms deliver
each stage, never what each of them asked.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.statuses import (
    QUESTIONS_OPEN,
    QUOTE_OPEN,
    UNANSWERED_QUOTE,
    BidStatus,
    ContributionStatus,
)
from marketplace.bidding.readmodel import bids, contributions
from marketplace.bidding.timeline import bid_requests, bid_timeline
from marketplace.bidding.tokens import is_token, token_digest
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]

# The public steps in the order a bid goes through them; ties in time keep this order.
STEPS = ("received", "qualified", "declined", "quoted", "accepted", "rejected", "expired",
         "awarded", "completed")

_REQUEST = (
    select(bids.c.bid_id, bids.c.reference, bids.c.consortium_id, bids.c.organisation,
           bids.c.buyer_country, bids.c.stages, bids.c.status, bids.c.incoterm, bids.c.currency,
           bids.c.quote_needed_by, bids.c.received_at, bids.c.quote_price,
           bids.c.quoted_at, bids.c.quote_valid_until,
           bid_requests.c.quantity, bid_requests.c.unit, bid_requests.c.specification,
           bid_requests.c.wanted_delivery, bid_requests.c.quote_lead_time_days,
           catalog.c.name.label("consortium_name"), catalog.c.slug.label("consortium_slug"))
    .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
    .outerjoin(bid_requests, bid_requests.c.bid_id == bids.c.bid_id)
)


def find_tracked_request(engine: Engine, token: str) -> Row | None:
    """The request behind a tracking token, with its timeline and quote; None if unknown."""
    if not isinstance(token, str) or not is_token(token):
        return None  # not even looked up: a malformed token cannot match a digest
    with engine.connect() as conn:
        found = conn.execute(_REQUEST.where(bids.c.tracking_digest == token_digest(token))
                             ).first()
        if found is None:
            return None
        request = dict(found._mapping)
        # What the buyer's page decides: a quote waits for the answer, or was never given one.
        # Asking for a revision is no answer: the quote in hand can still be accepted.
        request["awaiting_buyer"] = request["status"] in QUOTE_OPEN
        request["quote_unanswered"] = request["status"] in UNANSWERED_QUOTE
        request["can_ask"] = request["status"] in QUESTIONS_OPEN
        request["can_ask_revision"] = request["status"] == BidStatus.QUOTED
        request["revision_pending"] = request["status"] == BidStatus.REVISION_REQUESTED
        request["timeline"] = _timeline(conn, request["bid_id"])
        request["delivered_by"] = (_delivered_by(conn, request["bid_id"], request["stages"])
                                   if request["quote_price"] is not None else {})
    return request


def _timeline(conn: Connection, bid_id: str) -> list[Row]:
    rows = [dict(r._mapping) for r in conn.execute(
        select(bid_timeline.c.step, bid_timeline.c.at, bid_timeline.c.note)
        .where(bid_timeline.c.bid_id == bid_id))]
    return sorted(rows, key=lambda row: (row["at"], STEPS.index(row["step"])))


def _delivered_by(conn: Connection, bid_id: str, stages: list[str]) -> dict[str, list[str]]:
    """Each requested stage and the names of the member firms committed to it."""
    # Only names are selected: the contribution's price and lead time stay internal.
    query = (select(contributions.c.stage, members.c.company_name)
             .join(members, members.c.membership_id == contributions.c.membership_id)
             .where(contributions.c.bid_id == bid_id,
                    contributions.c.status == ContributionStatus.COMMITTED)
             .order_by(members.c.company_name))
    firms: dict[str, list[str]] = {stage: [] for stage in stages}
    for stage, name in conn.execute(query):
        if stage in firms and name not in firms[stage]:
            firms[stage].append(name)
    return firms
