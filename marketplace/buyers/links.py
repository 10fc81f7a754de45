"""One-time sign-in links to the buyer's own space: single use, 15 minutes, digest only
(marketplace/onetime.py).

The buyer key is the vault's keyed digest of the address (marketplace/vault.py): it finds
the buyer's requests without an index of addresses, and erasing the person blanks it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from marketplace.bidding.tokens import is_token, token_digest
from marketplace.errors import BuyerLinkError
from marketplace.onetime import OneTimeLinks, link_table

VALID_FOR = timedelta(minutes=15)

sign_in_links = link_table("buyer_sign_in_links", "buyer_key", 64)


class SignInLinks(OneTimeLinks):
    """The buyers' one-time links of one database."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, sign_in_links, "buyer_key", VALID_FOR)

    def use(self, token: str, now: datetime) -> str:
        """Spend the link; the buyer key it signs in as. Refused if unknown, used or expired."""
        if not isinstance(token, str) or not is_token(token):
            raise BuyerLinkError()
        with self.engine.begin() as conn:
            key = self.take(conn, token_digest(token), now)
        if key is None:
            raise BuyerLinkError()
        return key
