"""The catalog's entries: consortia by name and filters, and one consortium with its members."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.statuses import MEMBER, ConsortiumStatus
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import gaps
from marketplace.membership.readmodel import members
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
) -> list[Row]:
    """Consortia of the catalog, by name; filter by NACE code, offered stage or words.

    Certifications count only if valid on `today` (the marketplace clock's day)."""
    with engine.connect() as conn:
        rows = [_entry(r) for r in conn.execute(select(catalog).order_by(catalog.c.name))]
        _with_certifications(conn, rows, today)
        texts = texts_by_language(conn, [row["consortium_id"] for row in rows])
        for row in rows:  # the offer's texts in other languages, written from this offer
            row["offer_texts"] = {lang: summary for lang, summary, _ in texts[row["consortium_id"]]}
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
