"""What an erasure changes in the read models: the buyer's tracking link stops opening.
(And what a re-sent link changes: the new one opens the page, the old one no longer.)

Erasing a buyer's data must also close their private page: a link kept in an old mail
would otherwise still show the request. Each RFQ's buyer reference is kept here, and the
erasure event (which names the references it erased) clears that RFQ's tracking digest.
It comes from the events alone, so a replay closes the same links.
"""

from __future__ import annotations

from sqlalchemy import Table

from domain.bid import Bid
from domain.erasure import ErasureRequest
from marketplace.bidding import readmodel as pipeline
from marketplace.bidding.readmodel import bids
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import ident, metadata

# Which RFQ each buyer's vault reference belongs to (one reference per request).
bid_buyers = Table(
    "rm_bid_buyers", metadata,
    ident("buyer_ref", primary_key=True),
    ident("bid_id", nullable=False),
)

# The bid's own row is written by the pipeline, first.
AFTER = (pipeline,)


def requested(batch: Batch, event: Bid.QuoteRequested) -> None:
    batch[bid_buyers].add(buyer_ref=str(event.buyer), bid_id=str(event.originator_id))


def erased(batch: Batch, event: ErasureRequest.Fulfilled) -> None:
    for ref in event.refs:
        row = batch[bid_buyers].get(str(ref))
        if row is not None:
            batch[bids].update(row["bid_id"], tracking_digest=None)


def link_replaced(batch: Batch, event: Bid.TrackingLinkReplaced) -> None:
    # A re-sent link replaces the old one: only the new digest opens the tracking page.
    batch[bids].update(str(event.originator_id), tracking_digest=event.tracking)


HANDLERS: Handlers = {
    Bid.QuoteRequested: requested,
    Bid.TrackingLinkReplaced: link_replaced,
    ErasureRequest.Fulfilled: erased,
}
