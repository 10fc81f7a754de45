"""When a sealed token has no mail left to carry, its ciphertext is destroyed.

An invitation's token is needed by one mail: it goes once that mail is sent (or given
up; the officer then sends a new invitation, with a new token). A tracking token is
needed by every mail to the buyer of that RFQ (received, declined, quote ready or about
to expire, accepted or declined, contract awarded), so it is kept while the RFQ can still
call for one and goes when the RFQ has ended
(ENDED: declined, rejected, expired or completed) and no mail to the buyer is waiting.
Two moments check that, so that whichever comes last destroys it: the writer, on reading
the event that ends the RFQ, and the sender, after each mail to that buyer. The sender
marks its mail done before it looks, and the event is stored before the writer reads it,
so one of the two always sees both facts. Erasure takes the whole record, token included.
A sweep when the outbox opens catches what those two could not: a store from before
sealing (its ended RFQs' tokens), or a process that stopped between a mail and its check.

A mail due once the token is gone (an RFQ declined before its receipt mail went) is sent
without the link, with words pointing to the first mail.
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from domain.bid import Bid
from domain.statuses import ENDED
from marketplace.bidding.readmodel import bids
from marketplace.outbox.account_mail import RESET_KIND
from marketplace.outbox.buyer_mail import LINK_RESENT_KIND, SIGN_IN_KIND
from marketplace.outbox.kind import MailContext
from marketplace.outbox.tables import DROPPED, FAILED, PENDING, SENDING, SENT, mail_outbox
from marketplace.privacy.readmodel import bid_buyers

log = logging.getLogger(__name__)

# The mails that carry the buyer's tracking link, and the one that carries an invitation.
TRACKING_KINDS = ("rfq_received", "quote_ready", "contract_awarded", "rfq_declined",
                  "quote_accepted", "quote_declined", "quote_expiring", LINK_RESENT_KIND)
INVITATION_KIND = "invitation"
# The mails whose token is needed by that one mail only: once it is sent, it goes.
ONE_MAIL_KINDS = (INVITATION_KIND, SIGN_IN_KIND, RESET_KIND)
# The events after which an RFQ has ended.
ENDING_EVENTS = (Bid.Declined, Bid.QuoteRejected, Bid.QuoteExpired, Bid.Completed)


def after_mail(ctx: MailContext, row: Any) -> None:
    """A mail is done with (sent, or given up): destroy the token it was the last to need."""
    try:
        if row.kind in ONE_MAIL_KINDS:
            ctx.app.vault.destroy_tokens(UUID(row.recipient_ref))
        elif row.kind in TRACKING_KINDS:
            retire_tracking(ctx, row.originator_id)
    except Exception:  # the mail went; a token left sealed is retried by the next check
        log.exception("the token of mail %s was not destroyed", row.id)


def retire_tracking(ctx: MailContext, bid_id: UUID | str) -> bool:
    """Destroy the RFQ's tracking token if the RFQ ended and no mail to its buyer waits."""
    bid = ctx.app.get_bid(bid_id)
    if bid.status not in ENDED:
        return False
    with ctx.engine.connect() as conn:
        waiting = conn.execute(
            select(func.count()).select_from(mail_outbox)
            .where(mail_outbox.c.recipient_ref == str(bid.buyer),
                   mail_outbox.c.status.in_((PENDING, SENDING)))).scalar()
    return not waiting and ctx.app.vault.destroy_tokens(bid.buyer)


def retire_spent(ctx: MailContext, chunk: int = 500) -> int:
    """Destroy every kept token no mail needs any more; returns how many records lost one."""
    holding = sorted(str(ref) for ref in ctx.app.vault.holding_tokens())
    spent: set[str] = set()
    with ctx.engine.connect() as conn:
        for start in range(0, len(holding), chunk):
            refs = holding[start:start + chunk]
            ended = conn.execute(
                select(bid_buyers.c.buyer_ref)
                .join(bids, bids.c.bid_id == bid_buyers.c.bid_id)
                .where(bid_buyers.c.buyer_ref.in_(refs), bids.c.status.in_(ENDED))).scalars()
            invited = conn.execute(
                select(mail_outbox.c.recipient_ref)
                .where(mail_outbox.c.recipient_ref.in_(refs),
                       mail_outbox.c.kind.in_(ONE_MAIL_KINDS),
                       mail_outbox.c.status.in_((SENT, FAILED, DROPPED)))).scalars()
            waiting = conn.execute(
                select(mail_outbox.c.recipient_ref)
                .where(mail_outbox.c.recipient_ref.in_(refs),
                       mail_outbox.c.status.in_((PENDING, SENDING)))).scalars()
            spent |= ({*ended} | {*invited}) - {*waiting}
    return sum(ctx.app.vault.destroy_tokens(UUID(ref)) for ref in sorted(spent))
