"""The buyer's and the manager's commands on a bid, from RFQ to completed contract."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from uuid import UUID

from domain import clock
from domain.bid import Bid
from domain.consortium import Consortium
from domain.deadlines import working_days_after
from domain.errors import N_, InvalidRFQError, UnknownContributorError
from domain.membership import Membership
from domain.money import Money
from domain.values import Country, Incoterm, Stage
from marketplace.bidding.references import ReferenceCommands
from marketplace.bidding.tokens import is_token, new_token, token_digest
from marketplace.commanding import as_uuid, command, contended_command
from marketplace.people import language_code, person_record

# Work shares by membership id, as a UUID or its text.
Shares = Mapping[UUID, Money] | Mapping[str, Money] | Mapping[UUID | str, Money]


def _quantity(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise InvalidRFQError("the quantity must be an exact number")
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidRFQError("%(typed)s is not a quantity", typed=repr(value)) from None


class BiddingCommands(ReferenceCommands):
    @contended_command(8)  # buyers at once take numbers from one register of references
    def request_quote(
        self, consortium_id: UUID | str, *, contact_name: str, contact_email: str,
        organisation: str, country: str, stages: list[str], specification: str,
        quantity: Decimal | int | str, unit: str, incoterm: str, named_place: str,
        currency: str, quote_needed_by: date, wanted_delivery: date | None = None,
        tracking_token: str | None = None, language: str = "en",
    ) -> UUID:
        """A buyer asks a consortium for a quote; the contact goes to the vault.

        Only the token's digest enters the event, so the log never holds a working link.
        The mails need the token itself: the vault keeps it with the contact, sealed, until
        the RFQ ends (marketplace/sealing.py, marketplace/outbox/retire.py).
        """
        token = tracking_token or new_token()
        if not is_token(token):
            raise InvalidRFQError("the tracking token is not a valid token")
        consortium = self._read(Consortium, consortium_id)
        required = Stage.parse_many(stages)
        consortium.check_accepts_rfq(required)
        assert consortium.rules is not None  # an established consortium has rules
        # The contact enters the vault only for a request that is stored; it is
        # discarded again if the request is refused, so nothing is half-written.
        buyer = self.vault.keep({**person_record(contact_name, contact_email),
                                 "token": token, "language": language_code(language)})
        try:
            # Buyers of one consortium take their numbers in turn (marketplace/serial.py);
            # the read models follow once the turn is passed on.
            with self.notified_after(), self.serial.hold("reference-book", consortium.id):
                reference, numbered = self._issue_reference(consortium)
                bid = Bid.request_quote(
                    consortium_id=consortium.id, buyer=buyer, organisation=organisation,
                    country=Country(country), stages=required, specification=specification,
                    quantity=_quantity(quantity), unit=unit,
                    incoterm=Incoterm(incoterm, named_place), currency=currency,
                    quote_needed_by=quote_needed_by, wanted_delivery=wanted_delivery,
                    respond_by=working_days_after(clock.now(),
                                                  consortium.rules.quote_response_days),
                    tracking=token_digest(token), reference=reference,
                )
                self.save(*numbered, bid)
        except BaseException:
            self.vault.discard(buyer)
            raise
        return bid.id

    @command
    def qualify_rfq(self, bid_id: UUID | str, note: str) -> None:
        """Take the RFQ on."""
        bid = self._trading_bid(bid_id)
        bid.qualify(note)
        self.save(bid)

    @command
    def decline_rfq(self, bid_id: UUID | str, reason: str) -> None:
        """Decline the RFQ with a reason."""
        bid = self._load(Bid, bid_id)
        bid.decline(reason)
        self.save(bid)

    @command
    def request_contribution(
        self, bid_id: UUID | str, stage: str, membership_id: UUID | str, due_on: date
    ) -> None:
        """Ask a member who declared the stage to price its part."""
        bid, membership, step = self._bid_and_member(bid_id, membership_id, stage)
        self._read(Consortium, bid.consortium_id).check_trading()
        membership.check_can_contribute(step)
        bid.request_contribution(step, membership.id, due_on)
        self.save(bid)

    @command
    def commit_contribution(
        self, bid_id: UUID | str, stage: str, membership_id: UUID | str, price: Money,
        lead_time_days: int,
    ) -> None:
        """A member commits a price and lead time; only active members can."""
        bid, membership, step = self._bid_and_member(bid_id, membership_id, stage)
        # A suspended consortium cannot quote, so late commitments do no harm.
        membership.check_can_contribute(step)
        bid.commit_contribution(step, membership.id, price, lead_time_days)
        self.save(bid)

    @command
    def withdraw_contribution(
        self, bid_id: UUID | str, stage: str, membership_id: UUID | str, reason: str
    ) -> None:
        """A member withdraws its contribution before the quote is submitted."""
        bid, membership, step = self._bid_and_member(bid_id, membership_id, stage)
        bid.withdraw_contribution(step, membership.id, reason)
        self.save(bid)

    def _trading_bid(self, bid_id: UUID | str) -> Bid:
        bid = self._load(Bid, bid_id)
        self._read(Consortium, bid.consortium_id).check_trading()
        return bid

    def _bid_and_member(
        self, bid_id: UUID | str, membership_id: UUID | str, stage: str
    ) -> tuple[Bid, Membership, Stage]:
        bid = self._load(Bid, bid_id)
        membership = self._read(Membership, membership_id)  # its rules are only checked
        if membership.consortium_id != bid.consortium_id:
            raise UnknownContributorError("this company is not a member of the bidding consortium")
        return bid, membership, Stage.parse(stage)

    @command
    def submit_quote(
        self, bid_id: UUID | str, price: Money, valid_until: date, lead_time_days: int,
        *, payment_terms: str = "", warranty: str = "", taxes: str = "",
    ) -> None:
        """Submit one price for the full service, with its payment terms, warranty, taxes."""
        bid = self._trading_bid(bid_id)
        bid.submit_quote(price, valid_until, lead_time_days, payment_terms, warranty, taxes)
        self.save(bid)

    @command
    def revise_quote(
        self, bid_id: UUID | str, price: Money, valid_until: date, lead_time_days: int,
        reason: str,
    ) -> None:
        """Replace the quote the buyer has not answered yet, saying why."""
        bid = self._with_versions(self._trading_bid(bid_id))
        bid.revise_quote(price, valid_until, lead_time_days, reason)
        self.save(bid)

    @command
    def correct_work_shares(
        self, bid_id: UUID | str, shares: Shares, reason: str
    ) -> None:
        """Correct an award's work shares, saying why; the award stays as recorded."""
        bid = self._with_versions(self._load(Bid, bid_id))
        bid.correct_work_shares({as_uuid(m, N_("membership id")): s for m, s in shares.items()},
                                reason)
        self.save(bid)

    def _with_versions(self, bid: Bid) -> Bid:
        """A bid loaded from a snapshot taken before corrections existed does not know
        which event its quote or award came from: read it from the stored events."""
        wanted = {"quote": ("QuoteSubmitted", "QuoteRevised", "RevisedQuoteSent"),
                  "contract": ("ContractAwarded",)}
        for attribute, names in wanted.items():
            entry = getattr(bid, attribute)
            if entry is not None and "version" not in entry:
                entry["version"] = max(
                    event.originator_version
                    for event in self.repository.event_store.get(bid.id)
                    if type(event).__name__ in names)
        return bid

    @command
    def accept_quote(self, bid_id: UUID | str, version: int | None = None) -> None:
        """The buyer accepts the quote; a `version` other than the latest is refused."""
        bid = self._load(Bid, bid_id)
        bid.accept_quote(version)
        self.save(bid)

    @command
    def reject_quote(self, bid_id: UUID | str, reason: str, version: int | None = None) -> None:
        """The buyer declines the quote; a `version` other than the latest is refused."""
        bid = self._load(Bid, bid_id)
        bid.reject_quote(reason, version)
        self.save(bid)

    @command
    def expire_quote(self, bid_id: UUID | str) -> None:
        """Close a quote past its validity."""
        bid = self._load(Bid, bid_id)
        bid.expire_quote()
        self.save(bid)

    @command
    def award_contract(
        self, bid_id: UUID | str, value: Money, shares: Shares, reference: str
    ) -> None:
        """Record the award and each member's work share."""
        bid = self._load(Bid, bid_id)
        bid.award_contract(value, {as_uuid(m, N_("membership id")): s for m, s in shares.items()},
                           reference)
        self.save(bid)

    @command
    def deliver_milestone(self, bid_id: UUID | str, title: str, stage: str) -> None:
        """Record a delivered milestone."""
        bid = self._load(Bid, bid_id)
        bid.deliver_milestone(title, Stage.parse(stage))
        self.save(bid)

    @command
    def complete_contract(self, bid_id: UUID | str) -> None:
        """Close the contract as delivered."""
        bid = self._load(Bid, bid_id)
        bid.complete()
        self.save(bid)
