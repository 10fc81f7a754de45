"""The quotation as a document: reference, date, issuer, scope per stage, price and terms.

Read from the read models, and the manager's name from the vault. It names the firms
delivering each stage, never what each of them asked: members' prices stay internal.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from marketplace.bidding.readmodel import bids
from marketplace.bidding.timeline import bid_requests
from marketplace.bidding.tracking import _delivered_by
from marketplace.formation.readmodel import formation
from marketplace.ports import PersonalDataVault
from marketplace.quotation.readmodel import issuers, quotations
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]

_DOCUMENT = (
    select(bids.c.bid_id, bids.c.reference, bids.c.consortium_id, bids.c.organisation,
           bids.c.buyer_country, bids.c.stages, bids.c.incoterm, bids.c.currency,
           bids.c.quote_price, bids.c.quote_valid_until, bids.c.status,
           bid_requests.c.quantity, bid_requests.c.unit, bid_requests.c.specification,
           bid_requests.c.wanted_delivery,
           quotations.c.version, quotations.c.issued_at, quotations.c.lead_time_days,
           quotations.c.payment_terms, quotations.c.warranty, quotations.c.taxes,
           catalog.c.name.label("consortium_name"), catalog.c.agency, catalog.c.region,
           catalog.c.sector_nace, catalog.c.sector_name, catalog.c.established_on,
           catalog.c.slug.label("consortium_slug"),
           formation.c.rules, formation.c.rules_version, issuers.c.manager_ref)
    .join(quotations, quotations.c.bid_id == bids.c.bid_id)
    .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
    .outerjoin(bid_requests, bid_requests.c.bid_id == bids.c.bid_id)
    .outerjoin(formation, formation.c.consortium_id == bids.c.consortium_id)
    .outerjoin(issuers, issuers.c.consortium_id == bids.c.consortium_id)
)


def quote_reference(reference: str | None, version: int) -> str | None:
    """The quote's reference: the RFQ's for the first quote, `CGM-2026-0042/2` for the second."""
    if reference is None:
        return None
    return reference if version <= 1 else f"{reference}/{version}"


def quotation(engine: Engine, vault: PersonalDataVault, bid_id: UUID | str) -> Row | None:
    """The RFQ's latest quote as a document; None before a quote was sent."""
    with engine.connect() as conn:
        found = conn.execute(_DOCUMENT.where(bids.c.bid_id == str(bid_id))).first()
        if found is None:
            return None
        document = dict(found._mapping)
        document["delivered_by"] = _delivered_by(conn, document["bid_id"], document["stages"])
    manager_ref = document.pop("manager_ref")
    manager = vault.reveal(UUID(manager_ref)) if manager_ref else None
    document["manager_name"] = (manager or {}).get("name")  # None once erased
    document["quote_reference"] = quote_reference(document["reference"], document["version"])
    document["issued_on"] = document["issued_at"].date()
    rules = document.pop("rules") or {}
    # The rules' terms a buyer is bound by or may rely on; fees and quorum are internal.
    document["rules_terms"] = {"work_share_rule": rules.get("work_share_rule"),
                               "quote_response_days": rules.get("quote_response_days")}
    return document
