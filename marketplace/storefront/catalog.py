"""The catalog's entries: consortia by name and filters, and one consortium with its members."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.statuses import MEMBER
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import gaps
from marketplace.membership.readmodel import members
from marketplace.storefront import finder
from marketplace.storefront.finder import CatalogFilter
from marketplace.storefront.queries import texts_by_language, valid_certifications
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _entry(row: Any) -> Row:
    return dict(row._mapping)


def _with_certifications(conn: Connection, entries: list[Row], today: date | None) -> None:
    """Each entry's certifications: the names its members hold valid today, sorted."""
    held = valid_certifications(conn, [entry["consortium_id"] for entry in entries],
                                today if today is not None else datetime.now(UTC).date())
    for entry in entries:
        entry["certifications"] = sorted(held[entry["consortium_id"]])


def list_consortia(
    engine: Engine, sector: str | None = None, stage: str | None = None,
    text: str | None = None, *, published_only: bool = False, today: date | None = None,
    after: tuple[str, str] | None = None, limit: int | None = None,
    language: str | None = None, region: str | None = None,
) -> list[Row]:
    """Consortia of the catalog, by name folded to lower case then slug (`sort_key`,
    `slug`); filter by NACE code, ISO 3166-2 region, offered stage or words, searched in
    the database; from after the `after` keys, at most `limit` of them.

    Certifications count only if valid on `today` (the marketplace clock's day)."""
    wanted = CatalogFilter(sector=sector, region=region, stages=(stage,) if stage else (),
                           text=text or "")
    with engine.connect() as conn:
        query = finder.matching(conn, wanted, language=language, published_only=published_only)
        ids = finder.page(conn, query, after=after, limit=limit)
        found = {str(row.consortium_id): _entry(row) for row in conn.execute(
            select(catalog).where(catalog.c.consortium_id.in_(ids)))}
        rows = [found[consortium_id] for consortium_id in ids]
        _with_certifications(conn, rows, today)
        texts = texts_by_language(conn, ids)
        for row in rows:  # the offer's texts in other languages, written from this offer
            row["offer_texts"] = {lang: summary for lang, summary, _ in texts[row["consortium_id"]]}
            row["sort_key"] = row["name"].casefold()
    return rows


def get_catalog_entry(engine: Engine, slug: str, *, today: date | None = None) -> Row:
    """One consortium's catalog entry, with its members and the stages it cannot cover."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog).where(catalog.c.slug == slug)).first()
        if row is None:
            raise NotFoundError("there is no consortium called %(slug)s", slug=repr(slug))
        entry = _entry(row)
        _with_certifications(conn, [entry], today)
        entry["members"] = [dict(r._mapping) for r in conn.execute(
            select(members.c.membership_id, members.c.company_id, members.c.company_name,
                   members.c.status, members.c.tier, members.c.stages,
                   members.c.certifications, members.c.joined_on, members.c.endorsements)
            .where(members.c.consortium_id == entry["consortium_id"],
                   members.c.status.in_(MEMBER))
            .order_by(members.c.company_name))]
        entry["gaps"] = gaps(conn, entry["consortium_id"])
    return entry
