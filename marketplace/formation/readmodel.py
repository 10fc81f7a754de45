"""The agency's view of a consortium in formation: meetings, notes, funding, governance.

Each consortium's and membership's version is kept too, so that a form opened on an
older version can be refused as stale without loading the aggregate.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Text

from domain.base import DomainAggregate
from domain.consortium import Consortium
from domain.membership import Membership
from domain.rules import ConsortiumRules
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata

# The agency's formation workflow: the consortium's version (for stale forms), its
# governance, meetings, prospects' notes and every seed-funding movement.
formation = Table(
    "rm_formation", metadata,
    ident("consortium_id", primary_key=True),
    Column("version", Integer, nullable=False),  # the aggregate's, to refuse stale forms
    Column("manager_appointed_at", UtcDateTime, nullable=True),
    Column("manager_ref", String(36), nullable=True),  # the vault's, never a name
    Column("rules_version", Integer, nullable=False),
    Column("rules", JSON, nullable=True),  # the latest adopted rules, money as text
    Column("rules_adopted_at", UtcDateTime, nullable=True),
)

prospects = Table(
    "rm_prospects", metadata,
    ident("membership_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("export_potential", Text, nullable=False),
    Column("version", Integer, nullable=False),  # the membership's, to refuse stale forms
    Column("agreement", Text, nullable=True),  # the reference recorded when it joined
    Column("decline_reason", Text, nullable=True),  # why it declined, if it did
)

meetings = Table(
    "rm_meetings", metadata,
    ident("meeting_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("meeting_on", Date, nullable=False),
    Column("topic", String(200), nullable=False),
    Column("held", Boolean, nullable=False),
    Column("attendees", JSON, nullable=False),  # company ids, as corrected
    Column("cancelled", Boolean, nullable=False),
    Column("cancel_reason", Text, nullable=True),
    # The invitation (none for meetings planned with a day and a topic only).
    Column("starts", String(5), nullable=True),  # local time, HH:MM
    Column("time_zone", String(64), nullable=True),
    Column("duration_minutes", Integer, nullable=True),
    Column("place", String(200), nullable=True),
    Column("video_link", String(500), nullable=True),
    Column("invited", JSON, nullable=True),  # membership ids; None: every prospect
    Column("minutes", JSON, nullable=True),  # the files attached, oldest first
)

seed_ledger = Table(
    "rm_seed_ledger", metadata,
    ident("consortium_id", primary_key=True),
    Column("version", Integer, primary_key=True),  # the event's, in the consortium
    Column("kind", String(10), nullable=False),  # granted, disbursed
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("corrected", Amount, nullable=True),  # the amount as corrected, if it was
)


def rules_record(rules: ConsortiumRules) -> dict[str, Any]:
    """Adopted rules as JSON: money and percentages as exact text."""
    record = rules.as_dict()
    record["annual_fees"] = {tier: {"amount": str(fee.amount), "currency": fee.currency}
                             for tier, fee in rules.annual_fees.items()}
    record["success_fee_percent"] = str(rules.success_fee_percent)
    return record


def _touch(batch: Batch, event: Consortium.Event, **values: Any) -> None:
    batch[formation].update(str(event.originator_id), version=event.originator_version,
                            **values)


def proposed(batch: Batch, event: Consortium.Proposed) -> None:
    batch[formation].add(consortium_id=str(event.originator_id),
                         version=event.originator_version, manager_appointed_at=None,
                         manager_ref=None,
                         rules_version=0, rules=None, rules_adopted_at=None)


def meeting_planned(batch: Batch, event: Consortium.MeetingPlanned) -> None:
    batch[meetings].add(meeting_id=str(event.meeting_id), consortium_id=str(event.originator_id),
                        meeting_on=event.on, topic=event.topic, held=False, attendees=[],
                        cancelled=False, cancel_reason=None, starts=event.starts,
                        time_zone=event.time_zone, duration_minutes=event.duration_minutes,
                        place=event.place, video_link=event.video_link,
                        invited=None if event.invited is None else list(event.invited),
                        minutes=[])
    _touch(batch, event)


def minutes_attached(batch: Batch, event: Consortium.MinutesAttached) -> None:
    meeting = batch[meetings].get(str(event.meeting_id))
    files = list(meeting["minutes"] or []) if meeting else []
    files.append({"version": event.originator_version, "name": event.name,
                  "size": event.size, "media_type": event.media_type,
                  "sha256": event.sha256, "at": event.timestamp.isoformat()})
    batch[meetings].update(str(event.meeting_id), minutes=files)
    _touch(batch, event)


def meeting_held(batch: Batch, event: Consortium.MeetingHeld) -> None:
    batch[meetings].update(str(event.meeting_id), held=True,
                           attendees=[str(a) for a in event.attendees])
    _touch(batch, event)


def _funding(kind: str) -> Handler:
    def handle(batch: Batch,
               event: Consortium.SeedFundingGranted | Consortium.SeedFundingDisbursed) -> None:
        batch[seed_ledger].add(
            consortium_id=str(event.originator_id), version=event.originator_version, kind=kind,
            amount=event.amount.amount, currency=event.amount.currency,
            purpose=getattr(event, "purpose", ""), at=event.timestamp, corrected=None)
        _touch(batch, event)

    return handle


def manager_appointed(batch: Batch, event: Consortium.ManagerAppointed) -> None:
    _touch(batch, event, manager_appointed_at=event.timestamp, manager_ref=str(event.manager))


def rules_adopted(batch: Batch, event: Consortium.RulesAdopted) -> None:
    _touch(batch, event, rules_version=event.version, rules=rules_record(event.rules),
           rules_adopted_at=event.timestamp)


def invited(batch: Batch, event: Membership.Invited) -> None:
    batch[prospects].add(membership_id=str(event.originator_id),
                         consortium_id=str(event.consortium_id),
                         export_potential=event.export_potential,
                         version=event.originator_version, agreement=None,
                         decline_reason=None)


def joined(batch: Batch, event: Membership.Joined) -> None:
    batch[prospects].update(str(event.originator_id), version=event.originator_version,
                            agreement=event.agreement)


def declined(batch: Batch, event: Membership.Declined) -> None:
    batch[prospects].update(str(event.originator_id), version=event.originator_version,
                            decline_reason=event.reason)


def membership_moved(batch: Batch, event: Membership.Event) -> None:
    batch[prospects].update(str(event.originator_id), version=event.originator_version)


def _event_classes(aggregate: type[DomainAggregate]) -> list[type]:
    """Every event the aggregate declares; a new one is then versioned without a change here."""
    return [value for name, value in vars(aggregate).items()
            if isinstance(value, type) and issubclass(value, aggregate.Event)
            and name not in ("Event", "Created")]


HANDLERS: Handlers = {
    **dict.fromkeys(_event_classes(Consortium), _touch),
    Consortium.Proposed: proposed,
    Consortium.MeetingPlanned: meeting_planned,
    Consortium.MeetingHeld: meeting_held,
    Consortium.MinutesAttached: minutes_attached,
    Consortium.SeedFundingGranted: _funding("granted"),
    Consortium.SeedFundingDisbursed: _funding("disbursed"),
    Consortium.ManagerAppointed: manager_appointed,
    Consortium.RulesAdopted: rules_adopted,
    **dict.fromkeys(_event_classes(Membership), membership_moved),
    Membership.Invited: invited,
    Membership.Joined: joined,
    Membership.Declined: declined,
}
