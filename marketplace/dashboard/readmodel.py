"""KPI counters per consortium and month: the figures the agency watches over the years.

Most counters are bumped by the handler of the area they belong to, in the calendar month
(UTC) of the event that bumps them, so that the dashboard sums any range of months; this
module names them all, counts the formation events that fill no other view, and keeps the members
who join and leave each month, for the dashboard's members over time.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, String, Table

from domain.consortium import Consortium
from domain.membership import Membership
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import ident, metadata
from marketplace.storefront.readmodel import catalog

kpi_counters = Table(
    "rm_kpi_counters", metadata,
    ident("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM, of the event counted
    Column("key", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Members joining and leaving, per consortium and month: the dashboard's members over time.
member_moves = Table(
    "rm_member_moves", metadata,
    ident("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM
    Column("joined", Integer, nullable=False),
    Column("left", Integer, nullable=False),
)

KPI_KEYS: tuple[str, ...] = (
    # formation and trust
    "prospects_identified", "meetings_held", "meeting_attendances", "meeting_seats",
    "members_joined", "members_declined", "members_left", "members_suspended",
    "members_reinstated", "endorsements", "offers_published",
    # fees
    "fees_assessed", "fees_paid", "fees_paid_on_time", "fee_payments_failed", "fees_refunded",
    # bids
    "rfqs_received", "rfqs_qualified", "rfqs_declined", "contributions_requested",
    "contributions_committed", "contributions_withdrawn", "quotes_submitted", "quotes_on_time",
    "quotes_accepted", "quotes_rejected", "quotes_expired", "contracts_awarded",
    "milestones_delivered", "contracts_completed",
)


def prospect_identified(batch: Batch, event: Consortium.ProspectIdentified) -> None:
    batch.count(event.originator_id, "prospects_identified")


def meeting_held(batch: Batch, event: Consortium.MeetingHeld) -> None:
    batch.count(event.originator_id, "meetings_held")
    if event.attendees:
        batch.count(event.originator_id, "meeting_attendances", len(event.attendees))
    # The seats are the prospects invited by then: attendance reads against them.
    entry = batch[catalog].get(str(event.originator_id))
    if entry is not None and entry["prospect_count"]:
        batch.count(event.originator_id, "meeting_seats", entry["prospect_count"])


def _move(column: str) -> Handler:
    def handle(batch: Batch, event: Membership.Joined | Membership.Left) -> None:
        consortium_id = batch.membership(event.originator_id)[0]
        on = getattr(event, "on", None) or event.timestamp.date()
        month = f"{on.year:04d}-{on.month:02d}"
        row = batch[member_moves].get(consortium_id, month)
        if row is None:
            row = batch[member_moves].add(consortium_id=consortium_id, month=month,
                                          joined=0, left=0)
        batch[member_moves].update(consortium_id, month, **{column: row[column] + 1})

    return handle


HANDLERS: Handlers = {
    Consortium.ProspectIdentified: prospect_identified,
    Consortium.MeetingHeld: meeting_held,
    Membership.Joined: _move("joined"),
    Membership.Left: _move("left"),
}
