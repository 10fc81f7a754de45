"""Read-side queries for pages and the CLI, over the read-model tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import func, select, table
from sqlalchemy.engine import Connection, Engine

from marketplace.errors import NotFoundError
from marketplace.readmodels.capabilities import STAGES, gaps
from marketplace.readmodels.catalog import MEMBER_STATUSES
from marketplace.readmodels.kpis import KPI_KEYS
from marketplace.readmodels.tables import (
    bids,
    catalog,
    fees,
    kpi_counters,
    members,
    seed_funding,
)

if TYPE_CHECKING:
    from marketplace.bootstrap import Services

Row = dict[str, Any]


def _count(conn: Connection, table: Any) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


def stats(services: Services) -> dict[str, int]:
    """Counts from the read models, beside the event log's and the projector's positions."""
    log_position = services.marketplace.recorder.max_notification_id() or 0
    # Counted, not taken from the position: PostgreSQL's sequence skips the ids of
    # inserts that lost a concurrency conflict.
    # Both eventsourcing recorders (SQLite, PostgreSQL) name their table this way.
    stored_events = table(services.marketplace.recorder.events_table_name)  # type: ignore[attr-defined]
    with services.engine.connect() as conn:
        counts = {"events": _count(conn, stored_events), "consortia": _count(conn, catalog),
                  "memberships": _count(conn, members), "bids": _count(conn, bids)}
    return {**counts, "log_position": log_position,
            "projected_position": services.projector.position()}


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
        if published_only and (row["status"] != "established" or not row["offer_stages"]):
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
                   members.c.status.in_(MEMBER_STATUSES))
            .order_by(members.c.company_name))]
        entry["gaps"] = gaps(conn, entry["consortium_id"])
    return entry


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


def fee_ledger(engine: Engine, consortium_id: UUID | str, today: date | None = None) -> list[Row]:
    """Every fee of a consortium's members; unpaid fees past their due date are overdue."""
    today = today or datetime.now(tz=UTC).date()
    query = (select(fees, members.c.company_name)
             .join(members, members.c.membership_id == fees.c.membership_id)
             .where(fees.c.consortium_id == str(consortium_id))
             .order_by(members.c.company_name, fees.c.period, fees.c.fee_id))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["overdue"] = row["status"] in ("assessed", "failed") and row["due_on"] < today
    return rows


def capability_matrix(engine: Engine, consortium_id: UUID | str) -> Row:
    """Which member covers which stage, and the gaps that no joined member covers."""
    query = (select(members.c.membership_id, members.c.company_id, members.c.company_name,
                    members.c.status, members.c.stages)
             .where(members.c.consortium_id == str(consortium_id),
                    members.c.status.in_(("invited", *MEMBER_STATUSES)))
             .order_by(members.c.company_name, members.c.membership_id))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        missing = gaps(conn, str(consortium_id))
    for row in rows:
        row["stages"] = [stage for stage in STAGES if stage in row["stages"]]
    return {"stages": list(STAGES), "members": rows, "gaps": missing}


def kpis(engine: Engine, consortium_id: UUID | str | None = None) -> Row:
    """KPI counters and seed funding of one consortium, or summed over all of them."""
    counter_query = (select(kpi_counters.c.key, func.sum(kpi_counters.c.value))
                     .group_by(kpi_counters.c.key))
    funding_query = select(seed_funding)
    if consortium_id is not None:
        counter_query = counter_query.where(kpi_counters.c.consortium_id == str(consortium_id))
        funding_query = funding_query.where(seed_funding.c.consortium_id == str(consortium_id))
    with engine.connect() as conn:
        counters = dict.fromkeys(KPI_KEYS, 0)
        counters.update({key: int(value) for key, value in conn.execute(counter_query)})
        funding: dict[str, dict[str, Decimal]] = {}
        for row in conn.execute(funding_query):
            sums = funding.setdefault(row.currency, dict.fromkeys(
                ("programme_cap", "granted", "disbursed"), Decimal(0)))
            for key in sums:
                sums[key] += getattr(row, key)
    submitted = counters["quotes_submitted"]
    on_time = round(100 * counters["quotes_on_time"] / submitted) if submitted else None
    return {"counters": counters, "seed_funding": funding, "quotes_on_time_percent": on_time}


def kpis_by_consortium(engine: Engine) -> list[Row]:
    """Each consortium's KPIs, for the agency's overview."""
    with engine.connect() as conn:
        entries = conn.execute(select(catalog.c.consortium_id, catalog.c.slug, catalog.c.name)
                               .order_by(catalog.c.name)).all()
    return [{"consortium_id": e.consortium_id, "slug": e.slug, "name": e.name,
             **kpis(engine, e.consortium_id)} for e in entries]
