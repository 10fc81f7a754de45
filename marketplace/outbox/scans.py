"""Notices no event calls for: a deadline drawing near, or passed, is found by looking.

The mail worker (and `consortia mail send`) runs these scans each round. A notice is
written once per bid: its row's key is the bid, the marker version 0, the kind and the
recipient, and a bid that already has its notice is not looked at again. The reminder
before a quote expires is written once per quote: its marker is the day the quote is
valid until (as a day number), so a revised quote valid to a later day is reminded again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.engine import Engine

from domain.statuses import AWAITING, BidStatus
from marketplace.bidding.readmodel import bids
from marketplace.outbox.kind import MailContext, MailKind
from marketplace.outbox.kinds import KINDS_BY_NAME
from marketplace.outbox.tables import PENDING, mail_outbox
from marketplace.outbox.writer import skipped
from marketplace.projection.batch import dialect_insert
from marketplace.storefront.readmodel import catalog

NOTICE_VERSION = 0  # no event version is 0, so a scan's key never meets an event's
SOON = timedelta(hours=24)
REMIND_BEFORE = timedelta(days=3)  # the buyer hears this long before a quote's last day
# The buyer's acknowledgement is written for every RFQ the outbox saw arrive. Deadlines of
# RFQs from before the outbox began (years of history in the demo) are nobody's news.
SEEN_BY_THE_OUTBOX = "rfq_received"


def _has(kind: str, version: int) -> Any:
    return exists().where(mail_outbox.c.originator_id == bids.c.bid_id,
                          mail_outbox.c.originator_version == version,
                          mail_outbox.c.kind == kind)


def _unanswered(engine: Engine, kind: str, deadline: Any) -> list[Any]:
    """Unanswered RFQs the outbox saw arrive, matching `deadline`, without this notice yet."""
    query = (select(bids.c.bid_id, bids.c.consortium_id, bids.c.respond_by,
                    catalog.c.name, catalog.c.slug)
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .where(bids.c.status.in_(AWAITING), deadline,
                    _has(SEEN_BY_THE_OUTBOX, 1), ~_has(kind, NOTICE_VERSION))
             .order_by(bids.c.respond_by, bids.c.bid_id))
    with engine.connect() as conn:
        return list(conn.execute(query))


def expiry_marker(valid_until: date) -> int:
    """The reminder's marker version: the quote's last valid day, as a day number."""
    return valid_until.toordinal()


def _expiring(engine: Engine, kind: str, today: date) -> list[Any]:
    """Unanswered quotes whose last valid day is at most three days off, not yet reminded.

    A quote sent within those three days is not: its own mail gave its validity.
    """
    query = (select(bids.c.bid_id, bids.c.consortium_id, bids.c.quote_valid_until,
                    bids.c.quote_price, bids.c.currency, bids.c.quoted_at,
                    catalog.c.name, catalog.c.slug)
             .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
             .where(bids.c.status == BidStatus.QUOTED,
                    bids.c.quote_valid_until >= today,
                    bids.c.quote_valid_until <= today + REMIND_BEFORE,
                    _has(SEEN_BY_THE_OUTBOX, 1))
             .order_by(bids.c.quote_valid_until, bids.c.bid_id))
    with engine.connect() as conn:
        found = list(conn.execute(query))
        reminded = set(conn.execute(
            select(mail_outbox.c.originator_id, mail_outbox.c.originator_version)
            .where(mail_outbox.c.kind == kind,
                   mail_outbox.c.originator_id.in_([str(row.bid_id) for row in found]))))
    return [row for row in found
            if (str(row.bid_id), expiry_marker(row.quote_valid_until)) not in reminded
            and row.quoted_at.date() < row.quote_valid_until - REMIND_BEFORE]


def _rows(kind: MailKind, found: list[Any], ctx: MailContext, now: datetime,
          failed: dict[str, str], marker: Any = None) -> list[dict[str, Any]]:
    rows = []
    for row in found:
        try:
            facts = kind.facts(row, ctx)
            recipients = kind.recipients(row, ctx)
        except Exception as error:  # one RFQ's notice must not hold up the others'
            skipped(failed, f"RFQ {row.bid_id} ({kind.name})", error)
            continue  # the next scan tries it again: it has no notice yet
        version = NOTICE_VERSION if marker is None else marker(row)
        rows += [{"originator_id": str(row.bid_id), "originator_version": version,
                  "kind": kind.name, "recipient_ref": str(recipient), "facts": facts,
                  "position": 0,  # no event, no place in the log
                  "event_at": now,
                  "status": PENDING, "attempts": 0, "next_attempt_at": now}
                 for recipient in recipients]
    return rows


def write_due_notices(ctx: MailContext, now: datetime,
                      failed: dict[str, str] | None = None) -> int:
    """Tell managers of RFQs due within a day, officers of those overdue, and buyers of
    quotes about to expire; returns new rows.

    A notice that cannot be written is noted in `failed` (by RFQ), and the others are.
    """
    failed = {} if failed is None else failed
    soon, overdue = KINDS_BY_NAME["response_due"], KINDS_BY_NAME["rfq_overdue"]
    rows = (_rows(soon, _unanswered(ctx.engine, soon.name,
                                    and_(bids.c.respond_by > now,
                                         bids.c.respond_by <= now + SOON)), ctx, now, failed)
            + _rows(overdue, _unanswered(ctx.engine, overdue.name,
                                         bids.c.respond_by <= now), ctx, now, failed))
    expiring = KINDS_BY_NAME["quote_expiring"]
    rows += _rows(expiring, _expiring(ctx.engine, expiring.name, now.date()), ctx, now, failed,
                  marker=lambda row: expiry_marker(row.quote_valid_until))
    if not rows:
        return 0
    with ctx.engine.begin() as conn:
        # Two processes may scan at once; the unique key keeps each notice single.
        # RETURNING counts the rows written (psycopg reports no rowcount for this insert).
        return len(conn.execute(dialect_insert(conn, mail_outbox).values(rows)
                                .on_conflict_do_nothing()
                                .returning(mail_outbox.c.id)).all())
