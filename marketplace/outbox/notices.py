"""The workspace's notices: who hears of a new RFQ, a request, an award, a deadline.

Recipients come from the account read model (vault references, never addresses); the
facts are public: names, ids, dates and amounts of the consortium's own business. The
kinds themselves are listed in kinds.py; the deadline scans are in scans.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from marketplace.agencies.queries import agency_of_consortium
from marketplace.outbox.audience import member_users, role_holders

if TYPE_CHECKING:
    from marketplace.outbox.kind import MailContext

# A recipient with facts of their own (their membership, their share) merged into the kind's.
Addressed = tuple[UUID, dict[str, str]]


def moment(at: datetime) -> str:
    """A deadline as every language can read it: 2025-03-10 09:00 UTC."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _consortium_of(source: Any, ctx: MailContext) -> str:
    consortium_id = getattr(source, "consortium_id", None)
    if consortium_id is None:  # only the request and the scanned rows carry it
        return ctx.consortium_of(source.originator_id)
    return str(consortium_id)


def managers(source: Any, ctx: MailContext) -> list[UUID]:
    """The managers of the bid's consortium (from an event or a scanned bid row)."""
    return role_holders(ctx.engine, "manager", _consortium_of(source, ctx))


def officers(source: Any, ctx: MailContext) -> list[UUID]:
    """The officers of the consortium's agency, and those of the whole installation."""
    people = set(role_holders(ctx.engine, "officer"))
    agency = agency_of_consortium(ctx.engine, _consortium_of(source, ctx))
    if agency is not None:
        people |= set(role_holders(ctx.engine, "officer", agency))
    return sorted(people)


def asked_members(event: Any, ctx: MailContext) -> list[UUID]:
    """The member users of the membership asked to price a stage, if they want to hear."""
    return member_users(ctx.engine, event.membership_id, "contribution_requests")


def awarded_members(event: Any, ctx: MailContext) -> list[Addressed]:
    """The member users of each membership with a work share, each told their own share."""
    addressed: dict[UUID, dict[str, str]] = {}
    for membership_id, share in sorted(event.shares.items()):
        for person in member_users(ctx.engine, membership_id, "awards"):
            # One mail per person and award (the outbox's key): someone acting for two
            # of the companies is told the first's share; the member home lists both.
            # The share as text for rows read by older code, and as amount and currency
            # for the mail to say it in the recipient's language.
            addressed.setdefault(person, {"membership": str(membership_id),
                                          "share": str(share),
                                          "share_amount": str(share.amount),
                                          "share_currency": share.currency})
    return list(addressed.items())


def rfq_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """A new RFQ: the consortium, the bid and the rules' response deadline."""
    return {"consortium": ctx.app.consortium_name(event.consortium_id),
            "bid": str(event.originator_id), "respond_by": moment(event.respond_by)}


def request_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """A contribution request: the stage to price, for which company, by when."""
    bid = ctx.app.get_bid(event.originator_id)
    return {"consortium": ctx.app.consortium_name(bid.consortium_id),
            "bid": str(event.originator_id), "membership": str(event.membership_id),
            "stage": str(event.stage), "due_on": event.due_on.isoformat()}


def bid_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """A step on one RFQ the manager acts on: the consortium and the bid."""
    return {"consortium": ctx.app.consortium_name(_consortium_of(event, ctx)),
            "bid": str(event.originator_id)}


def revision_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """A revision asked: the bid, and the rules' deadline for the revised quote."""
    respond_by = getattr(event, "respond_by", None)
    return {**bid_facts(event, ctx),
            "respond_by": moment(respond_by) if respond_by else "-"}


def award_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """An award: the consortium and the contract's reference (shares go per person)."""
    bid = ctx.app.get_bid(event.originator_id)
    return {"consortium": ctx.app.consortium_name(bid.consortium_id),
            "bid": str(event.originator_id), "reference": str(event.reference)}


def deadline_facts(row: Any, _ctx: MailContext) -> dict[str, str]:
    """A scanned RFQ (see scans.py): its consortium, bid and deadline."""
    return {"consortium": row.name, "slug": row.slug, "bid": str(row.bid_id),
            "respond_by": moment(row.respond_by)}


def desk_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/desk/rfq/{facts['bid']}"


def member_space_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/member/{facts['membership']}/"


def member_contracts_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/member/{facts['membership']}/contracts"


def dashboard_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/dashboard/{facts['slug']}"
