"""The bid pipeline: every RFQ from request to completed contract, its contributions and shares.

The buyer's contact stays in the vault; only the organisation and country come here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, select

from domain.bid import Bid
from domain.statuses import BidStatus, ContributionStatus
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata
from marketplace.projection.rows import Row
from marketplace.storefront.readmodel import contract_won_in

bids = Table(
    "rm_bids", metadata,
    ident("bid_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("organisation", String(200), nullable=False),
    Column("buyer_country", String(2), nullable=False),
    Column("stages", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("incoterm", String(130), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("quote_needed_by", Date, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("respond_by", UtcDateTime, nullable=False),
    Column("responded_at", UtcDateTime, nullable=True),
    Column("responded_on_time", Boolean, nullable=True),
    Column("quote_price", Amount, nullable=True),
    Column("quoted_at", UtcDateTime, nullable=True),
    Column("quote_valid_until", Date, nullable=True),
    Column("contract_value", Amount, nullable=True),
    Column("contract_reference", String(200), nullable=True),
    Column("awarded_at", UtcDateTime, nullable=True),
    Column("milestones_delivered", Integer, nullable=False),
    # The digest of the buyer's private tracking link: finds the bid, cannot make a link.
    Column("tracking_digest", String(64), nullable=True, unique=True),
    Column("updated_at", UtcDateTime, nullable=False),
    # CGM-2026-0042; none for an RFQ from before references.
    Column("reference", String(30), nullable=True, index=True),
    # The desk's inbox: one consortium's RFQs in some states, a page by deadline (or by
    # last change for those that ended), counted; and the buyers' countries to search by.
    Index("ix_rm_bids_desk_deadline", "consortium_id", "status", "respond_by"),
    Index("ix_rm_bids_desk_changed", "consortium_id", "status", "updated_at"),
    Index("ix_rm_bids_desk_country", "consortium_id", "buyer_country"),
)

contributions = Table(
    "rm_contributions", metadata,
    ident("bid_id", primary_key=True),
    Column("stage", String(20), primary_key=True),
    ident("membership_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("status", String(20), nullable=False),  # requested, committed, withdrawn
    Column("due_on", Date, nullable=False),
    Column("price", Amount, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("lead_time_days", Integer, nullable=True),
    # A member's open requests, soonest due first, a page at a time.
    Index("ix_rm_contributions_member_due", "membership_id", "status", "due_on"),
)

work_shares = Table(
    "rm_work_shares", metadata,
    ident("bid_id", primary_key=True),
    ident("membership_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    # A member's shares, and its peers on the same contracts (the member space).
    Index("ix_rm_work_shares_membership", "membership_id"),
)


def _bid(batch: Batch, event: Bid.Event) -> Row | None:
    return batch[bids].get(str(event.originator_id))


def _update(batch: Batch, event: Bid.Event, **values: Any) -> str:
    """Change the bid's row; returns its consortium."""
    batch[bids].update(str(event.originator_id), updated_at=event.timestamp, **values)
    return batch.bid_consortium(event.originator_id)


def requested(batch: Batch, event: Bid.QuoteRequested) -> None:
    consortium_id = str(event.consortium_id)
    batch.remember(event.originator_id, consortium_id)
    batch[bids].add(
        bid_id=str(event.originator_id), consortium_id=consortium_id,
        organisation=event.organisation, buyer_country=event.country.code,
        stages=list(event.stages), status=BidStatus.REQUESTED, incoterm=str(event.incoterm),
        currency=event.currency, quote_needed_by=event.quote_needed_by,
        received_at=event.timestamp, respond_by=event.respond_by, responded_at=None,
        responded_on_time=None, quote_price=None, quoted_at=None, quote_valid_until=None,
        contract_value=None, contract_reference=None, awarded_at=None, milestones_delivered=0,
        tracking_digest=getattr(event, "tracking", None), updated_at=event.timestamp,
        reference=getattr(event, "reference", None),
    )
    batch.count(consortium_id, "rfqs_received")


def _step(status: str, kpi: str) -> Handler:
    def handle(batch: Batch, event: Bid.Event) -> None:
        batch.count(_update(batch, event, status=status), kpi)

    return handle


def declined(batch: Batch, event: Bid.Declined) -> None:
    # Declining is an answer too: it counts towards responding within the deadline.
    bid = _bid(batch, event)
    on_time = bid is not None and event.timestamp <= bid["respond_by"]
    consortium_id = _update(batch, event, status=BidStatus.DECLINED, responded_at=event.timestamp,
                            responded_on_time=on_time)
    batch.count(consortium_id, "rfqs_declined")


def _contribution_key(
    event: Bid.ContributionRequested | Bid.ContributionCommitted | Bid.ContributionWithdrawn,
) -> tuple[str, str, str]:
    return str(event.originator_id), event.stage, str(event.membership_id)


def contribution_requested(batch: Batch, event: Bid.ContributionRequested) -> None:
    consortium_id = batch.bid_consortium(event.originator_id)
    bid_id, stage, membership_id = _contribution_key(event)
    # Asked again for a revision: a new due date; a price committed before still stands.
    if batch[contributions].update(bid_id, stage, membership_id, due_on=event.due_on) is not None:
        return
    batch[contributions].add(
        bid_id=bid_id, stage=stage, membership_id=membership_id, consortium_id=consortium_id,
        status=BidStatus.REQUESTED, due_on=event.due_on, price=None, currency=None,
        lead_time_days=None)
    batch.count(consortium_id, "contributions_requested")


def contribution_committed(batch: Batch, event: Bid.ContributionCommitted) -> None:
    batch[contributions].update(
        *_contribution_key(event), status=ContributionStatus.COMMITTED, price=event.price.amount,
        currency=event.price.currency, lead_time_days=event.lead_time_days)
    batch.count(batch.bid_consortium(event.originator_id), "contributions_committed")


def contribution_withdrawn(batch: Batch, event: Bid.ContributionWithdrawn) -> None:
    batch[contributions].update(*_contribution_key(event), status=ContributionStatus.WITHDRAWN)
    batch.count(batch.bid_consortium(event.originator_id), "contributions_withdrawn")


def quote_submitted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    consortium_id = _update(
        batch, event, status=BidStatus.QUOTED, quote_price=event.price.amount,
        quoted_at=event.timestamp,
        quote_valid_until=event.valid_until, responded_at=event.timestamp,
        responded_on_time=bool(event.on_time))
    batch.count(consortium_id, "quotes_submitted")
    if event.on_time:
        batch.count(consortium_id, "quotes_on_time")


def quote_revised(batch: Batch, event: Bid.QuoteRevised) -> None:
    # The revised quote replaces the one the buyer had not answered; it was sent in time
    # or late as the first one was.
    _update(batch, event, quote_price=event.price.amount, quote_valid_until=event.valid_until)


def revision_requested(batch: Batch, event: Bid.RevisionRequested) -> None:
    _update(batch, event, status=BidStatus.REVISION_REQUESTED)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    # The first quote's answer to the buyer stays what the response-time figures count.
    _update(batch, event, status=BidStatus.QUOTED, quote_price=event.price.amount,
            quoted_at=event.timestamp, quote_valid_until=event.valid_until)


def work_shares_corrected(batch: Batch, event: Bid.WorkSharesCorrected) -> None:
    consortium_id = batch.bid_consortium(event.originator_id)
    bid_id = str(event.originator_id)
    rows = batch[work_shares]
    rows.flush()  # an award in the same batch is in the table before it is read back
    with_shares = select(work_shares.c.membership_id).where(work_shares.c.bid_id == bid_id)
    for (membership_id,) in rows.conn.execute(with_shares).all():
        if membership_id not in event.shares:
            rows.delete(bid_id, membership_id)
    for membership_id, share in sorted(event.shares.items()):
        row = {"amount": share.amount, "currency": share.currency}
        if rows.update(bid_id, str(membership_id), **row) is None:
            rows.add(bid_id=bid_id, membership_id=str(membership_id),
                     consortium_id=consortium_id, **row)
    _update(batch, event)


def contract_awarded(batch: Batch, event: Bid.ContractAwarded) -> None:
    consortium_id = _update(batch, event, status=BidStatus.AWARDED,
                            contract_value=event.value.amount,
                            contract_reference=event.reference, awarded_at=event.timestamp)
    for membership_id, share in sorted(event.shares.items()):
        batch[work_shares].add(bid_id=str(event.originator_id), membership_id=str(membership_id),
                               consortium_id=consortium_id, amount=share.amount,
                               currency=share.currency)
    bid = _bid(batch, event)
    if bid is not None:
        contract_won_in(batch, consortium_id, bid["buyer_country"])
    batch.count(consortium_id, "contracts_awarded")


def milestone_delivered(batch: Batch, event: Bid.MilestoneDelivered) -> None:
    bid = _bid(batch, event)
    delivered = (bid["milestones_delivered"] if bid else 0) + 1
    batch.count(_update(batch, event, milestones_delivered=delivered), "milestones_delivered")


HANDLERS: Handlers = {
    Bid.QuoteRequested: requested,
    Bid.Qualified: _step(BidStatus.QUALIFIED, "rfqs_qualified"),
    Bid.Declined: declined,
    Bid.ContributionRequested: contribution_requested,
    Bid.ContributionCommitted: contribution_committed,
    Bid.ContributionWithdrawn: contribution_withdrawn,
    Bid.QuoteSubmitted: quote_submitted,
    Bid.QuoteAccepted: _step(BidStatus.ACCEPTED, "quotes_accepted"),
    Bid.QuoteRejected: _step(BidStatus.REJECTED, "quotes_rejected"),
    Bid.QuoteExpired: _step(BidStatus.EXPIRED, "quotes_expired"),
    Bid.QuoteRevised: quote_revised,
    Bid.RevisionRequested: revision_requested,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.ContractAwarded: contract_awarded,
    Bid.WorkSharesCorrected: work_shares_corrected,
    Bid.MilestoneDelivered: milestone_delivered,
    Bid.Completed: _step(BidStatus.COMPLETED, "contracts_completed"),
}
