"""One-time links to reset a forgotten password: single use, 30 minutes, digest only.

The token is 256 random bits (marketplace/bidding/tokens.py). The store keeps its SHA-256
digest, the account it resets and its expiry; the token itself is kept only sealed in the
vault record the mail is rendered from, and destroyed once that mail is sent
(marketplace/outbox/retire.py), as an invitation's is. Links keep time by the sessions'
clock (the wall clock), not the business's, which tests and the demo move on by weeks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Column, MetaData, String, Table, delete, select, update
from sqlalchemy.engine import Connection, Engine

from marketplace.bidding.tokens import is_token, token_digest
from marketplace.errors import ResetLinkExpiredError, ResetLinkUnknownError, ResetLinkUsedError
from marketplace.projection.columns import UtcDateTime

VALID_FOR = timedelta(minutes=30)

metadata = MetaData()
reset_links = Table(
    "account_password_resets", metadata,
    Column("token_digest", String(64), primary_key=True),  # the token itself never
    Column("account_id", String(36), nullable=False, index=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)


def _digest(token: str) -> str:
    if not isinstance(token, str) or not is_token(token):
        raise ResetLinkUnknownError()
    return token_digest(token)


class ResetLinks:
    """The "forgot password" links of one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def add(self, token: str, account_id: UUID, now: datetime) -> None:
        """Keep a new link's digest, valid for VALID_FOR from `now`."""
        with self.engine.begin() as conn:
            # Spent links are of no use to anyone: they go when the person asks again.
            conn.execute(delete(reset_links).where(reset_links.c.account_id == str(account_id),
                                                   reset_links.c.expires_at <= now))
            conn.execute(reset_links.insert().values(
                token_digest=token_digest(token), account_id=str(account_id),
                expires_at=now + VALID_FOR, used_at=None))

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
        digest = _digest(token)
        account_id = conn.execute(select(reset_links.c.account_id)
                                  .where(reset_links.c.token_digest == digest)).scalar()
        # Only while unused and in time: of two tabs posting the same link, one resets.
        taken = conn.execute(update(reset_links)
                             .where(reset_links.c.token_digest == digest,
                                    reset_links.c.used_at.is_(None),
                                    reset_links.c.expires_at > now)
                             .values(used_at=now)).rowcount
        if account_id is None or taken != 1:
            raise ResetLinkUsedError()
        # A new password makes the account's other links pointless: they stop working.
        conn.execute(update(reset_links)
                     .where(reset_links.c.account_id == account_id,
                            reset_links.c.used_at.is_(None))
                     .values(used_at=now))
        return UUID(account_id)

    def forget(self, account_id: UUID) -> int:
        """Drop every link of the account (it was closed); how many."""
        with self.engine.begin() as conn:
            return int(conn.execute(delete(reset_links)
                                    .where(reset_links.c.account_id == str(account_id))
                                    ).rowcount)
