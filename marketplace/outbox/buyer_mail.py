"""The buyer's sign-in mail: the one-time link to their own space, asked for on /buyer.

No event calls for it (a sign-in is not history): the command writes its row directly.
The row's originator and recipient are the vault record the mail is rendered from (the
address, the buyer's language and the sealed token); the token is destroyed once the
mail is sent (marketplace/outbox/retire.py), as an invitation's is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy.engine import Engine

from marketplace.outbox.kind import MailKind
from marketplace.outbox.tables import PENDING, mail_outbox
from marketplace.projection.batch import dialect_insert

SIGN_IN_KIND = "buyer_sign_in"
# The mail that carries a re-sent tracking link (on Bid.TrackingLinkReplaced).
LINK_RESENT_KIND = "tracking_link_resent"


def _nobody(_row: Any, _ctx: Any) -> list[UUID]:
    return []  # written by the command, never from an event or a scan


def _no_facts(_row: Any, _ctx: Any) -> dict[str, str]:
    return {}


def _sign_in_path(person: dict[str, str], _facts: dict[str, str]) -> str | None:
    token = person.get("sign_in")  # gone once the mail was sent
    return f"/buyer/sign-in/{token}" if token else None


BUYER_SIGN_IN: MailKind = MailKind(SIGN_IN_KIND, None, _nobody, _no_facts, _sign_in_path)


def write_sign_in_mail(engine: Engine, ref: UUID, now: datetime, kind: str = SIGN_IN_KIND
                       ) -> None:
    """Queue the sign-in mail (or another one-time link's `kind`) rendered from the vault
    record `ref`."""
    with engine.begin() as conn:
        conn.execute(dialect_insert(conn, mail_outbox).values(
            originator_id=str(ref), originator_version=0, kind=kind,
            recipient_ref=str(ref), facts={}, position=0, event_at=now, status=PENDING,
            attempts=0, next_attempt_at=now).on_conflict_do_nothing())
