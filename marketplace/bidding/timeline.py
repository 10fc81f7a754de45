"""The buyer's view of a bid: the request as sent, and the dated public steps it went through.

Internal steps (contributions, members' prices, milestones) never come here; the tracking
page reads only these rows and the pipeline's.
"""

from __future__ import annotations

from typing import Any

from domain.bid import Bid
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import bid_requests, bid_timeline


def _step(batch: Batch, event: Any, step: str, note: str | None = None) -> None:
    batch[bid_timeline].add(bid_id=str(event.originator_id), step=step, at=event.timestamp,
                            note=note)


def requested(batch: Batch, event: Any) -> None:
    batch[bid_requests].add(
        bid_id=str(event.originator_id), quantity=event.quantity, unit=event.unit,
        specification=event.specification, wanted_delivery=event.wanted_delivery,
        quote_lead_time_days=None)
    _step(batch, event, "received")


def quoted(batch: Batch, event: Any) -> None:
    batch[bid_requests].update(str(event.originator_id),
                               quote_lead_time_days=event.lead_time_days)
    _step(batch, event, "quoted")


def _plain(step: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        _step(batch, event, step)

    return handle


def _with_reason(step: str) -> Handler:
    # The consortium's reason for declining is written for the buyer; a rejection's
    # reason is the buyer's own words.
    def handle(batch: Batch, event: Any) -> None:
        _step(batch, event, step, event.reason)

    return handle


HANDLERS: dict[type, Handler] = on(Bid, {
    "QuoteRequested": requested,
    "Qualified": _plain("qualified"),
    "Declined": _with_reason("declined"),
    "QuoteSubmitted": quoted,
    "QuoteAccepted": _plain("accepted"),
    "QuoteRejected": _with_reason("rejected"),
    "QuoteExpired": _plain("expired"),
    "ContractAwarded": _plain("awarded"),
    "Completed": _plain("completed"),
})
