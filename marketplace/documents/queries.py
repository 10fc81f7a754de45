"""The documents of a bid, as the tracking page, the desk and the members' pages list them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.bid import DOCUMENTS_OPEN
from marketplace.bidding.readmodel import bids, contributions
from marketplace.documents.readmodel import bid_documents
from marketplace.errors import NotFoundError

Row = dict[str, Any]


def list_bid_documents(engine: Engine, bid_id: UUID | str) -> list[Row]:
    """A bid's files, the RFQ's first, each side in the order attached."""
    query = (select(bid_documents).where(bid_documents.c.bid_id == str(bid_id))
             .order_by(bid_documents.c.attached_to.desc(), bid_documents.c.attached_at,
                       bid_documents.c.name))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def documents_by_bid(engine: Engine, bid_ids: list[str]) -> dict[str, list[Row]]:
    """The files of several bids at once, by bid id (a member's requests to price)."""
    if not bid_ids:
        return {}
    query = (select(bid_documents).where(bid_documents.c.bid_id.in_(bid_ids))
             .order_by(bid_documents.c.attached_to.desc(), bid_documents.c.attached_at))
    found: dict[str, list[Row]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            found.setdefault(str(row.bid_id), []).append(dict(row._mapping))
    return found


def find_document(engine: Engine, bid_id: UUID | str, document_id: UUID | str) -> Row:
    """One file of a bid; NotFoundError when the bid has no such file."""
    query = select(bid_documents).where(bid_documents.c.bid_id == str(bid_id),
                                        bid_documents.c.document_id == str(document_id))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("there is no such file on this RFQ")
    return dict(row._mapping)


def asked_to_price(engine: Engine, bid_id: UUID | str, membership_ids: set[str]) -> bool:
    """Whether any of these memberships was asked to price a stage of the bid."""
    if not membership_ids:
        return False
    query = select(contributions.c.membership_id).where(
        contributions.c.bid_id == str(bid_id),
        contributions.c.membership_id.in_(sorted(membership_ids))).limit(1)
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


def bid_consortium(engine: Engine, bid_id: UUID | str) -> str:
    """The consortium a bid was sent to; NotFoundError for no bid."""
    with engine.connect() as conn:
        found = conn.execute(select(bids.c.consortium_id)
                             .where(bids.c.bid_id == str(bid_id))).scalar()
    if found is None:
        raise NotFoundError("there is no such RFQ")
    return str(found)


def manager_may_attach(status: str) -> bool:
    """Whether a bid in this status takes the manager's files (a quote prepared or sent)."""
    return status in DOCUMENTS_OPEN["manager"]


def buyer_may_attach(status: str) -> bool:
    """Whether a bid in this status still takes the buyer's files (the RFQ is open)."""
    return status in DOCUMENTS_OPEN["buyer"]
