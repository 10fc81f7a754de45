"""The buyer's view of a bid: the request as sent, and the dated public steps it went through.

Internal steps (contributions, members' prices, milestones) never come here; the tracking
page reads only these rows and the pipeline's.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, String, Table, Text

from domain.bid import Bid
from domain.statuses import BidStatus
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata

# What the buyer's tracking page shows beyond the pipeline: the request as typed, the
# quote's lead time, and one dated row per public step (received, qualified, quoted...).
bid_requests = Table(
    "rm_bid_requests", metadata,
    ident("bid_id", primary_key=True),
    Column("quantity", Amount, nullable=False),
    Column("unit", String(30), nullable=False),
    Column("specification", Text, nullable=False),
    Column("wanted_delivery", Date, nullable=True),
    Column("quote_lead_time_days", Integer, nullable=True),
)

bid_timeline = Table(
    "rm_bid_timeline", metadata,
    ident("bid_id", primary_key=True),
    Column("step", String(20), primary_key=True),  # each public step happens once
    Column("at", UtcDateTime, nullable=False),
    Column("note", Text, nullable=True),  # the consortium's reason when it declines
)


def _step(batch: Batch, event: Bid.Event, step: str, note: str | None = None) -> None:
    batch[bid_timeline].add(bid_id=str(event.originator_id), step=step, at=event.timestamp,
                            note=note)


def requested(batch: Batch, event: Bid.QuoteRequested) -> None:
    batch[bid_requests].add(
        bid_id=str(event.originator_id), quantity=event.quantity, unit=event.unit,
        specification=event.specification, wanted_delivery=event.wanted_delivery,
        quote_lead_time_days=None)
    _step(batch, event, "received")


def quoted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    batch[bid_requests].update(str(event.originator_id),
                               quote_lead_time_days=event.lead_time_days)
    _step(batch, event, BidStatus.QUOTED)


def quote_revised(batch: Batch, event: Bid.QuoteRevised) -> None:
    # The buyer sees only the current quote: its lead time replaces the first one's.
    batch[bid_requests].update(str(event.originator_id),
                               quote_lead_time_days=event.lead_time_days)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    # The buyer's page shows the latest version prominently: its lead time is the one.
    batch[bid_requests].update(str(event.originator_id),
                               quote_lead_time_days=event.lead_time_days)


def _plain(step: str) -> Handler:
    def handle(batch: Batch, event: Bid.Event) -> None:
        _step(batch, event, step)

    return handle


def _with_reason(step: str) -> Handler:
    # The consortium's reason for declining is written for the buyer; a rejection's
    # reason is the buyer's own words.
    def handle(batch: Batch, event: Bid.Declined | Bid.QuoteRejected) -> None:
        _step(batch, event, step, event.reason)

    return handle


HANDLERS: Handlers = {
    Bid.QuoteRequested: requested,
    Bid.Qualified: _plain(BidStatus.QUALIFIED),
    Bid.Declined: _with_reason(BidStatus.DECLINED),
    Bid.QuoteSubmitted: quoted,
    Bid.QuoteRevised: quote_revised,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.QuoteAccepted: _plain(BidStatus.ACCEPTED),
    Bid.QuoteRejected: _with_reason(BidStatus.REJECTED),
    Bid.QuoteExpired: _plain(BidStatus.EXPIRED),
    Bid.ContractAwarded: _plain(BidStatus.AWARDED),
    Bid.Completed: _plain(BidStatus.COMPLETED),
}
