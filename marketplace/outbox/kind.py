"""What a kind of mail is: the event that calls for it, its recipients, its facts, its link.

The kinds themselves are listed in kinds.py; this module holds only their types, so that
the modules defining kinds (notices, invitation) and the registry do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy.engine import Engine

from marketplace.outbox.attachments import Attaches, Attachment

if TYPE_CHECKING:
    from marketplace.application import Marketplace

BID_CONSORTIA_KEPT = 10_000


@dataclass(frozen=True)
class MailContext:
    """What a kind may read to find its recipients and facts: the aggregates and read models."""

    app: Marketplace
    engine: Engine
    # Which consortium each bid belongs to never changes: a bid is loaded for it once.
    bid_consortia: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def consortium_of(self, bid_id: UUID | str) -> str:
        """The id of the consortium the bid belongs to."""
        key = str(bid_id)
        found = self.bid_consortia.get(key)
        if found is None:
            if len(self.bid_consortia) >= BID_CONSORTIA_KEPT:
                self.bid_consortia.clear()
            found = self.bid_consortia[key] = str(self.app.get_bid(key).consortium_id)
        return found


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
    # The path the mail links to, from the person's vault record and the facts; None when
    # the record no longer keeps the token the link needs.
    path: Callable[[dict[str, str], dict[str, str]], str | None]
    # The files the mail carries, from its facts (rendered at send time); none by default.
    attachments: Attaches | None = None

    def files(self, facts: dict[str, str]) -> tuple[Attachment, ...]:
        """The attachments of one mail of this kind."""
        return self.attachments(facts) if self.attachments else ()
