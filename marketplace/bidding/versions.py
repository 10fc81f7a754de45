"""Each version of an RFQ's quote (1, then 2, 3... per revision) and the revisions asked.

The buyer answers only the latest version and sees the earlier ones; OCDS records each
version after the first as an amendment. A correction (`QuoteRevised`) changes the
version it corrects in place: it makes no new version.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Integer, String, Table, Text, func, select
from sqlalchemy.engine import Engine

from domain.bid import Bid
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata
from marketplace.projection.rows import Row

quote_versions = Table(
    "rm_quote_versions", metadata,
    ident("bid_id", primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("price", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("lead_time_days", Integer, nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("corrected_at", UtcDateTime, nullable=True),  # a correction changed it since
)

# The buyer's requests for a revised quote: `of_number` is the version it asked to revise.
revision_requests = Table(
    "rm_revision_requests", metadata,
    ident("bid_id", primary_key=True),
    Column("of_number", Integer, primary_key=True),
    Column("message", Text, nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
    Column("respond_by", UtcDateTime, nullable=True),
)


def _latest(batch: Batch, bid_id: str) -> int:
    rows = batch[quote_versions]
    rows.flush()  # a version added in the same batch is in the table before it is read
    found = rows.conn.execute(select(func.max(quote_versions.c.number))
                              .where(quote_versions.c.bid_id == bid_id)).scalar()
    return int(found or 1)


def _version(batch: Batch, event: Bid.QuoteSubmitted | Bid.RevisedQuoteSent,
             number: int) -> None:
    batch[quote_versions].add(
        bid_id=str(event.originator_id), number=number, price=event.price.amount,
        currency=event.price.currency, valid_until=event.valid_until,
        lead_time_days=event.lead_time_days, sent_at=event.timestamp,
        on_time=bool(event.on_time), corrected_at=None)


def quote_submitted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    _version(batch, event, 1)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    _version(batch, event, event.number)


def quote_corrected(batch: Batch, event: Bid.QuoteRevised) -> None:
    bid_id = str(event.originator_id)
    batch[quote_versions].update(
        bid_id, _latest(batch, bid_id), price=event.price.amount,
        currency=event.price.currency, valid_until=event.valid_until,
        lead_time_days=event.lead_time_days, corrected_at=event.timestamp)


def revision_requested(batch: Batch, event: Bid.RevisionRequested) -> None:
    bid_id = str(event.originator_id)
    batch[revision_requests].add(
        bid_id=bid_id, of_number=_latest(batch, bid_id), message=event.message,
        requested_at=event.timestamp, respond_by=getattr(event, "respond_by", None))


HANDLERS: Handlers = {
    Bid.QuoteSubmitted: quote_submitted,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.QuoteRevised: quote_corrected,
    Bid.RevisionRequested: revision_requested,
}


def quote_history(engine: Engine, bid_id: str) -> dict[str, list[Row]]:
    """The quote's versions, latest first, and the revisions the buyer asked for."""
    with engine.connect() as conn:
        versions = [dict(r._mapping) for r in conn.execute(
            select(quote_versions).where(quote_versions.c.bid_id == str(bid_id))
            .order_by(quote_versions.c.number.desc()))]
        asked = [dict(r._mapping) for r in conn.execute(
            select(revision_requests).where(revision_requests.c.bid_id == str(bid_id))
            .order_by(revision_requests.c.of_number))]
    for n, version in enumerate(versions):
        version["latest"] = n == 0
    return {"versions": versions, "revisions": asked}


def latest_revision(history: dict[str, list[Row]]) -> Row | None:
    """The revision the buyer asked for on the latest version, if any is still open."""
    latest = history["versions"][0]["number"] if history["versions"] else None
    return next((r for r in history["revisions"] if r["of_number"] == latest), None)
