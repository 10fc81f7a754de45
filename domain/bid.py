"""The Bid aggregate: one buyer's request, from RFQ to a completed contract."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain import clock
from domain.base import DomainAggregate
from domain.errors import (
    N_,
    BidStateError,
    ContributionNotRequestedError,
    CurrencyMismatchError,
    DocumentRefusedError,
    DocumentTooLargeError,
    InvalidMoneyError,
    InvalidRFQError,
    InvalidValueError,
    QuestionAlreadyAnsweredError,
    QuestionLimitError,
    QuoteExpiredError,
    QuoteIncompleteError,
    QuoteSupersededError,
    UnknownContributorError,
    UnknownQuestionError,
    WorkSharesMismatchError,
)
from domain.money import Money, bounded, currency_code, require_money, total
from domain.references import check_reference
from domain.statuses import BID_TRANSITIONS, PRICING, QUESTIONS_OPEN, BidStatus
from domain.text import text
from domain.values import Country, Incoterm, Stage, within_window

SPECIFICATION_LIMIT = 10_000
QUESTION_LIMIT = 2_000  # characters of a buyer's question
ANSWER_LIMIT = 4_000
QUESTIONS_PER_RFQ = 50  # a procurement desk asks a handful; more is a script
# The most of anything a buyer can order: a quantity above it is a typing slip, and
# every later sum of quantities stays exact.
QUANTITY_CEILING = Decimal("1000000000")
# Where the RFQ stands, as a refusal says it: "cannot submit a quote: the RFQ is quoted".
STATE_WORDS = {
    BidStatus.REQUESTED: N_("the RFQ is requested"),
    BidStatus.QUALIFIED: N_("the RFQ is qualified"),
    BidStatus.DECLINED: N_("the RFQ is declined"),
    BidStatus.QUOTED: N_("the RFQ is quoted"),
    BidStatus.REVISION_REQUESTED: N_("the buyer asked for a revised quote"),
    BidStatus.ACCEPTED: N_("the RFQ is accepted"),
    BidStatus.REJECTED: N_("the RFQ is rejected"),
    BidStatus.EXPIRED: N_("the RFQ is expired"),
    BidStatus.AWARDED: N_("the RFQ is awarded"),
    BidStatus.COMPLETED: N_("the RFQ is completed"),
}


TERM_LIMIT = 1000  # a quote's payment terms, warranty or taxes, each


def _term(value: str, what: str) -> str:
    """One of a quote's written terms: optional, bounded (`what` marked with N_)."""
    return text(value, what, TERM_LIMIT, keep_lines=True) if str(value or "").strip() else ""
# Documents: who attaches to what, and while the RFQ stands where.
DOCUMENT_SIDES = {"buyer": "rfq", "manager": "quote"}
DOCUMENTS_OPEN = {
    "buyer": (BidStatus.REQUESTED, BidStatus.QUALIFIED, BidStatus.QUOTED),
    "manager": (BidStatus.QUALIFIED, BidStatus.QUOTED),
}
DOCUMENTS_MOST = 50  # files on one side of one RFQ
DOCUMENT_NAME_LIMIT = 120
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]{1,90}")


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
        reference: str | None = None  # CGM-2026-0042; RFQs from before references have none

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
        # The quote's terms as the manager typed them; quotes from before have none.
        payment_terms: str = ""
        warranty: str = ""
        taxes: str = ""

    class QuoteRevised(DomainAggregate.Event):
        """A quote the buyer has not answered, replaced: `corrects` is its event's version."""

        corrects: int
        reason: str
        price: Money
        valid_until: date
        lead_time_days: int
        delivered_by: dict[str, list[str]]

    class QuestionAsked(DomainAggregate.Event):
        question_id: UUID
        text: str

    class QuestionAnswered(DomainAggregate.Event):
        question_id: UUID
        answer: str
        shared: bool

    class AnswerShared(DomainAggregate.Event):
        """An answer given to the buyer alone, shared later with the members asked to price."""

        question_id: UUID

    class RevisionRequested(DomainAggregate.Event):
        """The buyer asks for a revised quote; `respond_by` is the consortium's deadline."""

        message: str
        respond_by: datetime | None = None

    class RevisedQuoteSent(DomainAggregate.Event):
        """Quote version `number` replaces version `replaces` (the first quote is version 1)."""

        number: int
        replaces: int
        price: Money
        valid_until: date
        lead_time_days: int
        delivered_by: dict[str, list[str]]
        on_time: bool
        # The written terms as the manager typed them for this version; None in events
        # recorded before versions carried them (those kept the replaced version's).
        payment_terms: str | None = None
        warranty: str | None = None
        taxes: str | None = None

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

    class WorkSharesCorrected(DomainAggregate.Event):
        """An award's work shares, corrected: `corrects` is the award event's version."""

        corrects: int
        reason: str
        shares: dict[str, Money]

    class MilestoneDelivered(DomainAggregate.Event):
        title: str
        stage: str

    class TrackingLinkReplaced(DomainAggregate.Event):
        # The digest of the buyer's new private link; the old one stops opening the RFQ.
        tracking: str

    class Completed(DomainAggregate.Event):
        pass

    @classmethod
    def request_quote(
        cls, *, consortium_id: UUID, buyer: UUID, organisation: str, country: Country,
        stages: tuple[Stage, ...], specification: str, quantity: Decimal, unit: str,
        incoterm: Incoterm, currency: str, quote_needed_by: date,
        wanted_delivery: date | None, respond_by: datetime, tracking: str | None = None,
        reference: str | None = None,
    ) -> Bid:
        """Receive a buyer's request for quotation (the buyer is a vault reference).

        `tracking` is the digest of the buyer's private tracking link, never the link.
        """
        today = clock.now().date()
        if not stages:
            raise InvalidRFQError("choose at least one stage of the value chain")
        if not isinstance(quantity, Decimal) or not quantity.is_finite() or quantity <= 0:
            raise InvalidRFQError("the quantity must be a number above zero")
        if quantity >= QUANTITY_CEILING:
            raise InvalidRFQError("the quantity must be below %(ceiling)s",
                                  ceiling=QUANTITY_CEILING)
        if not isinstance(quote_needed_by, date) or quote_needed_by <= today:
            raise InvalidRFQError("the date the quote is needed by must be in the future")
        within_window(quote_needed_by, N_("the date the quote is needed by"))
        if wanted_delivery is not None:
            if wanted_delivery < quote_needed_by:
                raise InvalidRFQError("the delivery date cannot come before the quote is needed")
            within_window(wanted_delivery, N_("the wanted delivery date"))
        if not isinstance(country, Country) or not isinstance(incoterm, Incoterm):
            raise InvalidRFQError("the RFQ needs a country and an Incoterm with its place")
        return cls(
            consortium_id=consortium_id,
            buyer=buyer,
            organisation=text(organisation, N_("the buyer's organisation"), 200),
            country=country,
            stages=[s.value for s in stages],
            specification=text(specification, N_("the specification"), SPECIFICATION_LIMIT,
                               keep_lines=True),
            quantity=quantity,
            unit=text(unit, N_("the unit"), 30),
            incoterm=incoterm,
            currency=currency_code(currency),
            quote_needed_by=quote_needed_by,
            wanted_delivery=wanted_delivery,
            respond_by=respond_by,
            tracking=tracking,
            reference=None if reference is None else check_reference(reference),
        )

    @event(QuoteRequested)
    def __init__(self, consortium_id, buyer, organisation, country, stages, specification,
                 quantity, unit, incoterm, currency, quote_needed_by, wanted_delivery,
                 respond_by, tracking=None, reference=None) -> None:
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
        self.__dict__["reference"] = reference
        self.status = BidStatus.REQUESTED
        self.requests: dict[str, date] = {}
        self.contributions: dict[str, dict] = {}
        self.quote: dict | None = None
        self.contract: dict | None = None
        self.milestones: list[dict] = []
        self.questions: dict[str, dict] = {}
        self.revision: dict | None = None  # the buyer's open request for a revised quote

    @property
    def reference(self) -> str | None:
        """The RFQ's reference, `CGM-2026-0042`; None for an RFQ from before references."""
        reference: str | None = self.__dict__.get("reference")
        return reference

    @property
    def _state(self) -> str:
        """Where the RFQ stands, as a refusal says it (marked for the catalogs)."""
        return STATE_WORDS[BidStatus(self.status)]

    def _expect(self, *states: BidStatus, doing: str) -> None:
        """Refuse a step out of turn (`doing` marked with N_)."""
        if self.status not in states:
            raise BidStateError("cannot %(doing)s: %(state)s", doing=doing, state=self._state)

    def _may_become(self, status: BidStatus, doing: str) -> None:
        """Refuse a move the transition table does not allow from here."""
        if status not in BID_TRANSITIONS.get(BidStatus(self.status), frozenset()):
            raise BidStateError("cannot %(doing)s: %(state)s", doing=doing, state=self._state)

    # Triage

    def qualify(self, note: str) -> None:
        """Accept the RFQ for work."""
        self._may_become(BidStatus.QUALIFIED, doing=N_("qualify it"))
        self._qualify(text(note, N_("the note"), 1000))

    @event(Qualified)
    def _qualify(self, note) -> None:
        self.status = BidStatus.QUALIFIED

    def decline(self, reason: str) -> None:
        """Decline the RFQ, with a reason the buyer will read."""
        self._may_become(BidStatus.DECLINED, doing=N_("decline it"))
        self._decline(text(reason, N_("the reason"), 1000))

    @event(Declined)
    def _decline(self, reason) -> None:
        self.status = BidStatus.DECLINED

    # Contributions

    def request_contribution(self, stage: Stage, membership_id: UUID, due_on: date) -> None:
        """Ask a member to price its work on one stage."""
        self._expect(*PRICING, doing=N_("request contributions"))
        if stage.value not in self.stages:
            raise InvalidValueError("the buyer did not ask for %(stage)s", stage=stage)
        # For a revision, each member may be asked once more for its stage.
        if _key(stage, membership_id) in self.requests and (
                self.status != BidStatus.REVISION_REQUESTED
                or _key(stage, membership_id) in self._revision()["asked"]):
            raise InvalidValueError("this member was already asked for %(stage)s", stage=stage)
        if not isinstance(due_on, date) or due_on < clock.now().date():
            raise InvalidValueError("a contribution's due date cannot be in the past")
        within_window(due_on, N_("a contribution's due date"))
        self._request_contribution(stage.value, membership_id, due_on)

    @event(ContributionRequested)
    def _request_contribution(self, stage, membership_id, due_on) -> None:
        self.requests[f"{stage}:{membership_id}"] = due_on
        if self.status == BidStatus.REVISION_REQUESTED:
            self._revision()["asked"].append(f"{stage}:{membership_id}")

    def commit_contribution(
        self, stage: Stage, membership_id: UUID, price: Money, lead_time_days: int
    ) -> None:
        """A member commits a price and lead time for its stage."""
        self._expect(*PRICING, doing=N_("commit a contribution"))
        if _key(stage, membership_id) not in self.requests:
            raise ContributionNotRequestedError(
                "this member was not asked to contribute to %(stage)s", stage=stage)
        bounded(require_money(price, N_("a contribution's price")), N_("a contribution's price"))
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
        self._expect(*PRICING, doing=N_("withdraw a contribution"))
        if _key(stage, membership_id) not in self.contributions:
            raise ContributionNotRequestedError("there is no committed contribution to withdraw")
        self._withdraw_contribution(stage.value, membership_id,
                                    text(reason, N_("the reason"), 500))

    @event(ContributionWithdrawn)
    def _withdraw_contribution(self, stage, membership_id, reason) -> None:
        del self.contributions[f"{stage}:{membership_id}"]

    def uncovered_stages(self) -> list[str]:
        covered = {c["stage"] for c in self.contributions.values()}
        return [s for s in self.stages if s not in covered]

    # Quote

    def submit_quote(self, price: Money, valid_until: date, lead_time_days: int,
                     payment_terms: str = "", warranty: str = "", taxes: str = "") -> None:
        """Send the buyer one price for the full service, with its terms as typed."""
        self._expect(BidStatus.QUALIFIED, doing=N_("submit a quote"))
        self._may_become(BidStatus.QUOTED, doing=N_("submit a quote"))
        self._check_covered()
        price, valid_until, lead_time_days = self._quote_terms(price, valid_until, lead_time_days)
        on_time = clock.now() <= self.respond_by
        self._submit_quote(price, valid_until, lead_time_days, self._delivered_by(), on_time,
                           _term(payment_terms, N_("the payment terms")),
                           _term(warranty, N_("the warranty")), _term(taxes, N_("the taxes")))

    def _check_covered(self) -> None:
        """Refuse a quote while a stage the buyer asked for has no committed contribution."""
        uncovered = [Stage(s) for s in self.uncovered_stages()]
        if len(uncovered) == 1:
            raise QuoteIncompleteError("stage '%(stage)s' has no committed contribution",
                                       stage=uncovered[0])
        if len(uncovered) == 2:
            raise QuoteIncompleteError(
                "stages '%(first)s' and '%(second)s' have no committed contribution",
                first=uncovered[0], second=uncovered[1])
        if uncovered:
            raise QuoteIncompleteError("these stages have no committed contribution: %(stages)s",
                                       stages=uncovered)

    def _quote_terms(self, price: Money, valid_until: date, lead_time_days: int
                     ) -> tuple[Money, date, int]:
        """The terms a quote may carry: a price in the buyer's currency, a future validity."""
        bounded(require_money(price, N_("the quote's price")), N_("the quote's price"))
        if price.currency != self.currency:
            raise CurrencyMismatchError("the buyer asked for a quote in %(currency)s",
                                        currency=self.currency)
        if not isinstance(valid_until, date) or valid_until <= clock.now().date():
            raise InvalidValueError("the quote must stay valid until a future date")
        within_window(valid_until, N_("the quote's validity date"))
        if not isinstance(lead_time_days, int) or not 1 <= lead_time_days <= 3650:
            raise InvalidValueError("the lead time must be 1 to 3,650 days")
        return price, valid_until, lead_time_days

    def _delivered_by(self) -> dict[str, list[str]]:
        return {s: sorted(c["membership_id"] for c in self.contributions.values()
                          if c["stage"] == s) for s in self.stages}

    @event(QuoteSubmitted)
    def _submit_quote(self, price, valid_until, lead_time_days, delivered_by, on_time,
                      payment_terms="", warranty="", taxes="") -> None:
        self.status = BidStatus.QUOTED
        self.quote = {"price": price, "valid_until": valid_until,
                      "lead_time_days": lead_time_days, "delivered_by": delivered_by,
                      "on_time": on_time, "version": self.version + 1, "revisions": [],
                      "payment_terms": payment_terms, "warranty": warranty, "taxes": taxes,
                      "number": 1}

    def revise_quote(self, price: Money, valid_until: date, lead_time_days: int,
                     reason: str) -> None:
        """Replace the quote the buyer has not answered yet with a revised one, saying why.

        The revised quote names the quote it replaces (the version of its event); the
        buyer sees only the current one, the desk and the audit both.
        """
        if self.quote is None or self.status != BidStatus.QUOTED:
            raise BidStateError("cannot %(doing)s: %(state)s", doing=N_("revise the quote"),
                                state=self._state)
        price, valid_until, lead_time_days = self._quote_terms(price, valid_until, lead_time_days)
        self._revise_quote(self.quote["version"], text(reason, N_("the reason"), 500),
                           price, valid_until, lead_time_days, self._delivered_by())

    @event(QuoteRevised)
    def _revise_quote(self, corrects, reason, price, valid_until, lead_time_days,
                      delivered_by) -> None:
        previous = dict(self.quote or {})
        revisions = [*previous.pop("revisions", []), previous]
        self.quote = {**previous, "price": price, "valid_until": valid_until,
                      "lead_time_days": lead_time_days, "delivered_by": delivered_by,
                      "version": self.version + 1, "corrects": corrects, "reason": reason,
                      "revisions": revisions}

    @property
    def quote_expired(self) -> bool:
        return self.quote is not None and clock.now().date() > self.quote["valid_until"]

    @property
    def valid_until(self) -> date | None:
        return self.quote["valid_until"] if self.quote else None

    @property
    def quote_number(self) -> int | None:
        """The buyer-visible version of the quote in hand: 1, then 2, 3... per revision.

        A correction (`revise_quote`) changes the quote in hand without a new number.
        """
        return int(self.quote.get("number", 1)) if self.quote else None

    def _check_latest(self, version: int | None) -> None:
        """Refuse an answer to a quote version a revised one has replaced."""
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            raise InvalidValueError("the quote's version is a whole number")
        if version is not None and self.quote is not None and version != self.quote_number:
            raise QuoteSupersededError(
                "version %(version)s of the quote was replaced by version %(latest)s",
                version=version, latest=self.quote_number)

    def accept_quote(self, version: int | None = None) -> None:
        """The buyer accepts the quote while it is valid (the latest version, if named)."""
        self._may_become(BidStatus.ACCEPTED, doing=N_("accept the quote"))
        self._check_latest(version)
        if self.quote_expired:
            raise QuoteExpiredError("the quote expired on %(day)s", day=self.valid_until)
        self._accept()

    @event(QuoteAccepted)
    def _accept(self) -> None:
        self.status = BidStatus.ACCEPTED

    def reject_quote(self, reason: str, version: int | None = None) -> None:
        """The buyer declines the quote (the latest version, if named)."""
        self._may_become(BidStatus.REJECTED, doing=N_("decline the quote"))
        self._check_latest(version)
        self._reject(text(reason, N_("the reason"), 1000))

    @event(QuoteRejected)
    def _reject(self, reason) -> None:
        self.status = BidStatus.REJECTED

    def expire_quote(self) -> None:
        """Close a quote whose validity has passed."""
        self._may_become(BidStatus.EXPIRED, doing=N_("expire the quote"))
        if not self.quote_expired:
            raise BidStateError("the quote is valid until %(day)s", day=self.valid_until)
        self._expire()

    @event(QuoteExpired)
    def _expire(self) -> None:
        self.status = BidStatus.EXPIRED

    # Questions and answers

    def _questions(self) -> dict[str, dict]:
        # A bid restored from a snapshot taken before questions existed has none.
        return self.__dict__.get("questions") or {}

    def ask_question(self, question: str) -> UUID:
        """The buyer asks a question, from the request until the quote is answered."""
        self._expect(*QUESTIONS_OPEN, doing=N_("ask a question"))
        if len(self._questions()) >= QUESTIONS_PER_RFQ:
            raise QuestionLimitError("an RFQ takes at most %(limit)s questions",
                                     limit=QUESTIONS_PER_RFQ)
        question_id = uuid4()
        self._ask_question(question_id, text(question, N_("the question"), QUESTION_LIMIT,
                                             keep_lines=True))
        return question_id

    @event(QuestionAsked)
    def _ask_question(self, question_id, text) -> None:
        self.questions = {**self._questions(),
                          str(question_id): {"text": text, "answer": None, "shared": False}}

    def _question(self, question_id: UUID | str) -> tuple[UUID, dict]:
        found = self._questions().get(str(question_id))
        if found is None:
            raise UnknownQuestionError("there is no such question on this RFQ")
        return UUID(str(question_id)), found

    def _expect_open(self, doing: str) -> None:
        """Refuse a step on an RFQ that has ended (declined, rejected, expired, completed)."""
        if not BID_TRANSITIONS.get(BidStatus(self.status)):
            raise BidStateError("cannot %(doing)s: %(state)s", doing=doing, state=self._state)

    def answer_question(self, question_id: UUID | str, answer: str, shared: bool) -> None:
        """The manager answers a question; `shared` shows the answer to the members asked."""
        self._expect_open(N_("answer a question"))
        known, question = self._question(question_id)
        if question["answer"] is not None:
            raise QuestionAlreadyAnsweredError("this question is already answered")
        if not isinstance(shared, bool):
            raise InvalidValueError("say whether the answer is shared with the members")
        self._answer_question(known, text(answer, N_("the answer"), ANSWER_LIMIT,
                                                keep_lines=True), shared)

    @event(QuestionAnswered)
    def _answer_question(self, question_id, answer, shared) -> None:
        self._questions()[str(question_id)].update(answer=answer, shared=shared)

    def share_answer(self, question_id: UUID | str) -> None:
        """Share an answer given to the buyer alone with the members asked to price."""
        self._expect_open(N_("share an answer"))
        known, question = self._question(question_id)
        if question["answer"] is None:
            raise BidStateError("this question has no answer to share yet")
        if question["shared"]:
            raise InvalidValueError("this answer is already shared with the members")
        self._share_answer(known)

    @event(AnswerShared)
    def _share_answer(self, question_id) -> None:
        self._questions()[str(question_id)]["shared"] = True

    # Revisions

    def _revision(self) -> dict:
        return self.__dict__.get("revision") or {"asked": []}

    def request_revision(self, message: str, respond_by: datetime | None = None) -> None:
        """The buyer asks for a revised quote, saying what should change."""
        self._may_become(BidStatus.REVISION_REQUESTED, doing=N_("ask for a revision"))
        if self.quote_expired:
            raise QuoteExpiredError("the quote expired on %(day)s", day=self.valid_until)
        if respond_by is not None and not isinstance(respond_by, datetime):
            raise InvalidValueError("the revision's deadline must be a moment in time")
        self._request_revision(text(message, N_("the message"), QUESTION_LIMIT,
                                    keep_lines=True), respond_by)

    @event(RevisionRequested)
    def _request_revision(self, message, respond_by=None) -> None:
        self.status = BidStatus.REVISION_REQUESTED
        self.revision = {"message": message, "respond_by": respond_by, "asked": []}

    def send_revised_quote(self, price: Money, valid_until: date, lead_time_days: int,
                           payment_terms: str = "", warranty: str = "", taxes: str = "") -> int:
        """Send the buyer the next version of the quote, with its written terms as typed;
        returns its number (2, 3...)."""
        self._expect(BidStatus.REVISION_REQUESTED, doing=N_("send a revised quote"))
        self._may_become(BidStatus.QUOTED, doing=N_("send a revised quote"))
        self._check_covered()
        price, valid_until, lead_time_days = self._quote_terms(price, valid_until, lead_time_days)
        respond_by = self._revision().get("respond_by")
        on_time = respond_by is None or clock.now() <= respond_by
        replaces = self.quote_number or 1
        self._send_revised_quote(replaces + 1, replaces, price, valid_until, lead_time_days,
                                 self._delivered_by(), on_time,
                                 _term(payment_terms, N_("the payment terms")),
                                 _term(warranty, N_("the warranty")), _term(taxes, N_("the taxes")))
        return replaces + 1

    @event(RevisedQuoteSent)
    def _send_revised_quote(self, number, replaces, price, valid_until, lead_time_days,
                            delivered_by, on_time, payment_terms=None, warranty=None,
                            taxes=None) -> None:
        kept = self.quote or {}
        self.status = BidStatus.QUOTED
        self.revision = None
        self.quote = {"price": price, "valid_until": valid_until,
                      "lead_time_days": lead_time_days, "delivered_by": delivered_by,
                      "on_time": on_time, "version": self.version + 1, "revisions": [],
                      "number": number,
                      **{name: kept.get(name, "") if value is None else value
                         for name, value in (("payment_terms", payment_terms),
                                             ("warranty", warranty), ("taxes", taxes))}}

    # Contract

    def award_contract(self, value: Money, shares: dict[UUID, Money], reference: str) -> None:
        """Record the buyer's award and each member's work share."""
        self._may_become(BidStatus.AWARDED, doing=N_("record an award"))
        bounded(require_money(value, N_("the contract value")), N_("the contract value"))
        if value.currency != self.currency:
            raise CurrencyMismatchError("the contract is in %(currency)s", currency=self.currency)
        self._check_shares(shares, value)
        self._award({str(m): s for m, s in shares.items()}, value,
                    text(reference, N_("the contract reference"), 200))

    def _check_shares(self, shares: dict[UUID, Money], value: Money) -> None:
        """Work shares go to contributors, each above zero, adding up to `value`."""
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
                "work shares add up to %(sum)s, not the contract value %(value)s",
                sum=summed, value=value)

    @event(ContractAwarded)
    def _award(self, shares, value, reference) -> None:
        self.status = BidStatus.AWARDED
        self.contract = {"value": value, "shares": dict(shares), "reference": reference,
                         "version": self.version + 1, "corrections": []}

    def correct_work_shares(self, shares: dict[UUID, Money], reason: str) -> None:
        """Correct the award's work shares, saying why; they still add up to the contract."""
        if self.contract is None:
            raise BidStateError("cannot %(doing)s: %(state)s",
                                doing=N_("correct the work shares"), state=self._state)
        self._check_shares(shares, self.contract["value"])
        corrected = {str(m): s for m, s in shares.items()}
        if corrected == self.contract["shares"]:
            raise WorkSharesMismatchError("the corrected work shares are the same as recorded")
        self._correct_work_shares(self.contract["version"], text(reason, N_("the reason"), 500),
                                  corrected)

    @event(WorkSharesCorrected)
    def _correct_work_shares(self, corrects, reason, shares) -> None:
        assert self.contract is not None
        self.contract["corrections"] = [*self.contract.get("corrections", []),
                                        {"corrects": corrects, "reason": reason,
                                         "shares": dict(self.contract["shares"])}]
        self.contract["shares"] = dict(shares)

    def deliver_milestone(self, title: str, stage: Stage) -> None:
        """Record a delivered milestone of the contract."""
        self._expect(BidStatus.AWARDED, doing=N_("deliver a milestone"))
        if stage.value not in self.stages:
            raise InvalidValueError("the contract does not include %(stage)s", stage=stage)
        self._deliver(text(title, N_("the milestone"), 200), stage.value)

    @event(MilestoneDelivered)
    def _deliver(self, title, stage) -> None:
        self.milestones.append({"title": title, "stage": stage})

    def complete(self) -> None:
        """Close the contract as fully delivered."""
        self._may_become(BidStatus.COMPLETED, doing=N_("complete the contract"))
        if not self.milestones:
            raise BidStateError("record at least one delivered milestone first")
        self._complete()

    @event(Completed)
    def _complete(self) -> None:
        self.status = BidStatus.COMPLETED

    def replace_tracking_link(self, tracking: str) -> None:
        """Give the buyer a new private link (its digest); the old link stops working."""
        if not (isinstance(tracking, str) and len(tracking) == 64
                and all(c in "0123456789abcdef" for c in tracking)):
            raise InvalidValueError("the new tracking link's digest is not a SHA-256 digest")
        if tracking == self.tracking:
            raise InvalidValueError("the new tracking link must differ from the old one")
        self._replace_tracking_link(tracking)

    @event(TrackingLinkReplaced)
    def _replace_tracking_link(self, tracking) -> None:
        self.tracking = tracking

    # --- Documents on the RFQ (the buyer's) and on the quote (the manager's) -------------

    class DocumentAttached(DomainAggregate.Event):
        document_id: UUID
        name: str
        size: int
        media_type: str
        sha256: str
        attached_to: str  # "rfq" or "quote"
        by: str  # "buyer" or "manager"

    @property
    def documents(self) -> list[dict]:
        """The files attached so far (bids older than documents have none)."""
        return self.__dict__.setdefault("_documents", [])

    def attach_document(self, document_id: UUID, name: str, size: int, media_type: str,
                        sha256: str, by: str, total_limit: int) -> None:
        """Attach a checked file: the buyer's to the RFQ, the manager's to the quote.

        The RFQ's files together stay within `total_limit` bytes.
        """
        if by not in DOCUMENT_SIDES:
            raise DocumentRefusedError("only the buyer or the manager attaches files")
        if self.status not in DOCUMENTS_OPEN[by]:
            raise BidStateError("cannot %(doing)s: %(state)s", doing=N_("attach a file"),
                                state=self._state)
        if not isinstance(size, int) or size <= 0:
            raise DocumentRefusedError("a file must hold at least one byte")
        if not _SHA256.fullmatch(str(sha256)) or not _MEDIA_TYPE.fullmatch(str(media_type)):
            raise DocumentRefusedError("the file's digest or type is not valid")
        side = DOCUMENT_SIDES[by]
        if sum(1 for d in self.documents if d["attached_to"] == side) >= DOCUMENTS_MOST:
            raise DocumentRefusedError("at most %(most)s files can be attached",
                                       most=DOCUMENTS_MOST)
        if sum(d["size"] for d in self.documents) + size > total_limit:
            raise DocumentTooLargeError("the files of one RFQ may not add up to more than "
                                        "%(limit)s MB", limit=total_limit // (1024 * 1024))
        if any(d["document_id"] == document_id for d in self.documents):
            raise DocumentRefusedError("this file is already attached")
        self._attach_document(document_id, text(name, N_("the file's name"),
                                                DOCUMENT_NAME_LIMIT),
                              size, media_type, sha256, side, by)

    @event(DocumentAttached)
    def _attach_document(self, document_id, name, size, media_type, sha256, attached_to,
                         by) -> None:
        self.documents.append({"document_id": document_id, "name": name, "size": size,
                               "media_type": media_type, "sha256": sha256,
                               "attached_to": attached_to, "by": by})
