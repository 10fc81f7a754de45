"""The catalog of consortia and their full-service offers, and their seed funding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Text

from domain.consortium import Consortium
from domain.statuses import MEMBER, ConsortiumStatus
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata
from marketplace.projection.rows import Row
from marketplace.storefront.search import refresh as refresh_search

catalog = Table(
    "rm_catalog", metadata,
    ident("consortium_id", primary_key=True),
    Column("slug", String(60), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("agency", String(80), nullable=False),
    Column("region", String(10), nullable=False),
    Column("sector_nace", String(5), nullable=False),
    Column("sector_name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("offer_stages", JSON, nullable=False),
    Column("offer_summary", Text, nullable=False),
    Column("prospect_count", Integer, nullable=False),
    Column("member_count", Integer, nullable=False),
    Column("certifications", JSON, nullable=False),  # name -> how many members hold it
    Column("quote_response_days", Integer, nullable=True),
    Column("countries_delivered", JSON, nullable=False),
    Column("established_on", Date, nullable=True),
    Column("proposed_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

seed_funding = Table(
    "rm_seed_funding", metadata,
    ident("consortium_id", primary_key=True),
    Column("currency", String(3), nullable=False),
    Column("programme_cap", Amount, nullable=False),
    Column("granted", Amount, nullable=False),
    Column("disbursed", Amount, nullable=False),
)


# The offer's text in the site's languages. `original` is the published text it was
# written from: once the offer says something else, buyers read the new original instead.
offer_texts = Table(
    "rm_offer_texts", metadata,
    ident("consortium_id", primary_key=True),
    Column("language", String(5), primary_key=True),
    Column("summary", Text, nullable=False),
    Column("original", Text, nullable=False),
)


def _update(batch: Batch, event: Consortium.Event, **values: Any) -> None:
    batch[catalog].update(str(event.originator_id), updated_at=event.timestamp, **values)
    searched_again(batch, event.originator_id)


def searched_again(batch: Batch, consortium_id: Any) -> None:
    """What buyers find the consortium by has changed: write its search document anew."""
    batch.later(refresh_search, consortium_id)


def member_changed(batch: Batch, consortium_id: str, before: Row | None, after: Row) -> None:
    """Keep the member count, and how many members hold each certification, in step."""
    entry = batch[catalog].get(consortium_id)
    if entry is None:
        return
    searched_again(batch, consortium_id)
    certifications = dict(entry["certifications"])
    for row, sign in ((before, -1), (after, 1)):
        if row is not None and row["status"] in MEMBER:
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
        searched_again(batch, consortium_id)
        batch[catalog].update(consortium_id, countries_delivered=sorted(
            [*entry["countries_delivered"], country]))


def proposed(batch: Batch, event: Consortium.Proposed) -> None:
    consortium_id = str(event.originator_id)
    batch[catalog].add(
        consortium_id=consortium_id, slug=event.slug, name=event.name, agency=event.agency,
        region=event.region.code, sector_nace=event.sector.nace, sector_name=event.sector.name,
        status=ConsortiumStatus.PROPOSED, offer_stages=[], offer_summary="", prospect_count=0,
        member_count=0, certifications={}, quote_response_days=None, countries_delivered=[],
        established_on=None, proposed_at=event.timestamp, updated_at=event.timestamp,
    )
    cap = event.programme_cap
    searched_again(batch, consortium_id)
    batch[seed_funding].add(consortium_id=consortium_id, currency=cap.currency,
                            programme_cap=cap.amount, granted=Decimal(0), disbursed=Decimal(0))


def rules_adopted(batch: Batch, event: Consortium.RulesAdopted) -> None:
    _update(batch, event, quote_response_days=event.rules.quote_response_days)


def established(batch: Batch, event: Consortium.Established) -> None:
    _update(batch, event, status=ConsortiumStatus.ESTABLISHED, established_on=event.on)


def offer_published(batch: Batch, event: Consortium.OfferPublished) -> None:
    _update(batch, event, offer_stages=list(event.stages), offer_summary=event.summary)
    batch.count(event.originator_id, "offers_published")


def offer_translated(batch: Batch, event: Consortium.OfferTranslated) -> None:
    consortium_id = str(event.originator_id)
    entry = batch[catalog].get(consortium_id)
    original = entry["offer_summary"] if entry is not None else ""
    kept = batch[offer_texts].get(consortium_id, event.language)
    searched_again(batch, consortium_id)
    if not event.summary:
        if kept is not None:
            batch[offer_texts].delete(consortium_id, event.language)
    elif kept is None:
        batch[offer_texts].add(consortium_id=consortium_id, language=event.language,
                               summary=event.summary, original=original)
    else:
        batch[offer_texts].update(consortium_id, event.language, summary=event.summary,
                                  original=original)


def _status(status: str) -> Handler:
    def handle(batch: Batch, event: Consortium.Event) -> None:
        _update(batch, event, status=status)

    return handle


def _seed_funding(column: str) -> Handler:
    def handle(batch: Batch,
               event: Consortium.SeedFundingGranted | Consortium.SeedFundingDisbursed) -> None:
        row = batch[seed_funding].get(str(event.originator_id))
        if row is not None:
            row[column] += event.amount.amount
            batch[seed_funding].update(str(event.originator_id), **{column: row[column]})

    return handle


HANDLERS: Handlers = {
    Consortium.Proposed: proposed,
    Consortium.RulesAdopted: rules_adopted,
    Consortium.Established: established,
    Consortium.OfferPublished: offer_published,
    Consortium.OfferTranslated: offer_translated,
    Consortium.Suspended: _status(ConsortiumStatus.SUSPENDED),
    Consortium.Reactivated: _status(ConsortiumStatus.ESTABLISHED),
    Consortium.Dissolved: _status(ConsortiumStatus.DISSOLVED),
    Consortium.SeedFundingGranted: _seed_funding("granted"),
    Consortium.SeedFundingDisbursed: _seed_funding("disbursed"),
}
