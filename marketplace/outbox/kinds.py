"""Which events call for a mail, to whom, and with which public facts.

A kind is named for what the recipient learns. Recipients are vault references; the
facts are public (a consortium's name), so an outbox row never holds personal data.
Issue 4's notifications add their kinds here, each with its own recipients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.bid import Bid
from marketplace.outbox import notices, steps
from marketplace.outbox.account_mail import PASSWORD_RESET
from marketplace.outbox.agreement_mail import AGREEMENT_TO_SIGN
from marketplace.outbox.attachments import Attachment
from marketplace.outbox.buyer_mail import BUYER_SIGN_IN, LINK_RESENT_KIND
from marketplace.outbox.fee_mail import FEE_KINDS
from marketplace.outbox.invitation import INVITATION
from marketplace.outbox.kind import MailContext, MailKind
from marketplace.outbox.meeting_mail import MEETING_KINDS
from marketplace.quotation.queries import quote_reference


def _bid_buyer(event: Any, ctx: MailContext) -> list[UUID]:
    # Only the request carries the buyer; later events belong to the same bid, whose
    # buyer never changes.
    buyer = getattr(event, "buyer", None) or ctx.app.get_bid(event.originator_id).buyer
    return [buyer]


def _bid_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    consortium_id = (getattr(event, "consortium_id", None)
                     or ctx.app.get_bid(event.originator_id).consortium_id)
    return {"consortium": ctx.app.consortium_name(consortium_id)}


def _tracking_path(person: dict[str, str], _facts: dict[str, str]) -> str | None:
    # No token once the RFQ ended (marketplace/outbox/retire.py): the mail goes without it.
    token = person.get("token")
    return f"/rfq/{token}" if token else None


def _version_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """A revised quote: its number, price and validity for the mail to say them, and its
    reference for the quotation's PDF attached."""
    return {**_quote_facts(event, ctx), "number": str(event.number)}


def _to_buyer(name: str, bid_event: type[Bid.Event],
              facts: Callable[[Any, MailContext], dict[str, str]] = _bid_facts) -> MailKind:
    """A mail to the bid's buyer, linking to the tracking page, on the given Bid event."""
    return MailKind(name, bid_event, _bid_buyer, facts, _tracking_path)


def _to_managers(name: str, bid_event: type[Bid.Event],
                 facts: Callable[[Any, MailContext], dict[str, str]]) -> MailKind:
    """A notice to the managers of the bid's consortium, linking to the RFQ on the desk."""
    return MailKind(name, bid_event, notices.managers, facts, notices.desk_path)


def _quote_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    """The quote's price, validity and reference: the mail says them, the PDF shows them."""
    bid = ctx.app.get_bid(event.originator_id)
    version = getattr(event, "number", 1)  # a revised quote's event numbers it
    return {**_bid_facts(event, ctx), "bid": str(event.originator_id),
            "price_amount": str(event.price.amount), "price_currency": event.price.currency,
            "valid_until": event.valid_until.isoformat(),
            "quote_reference": quote_reference(bid.reference, version) or ""}


def _quotation_pdf(facts: dict[str, str]) -> tuple[Attachment, ...]:
    reference = facts.get("quote_reference") or facts.get("bid", "")
    if "bid" not in facts:  # a row from before the quotation existed
        return ()
    return (Attachment("quotation", f"quotation-{reference.replace('/', '-')}.pdf"),)


KINDS: tuple[MailKind, ...] = (
    _to_buyer("rfq_received", Bid.QuoteRequested),
    MailKind("quote_ready", Bid.QuoteSubmitted, _bid_buyer, _quote_facts, _tracking_path,
             _quotation_pdf),
    _to_buyer("contract_awarded", Bid.ContractAwarded, steps.awarded_facts),
    # Issue 13's mails at each step the buyer or a manager waits on.
    _to_buyer("rfq_declined", Bid.Declined, steps.declined_facts),
    _to_buyer("quote_accepted", Bid.QuoteAccepted, steps.accepted_facts),
    _to_buyer("quote_declined", Bid.QuoteRejected, steps.rejected_facts),
    MailKind("quote_expiring", None, steps.scanned_buyer, steps.expiring_facts,
             _tracking_path),
    _to_managers("buyer_accepted", Bid.QuoteAccepted, steps.accepted_facts),
    _to_managers("buyer_declined", Bid.QuoteRejected, steps.rejected_facts),
    _to_managers("contribution_committed", Bid.ContributionCommitted, steps.committed_facts),
    # Issue 4's notices to the workspace; the two without an event are written by scans.
    MailKind("rfq_new", Bid.QuoteRequested, notices.managers, notices.rfq_facts,
             notices.desk_path),
    MailKind("contribution_requested", Bid.ContributionRequested,
             notices.asked_members, notices.request_facts, notices.member_space_path),
    MailKind("work_share_awarded", Bid.ContractAwarded, notices.awarded_members,
             notices.award_facts, notices.member_contracts_path),
    MailKind("response_due", None, notices.managers, notices.deadline_facts,
             notices.desk_path),
    MailKind("rfq_overdue", None, notices.officers, notices.deadline_facts,
             notices.dashboard_path),
    INVITATION,  # the invitation to choose a password
    # The buyer's own space: a tracking link sent again (the old one stops working), and
    # the one-time sign-in link, written by its command (no event).
    _to_buyer(LINK_RESENT_KIND, Bid.TrackingLinkReplaced),
    BUYER_SIGN_IN,
    # Issue 16's "forgot password" link, written by its command (no event).
    PASSWORD_RESET,
    # Issue 13's exchange: a question and its answer, a revision asked and sent.
    MailKind("question_asked", Bid.QuestionAsked, notices.managers, notices.bid_facts,
             notices.desk_path),
    _to_buyer("question_answered", Bid.QuestionAnswered),
    MailKind("revision_requested", Bid.RevisionRequested, notices.managers,
             notices.revision_facts, notices.desk_path),
    MailKind("revised_quote_sent", Bid.RevisedQuoteSent, _bid_buyer, _version_facts,
             _tracking_path, _quotation_pdf),
    *MEETING_KINDS,  # issue 16: a meeting's invitation with its .ics, and its cancellation
    AGREEMENT_TO_SIGN,  # issue 16: a new version of the rules, for members to sign
    *FEE_KINDS,  # issue 16: a fee assessed, and each reminder of it, to the member's users
)
KINDS_BY_NAME: dict[str, MailKind] = {kind.name: kind for kind in KINDS}
