"""KPI counters per consortium: the figures the agency watches over the years.

Most counters are bumped by the handler of the area they belong to; this module names
them all and counts the formation events that fill no other view.
"""

from __future__ import annotations

from typing import Any

from domain.consortium import Consortium
from marketplace.readmodels.batch import Batch, Handler, on

KPI_KEYS: tuple[str, ...] = (
    # formation and trust
    "prospects_identified", "meetings_held", "meeting_attendances", "members_joined",
    "members_declined", "members_left", "members_suspended", "members_reinstated",
    "endorsements", "offers_published",
    # fees
    "fees_assessed", "fees_paid", "fees_paid_on_time", "fee_payments_failed", "fees_refunded",
    # bids
    "rfqs_received", "rfqs_qualified", "rfqs_declined", "contributions_requested",
    "contributions_committed", "contributions_withdrawn", "quotes_submitted", "quotes_on_time",
    "quotes_accepted", "quotes_rejected", "quotes_expired", "contracts_awarded",
    "milestones_delivered", "contracts_completed",
)


def prospect_identified(batch: Batch, event: Any) -> None:
    batch.count(event.originator_id, "prospects_identified")


def meeting_held(batch: Batch, event: Any) -> None:
    batch.count(event.originator_id, "meetings_held")
    if event.attendees:
        batch.count(event.originator_id, "meeting_attendances", len(event.attendees))


HANDLERS: dict[type, Handler] = on(Consortium, {
    "ProspectIdentified": prospect_identified,
    "MeetingHeld": meeting_held,
})
