"""Which events call for a mail, to whom, and with which public facts.

A kind is named for what the recipient learns. Recipients are vault references; the
facts are public (a consortium's name), so an outbox row never holds personal data.
Issue 4's notifications add their kinds here, each with its own recipients.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy.engine import Engine

from domain.bid import Bid
from marketplace.outbox import notices

if TYPE_CHECKING:
    from marketplace.application import Marketplace


@dataclass(frozen=True)
class MailContext:
    """What a kind may read to find its recipients and facts: the aggregates and read models."""

    app: Marketplace
    engine: Engine


@dataclass(frozen=True)
class MailKind:
    """One sort of mail: the event that calls for it, its recipients, its link.

    A kind without an event is written by a scan of the read models (see scans.py); its
    callables then get the scanned row instead of an event.
    """

    name: str
    event: type | None
    # Vault references, or (reference, facts of that person's own) to add to the kind's.
    recipients: Callable[[Any, MailContext], Sequence[UUID | tuple[UUID, dict[str, str]]]]
    facts: Callable[[Any, MailContext], dict[str, str]]
    # The path the mail links to, from the person's vault record and the facts.
    path: Callable[[dict[str, str], dict[str, str]], str]


def _bid_buyer(event: Any, ctx: MailContext) -> list[UUID]:
    # Only the request carries the buyer; later events belong to the same bid, whose
    # buyer never changes.
    buyer = getattr(event, "buyer", None) or ctx.app.get_bid(event.originator_id).buyer
    return [buyer]


def _bid_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    consortium_id = (getattr(event, "consortium_id", None)
                     or ctx.app.get_bid(event.originator_id).consortium_id)
    return {"consortium": ctx.app.get_consortium(consortium_id).name}


def _tracking_path(person: dict[str, str], _facts: dict[str, str]) -> str:
    return f"/rfq/{person['token']}"


def _bid_event(name: str) -> type:
    event: type = getattr(Bid, name)  # made by @event, so unknown to the type checker
    return event


def _to_buyer(name: str, bid_event: str) -> MailKind:
    """A mail to the bid's buyer, linking to the tracking page, on the named Bid event."""
    return MailKind(name, getattr(Bid, bid_event), _bid_buyer, _bid_facts, _tracking_path)


# The invitation to choose a password (defined in invitation.py).
from marketplace.outbox.invitation import INVITATION  # noqa: E402

KINDS: tuple[MailKind, ...] = (
    _to_buyer("rfq_received", "QuoteRequested"),
    _to_buyer("quote_ready", "QuoteSubmitted"),
    _to_buyer("contract_awarded", "ContractAwarded"),
    # Issue 4's notices to the workspace; the two without an event are written by scans.
    MailKind("rfq_new", _bid_event("QuoteRequested"), notices.managers, notices.rfq_facts,
             notices.desk_path),
    MailKind("contribution_requested", _bid_event("ContributionRequested"),
             notices.asked_members, notices.request_facts, notices.member_space_path),
    MailKind("work_share_awarded", _bid_event("ContractAwarded"), notices.awarded_members,
             notices.award_facts, notices.member_contracts_path),
    MailKind("response_due", None, notices.managers, notices.deadline_facts,
             notices.desk_path),
    MailKind("rfq_overdue", None, notices.officers, notices.deadline_facts,
             notices.dashboard_path),
    INVITATION,
)
KINDS_BY_NAME: dict[str, MailKind] = {kind.name: kind for kind in KINDS}
