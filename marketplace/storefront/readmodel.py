"""The catalog of consortia and their full-service offers, and their seed funding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.consortium import Consortium
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.rows import Row
from marketplace.projection.tables import catalog, seed_funding

MEMBER_STATUSES = ("joined", "suspended")  # signed the agreement and have not left


def _update(batch: Batch, event: Any, **values: Any) -> None:
    batch[catalog].update(str(event.originator_id), updated_at=event.timestamp, **values)


def member_changed(batch: Batch, consortium_id: str, before: Row | None, after: Row) -> None:
    """Keep the member count, and how many members hold each certification, in step."""
    entry = batch[catalog].get(consortium_id)
    if entry is None:
        return
    certifications = dict(entry["certifications"])
    for row, sign in ((before, -1), (after, 1)):
        if row is not None and row["status"] in MEMBER_STATUSES:
            entry["member_count"] += sign
            for name in row["certifications"]:
                certifications[name] = certifications.get(name, 0) + sign
    if before is None:
        entry["prospect_count"] += 1
    batch[catalog].update(consortium_id, member_count=entry["member_count"],
                          certifications={k: v for k, v in sorted(certifications.items()) if v})


def contract_won_in(batch: Batch, consortium_id: str, country: str) -> None:
    entry = batch[catalog].get(consortium_id)
    if entry is not None and country not in entry["countries_delivered"]:
        batch[catalog].update(consortium_id, countries_delivered=sorted(
            [*entry["countries_delivered"], country]))


def proposed(batch: Batch, event: Any) -> None:
    consortium_id = str(event.originator_id)
    batch[catalog].add(
        consortium_id=consortium_id, slug=event.slug, name=event.name, agency=event.agency,
        region=event.region.code, sector_nace=event.sector.nace, sector_name=event.sector.name,
        status="proposed", offer_stages=[], offer_summary="", prospect_count=0,
        member_count=0, certifications={}, quote_response_days=None, countries_delivered=[],
        established_on=None, proposed_at=event.timestamp, updated_at=event.timestamp,
    )
    cap = event.programme_cap
    batch[seed_funding].add(consortium_id=consortium_id, currency=cap.currency,
                            programme_cap=cap.amount, granted=Decimal(0), disbursed=Decimal(0))


def rules_adopted(batch: Batch, event: Any) -> None:
    _update(batch, event, quote_response_days=event.rules.quote_response_days)


def established(batch: Batch, event: Any) -> None:
    _update(batch, event, status="established", established_on=event.on)


def offer_published(batch: Batch, event: Any) -> None:
    _update(batch, event, offer_stages=list(event.stages), offer_summary=event.summary)
    batch.count(event.originator_id, "offers_published")


def _status(status: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        _update(batch, event, status=status)

    return handle


def _seed_funding(column: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        row = batch[seed_funding].get(str(event.originator_id))
        if row is not None:
            row[column] += event.amount.amount
            batch[seed_funding].update(str(event.originator_id), **{column: row[column]})

    return handle


HANDLERS: dict[type, Handler] = on(Consortium, {
    "Proposed": proposed,
    "RulesAdopted": rules_adopted,
    "Established": established,
    "OfferPublished": offer_published,
    "Suspended": _status("suspended"),
    "Reactivated": _status("established"),
    "Dissolved": _status("dissolved"),
    "SeedFundingGranted": _seed_funding("granted"),
    "SeedFundingDisbursed": _seed_funding("disbursed"),
})
