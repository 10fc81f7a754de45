"""What the manager's bid desk reads: the RFQ inbox, one RFQ's contributions, the rates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine

from domain.statuses import (
    AWAITING,
    PRICING,
    TAKEN_ON,
    BidStatus,
    ContributionStatus,
    MembershipStatus,
)
from marketplace.bidding.rates import exchange_rates
from marketplace.bidding.readmodel import bids, contributions, work_shares
from marketplace.bidding.timeline import bid_requests
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import STAGES, capabilities
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _scoped(query: Any, consortium_ids: Collection[str] | None) -> Any:
    """Only the consortia the person may see; None means every consortium."""
    return query if consortium_ids is None else query.where(
        bids.c.consortium_id.in_(sorted(consortium_ids)))


def inbox(engine: Engine, consortium_ids: Collection[str] | None,
          statuses: tuple[str, ...] = AWAITING, *, search: DeskSearch | None = None,
          newest_first: bool = False, limit: int | None = None, offset: int = 0) -> list[Row]:
    """RFQs in these states matching the search, the nearest response deadline first (or,
    for RFQs that ended, the latest change first); at most `limit` of them if given, after
    skipping `offset` (a page of them: the database sorts and cuts, through an index)."""
    order = ((bids.c.updated_at.desc(), bids.c.bid_id) if newest_first else
             (bids.c.respond_by, bids.c.received_at, bids.c.bid_id))
    query = (select(bids, catalog.c.name.label("consortium_name"))
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .where(bids.c.status.in_(statuses), *(search or DeskSearch()).criteria())
             .order_by(*order).limit(limit).offset(offset or None))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(_scoped(query, consortium_ids))]


def inbox_count(engine: Engine, consortium_ids: Collection[str] | None,
                statuses: tuple[str, ...], *, search: DeskSearch | None = None) -> int:
    """How many RFQs in these states match the search: what `inbox` would list unlimited."""
    query = (select(func.count()).select_from(bids)
             .where(bids.c.status.in_(statuses), *(search or DeskSearch()).criteria()))
    with engine.connect() as conn:
        return int(conn.execute(_scoped(query, consortium_ids)).scalar_one())


@dataclass(frozen=True)
class DeskSearch:
    """What the desk's search asks for: words of the RFQ's reference or of the buyer's
    organisation, and the buyer's country."""

    text: str = ""
    country: str = ""

    def criteria(self) -> list[Any]:
        found = []
        if self.text:
            found.append(or_(bids.c.organisation.icontains(self.text, autoescape=True),
                             bids.c.reference.icontains(self.text, autoescape=True)))
        if self.country:
            found.append(bids.c.buyer_country == self.country.upper())
        return found


def desk_countries(engine: Engine, consortium_ids: Collection[str] | None) -> list[str]:
    """The buyers' countries among the RFQs the person may see, to search by."""
    query = select(bids.c.buyer_country).distinct().order_by(bids.c.buyer_country)
    with engine.connect() as conn:
        return list(conn.execute(_scoped(query, consortium_ids)).scalars())


def desk_bid(engine: Engine, bid_id: UUID | str) -> Row:
    """One RFQ as the desk shows it: the pipeline row, the request as typed, the consortium."""
    query = (select(bids, catalog.c.name.label("consortium_name"), bid_requests.c.quantity,
                    bid_requests.c.unit, bid_requests.c.specification,
                    bid_requests.c.wanted_delivery)
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .outerjoin(bid_requests, bid_requests.c.bid_id == bids.c.bid_id)
             .where(bids.c.bid_id == str(bid_id)))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("there is no RFQ with id %(id)s", id=str(bid_id))
    return _with_desk_flags(dict(row._mapping))


def _with_desk_flags(bid: Row) -> Row:
    """What the desk decides from the RFQ's status: which step it shows and offers."""
    status = bid["status"]
    bid.update(awaiting=status in AWAITING, taken_on=status in TAKEN_ON,
               can_qualify=status == BidStatus.REQUESTED, can_decline=status in AWAITING,
               collecting=status in PRICING, can_quote=status == BidStatus.QUALIFIED,
               # The buyer asked for a revised quote: members may be asked again.
               can_send_version=status == BidStatus.REVISION_REQUESTED,
               can_award=status == BidStatus.ACCEPTED, can_deliver=status == BidStatus.AWARDED,
               # Until the buyer answers, a quote can be replaced by a revised one.
               can_revise=status == BidStatus.QUOTED,
               can_correct_shares=status in (BidStatus.AWARDED, BidStatus.COMPLETED))
    return bid


def bid_contributions(engine: Engine, bid_id: UUID | str) -> list[Row]:
    """Every contribution asked for on the RFQ, in value-chain order, with where it stands."""
    query = (select(contributions, members.c.company_name)
             .join(members, members.c.membership_id == contributions.c.membership_id)
             .where(contributions.c.bid_id == str(bid_id)))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["committed"] = row["status"] == ContributionStatus.COMMITTED
        row["withdrawn"] = row["status"] == ContributionStatus.WITHDRAWN
    return sorted(rows, key=lambda r: (STAGES.index(r["stage"]), r["company_name"],
                                       r["membership_id"]))


def candidates(engine: Engine, consortium_id: str, stages: list[str]) -> dict[str, list[Row]]:
    """For each stage, the joined members who declared it."""
    query = (select(capabilities.c.stage, members.c.membership_id, members.c.company_name)
             .join(members, members.c.membership_id == capabilities.c.membership_id)
             .where(capabilities.c.consortium_id == consortium_id,
                    capabilities.c.stage.in_(stages),
                    members.c.status == MembershipStatus.JOINED)
             .order_by(members.c.company_name))
    found: dict[str, list[Row]] = {stage: [] for stage in stages}
    with engine.connect() as conn:
        for row in conn.execute(query):
            found[row.stage].append({"membership_id": row.membership_id,
                                     "company_name": row.company_name})
    return found


def rate_table(engine: Engine, consortium_id: str) -> list[Row]:
    """Every rate the consortium keeps, newest day first within each pair."""
    query = (select(exchange_rates).where(exchange_rates.c.consortium_id == consortium_id)
             .order_by(exchange_rates.c.currency_from, exchange_rates.c.currency_to,
                       exchange_rates.c.as_of.desc()))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def rates_on(engine: Engine, consortium_id: str, day: date) -> dict[tuple[str, str], Decimal]:
    """The rate of each pair that holds on `day`: the one set for the latest day before it."""
    held: dict[tuple[str, str], Decimal] = {}
    for row in reversed(rate_table(engine, consortium_id)):  # oldest first; later days win
        if row["as_of"] <= day:
            held[(row["currency_from"], row["currency_to"])] = row["rate"]
    return held


def bid_work_shares(engine: Engine, bid_id: UUID | str) -> list[Row]:
    """The awarded work shares, by firm."""
    query = (select(work_shares, members.c.company_name)
             .join(members, members.c.membership_id == work_shares.c.membership_id)
             .where(work_shares.c.bid_id == str(bid_id)).order_by(members.c.company_name))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def list_bids(
    engine: Engine, consortium_id: UUID | str | None = None, status: str | None = None
) -> list[Row]:
    """The bid pipeline, newest RFQ first."""
    query = (select(bids, catalog.c.slug.label("consortium_slug"),
                    catalog.c.name.label("consortium_name"))
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .order_by(bids.c.received_at.desc(), bids.c.bid_id))
    if consortium_id is not None:
        query = query.where(bids.c.consortium_id == str(consortium_id))
    if status is not None:
        query = query.where(bids.c.status == status)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def find_bid_by_reference(engine: Engine, reference: str) -> Row | None:
    """The RFQ with this reference (`CGM-2026-0042`, any case), or None."""
    wanted = str(reference or "").strip().upper()[:30]
    query = (select(bids, catalog.c.slug.label("consortium_slug"),
                    catalog.c.name.label("consortium_name"))
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .where(bids.c.reference == wanted))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return dict(row._mapping) if row is not None else None
