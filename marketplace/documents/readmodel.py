"""The files attached to each RFQ and quote, and those kept in the documents areas of
consortia and memberships: what the pages list and the downloads serve."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Date, String, Table

from domain.bid import Bid
from domain.consortium import Consortium
from domain.membership import Membership
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


# One row per file kept in an area; a removed file keeps its row, hidden, with the reason.
area_documents = Table(
    "rm_area_documents", metadata,
    ident("document_id", primary_key=True),
    Column("area", String(12), nullable=False),  # consortium or membership
    ident("owner_id", nullable=False, index=True),
    ident("consortium_id", nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("title", String(120), nullable=False),
    Column("name", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("certificate", String(120)),
    Column("expires_on", Date),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Column("removed", Boolean, nullable=False),
    Column("removed_reason", String(500)),
)


def _uploaded(batch: Batch, event: Consortium.DocumentUploaded | Membership.DocumentUploaded,
              area: str, consortium_id: str) -> None:
    batch[area_documents].add(
        document_id=str(event.document_id), area=area, owner_id=str(event.originator_id),
        consortium_id=consortium_id, kind=event.kind, title=event.title, name=event.name,
        size=event.size, media_type=event.media_type, sha256=event.sha256,
        certificate=event.certificate, expires_on=event.expires_on,
        uploaded_at=event.timestamp, removed=False, removed_reason=None)


def consortium_document_uploaded(batch: Batch, event: Consortium.DocumentUploaded) -> None:
    _uploaded(batch, event, "consortium", str(event.originator_id))


def membership_document_uploaded(batch: Batch, event: Membership.DocumentUploaded) -> None:
    _uploaded(batch, event, "membership", batch.membership(event.originator_id)[0])


def document_removed(batch: Batch,
                     event: Consortium.DocumentRemoved | Membership.DocumentRemoved) -> None:
    batch[area_documents].update(str(event.document_id), removed=True,
                                 removed_reason=event.reason)


HANDLERS: Handlers = {Bid.DocumentAttached: document_attached,
                      Consortium.DocumentUploaded: consortium_document_uploaded,
                      Membership.DocumentUploaded: membership_document_uploaded,
                      Consortium.DocumentRemoved: document_removed,
                      Membership.DocumentRemoved: document_removed}
