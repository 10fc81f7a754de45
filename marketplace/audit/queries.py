"""The auditor's event log: filtered pages of every event, read from `rm_event_log`.

Pages are keyset-paged on the log position (`after`), never by OFFSET, so the
thousandth page of a million events costs what the first one does.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Engine

# The filters' allowed values, for the pages that offer them.
from marketplace.agencies.queries import AgencyScope
from marketplace.audit.readmodel import AGGREGATE_TYPES as AGGREGATE_TYPES
from marketplace.audit.readmodel import EVENT_TYPES as EVENT_TYPES
from marketplace.audit.readmodel import actor_key, event_log
from marketplace.bidding.readmodel import bids
from marketplace.errors import NotFoundError
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

PAGE_SIZE = 50
# The page sizes an auditor may pick.
PAGE_SIZES = (25, 50, 100, 200)
# Up to this many events in a time range, the range's index finds them and they are
# sorted; beyond it, walking the log in position order finds a page sooner.
FEW_IN_RANGE = 20_000


@dataclass(frozen=True)
class LogFilter:
    """What the auditor narrowed the log to; None leaves a filter out."""

    consortium_id: str | None = None
    aggregate_type: str | None = None
    event_type: str | None = None
    actor: str | None = None  # an actor as recorded, or who without the roles: "user:<id>"
    since: datetime | None = None  # from this moment, inclusive
    until: datetime | None = None  # up to this moment, exclusive
    aggregate_id: str | None = None
    # Not a filter the reader chose but their scope: the consortia and agencies whose
    # records they may read (an officer or auditor of one agency); None for all.
    within: AgencyScope | None = None

    def as_args(self) -> dict[str, str]:
        """The filter as query arguments, to carry into the next page's link."""
        args = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name == "within":
                continue
            if value is not None:
                args[field.name] = value.isoformat() if isinstance(value, datetime) else value
        return args


@dataclass(frozen=True)
class LogPage:
    """One page of the log, and the position to ask the next page `after` (None at the end)."""

    rows: list[dict[str, Any]]
    next_after: int | None  # oldest first: the next page's `after`; newest first, its `before`


def event_log_page(engine: Engine, where: LogFilter, *, after: int = 0,
                   limit: int = PAGE_SIZE, newest_first: bool = False,
                   before: int | None = None) -> LogPage:
    """The events that pass the filter: after a position, oldest first; or, newest first,
    before a position (None: from the end of the log)."""
    c = event_log.c
    with engine.connect() as conn:
        by_time = _few_in_range(conn, where)

        def term(column: Any) -> Any:
            # When a short time range drives the query, the other terms are written so
            # that no index serves them (SQLite's planner would otherwise prefer one).
            if not by_time:
                return column
            return column + 0 if column is c.position else column.concat("")

        query = select(event_log)
        if newest_first:
            if before is not None:
                query = query.where(term(c.position) < before)
        elif after:
            # Past the first page only: "position > 0" would tempt the planner into
            # walking the whole log in position order rather than using a filter's index.
            query = query.where(term(c.position) > after)
        for column, value in ((c.consortium_id, where.consortium_id),
                              (c.aggregate_type, where.aggregate_type),
                              (c.event_type, where.event_type),
                              (c.aggregate_id, where.aggregate_id)):
            if value is not None:
                query = query.where(term(column) == value)
        if where.actor is not None:
            # "user:<id>" finds that person whatever roles they held; with the roles
            # ("user:<id> (officer)") only those events. Equality on the key keeps the
            # index's position order, so a page never sorts a million rows.
            query = query.where(term(c.actor_key) == actor_key(where.actor))
            if where.actor != actor_key(where.actor):
                query = query.where(c.actor == where.actor)
        query = query.where(*_time_range(where))
        if where.within is not None:
            query = query.where(or_(c.consortium_id.in_(sorted(where.within.consortia)),
                                    c.aggregate_id.in_(sorted(where.within.agencies))))
        order = c.position.desc() if newest_first else c.position
        rows = [dict(row._mapping)
                for row in conn.execute(query.order_by(order).limit(limit + 1))]
    more = len(rows) > limit
    rows = rows[:limit]
    return LogPage(rows, rows[-1]["position"] if more else None)


def _time_range(where: LogFilter) -> list[Any]:
    c = event_log.c
    return [*([c.at >= where.since] if where.since is not None else []),
            *([c.at < where.until] if where.until is not None else [])]


def _few_in_range(conn: Connection, where: LogFilter) -> bool:
    """Whether the time range holds few events, counted on its index and no further."""
    bounds = _time_range(where)
    if not bounds:
        return False
    capped = select(event_log.c.at).where(*bounds).limit(FEW_IN_RANGE + 1).subquery()
    return bool(conn.execute(select(func.count()).select_from(capped)).scalar_one()
                <= FEW_IN_RANGE)


def logged_event(engine: Engine, position: int) -> dict[str, Any]:
    """The log's row for one position."""
    with engine.connect() as conn:
        row = conn.execute(select(event_log).where(event_log.c.position == position)).first()
    if row is None:
        raise NotFoundError("the log has no event at position %(position)s",
                            position=str(position))
    return dict(row._mapping)


def aggregate_rows(engine: Engine, aggregate_id: str) -> list[dict[str, Any]]:
    """The log's rows of one aggregate, in order: its events' positions and actors."""
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(
            select(event_log).where(event_log.c.aggregate_id == aggregate_id)
            .order_by(event_log.c.position))]


def consortium_choices(engine: Engine, within: AgencyScope | None = None) -> list[dict[str, str]]:
    """Every consortium's id, slug and name, by name: the log's consortium filter (only
    those `within` the reader's scope, if they have one)."""
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(
            select(catalog.c.consortium_id, catalog.c.slug, catalog.c.name)
            .order_by(catalog.c.name))
            if within is None or row.consortium_id in within.consortia]


def record_consortia(engine: Engine, aggregate_ids: set[str]) -> dict[str, str | None]:
    """The consortium each record belongs to, as the log has it (None: no consortium's)."""
    if not aggregate_ids:
        return {}
    c = event_log.c
    with engine.connect() as conn:
        rows = conn.execute(select(c.aggregate_id, func.max(c.consortium_id))
                            .where(c.aggregate_id.in_(sorted(aggregate_ids)))
                            .group_by(c.aggregate_id))
        return {str(key): value for key, value in rows}


def public_page_slug(engine: Engine, aggregate_type: str, aggregate_id: str) -> str | None:
    """The slug of the consortium whose public page shows this aggregate, if there is one."""
    c = catalog.c
    with engine.connect() as conn:
        if aggregate_type == "Consortium":
            found = select(c.slug).where(c.consortium_id == aggregate_id)
        elif aggregate_type == "Bid":
            found = (select(c.slug).join(bids, bids.c.consortium_id == c.consortium_id)
                     .where(bids.c.bid_id == aggregate_id))
        elif aggregate_type == "Membership":
            found = (select(c.slug).join(members, members.c.consortium_id == c.consortium_id)
                     .where(members.c.membership_id == aggregate_id))
        else:
            return None
        slug: str | None = conn.execute(found).scalar()
        return slug
