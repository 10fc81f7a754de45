"""The dashboard's bid figures, kept as the events arrive so that no page reads every RFQ.

Per consortium: the RFQs answered (quoted or declined) and answered on time, and how many
were quoted; each quoted RFQ's wait from arrival to its latest quote, in microseconds and
indexed, for the median time to quote; and the contract value awarded per currency and
buyer country, an exact Decimal sum with the number of contracts in it.

These handlers run before the pipeline's (`BEFORE`): they read the bid's row as it was,
so an answer or award that replaces an earlier one is counted once.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table

from domain.bid import Bid
from marketplace.bidding import readmodel as pipeline
from marketplace.bidding.readmodel import bids
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import Amount, ident, metadata
from marketplace.projection.rows import Row

answers = Table(
    "rm_kpi_answers", metadata,
    ident("consortium_id", primary_key=True),
    Column("answered", Integer, nullable=False),
    Column("answered_on_time", Integer, nullable=False),
    Column("quoted", Integer, nullable=False),
)

quote_waits = Table(
    "rm_kpi_quote_waits", metadata,
    ident("bid_id", primary_key=True),
    ident("consortium_id", nullable=False),
    Column("wait_us", BigInteger, nullable=False),
    Index("ix_rm_kpi_quote_waits_consortium_wait", "consortium_id", "wait_us"),
    Index("ix_rm_kpi_quote_waits_wait", "wait_us"),
)

contract_values = Table(
    "rm_kpi_contract_values", metadata,
    ident("consortium_id", primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("buyer_country", String(2), primary_key=True),
    Column("contracts", Integer, nullable=False),
    Column("value", Amount, nullable=False),
)

BEFORE = (pipeline,)
MICROSECOND = timedelta(microseconds=1)


def _bid(batch: Batch, event: Bid.Event) -> Row:
    row = batch[bids].get(str(event.originator_id))
    if row is None:
        raise LookupError(f"rm_bids has no row {event.originator_id}")
    return row


def _answers(batch: Batch, consortium_id: str) -> Row:
    row = batch[answers].get(consortium_id)
    if row is None:
        row = batch[answers].add(consortium_id=consortium_id, answered=0,
                                 answered_on_time=0, quoted=0)
    return row


def _answer(batch: Batch, bid: Row, on_time: bool) -> None:
    """The bid is answered; an earlier answer (none, as the bid's states go) is replaced."""
    consortium_id = bid["consortium_id"]
    row = _answers(batch, consortium_id)
    before = bid["responded_at"] is not None
    was_on_time = before and bool(bid["responded_on_time"])
    batch[answers].update(consortium_id, answered=row["answered"] + (not before),
                          answered_on_time=row["answered_on_time"] - was_on_time + on_time)


def _quoted(batch: Batch, bid: Row, event: Bid.Event) -> None:
    """The bid's latest quote went out now: its wait is from the RFQ's arrival to now."""
    wait_us = (event.timestamp - bid["received_at"]) // MICROSECOND
    if batch[quote_waits].update(bid["bid_id"], wait_us=wait_us) is None:
        batch[quote_waits].add(bid_id=bid["bid_id"], consortium_id=bid["consortium_id"],
                               wait_us=wait_us)
        row = _answers(batch, bid["consortium_id"])
        batch[answers].update(bid["consortium_id"], quoted=row["quoted"] + 1)


def declined(batch: Batch, event: Bid.Declined) -> None:
    bid = _bid(batch, event)
    _answer(batch, bid, event.timestamp <= bid["respond_by"])


def quote_submitted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    bid = _bid(batch, event)
    _answer(batch, bid, bool(event.on_time))
    _quoted(batch, bid, event)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    _quoted(batch, _bid(batch, event), event)


def _add_value(batch: Batch, key: tuple[str, str, str], contracts: int, value: Decimal) -> None:
    row = batch[contract_values].get(*key)
    if row is None:
        consortium_id, currency, country = key
        row = batch[contract_values].add(consortium_id=consortium_id, currency=currency,
                                         buyer_country=country, contracts=0, value=Decimal(0))
    batch[contract_values].update(*key, contracts=row["contracts"] + contracts,
                                  value=row["value"] + value)


def contract_awarded(batch: Batch, event: Bid.ContractAwarded) -> None:
    """The value counts in the bid's currency and country, as the pipeline keeps them."""
    bid = _bid(batch, event)
    key = (bid["consortium_id"], bid["currency"], bid["buyer_country"])
    if bid["contract_value"] is not None:  # an award replaced (none, as the states go)
        _add_value(batch, key, -1, -bid["contract_value"])
    _add_value(batch, key, 1, event.value.amount)


HANDLERS: Handlers = {
    Bid.Declined: declined,
    Bid.QuoteSubmitted: quote_submitted,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.ContractAwarded: contract_awarded,
}
