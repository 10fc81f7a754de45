"""The catalog's entries: consortia by name and filters, and one consortium with its members."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import MEMBER, ConsortiumStatus
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import gaps
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _entry(row: Any) -> Row:
    entry = dict(row._mapping)
    entry["certifications"] = sorted(entry["certifications"])
    return entry


def list_consortia(
    engine: Engine, sector: str | None = None, stage: str | None = None,
    text: str | None = None, *, published_only: bool = False,
) -> list[Row]:
    """Consortia of the catalog, by name; filter by NACE code, offered stage or words."""
    with engine.connect() as conn:
        rows = [_entry(r) for r in conn.execute(select(catalog).order_by(catalog.c.name))]
    words = (text or "").casefold().split()

    def wanted(row: Row) -> bool:
        if published_only and (row["status"] != ConsortiumStatus.ESTABLISHED
                               or not row["offer_stages"]):
            return False
        if sector and not (row["sector_nace"] == sector
                           or row["sector_nace"].startswith(f"{sector}.")):
            return False
        if stage and stage not in row["offer_stages"]:
            return False
        haystack = " ".join([row["name"], row["slug"], row["sector_name"],
                             row["offer_summary"]]).casefold()
        return all(word in haystack for word in words)

    return [row for row in rows if wanted(row)]


def get_catalog_entry(engine: Engine, slug: str) -> Row:
    """One consortium's catalog entry, with its members and the stages it cannot cover."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog).where(catalog.c.slug == slug)).first()
        if row is None:
            raise NotFoundError(f"there is no consortium called {slug!r}")
        entry = _entry(row)
        entry["members"] = [dict(r._mapping) for r in conn.execute(
            select(members.c.membership_id, members.c.company_id, members.c.company_name,
                   members.c.status, members.c.tier, members.c.stages,
                   members.c.certifications, members.c.joined_on, members.c.endorsements)
            .where(members.c.consortium_id == entry["consortium_id"],
                   members.c.status.in_(MEMBER))
            .order_by(members.c.company_name))]
        entry["gaps"] = gaps(conn, entry["consortium_id"])
    return entry
