"""The files attached to each RFQ and quote: what the pages list and the downloads serve."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, String, Table

from domain.bid import Bid
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata

bid_documents = Table(
    "rm_bid_documents", metadata,
    ident("document_id", primary_key=True),
    ident("bid_id", nullable=False, index=True),
    ident("consortium_id", nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("attached_to", String(10), nullable=False),  # rfq or quote
    Column("attached_by", String(10), nullable=False),  # buyer or manager
    Column("attached_at", UtcDateTime, nullable=False),
)


def document_attached(batch: Batch, event: Bid.DocumentAttached) -> None:
    batch[bid_documents].add(
        document_id=str(event.document_id), bid_id=str(event.originator_id),
        consortium_id=batch.bid_consortium(event.originator_id), name=event.name,
        size=event.size, media_type=event.media_type, sha256=event.sha256,
        attached_to=event.attached_to, attached_by=event.by, attached_at=event.timestamp)


HANDLERS: Handlers = {Bid.DocumentAttached: document_attached}
