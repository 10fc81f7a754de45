"""The buyer's own space: a one-time sign-in link by mail, and private links sent again.

A buyer has no account and no password. They sign in as the keyed digest of their address
(the vault's, marketplace/vault.py): the session holds that digest, never the address.
Their sessions are the staff's (marketplace/accounts/sessions.py), under an id made from
the digest, so that erasing the person ends them (marketplace/privacy/commands.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain.bid import Bid
from marketplace.bidding.tokens import new_token, token_digest
from marketplace.buyers.queries import buyer_refs, buyer_requests
from marketplace.commanding import CommandBase, command
from marketplace.errors import BuyerLinkError, NotFoundError
from marketplace.outbox.buyer_mail import write_sign_in_mail
from marketplace.people import LANGUAGES, email_address

if TYPE_CHECKING:
    from marketplace.accounts.sessions import SessionStore
    from marketplace.buyers.links import SignInLinks

# A buyer's session id: a mark no account id has, and the digest's first 136 bits (the
# sessions' table keeps 36 characters of it).
BUYER_PREFIX = "b:"


def buyer_session_id(buyer_key: str) -> str:
    """The id a buyer's sessions are kept under (a staff session's is an account id)."""
    return BUYER_PREFIX + buyer_key[:34]


class BuyerCommands(CommandBase):
    sessions: SessionStore | None
    buyer_links: SignInLinks | None

    def _links(self) -> SignInLinks:
        if self.buyer_links is None or self.sessions is None:
            raise RuntimeError("this marketplace was built without a session store")
        return self.buyer_links

    def ask_buyer_sign_in(self, email: str, language: str = "en") -> bool:
        """Mail a one-time link to the buyer's space if RFQs were sent from the address.

        Returns whether a mail went; the page must not tell (the same answer either way).
        The mail speaks the language of the buyer's latest RFQ, else the page's.
        """
        address = email_address(email)
        links = self._links()
        key = self.vault.digest_of(address)
        refs = buyer_refs(links.engine, self.vault, key)
        if not refs:
            return False  # no mail: the address sent no RFQ, or was erased
        latest = self.vault.reveal(UUID(refs[-1])) or {}
        spoken = latest.get("language") or language
        token = new_token()
        record = {"name": latest.get("name", ""), "email": address,
                  "language": spoken if spoken in LANGUAGES else "en", "sign_in": token}
        ref = self.vault.keep(record)
        # The link's 15 minutes run on the sessions' clock; the mail goes on the business's,
        # as every other mail does.
        links.add(token, key, self.sessions.clock.now())  # type: ignore[union-attr]
        write_sign_in_mail(links.engine, ref, self.clock.now())
        return True

    def sign_in_buyer(self, token: str) -> str:
        """Spend a sign-in link; the buyer key it signs in as (while it still finds RFQs)."""
        links = self._links()
        key = links.use(token, self.sessions.clock.now())  # type: ignore[union-attr]
        if not buyer_refs(links.engine, self.vault, key):
            raise BuyerLinkError()  # erased since the link was sent
        return key

    def end_buyer_access(self, buyer_key: str) -> int:
        """End every session and unused link of the buyer; how many sessions ended."""
        if self.sessions is None or self.buyer_links is None:
            return 0
        self.buyer_links.forget(buyer_key)
        return self.sessions.end_all(buyer_session_id(buyer_key))

    @command
    def resend_tracking_link(self, buyer_key: str, bid_id: UUID | str) -> None:
        """Mail the buyer a new private link to one of their RFQs; the old link stops."""
        bid = self._load(Bid, bid_id)
        if str(bid.buyer) not in buyer_refs(self._links().engine, self.vault, buyer_key):
            raise NotFoundError()  # not this buyer's: as if it did not exist
        self._replace_link(bid)

    def resend_all_tracking_links(self, buyer_key: str) -> int:
        """Mail the buyer a new private link to each of their RFQs that has one; how many."""
        rows = buyer_requests(self._links().engine, self.vault, buyer_key)
        for row in rows:
            if row["can_resend"]:
                self.resend_tracking_link(buyer_key, row["bid_id"])
        return sum(1 for row in rows if row["can_resend"])

    def _replace_link(self, bid: Bid) -> None:
        token = new_token()
        old = (self.vault.reveal(bid.buyer) or {}).get("token")
        # The vault first: the mail the event calls for is rendered from it. If the event
        # is then refused, the old token goes back, and the old link still works.
        if not self.vault.replace_token(bid.buyer, "token", token):
            raise NotFoundError()  # the buyer's data was erased
        try:
            bid.replace_tracking_link(token_digest(token))
            self.save(bid)
        except BaseException:
            if old:
                self.vault.replace_token(bid.buyer, "token", old)
            else:
                self.vault.destroy_tokens(bid.buyer)
            raise
