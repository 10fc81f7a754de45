"""Which events call for a mail, to whom, and with which public facts.

A kind is named for what the recipient learns. Recipients are vault references; the
facts are public (a consortium's name), so an outbox row never holds personal data.
Issue 4's notifications add their kinds here, each with its own recipients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.bid import Bid

if TYPE_CHECKING:
    from marketplace.application import Marketplace


@dataclass(frozen=True)
class MailKind:
    """One sort of mail: the event that calls for it, its recipients, its link."""

    name: str
    event: type
    recipients: Callable[[Any, Marketplace], list[UUID]]
    facts: Callable[[Any, Marketplace], dict[str, str]]
    # The path the mail links to, from the person's vault record and the facts.
    path: Callable[[dict[str, str], dict[str, str]], str]


def _bid_buyer(event: Any, app: Marketplace) -> list[UUID]:
    # Only the request carries the buyer; later events belong to the same bid, whose
    # buyer never changes.
    buyer = getattr(event, "buyer", None) or app.get_bid(event.originator_id).buyer
    return [buyer]


def _bid_facts(event: Any, app: Marketplace) -> dict[str, str]:
    consortium_id = (getattr(event, "consortium_id", None)
                     or app.get_bid(event.originator_id).consortium_id)
    return {"consortium": app.get_consortium(consortium_id).name}


def _tracking_path(person: dict[str, str], _facts: dict[str, str]) -> str:
    return f"/rfq/{person['token']}"


def _to_buyer(name: str, bid_event: str) -> MailKind:
    """A mail to the bid's buyer, linking to the tracking page, on the named Bid event."""
    return MailKind(name, getattr(Bid, bid_event), _bid_buyer, _bid_facts, _tracking_path)


KINDS: tuple[MailKind, ...] = (
    _to_buyer("rfq_received", "QuoteRequested"),
    _to_buyer("quote_ready", "QuoteSubmitted"),
    _to_buyer("contract_awarded", "ContractAwarded"),
)
KINDS_BY_NAME: dict[str, MailKind] = {kind.name: kind for kind in KINDS}
