"""What the buyer's own space reads: every RFQ sent from the signed-in address.

The address is never looked up in clear: the vault finds the buyer's records by the keyed
digest of the address, and each RFQ's record is joined through its vault reference. An
erased person's records have no digest any more, so their list is empty.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from marketplace.bidding.readmodel import bids
from marketplace.ports import PersonalDataVault
from marketplace.privacy.readmodel import bid_buyers
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]
# An IN list of this many references at most per query, well within both databases' limits.
CHUNK = 500


def buyer_requests(engine: Engine, vault: PersonalDataVault, buyer_key: str) -> list[Row]:
    """The buyer's RFQs, the newest first, with status, deadline and latest quote."""
    refs = sorted(str(ref) for ref in vault.find_by_digest(buyer_key))
    found: list[Row] = []
    with engine.connect() as conn:
        for start in range(0, len(refs), CHUNK):
            query = (select(bids.c.bid_id, bids.c.reference, bids.c.status, bids.c.organisation,
                            bids.c.quote_needed_by, bids.c.received_at, bids.c.currency,
                            bids.c.quote_price, bids.c.quote_valid_until,
                            bids.c.tracking_digest,
                            catalog.c.name.label("consortium_name"))
                     .join(bid_buyers, bid_buyers.c.bid_id == bids.c.bid_id)
                     .join(catalog, catalog.c.consortium_id == bids.c.consortium_id)
                     .where(bid_buyers.c.buyer_ref.in_(refs[start:start + CHUNK])))
            found += [dict(row._mapping) for row in conn.execute(query)]
    for row in found:
        # A link can be sent again while the RFQ still has one (erasure closes it).
        row["can_resend"] = row.pop("tracking_digest") is not None
    return sorted(found, key=lambda row: (row["received_at"], row["bid_id"]), reverse=True)


def buyer_refs(engine: Engine, vault: PersonalDataVault, buyer_key: str) -> list[str]:
    """The vault references of the buyer's RFQs (their contact records), oldest first."""
    refs = [str(ref) for ref in vault.find_by_digest(buyer_key)]
    mine: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(refs), CHUNK):
            mine |= set(conn.execute(select(bid_buyers.c.buyer_ref).where(
                bid_buyers.c.buyer_ref.in_(refs[start:start + CHUNK]))).scalars())
    return [ref for ref in refs if ref in mine]
