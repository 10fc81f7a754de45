"""The agency's view of a consortium in formation: meetings, notes, funding, governance.

Each consortium's and membership's version is kept too, so that a form opened on an
older version can be refused as stale without loading the aggregate.
"""

from __future__ import annotations

from typing import Any

from domain.consortium import Consortium
from domain.membership import Membership
from domain.rules import ConsortiumRules
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import formation, meetings, prospects, seed_ledger


def rules_record(rules: ConsortiumRules) -> dict[str, Any]:
    """Adopted rules as JSON: money and percentages as exact text."""
    record = rules.as_dict()
    record["annual_fees"] = {tier: {"amount": str(fee.amount), "currency": fee.currency}
                             for tier, fee in rules.annual_fees.items()}
    record["success_fee_percent"] = str(rules.success_fee_percent)
    return record


def _touch(batch: Batch, event: Any, **values: Any) -> None:
    batch[formation].update(str(event.originator_id), version=event.originator_version,
                            **values)


def proposed(batch: Batch, event: Any) -> None:
    batch[formation].add(consortium_id=str(event.originator_id),
                         version=event.originator_version, manager_appointed_at=None,
                         rules_version=0, rules=None, rules_adopted_at=None)


def meeting_planned(batch: Batch, event: Any) -> None:
    batch[meetings].add(meeting_id=str(event.meeting_id), consortium_id=str(event.originator_id),
                        meeting_on=event.on, topic=event.topic, held=False, attendees=[])
    _touch(batch, event)


def meeting_held(batch: Batch, event: Any) -> None:
    batch[meetings].update(str(event.meeting_id), held=True,
                           attendees=[str(a) for a in event.attendees])
    _touch(batch, event)


def _funding(kind: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        batch[seed_ledger].add(
            consortium_id=str(event.originator_id), version=event.originator_version, kind=kind,
            amount=event.amount.amount, currency=event.amount.currency,
            purpose=getattr(event, "purpose", ""), at=event.timestamp)
        _touch(batch, event)

    return handle


def manager_appointed(batch: Batch, event: Any) -> None:
    _touch(batch, event, manager_appointed_at=event.timestamp)


def rules_adopted(batch: Batch, event: Any) -> None:
    _touch(batch, event, rules_version=event.version, rules=rules_record(event.rules),
           rules_adopted_at=event.timestamp)


def invited(batch: Batch, event: Any) -> None:
    batch[prospects].add(membership_id=str(event.originator_id),
                         consortium_id=str(event.consortium_id),
                         export_potential=event.export_potential,
                         version=event.originator_version)


def membership_moved(batch: Batch, event: Any) -> None:
    batch[prospects].update(str(event.originator_id), version=event.originator_version)


def _event_names(aggregate: type) -> list[str]:
    """Every event the aggregate declares; a new one is then versioned without a change here."""
    return [name for name, value in vars(aggregate).items()
            if isinstance(value, type) and issubclass(value, aggregate.Event)  # type: ignore[attr-defined]
            and name not in ("Event", "Created")]


_CONSORTIUM: dict[str, Handler] = {
    **dict.fromkeys(_event_names(Consortium), _touch),
    "Proposed": proposed,
    "MeetingPlanned": meeting_planned,
    "MeetingHeld": meeting_held,
    "SeedFundingGranted": _funding("granted"),
    "SeedFundingDisbursed": _funding("disbursed"),
    "ManagerAppointed": manager_appointed,
    "RulesAdopted": rules_adopted,
}

HANDLERS: dict[type, Handler] = {
    **on(Consortium, _CONSORTIUM),
    **on(Membership, {**dict.fromkeys(_event_names(Membership), membership_moved),
                      "Invited": invited}),
}
