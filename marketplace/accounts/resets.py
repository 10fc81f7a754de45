"""One-time links to reset a forgotten password: single use, 30 minutes, digest only
(marketplace/onetime.py).

The token is kept only sealed in the vault record the mail is rendered from, and destroyed
once that mail is sent (marketplace/outbox/retire.py), as an invitation's is.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from marketplace.bidding.tokens import is_token, token_digest
from marketplace.errors import ResetLinkExpiredError, ResetLinkUnknownError, ResetLinkUsedError
from marketplace.onetime import OneTimeLinks, link_table

VALID_FOR = timedelta(minutes=30)

reset_links = link_table("account_password_resets", "account_id", 36)


def _digest(token: str) -> str:
    if not isinstance(token, str) or not is_token(token):
        raise ResetLinkUnknownError()
    return token_digest(token)


class ResetLinks(OneTimeLinks):
    """The "forgot password" links of one database."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, reset_links, "account_id", VALID_FOR)

    def account_of(self, token: str, now: datetime) -> UUID:
        """The account the link resets, while it is unused and in time."""
        digest = _digest(token)
        with self.engine.connect() as conn:
            row = conn.execute(select(reset_links).where(reset_links.c.token_digest == digest)
                               ).first()
        if row is None:
            raise ResetLinkUnknownError()
        if row.used_at is not None:
            raise ResetLinkUsedError()
        if row.expires_at <= now:
            raise ResetLinkExpiredError()
        return UUID(row.account_id)

    def spend(self, conn: Connection, token: str, now: datetime) -> UUID:
        """Use the link up inside the caller's transaction, and every other link of its
        account with it; the account. Refused if unknown, used or expired."""
        account_id = self.take(conn, _digest(token), now)
        if account_id is None:
            raise ResetLinkUsedError()
        # A new password makes the account's other links pointless: they stop working.
        conn.execute(update(reset_links)
                     .where(reset_links.c.account_id == account_id,
                            reset_links.c.used_at.is_(None))
                     .values(used_at=now))
        return UUID(account_id)
