"""The agencies an installation serves: their region, programme and legal details."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, String, Table

from domain.agency import Agency
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata

agencies = Table(
    "rm_agencies", metadata,
    ident("agency_id", primary_key=True),
    Column("code", String(30), nullable=False),
    Column("name", String(120), nullable=False),
    Column("region", String(10), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("programme_cap", Amount, nullable=False),
    Column("annual_fee", Amount, nullable=False),
    Column("success_fee_percent", Amount, nullable=False),
    Column("legal", JSON, nullable=False),  # legal_name, address, tax_id, contact
    Column("version", Integer, nullable=False),  # the aggregate's, to refuse stale forms
    Column("registered_at", UtcDateTime, nullable=False),
)


def registered(batch: Batch, event: Agency.Registered) -> None:
    batch[agencies].add(
        agency_id=str(event.originator_id), code=event.code, name=event.name,
        region=str(event.region), currency=event.programme_cap.currency,
        programme_cap=event.programme_cap.amount, annual_fee=event.annual_fee.amount,
        success_fee_percent=event.success_fee_percent, legal=dict(event.legal),
        version=event.originator_version, registered_at=event.timestamp)


def amended(batch: Batch, event: Agency.DetailsAmended) -> None:
    batch[agencies].update(str(event.originator_id), name=event.name, legal=dict(event.legal),
                           version=event.originator_version)


def programme_changed(batch: Batch, event: Agency.ProgrammeChanged) -> None:
    batch[agencies].update(str(event.originator_id), currency=event.programme_cap.currency,
                           programme_cap=event.programme_cap.amount,
                           annual_fee=event.annual_fee.amount,
                           success_fee_percent=event.success_fee_percent,
                           version=event.originator_version)


HANDLERS: Handlers = {
    Agency.Registered: registered,
    Agency.DetailsAmended: amended,
    Agency.ProgrammeChanged: programme_changed,
}
