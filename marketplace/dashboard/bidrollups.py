"""The dashboard's bid figures, kept as the events arrive so that no page reads every RFQ.

Per consortium and calendar month (UTC): the RFQs answered (quoted or declined) and
answered on time, and how many were quoted; each quoted RFQ's wait from arrival to its
latest quote, in microseconds and indexed, with the month of that quote, for the median
time to quote over any range of months; and the contract value awarded per currency and
buyer country, an exact Decimal sum with the number of contracts in it. A figure counts
in the month of the event that made it: an answer when it was sent, a quote's wait when
the latest quote went out, a contract's value when it was awarded.

These handlers run before the pipeline's (`BEFORE`): they read the bid's row as it was,
so an answer or award that replaces an earlier one is counted once, in its own month.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table

from domain.bid import Bid
from marketplace.bidding import readmodel as pipeline
from marketplace.bidding.readmodel import bids
from marketplace.projection.batch import Batch, Handlers, month_of
from marketplace.projection.columns import Amount, ident, metadata
from marketplace.projection.rows import Row

answers = Table(
    "rm_kpi_answers", metadata,
    ident("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM
    Column("answered", Integer, nullable=False),
    Column("answered_on_time", Integer, nullable=False),
    Column("quoted", Integer, nullable=False),
)

quote_waits = Table(
    "rm_kpi_quote_waits", metadata,
    ident("bid_id", primary_key=True),
    ident("consortium_id", nullable=False),
    Column("month", String(7), nullable=False),  # of the latest quote
    Column("wait_us", BigInteger, nullable=False),
    Index("ix_rm_kpi_quote_waits_consortium_wait", "consortium_id", "wait_us"),
    Index("ix_rm_kpi_quote_waits_wait", "wait_us"),
    # A range of months: its rows found by the month, then sorted by the wait.
    Index("ix_rm_kpi_quote_waits_consortium_month", "consortium_id", "month", "wait_us"),
    Index("ix_rm_kpi_quote_waits_month", "month", "wait_us"),
)

contract_values = Table(
    "rm_kpi_contract_values", metadata,
    ident("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM, of the award
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


def _answers(batch: Batch, consortium_id: str, month: str) -> Row:
    row = batch[answers].get(consortium_id, month)
    if row is None:
        row = batch[answers].add(consortium_id=consortium_id, month=month, answered=0,
                                 answered_on_time=0, quoted=0)
    return row


def _tally(batch: Batch, consortium_id: str, month: str, **changes: int) -> None:
    """Add to the month's answers (a negative change takes back what was counted)."""
    row = _answers(batch, consortium_id, month)
    batch[answers].update(consortium_id, month,
                          **{name: row[name] + n for name, n in changes.items()})


def _answer(batch: Batch, bid: Row, on_time: bool) -> None:
    """The bid is answered now; an earlier answer (none, as the bid's states go) is taken
    back from its own month."""
    consortium_id = bid["consortium_id"]
    if bid["responded_at"] is not None:
        _tally(batch, consortium_id, month_of(bid["responded_at"]), answered=-1,
               answered_on_time=-bool(bid["responded_on_time"]))
    _tally(batch, consortium_id, batch.month, answered=1, answered_on_time=int(on_time))


def _quoted(batch: Batch, bid: Row, event: Bid.Event) -> None:
    """The bid's latest quote went out now: its wait is from the RFQ's arrival to now, and
    the RFQ counts as quoted in this month (no longer in an earlier quote's)."""
    wait_us = (event.timestamp - bid["received_at"]) // MICROSECOND
    consortium_id, month = bid["consortium_id"], batch.month
    row = batch[quote_waits].get(bid["bid_id"])
    if row is None:
        batch[quote_waits].add(bid_id=bid["bid_id"], consortium_id=consortium_id, month=month,
                               wait_us=wait_us)
    else:
        was = row["month"]
        batch[quote_waits].update(bid["bid_id"], wait_us=wait_us, month=month)
        if was == month:
            return
        _tally(batch, consortium_id, was, quoted=-1)
    _tally(batch, consortium_id, month, quoted=1)


def declined(batch: Batch, event: Bid.Declined) -> None:
    bid = _bid(batch, event)
    _answer(batch, bid, event.timestamp <= bid["respond_by"])


def quote_submitted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    bid = _bid(batch, event)
    _answer(batch, bid, bool(event.on_time))
    _quoted(batch, bid, event)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    _quoted(batch, _bid(batch, event), event)


def _add_value(batch: Batch, key: tuple[str, str, str, str], contracts: int, value: Decimal
               ) -> None:
    row = batch[contract_values].get(*key)
    if row is None:
        consortium_id, month, currency, country = key
        row = batch[contract_values].add(consortium_id=consortium_id, month=month,
                                         currency=currency, buyer_country=country, contracts=0,
                                         value=Decimal(0))
    batch[contract_values].update(*key, contracts=row["contracts"] + contracts,
                                  value=row["value"] + value)


def contract_awarded(batch: Batch, event: Bid.ContractAwarded) -> None:
    """The value counts in the bid's currency and country, as the pipeline keeps them, in
    the month of the award."""
    bid = _bid(batch, event)
    where = (bid["currency"], bid["buyer_country"])
    if bid["contract_value"] is not None:  # an award replaced (none, as the states go)
        _add_value(batch, (bid["consortium_id"], month_of(bid["awarded_at"]), *where), -1,
                   -bid["contract_value"])
    _add_value(batch, (bid["consortium_id"], batch.month, *where), 1, event.value.amount)


HANDLERS: Handlers = {
    Bid.Declined: declined,
    Bid.QuoteSubmitted: quote_submitted,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.ContractAwarded: contract_awarded,
}
