"""One-time sign-in links to the buyer's own space: single use, 15 minutes, digest only.

The token is 256 random bits (marketplace/bidding/tokens.py). The store keeps its SHA-256
digest, the buyer key it signs in as, and its expiry; the token itself is kept only
sealed in the vault record the mail is rendered from, and destroyed once that mail is
sent (marketplace/outbox/retire.py), the way an invitation's is.

The buyer key is the vault's keyed digest of the address (marketplace/vault.py): it finds
the buyer's requests without an index of addresses, and erasing the person blanks it.
Links keep time by the sessions' clock (the wall clock), not the business's, which tests
and the demo move on by weeks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, MetaData, String, Table, delete, select, update
from sqlalchemy.engine import Engine

from marketplace.bidding.tokens import is_token, token_digest
from marketplace.errors import BuyerLinkError
from marketplace.projection.columns import UtcDateTime

VALID_FOR = timedelta(minutes=15)

metadata = MetaData()
sign_in_links = Table(
    "buyer_sign_in_links", metadata,
    Column("token_digest", String(64), primary_key=True),  # the token itself never
    Column("buyer_key", String(64), nullable=False, index=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)


class SignInLinks:
    """The buyers' one-time links of one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def add(self, token: str, buyer_key: str, now: datetime) -> None:
        """Keep a new link's digest, valid for VALID_FOR from `now`."""
        with self.engine.begin() as conn:
            # Spent links are of no use to anyone: they go when the buyer asks again.
            conn.execute(delete(sign_in_links).where(sign_in_links.c.buyer_key == buyer_key,
                                                     sign_in_links.c.expires_at <= now))
            conn.execute(sign_in_links.insert().values(
                token_digest=token_digest(token), buyer_key=buyer_key,
                expires_at=now + VALID_FOR, used_at=None))

    def use(self, token: str, now: datetime) -> str:
        """Spend the link; the buyer key it signs in as. Refused if unknown, used or expired."""
        if not isinstance(token, str) or not is_token(token):
            raise BuyerLinkError()
        digest = token_digest(token)
        with self.engine.begin() as conn:
            key = conn.execute(select(sign_in_links.c.buyer_key)
                               .where(sign_in_links.c.token_digest == digest)).scalar()
            # Only while unused and in time: of two tabs opening the same link, one gets in.
            taken = conn.execute(update(sign_in_links)
                                 .where(sign_in_links.c.token_digest == digest,
                                        sign_in_links.c.used_at.is_(None),
                                        sign_in_links.c.expires_at > now)
                                 .values(used_at=now)).rowcount
        if key is None or taken != 1:
            raise BuyerLinkError()
        return str(key)

    def forget(self, buyer_key: str) -> int:
        """Drop every link of the buyer (their data was erased); how many."""
        with self.engine.begin() as conn:
            return int(conn.execute(delete(sign_in_links)
                                    .where(sign_in_links.c.buyer_key == buyer_key)).rowcount)
