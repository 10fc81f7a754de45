"""What the storefront shows buyers: published offers, the firms behind them, public awards.

Read models only. Nothing here carries a price or a buyer's contact: a buyer browsing
the catalog sees what a consortium can do and where it has delivered, never for how much.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pycountry
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.statuses import CONTRACTED, BidStatus, ConsortiumStatus, MembershipStatus
from marketplace.bidding.readmodel import bids
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import STAGES, capabilities
from marketplace.membership.readmodel import companies, members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


@dataclass(frozen=True)
class CatalogFilter:
    """What a buyer narrowed the catalog to; every part optional, all must hold."""

    sector: str | None = None  # a NACE division ("25") or class ("25.11")
    stages: tuple[str, ...] = ()  # the consortium must offer each of them
    text: str = ""  # words to find in name, summary, region or sector


@lru_cache(maxsize=256)
def region_name(code: str) -> str:
    """The ISO 3166-2 subdivision's name (ES-CB is Cantabria), else the code itself."""
    found = pycountry.subdivisions.get(code=code)
    return found.name if found is not None else code


def _folded(text: str) -> str:
    # Buyers type "energia" for "energía" and "Cantabria" in any case.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_published(row: Row) -> bool:
    # A suspended or dissolved consortium takes no RFQs, so it is not on show.
    return row["status"] == ConsortiumStatus.ESTABLISHED and bool(row["offer_stages"])


def _card(row: Any) -> Row:
    card = dict(row._mapping)
    card["offer_stages"] = [stage for stage in STAGES if stage in card["offer_stages"]]
    card["region_name"] = region_name(card["region"])
    return card


def _matches(card: Row, wanted: CatalogFilter) -> bool:
    nace = card["sector_nace"]
    if wanted.sector and not (nace == wanted.sector or nace.startswith(f"{wanted.sector}.")):
        return False
    if any(stage not in card["offer_stages"] for stage in wanted.stages):
        return False
    haystack = _folded(" ".join([card["name"], card["offer_summary"], card["region"],
                                 card["region_name"], card["sector_name"]]))
    return all(word in haystack for word in _folded(wanted.text).split())


def published_catalog(engine: Engine, wanted: CatalogFilter | None = None) -> list[Row]:
    """The published consortia that match the filter, by name."""
    wanted = wanted or CatalogFilter()
    with engine.connect() as conn:
        rows = conn.execute(select(catalog).where(catalog.c.status == ConsortiumStatus.ESTABLISHED)
                            .order_by(catalog.c.name, catalog.c.slug))
        cards = [_card(row) for row in rows]
    return [card for card in cards if _is_published(card) and _matches(card, wanted)]


def published_sectors(engine: Engine) -> list[tuple[str, str]]:
    """The (NACE code, name) of every sector with a published consortium, by code."""
    sectors = {(card["sector_nace"], card["sector_name"]) for card in published_catalog(engine)}
    return sorted(sectors)


def _firms(conn: Connection, consortium_id: str, today: date) -> dict[str, list[Row]]:
    """The joined member firms behind each stage, by company name."""
    query = (select(capabilities.c.stage, members.c.membership_id, members.c.company_name,
                    members.c.certificates, members.c.products, members.c.capacity,
                    members.c.stages, companies.c.summary, companies.c.website,
                    companies.c.employees)
             .join(members, members.c.membership_id == capabilities.c.membership_id)
             .join(companies, companies.c.company_id == members.c.company_id)
             .where(capabilities.c.consortium_id == consortium_id,
                    members.c.status == MembershipStatus.JOINED)
             .order_by(members.c.company_name, members.c.membership_id))
    by_stage: dict[str, list[Row]] = {}
    for row in conn.execute(query):
        firm = dict(row._mapping)
        stage = firm.pop("stage")
        firm["stages"] = [s for s in STAGES if s in firm["stages"]]
        firm["certificates"] = [_certificate(cert, today) for cert in firm["certificates"]]
        by_stage.setdefault(stage, []).append(firm)
    return by_stage


def _certificate(cert: Row, today: date) -> Row:
    expires = date.fromisoformat(cert["expires_on"]) if cert.get("expires_on") else None
    return {"name": cert["name"], "expires_on": expires,
            "expired": expires is not None and expires < today}


def _public_contracts(conn: Connection, consortium_id: str) -> list[Row]:
    """Awarded contracts as the public may see them: where, when and what; no price."""
    query = (select(bids.c.buyer_country, bids.c.awarded_at, bids.c.stages,
                    bids.c.contract_reference, bids.c.status)
             .where(bids.c.consortium_id == consortium_id,
                    bids.c.status.in_(CONTRACTED))
             .order_by(bids.c.awarded_at.desc(), bids.c.bid_id))
    return [{"country": row.buyer_country,
             "year": row.awarded_at.year if row.awarded_at else None,
             "stages": [s for s in STAGES if s in row.stages],
             "reference": row.contract_reference,
             "completed": row.status == BidStatus.COMPLETED} for row in conn.execute(query)]


def published_offer(engine: Engine, slug: str, today: date) -> Row:
    """One published consortium's offer stage by stage, its firms and public contracts."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog).where(catalog.c.slug == slug)).first()
        if row is None or not _is_published(card := _card(row)):
            raise NotFoundError(f"no published consortium is called {slug!r}")
        firms = _firms(conn, card["consortium_id"], today)
        card["contracts"] = _public_contracts(conn, card["consortium_id"])
    card["offer"] = [{"stage": stage, "firms": firms.get(stage, [])}
                     for stage in card["offer_stages"]]
    return card
