"""The Bid aggregate: one buyer's request, from RFQ to a completed contract."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from eventsourcing.domain import event

from domain import clock
from domain.base import DomainAggregate
from domain.errors import (
    BidStateError,
    ContributionNotRequestedError,
    CurrencyMismatchError,
    InvalidMoneyError,
    InvalidRFQError,
    InvalidValueError,
    QuoteExpiredError,
    QuoteIncompleteError,
    UnknownContributorError,
    WorkSharesMismatchError,
)
from domain.money import Money, currency_code, require_money, total
from domain.statuses import BID_TRANSITIONS, BidStatus
from domain.text import text
from domain.values import Country, Incoterm, Stage

SPECIFICATION_LIMIT = 10_000


def _key(stage: Stage, membership_id: UUID) -> str:
    return f"{stage.value}:{membership_id}"


class Bid(DomainAggregate):
    """A request for quotation addressed to one consortium, and what came of it."""

    class QuoteRequested(DomainAggregate.Created):
        consortium_id: UUID
        buyer: UUID
        organisation: str
        country: Country
        stages: list[str]
        specification: str
        quantity: Decimal
        unit: str
        incoterm: Incoterm
        currency: str
        quote_needed_by: date
        wanted_delivery: date | None
        respond_by: datetime
        tracking: str | None = None

    class Qualified(DomainAggregate.Event):
        note: str

    class Declined(DomainAggregate.Event):
        reason: str

    class ContributionRequested(DomainAggregate.Event):
        stage: str
        membership_id: UUID
        due_on: date

    class ContributionCommitted(DomainAggregate.Event):
        stage: str
        membership_id: UUID
        price: Money
        lead_time_days: int

    class ContributionWithdrawn(DomainAggregate.Event):
        stage: str
        membership_id: UUID
        reason: str

    class QuoteSubmitted(DomainAggregate.Event):
        price: Money
        valid_until: date
        lead_time_days: int
        delivered_by: dict[str, list[str]]
        on_time: bool

    class QuoteAccepted(DomainAggregate.Event):
        pass

    class QuoteRejected(DomainAggregate.Event):
        reason: str

    class QuoteExpired(DomainAggregate.Event):
        pass

    class ContractAwarded(DomainAggregate.Event):
        shares: dict[str, Money]
        value: Money
        reference: str

    class MilestoneDelivered(DomainAggregate.Event):
        title: str
        stage: str

    class Completed(DomainAggregate.Event):
        pass

    @classmethod
    def request_quote(
        cls, *, consortium_id: UUID, buyer: UUID, organisation: str, country: Country,
        stages: tuple[Stage, ...], specification: str, quantity: Decimal, unit: str,
        incoterm: Incoterm, currency: str, quote_needed_by: date,
        wanted_delivery: date | None, respond_by: datetime, tracking: str | None = None,
    ) -> Bid:
        """Receive a buyer's request for quotation (the buyer is a vault reference).

        `tracking` is the digest of the buyer's private tracking link, never the link.
        """
        today = clock.now().date()
        if not stages:
            raise InvalidRFQError("choose at least one stage of the value chain")
        if not isinstance(quantity, Decimal) or not quantity.is_finite() or quantity <= 0:
            raise InvalidRFQError("the quantity must be a number above zero")
        if not isinstance(quote_needed_by, date) or quote_needed_by <= today:
            raise InvalidRFQError("the date the quote is needed by must be in the future")
        if wanted_delivery is not None and wanted_delivery < quote_needed_by:
            raise InvalidRFQError("the delivery date cannot come before the quote is needed")
        if not isinstance(country, Country) or not isinstance(incoterm, Incoterm):
            raise InvalidRFQError("the RFQ needs a country and an Incoterm with its place")
        return cls(
            consortium_id=consortium_id,
            buyer=buyer,
            organisation=text(organisation, "the buyer's organisation", 200),
            country=country,
            stages=[s.value for s in stages],
            specification=text(specification, "the specification", SPECIFICATION_LIMIT,
                               keep_lines=True),
            quantity=quantity,
            unit=text(unit, "the unit", 30),
            incoterm=incoterm,
            currency=currency_code(currency),
            quote_needed_by=quote_needed_by,
            wanted_delivery=wanted_delivery,
            respond_by=respond_by,
            tracking=tracking,
        )

    @event(QuoteRequested)
    def __init__(self, consortium_id, buyer, organisation, country, stages, specification,
                 quantity, unit, incoterm, currency, quote_needed_by, wanted_delivery,
                 respond_by, tracking=None) -> None:
        self.consortium_id = consortium_id
        self.buyer = buyer
        self.organisation = organisation
        self.country = country
        self.stages = list(stages)
        self.specification = specification
        self.quantity = quantity
        self.unit = unit
        self.incoterm = incoterm
        self.currency = currency
        self.quote_needed_by = quote_needed_by
        self.wanted_delivery = wanted_delivery
        self.respond_by = respond_by
        self.tracking = tracking
        self.status = BidStatus.REQUESTED
        self.requests: dict[str, date] = {}
        self.contributions: dict[str, dict] = {}
        self.quote: dict | None = None
        self.contract: dict | None = None
        self.milestones: list[dict] = []

    def _expect(self, *states: BidStatus, doing: str) -> None:
        if self.status not in states:
            raise BidStateError(f"cannot {doing}: the RFQ is {self.status}")

    def _may_become(self, status: BidStatus, doing: str) -> None:
        """Refuse a move the transition table does not allow from here."""
        if status not in BID_TRANSITIONS.get(BidStatus(self.status), frozenset()):
            raise BidStateError(f"cannot {doing}: the RFQ is {self.status}")

    # Triage

    def qualify(self, note: str) -> None:
        """Accept the RFQ for work."""
        self._may_become(BidStatus.QUALIFIED, doing="qualify it")
        self._qualify(text(note, "the note", 1000))

    @event(Qualified)
    def _qualify(self, note) -> None:
        self.status = BidStatus.QUALIFIED

    def decline(self, reason: str) -> None:
        """Decline the RFQ, with a reason the buyer will read."""
        self._may_become(BidStatus.DECLINED, doing="decline it")
        self._decline(text(reason, "the reason", 1000))

    @event(Declined)
    def _decline(self, reason) -> None:
        self.status = BidStatus.DECLINED

    # Contributions

    def request_contribution(self, stage: Stage, membership_id: UUID, due_on: date) -> None:
        """Ask a member to price its work on one stage."""
        self._expect(BidStatus.QUALIFIED, doing="request contributions")
        if stage.value not in self.stages:
            raise InvalidValueError(f"the buyer did not ask for {stage.value}")
        if _key(stage, membership_id) in self.requests:
            raise InvalidValueError(f"this member was already asked for {stage.value}")
        if not isinstance(due_on, date) or due_on < clock.now().date():
            raise InvalidValueError("a contribution's due date cannot be in the past")
        self._request_contribution(stage.value, membership_id, due_on)

    @event(ContributionRequested)
    def _request_contribution(self, stage, membership_id, due_on) -> None:
        self.requests[f"{stage}:{membership_id}"] = due_on

    def commit_contribution(
        self, stage: Stage, membership_id: UUID, price: Money, lead_time_days: int
    ) -> None:
        """A member commits a price and lead time for its stage."""
        self._expect(BidStatus.QUALIFIED, doing="commit a contribution")
        if _key(stage, membership_id) not in self.requests:
            raise ContributionNotRequestedError(
                f"this member was not asked to contribute to {stage.value}"
            )
        require_money(price, "a contribution's price")
        if not isinstance(lead_time_days, int) or not 1 <= lead_time_days <= 3650:
            raise InvalidValueError("the lead time must be 1 to 3,650 days")
        self._commit_contribution(stage.value, membership_id, price, lead_time_days)

    @event(ContributionCommitted)
    def _commit_contribution(self, stage, membership_id, price, lead_time_days) -> None:
        self.contributions[f"{stage}:{membership_id}"] = {
            "stage": stage, "membership_id": str(membership_id),
            "price": price, "lead_time_days": lead_time_days,
        }

    def withdraw_contribution(self, stage: Stage, membership_id: UUID, reason: str) -> None:
        """A member withdraws its committed contribution before the quote goes out."""
        self._expect(BidStatus.QUALIFIED, doing="withdraw a contribution")
        if _key(stage, membership_id) not in self.contributions:
            raise ContributionNotRequestedError("there is no committed contribution to withdraw")
        self._withdraw_contribution(stage.value, membership_id, text(reason, "the reason", 500))

    @event(ContributionWithdrawn)
    def _withdraw_contribution(self, stage, membership_id, reason) -> None:
        del self.contributions[f"{stage}:{membership_id}"]

    def uncovered_stages(self) -> list[str]:
        covered = {c["stage"] for c in self.contributions.values()}
        return [s for s in self.stages if s not in covered]

    # Quote

    def submit_quote(self, price: Money, valid_until: date, lead_time_days: int) -> None:
        """Send the buyer one price for the full service."""
        self._may_become(BidStatus.QUOTED, doing="submit a quote")
        uncovered = self.uncovered_stages()
        if uncovered:
            quoted = [f"'{s}'" for s in uncovered]
            if len(quoted) == 1:
                raise QuoteIncompleteError(f"stage {quoted[0]} has no committed contribution")
            listed = ", ".join(quoted[:-1]) + " and " + quoted[-1]
            raise QuoteIncompleteError(f"stages {listed} have no committed contribution")
        require_money(price, "the quote's price")
        if price.currency != self.currency:
            raise CurrencyMismatchError(f"the buyer asked for a quote in {self.currency}")
        if not isinstance(valid_until, date) or valid_until <= clock.now().date():
            raise InvalidValueError("the quote must stay valid until a future date")
        if not isinstance(lead_time_days, int) or not 1 <= lead_time_days <= 3650:
            raise InvalidValueError("the lead time must be 1 to 3,650 days")
        delivered_by = {s: sorted(c["membership_id"] for c in self.contributions.values()
                                  if c["stage"] == s) for s in self.stages}
        on_time = clock.now() <= self.respond_by
        self._submit_quote(price, valid_until, lead_time_days, delivered_by, on_time)

    @event(QuoteSubmitted)
    def _submit_quote(self, price, valid_until, lead_time_days, delivered_by, on_time) -> None:
        self.status = BidStatus.QUOTED
        self.quote = {"price": price, "valid_until": valid_until,
                      "lead_time_days": lead_time_days, "delivered_by": delivered_by,
                      "on_time": on_time}

    @property
    def quote_expired(self) -> bool:
        return self.quote is not None and clock.now().date() > self.quote["valid_until"]

    @property
    def valid_until(self) -> date | None:
        return self.quote["valid_until"] if self.quote else None

    def accept_quote(self) -> None:
        """The buyer accepts the quote while it is valid."""
        self._may_become(BidStatus.ACCEPTED, doing="accept the quote")
        if self.quote_expired:
            raise QuoteExpiredError(f"the quote expired on {self.valid_until}")
        self._accept()

    @event(QuoteAccepted)
    def _accept(self) -> None:
        self.status = BidStatus.ACCEPTED

    def reject_quote(self, reason: str) -> None:
        """The buyer declines the quote."""
        self._may_become(BidStatus.REJECTED, doing="decline the quote")
        self._reject(text(reason, "the reason", 1000))

    @event(QuoteRejected)
    def _reject(self, reason) -> None:
        self.status = BidStatus.REJECTED

    def expire_quote(self) -> None:
        """Close a quote whose validity has passed."""
        self._may_become(BidStatus.EXPIRED, doing="expire the quote")
        if not self.quote_expired:
            raise BidStateError(f"the quote is valid until {self.valid_until}")
        self._expire()

    @event(QuoteExpired)
    def _expire(self) -> None:
        self.status = BidStatus.EXPIRED

    # Contract

    def award_contract(self, value: Money, shares: dict[UUID, Money], reference: str) -> None:
        """Record the buyer's award and each member's work share."""
        self._may_become(BidStatus.AWARDED, doing="record an award")
        require_money(value, "the contract value")
        if value.currency != self.currency:
            raise CurrencyMismatchError(f"the contract is in {self.currency}")
        contributors = {c["membership_id"] for c in self.contributions.values()}
        strangers = [m for m in shares if str(m) not in contributors]
        if strangers:
            raise UnknownContributorError("work shares go only to members who contributed")
        if not all(isinstance(share, Money) for share in shares.values()):
            raise InvalidMoneyError("each work share must be an amount of money with its currency")
        if any(not share for share in shares.values()):
            raise WorkSharesMismatchError("every work share must be above zero")
        summed = total(list(shares.values()), self.currency)
        if summed != value:
            raise WorkSharesMismatchError(
                f"work shares add up to {summed}, not the contract value {value}"
            )
        self._award({str(m): s for m, s in shares.items()}, value,
                    text(reference, "the contract reference", 200))

    @event(ContractAwarded)
    def _award(self, shares, value, reference) -> None:
        self.status = BidStatus.AWARDED
        self.contract = {"value": value, "shares": dict(shares), "reference": reference}

    def deliver_milestone(self, title: str, stage: Stage) -> None:
        """Record a delivered milestone of the contract."""
        self._expect(BidStatus.AWARDED, doing="deliver a milestone")
        if stage.value not in self.stages:
            raise InvalidValueError(f"the contract does not include {stage.value}")
        self._deliver(text(title, "the milestone", 200), stage.value)

    @event(MilestoneDelivered)
    def _deliver(self, title, stage) -> None:
        self.milestones.append({"title": title, "stage": stage})

    def complete(self) -> None:
        """Close the contract as fully delivered."""
        self._may_become(BidStatus.COMPLETED, doing="complete the contract")
        if not self.milestones:
            raise BidStateError("record at least one delivered milestone first")
        self._complete()

    @event(Completed)
    def _complete(self) -> None:
        self.status = BidStatus.COMPLETED
