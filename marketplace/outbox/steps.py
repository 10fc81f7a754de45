"""The facts of the mails at each step someone waits on (issue 13): declined, answered,
awarded, about to expire, priced by a member.

Facts are public: names of the consortium, the buyer's organisation and the firm, sums,
days and the reasons written for the other side. The kinds are listed in kinds.py; the
reminder before a quote expires is found by a scan (scans.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import select

from marketplace.membership.readmodel import members

if TYPE_CHECKING:
    from domain.bid import Bid
    from domain.money import Money
    from marketplace.outbox.kind import MailContext


def _money(name: str, money: Money) -> dict[str, str]:
    """A sum kept as amount and currency, for the mail to write it in its reader's language."""
    return {f"{name}_amount": str(money.amount), f"{name}_currency": money.currency}


def _bid_and_consortium(source: Any, ctx: MailContext) -> tuple[Bid, dict[str, str]]:
    bid = ctx.app.get_bid(source.originator_id)
    return bid, {"consortium": ctx.app.consortium_name(bid.consortium_id),
                 "bid": str(bid.id)}


def declined_facts(event: Bid.Declined, ctx: MailContext) -> dict[str, str]:
    """The consortium's reason for declining the RFQ, written for the buyer."""
    _bid, facts = _bid_and_consortium(event, ctx)
    return facts | {"reason": event.reason}


def accepted_facts(event: Bid.QuoteAccepted, ctx: MailContext) -> dict[str, str]:
    """The quote the buyer accepted: its price, and who accepted it."""
    bid, facts = _bid_and_consortium(event, ctx)
    quote = bid.quote or {}  # an accepted bid always has its quote
    return facts | {"organisation": bid.organisation} | _money("price", quote["price"])


def rejected_facts(event: Bid.QuoteRejected, ctx: MailContext) -> dict[str, str]:
    """The quote the buyer declined, with the buyer's reason."""
    bid, facts = _bid_and_consortium(event, ctx)
    return facts | {"organisation": bid.organisation, "reason": event.reason}


def awarded_facts(event: Bid.ContractAwarded, ctx: MailContext) -> dict[str, str]:
    """The contract: its reference and value."""
    _bid, facts = _bid_and_consortium(event, ctx)
    return facts | {"reference": str(event.reference)} | _money("value", event.value)


def committed_facts(event: Bid.ContributionCommitted, ctx: MailContext) -> dict[str, str]:
    """A member's commitment: the firm, the stage, its price and lead time."""
    bid, facts = _bid_and_consortium(event, ctx)
    with ctx.engine.connect() as conn:
        company = conn.execute(select(members.c.company_name).where(
            members.c.membership_id == str(event.membership_id))).scalar_one()
    return facts | {"organisation": bid.organisation, "company": company,
                    "membership": str(event.membership_id), "stage": str(event.stage),
                    "lead_time_days": str(event.lead_time_days)} | _money("price", event.price)


def expiring_facts(row: Any, ctx: MailContext) -> dict[str, str]:
    """A scanned quote (see scans.py): its consortium, price and last valid day."""
    return {"consortium": row.name, "bid": str(row.bid_id),
            "valid_until": row.quote_valid_until.isoformat(),
            "price_amount": str(row.quote_price), "price_currency": row.currency}


def scanned_buyer(row: Any, ctx: MailContext) -> list[UUID]:
    """The buyer of a scanned RFQ."""
    return [ctx.app.get_bid(row.bid_id).buyer]
