"""The bid pipeline: every RFQ from request to completed contract, its contributions and shares.

The buyer's contact stays in the vault; only the organisation and country come here.
"""

from __future__ import annotations

from typing import Any

from domain.bid import Bid
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.rows import Row
from marketplace.projection.tables import bids, contributions, work_shares
from marketplace.storefront.readmodel import contract_won_in


def _bid(batch: Batch, event: Any) -> Row | None:
    return batch[bids].get(str(event.originator_id))


def _update(batch: Batch, event: Any, **values: Any) -> str:
    """Change the bid's row; returns its consortium."""
    batch[bids].update(str(event.originator_id), updated_at=event.timestamp, **values)
    return batch.bid_consortium(event.originator_id)


def requested(batch: Batch, event: Any) -> None:
    consortium_id = str(event.consortium_id)
    batch.remember(event.originator_id, consortium_id)
    batch[bids].add(
        bid_id=str(event.originator_id), consortium_id=consortium_id,
        organisation=event.organisation, buyer_country=event.country.code,
        stages=list(event.stages), status="requested", incoterm=str(event.incoterm),
        currency=event.currency, quote_needed_by=event.quote_needed_by,
        received_at=event.timestamp, respond_by=event.respond_by, responded_at=None,
        responded_on_time=None, quote_price=None, quoted_at=None, quote_valid_until=None,
        contract_value=None, contract_reference=None, awarded_at=None, milestones_delivered=0,
        tracking_digest=getattr(event, "tracking", None), updated_at=event.timestamp,
    )
    batch.count(consortium_id, "rfqs_received")


def _step(status: str, kpi: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        batch.count(_update(batch, event, status=status), kpi)

    return handle


def declined(batch: Batch, event: Any) -> None:
    # Declining is an answer too: it counts towards responding within the deadline.
    bid = _bid(batch, event)
    on_time = bid is not None and event.timestamp <= bid["respond_by"]
    consortium_id = _update(batch, event, status="declined", responded_at=event.timestamp,
                            responded_on_time=on_time)
    batch.count(consortium_id, "rfqs_declined")


def _contribution_key(event: Any) -> tuple[str, str, str]:
    return str(event.originator_id), event.stage, str(event.membership_id)


def contribution_requested(batch: Batch, event: Any) -> None:
    consortium_id = batch.bid_consortium(event.originator_id)
    bid_id, stage, membership_id = _contribution_key(event)
    batch[contributions].add(
        bid_id=bid_id, stage=stage, membership_id=membership_id, consortium_id=consortium_id,
        status="requested", due_on=event.due_on, price=None, currency=None,
        lead_time_days=None)
    batch.count(consortium_id, "contributions_requested")


def contribution_committed(batch: Batch, event: Any) -> None:
    batch[contributions].update(
        *_contribution_key(event), status="committed", price=event.price.amount,
        currency=event.price.currency, lead_time_days=event.lead_time_days)
    batch.count(batch.bid_consortium(event.originator_id), "contributions_committed")


def contribution_withdrawn(batch: Batch, event: Any) -> None:
    batch[contributions].update(*_contribution_key(event), status="withdrawn")
    batch.count(batch.bid_consortium(event.originator_id), "contributions_withdrawn")


def quote_submitted(batch: Batch, event: Any) -> None:
    consortium_id = _update(
        batch, event, status="quoted", quote_price=event.price.amount, quoted_at=event.timestamp,
        quote_valid_until=event.valid_until, responded_at=event.timestamp,
        responded_on_time=bool(event.on_time))
    batch.count(consortium_id, "quotes_submitted")
    if event.on_time:
        batch.count(consortium_id, "quotes_on_time")


def contract_awarded(batch: Batch, event: Any) -> None:
    consortium_id = _update(batch, event, status="awarded", contract_value=event.value.amount,
                            contract_reference=event.reference, awarded_at=event.timestamp)
    for membership_id, share in sorted(event.shares.items()):
        batch[work_shares].add(bid_id=str(event.originator_id), membership_id=str(membership_id),
                               consortium_id=consortium_id, amount=share.amount,
                               currency=share.currency)
    bid = _bid(batch, event)
    if bid is not None:
        contract_won_in(batch, consortium_id, bid["buyer_country"])
    batch.count(consortium_id, "contracts_awarded")


def milestone_delivered(batch: Batch, event: Any) -> None:
    bid = _bid(batch, event)
    delivered = (bid["milestones_delivered"] if bid else 0) + 1
    batch.count(_update(batch, event, milestones_delivered=delivered), "milestones_delivered")


HANDLERS: dict[type, Handler] = on(Bid, {
    "QuoteRequested": requested,
    "Qualified": _step("qualified", "rfqs_qualified"),
    "Declined": declined,
    "ContributionRequested": contribution_requested,
    "ContributionCommitted": contribution_committed,
    "ContributionWithdrawn": contribution_withdrawn,
    "QuoteSubmitted": quote_submitted,
    "QuoteAccepted": _step("accepted", "quotes_accepted"),
    "QuoteRejected": _step("rejected", "quotes_rejected"),
    "QuoteExpired": _step("expired", "quotes_expired"),
    "ContractAwarded": contract_awarded,
    "MilestoneDelivered": milestone_delivered,
    "Completed": _step("completed", "contracts_completed"),
})
