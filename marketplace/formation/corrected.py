"""Corrections of formation entries, and cancelled meetings, in the read models.

A correction leaves the first record in place: the ledger row keeps the amount first
recorded and gains the corrected one; the totals, the meeting's attendance and the KPI
counters show the corrected figures; `rm_formation_corrections` lists each correction
with what it replaced, its reason and who made it.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from sqlalchemy import JSON, Column, Integer, String, Table, Text

from domain import ids
from domain.consortium import Consortium
from marketplace.formation.readmodel import meetings, seed_ledger
from marketplace.membership.readmodel import members
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata
from marketplace.storefront.readmodel import seed_funding

corrections = Table(
    "rm_formation_corrections", metadata,
    ident("consortium_id", primary_key=True),
    Column("version", Integer, primary_key=True),  # the correction's, in the consortium
    Column("kind", String(12), nullable=False),  # grant, disbursement, attendance
    Column("corrects", String(40), nullable=False),  # the entry's version, or the meeting
    Column("currency", String(3), nullable=True),
    Column("was_amount", Amount, nullable=True),
    Column("amount", Amount, nullable=True),
    Column("was_attendees", JSON, nullable=True),  # company ids
    Column("attendees", JSON, nullable=True),
    Column("reason", Text, nullable=False),
    Column("actor", String(200), nullable=True),  # who recorded it, as the chain says
    Column("at", UtcDateTime, nullable=False),
)


def _log(batch: Batch, event: Consortium.Event, kind: str, corrects: object,
         **values: object) -> None:
    row: dict[str, object] = dict.fromkeys(
        ("currency", "was_amount", "amount", "was_attendees", "attendees"))
    row.update(values)
    batch[corrections].add(
        consortium_id=str(event.originator_id), version=event.originator_version, kind=kind,
        corrects=str(corrects), reason=getattr(event, "reason", ""), actor=batch.actor(),
        at=event.timestamp, **row)


def meeting_cancelled(batch: Batch, event: Consortium.MeetingCancelled) -> None:
    batch[meetings].update(str(event.meeting_id), cancelled=True, cancel_reason=event.reason)


def attendance_corrected(batch: Batch, event: Consortium.MeetingAttendanceCorrected) -> None:
    consortium_id = str(event.originator_id)
    meeting = batch[meetings].get(str(event.corrects))
    was = list(meeting["attendees"]) if meeting else []
    now = [str(a) for a in event.attendees]
    batch[meetings].update(str(event.corrects), attendees=now)
    batch.count(consortium_id, "meeting_attendances", len(now) - len(was))
    # Attendances added are recorded by the memberships themselves (MeetingAttended).
    for company in set(was) - set(now):
        membership_id = str(ids.membership_id(UUID(consortium_id), UUID(company)))
        row = batch[members].get(membership_id)
        if row is not None and row["meetings_attended"] > 0:
            batch[members].update(membership_id, meetings_attended=row["meetings_attended"] - 1)
    _log(batch, event, "attendance", event.corrects, was_attendees=was, attendees=now)


def _amount_corrected(kind: str, column: str) -> Handler:
    def handle(batch: Batch, event: Consortium.SeedFundingGrantCorrected
               | Consortium.SeedFundingDisbursementCorrected) -> None:
        consortium_id = str(event.originator_id)
        entry = batch[seed_ledger].get(consortium_id, event.corrects)
        was = Decimal(0)
        if entry is not None:
            was = entry["amount"] if entry["corrected"] is None else entry["corrected"]
            batch[seed_ledger].update(consortium_id, event.corrects,
                                      corrected=event.amount.amount)
        totals = batch[seed_funding].get(consortium_id)
        if totals is not None:
            batch[seed_funding].update(consortium_id,
                                       **{column: totals[column] - was + event.amount.amount})
        _log(batch, event, kind, event.corrects, currency=event.amount.currency,
             was_amount=was, amount=event.amount.amount)

    return handle


HANDLERS: Handlers = {
    Consortium.MeetingCancelled: meeting_cancelled,
    Consortium.MeetingAttendanceCorrected: attendance_corrected,
    Consortium.SeedFundingGrantCorrected: _amount_corrected("grant", "granted"),
    Consortium.SeedFundingDisbursementCorrected: _amount_corrected("disbursement", "disbursed"),
}
