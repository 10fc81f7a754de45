"""Counts for `consortia stats`: read models beside the log's and the projector's positions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, table
from sqlalchemy.engine import Connection

from marketplace.bidding.readmodel import bids
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

if TYPE_CHECKING:
    from marketplace.bootstrap import Services


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
