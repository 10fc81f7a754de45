"""The Membership aggregate: one company in one consortium, from invitation to leaving."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import clock, documents, ids
from domain.arrears import reminder_days, reminder_step
from domain.base import DomainAggregate
from domain.errors import (
    N_,
    AgreementAlreadySignedError,
    AgreementSupersededError,
    AgreementTextMismatchError,
    CapabilitiesCorrectionError,
    CreditNoteExceedsFeeError,
    EndorsementError,
    FeeAlreadyAssessedError,
    FeeAlreadyPaidError,
    FeeAmountMismatchError,
    FeeNotPaidError,
    InvalidValueError,
    MemberNotActiveError,
    MembershipDecisionError,
    NotInArrearsError,
    NotSuspendedError,
    RefundExceedsPaymentError,
    StageNotDeclaredError,
    UnknownFeeError,
)
from domain.money import Money, bounded, require_money
from domain.receipts import Receipt
from domain.statuses import GONE, MEMBER, SETTLED, UNPAID, FeeStatus, MembershipStatus
from domain.text import text
from domain.values import Stage, within_window

ROLES = ("board member", "treasurer", "technical lead", "stage lead", "spokesperson")


def fee_due(fee: dict) -> Money:
    """What is owed on a fee: its amount less the credit notes issued on it."""
    amount: Money = fee["amount"]
    return amount - fee.get("credited", Money.zero(amount.currency))


class Membership(DomainAggregate):
    """A company's place in a consortium: trust, capabilities, fees and standing."""

    class Invited(DomainAggregate.Created):
        consortium_id: UUID
        company_id: UUID
        export_potential: str

    class MeetingAttended(DomainAggregate.Event):
        meeting_id: UUID

    class CapabilitiesDeclared(DomainAggregate.Event):
        stages: list[str]
        products: list[str]
        certifications: list[dict[str, Any]]
        capacity: str

    class CapabilitiesCorrected(DomainAggregate.Event):
        """A capability declaration corrected: `corrects` is its event's version."""

        corrects: int
        reason: str
        stages: list[str]
        products: list[str]
        certifications: list[dict[str, Any]]
        capacity: str

    class Joined(DomainAggregate.Event):
        agreement: str
        tier: str
        on: date

    class Declined(DomainAggregate.Event):
        reason: str

    class AgreementSigned(DomainAggregate.Event):
        """A member user signed the member agreement of a version of the rules."""

        rules_version: int
        agreement_sha256: str  # the text signed (domain/agreements.py)
        account_id: UUID  # who signed, from which account
        signatory: UUID  # the name they typed, kept in the personal-data vault

    class RoleAssigned(DomainAggregate.Event):
        role: str

    class Endorsed(DomainAggregate.Event):
        endorser: UUID
        note: str

    class Left(DomainAggregate.Event):
        reason: str

    class FeeAssessed(DomainAggregate.Event):
        fee_id: str
        period: str
        amount: Money
        due_on: date
        # How a pro rata fee was computed: `months` of the year of the annual `full_amount`.
        full_amount: Money | None = None
        months: int | None = None

    class FeeAssessmentCorrected(DomainAggregate.Event):
        """A credit note on an assessed fee: `corrects` is the fee's id."""

        corrects: str
        credit_note: str
        amount: Money
        reason: str

    class FeePaid(DomainAggregate.Event):
        fee_id: str
        amount: Money
        reference: str
        # The receipt as issued (domain/receipts.py): its number, the issuer's legal details
        # and the tax the fee held, all as they stood then. Payments from before receipts
        # were numbered have none.
        receipt: str | None = None
        issuer: dict[str, str] | None = None
        tax_name: str | None = None
        tax_rate: Decimal | None = None

    class FeePaymentFailed(DomainAggregate.Event):
        fee_id: str
        reason: str

    class FeeRefunded(DomainAggregate.Event):
        fee_id: str
        amount: Money
        reference: str

    class FeeReminderIssued(DomainAggregate.Event):
        fee_id: str
        step: int
        final: bool
        days_overdue: int

    class SuspendedForArrears(DomainAggregate.Event):
        overdue: list[str]

    class Reinstated(DomainAggregate.Event):
        pass

    @staticmethod
    def create_id(consortium_id: UUID, company_id: UUID, **_: object) -> UUID:
        return ids.membership_id(consortium_id, company_id)

    @classmethod
    def invite(cls, consortium_id: UUID, company_id: UUID, export_potential: str) -> Membership:
        """Invite a prospect company into a consortium in formation."""
        return cls(
            consortium_id=consortium_id,
            company_id=company_id,
            export_potential=text(export_potential, N_("the note on export potential"), 2000),
        )

    @event(Invited)
    def __init__(self, consortium_id, company_id, export_potential) -> None:
        self.consortium_id = consortium_id
        self.company_id = company_id
        self.export_potential = export_potential
        self.status = MembershipStatus.INVITED
        self.meetings_attended: list[str] = []
        self.stages: list[str] = []
        self.products: list[str] = []
        self.certifications: list[dict] = []
        self.capacity = ""
        self.tier = ""
        self.agreement = ""
        self.joined_on: date | None = None
        self.roles: list[str] = []
        self.fees: dict[str, dict] = {}
        self.endorsed_by: list[str] = []

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.JOINED

    @property
    def is_member(self) -> bool:
        """Joined and not left, whether in good standing or suspended."""
        return self.status in MEMBER

    def check_active(self) -> None:
        if not self.is_active:
            if self.status == MembershipStatus.SUSPENDED:
                raise MemberNotActiveError("this company is suspended for arrears; only active "
                                           "members can do that")
            raise MemberNotActiveError("this company is not a member; only active members "
                                       "can do that")

    def check_can_contribute(self, stage: Stage) -> None:
        """Refuse a contribution from a member who cannot give it."""
        self.check_active()
        if stage.value not in self.stages:
            raise StageNotDeclaredError("this member has not declared the stage %(stage)s",
                                        stage=stage)

    # Formation

    def attend_meeting(self, meeting_id: UUID) -> None:
        """Record attendance at an introductory meeting."""
        if str(meeting_id) not in self.meetings_attended:
            self._attend_meeting(meeting_id)

    @event(MeetingAttended)
    def _attend_meeting(self, meeting_id) -> None:
        self.meetings_attended.append(str(meeting_id))

    def declare_capabilities(
        self, *, stages: tuple[Stage, ...], products: list[str],
        certifications: list[dict], capacity: str,
    ) -> None:
        """Declare what the company can do for the consortium, stage by stage."""
        self._declare_capabilities(*self._capabilities(stages, products, certifications,
                                                       capacity))

    def _capabilities(self, stages: tuple[Stage, ...], products: list[str],
                      certifications: list[dict], capacity: str) -> tuple:
        """A declaration's values, checked: stages, products, certifications, capacity."""
        if self.status in GONE:
            raise MemberNotActiveError("a company that declined or left declares nothing")
        if not stages:
            raise InvalidValueError("declare at least one value-chain stage")
        certs = []
        for cert in certifications:
            expires = cert.get("expires_on")
            if expires is not None and not isinstance(expires, date):
                raise InvalidValueError("a certification's expiry must be a date")
            if expires is not None:
                within_window(expires, N_("a certification's expiry"))
            certs.append({"name": text(cert.get("name"), N_("a certification"), 120),
                          "expires_on": expires})
        return ([s.value for s in stages],
                [text(p, N_("a product"), 200) for p in products],
                certs,
                text(capacity, N_("the capacity"), 500))

    @event(CapabilitiesDeclared)
    def _declare_capabilities(self, stages, products, certifications, capacity) -> None:
        self._set_capabilities(stages, products, certifications, capacity)

    def _set_capabilities(self, stages, products, certifications, capacity) -> None:
        self.stages = list(stages)
        self.products = list(products)
        self.certifications = list(certifications)
        self.capacity = capacity
        # The version of the declaration in force: the event being applied is the next one.
        self.capabilities_version = self.version + 1

    def correct_capabilities(
        self, *, corrects: int, reason: str, stages: tuple[Stage, ...], products: list[str],
        certifications: list[dict], capacity: str,
    ) -> None:
        """Correct the declaration in force (named by its version), saying why."""
        current = getattr(self, "capabilities_version", None)
        if current is None or corrects != current:
            raise CapabilitiesCorrectionError(
                "only the capability declaration in force (version %(current)s) can be "
                "corrected, not version %(corrects)s", current=current or 0,
                corrects=corrects)
        values = self._capabilities(stages, products, certifications, capacity)
        self._correct_capabilities(corrects, text(reason, N_("the reason"), 500), *values)

    @event(CapabilitiesCorrected)
    def _correct_capabilities(self, corrects, reason, stages, products, certifications,
                              capacity) -> None:
        self._set_capabilities(stages, products, certifications, capacity)

    def join(self, *, agreement: str, tier: str) -> None:
        """Join by signing the member agreement."""
        if self.status != MembershipStatus.INVITED:
            raise MembershipDecisionError("this company has already %(status)s",
                                          status=self.status)
        self._join(text(agreement, N_("the signed agreement's reference"), 200),
                   text(tier, N_("the member tier"), 40), clock.now().date())

    @event(Joined)
    def _join(self, agreement, tier, on) -> None:
        self.status = MembershipStatus.JOINED
        self.agreement = agreement
        self.tier = tier
        self.joined_on = on

    def signed_versions(self) -> dict[str, str]:
        """The versions of the rules signed for this company, each with its text's hash."""
        # A state from before signatures (a snapshot) has none.
        signed: dict[str, str] = self.__dict__.get("agreements_signed", {})
        return signed

    def sign_agreement(self, *, version: int, agreement_sha256: str,
                       in_force: tuple[int, str], account_id: UUID, signatory: UUID) -> None:
        """Sign the member agreement in force: `in_force` is its version and text's hash,
        `version` and `agreement_sha256` what the signing person was shown."""
        self.check_signature(version, agreement_sha256, in_force)
        self._sign_agreement(in_force[0], in_force[1], account_id, signatory)

    def check_signature(self, version: int, agreement_sha256: str,
                        in_force: tuple[int, str]) -> None:
        """Refuse a signature of anything but the agreement in force, not yet signed."""
        if not self.is_member:
            raise MemberNotActiveError("only a member signs the member agreement")
        current, current_sha256 = in_force
        if version != current:
            raise AgreementSupersededError(
                "version %(version)s of the rules is no longer in force; read and sign "
                "version %(current)s", version=version, current=current)
        if agreement_sha256 != current_sha256:
            raise AgreementTextMismatchError(
                "the text signed is not the agreement of version %(version)s; read it "
                "again and sign", version=current)
        if str(current) in self.signed_versions():
            raise AgreementAlreadySignedError(
                "version %(version)s of the agreement is already signed for this company",
                version=current)

    @event(AgreementSigned)
    def _sign_agreement(self, rules_version, agreement_sha256, account_id, signatory) -> None:
        self.__dict__["agreements_signed"] = {**self.signed_versions(),
                                              str(rules_version): agreement_sha256}

    def decline(self, reason: str) -> None:
        """Decline the invitation."""
        if self.status != MembershipStatus.INVITED:
            raise MembershipDecisionError("this company has already %(status)s",
                                          status=self.status)
        self._decline(text(reason, N_("the reason"), 500))

    @event(Declined)
    def _decline(self, reason) -> None:
        self.status = MembershipStatus.DECLINED

    def assign_role(self, role: str) -> None:
        """Give the member a role in the consortium."""
        self.check_active()
        if role not in ROLES:
            raise InvalidValueError("'%(role)s' is not a role; roles are %(roles)s",
                                    role=str(role), roles=list(ROLES))
        if role in self.roles:
            raise InvalidValueError("this member is already %(role)s", role=role)
        self._assign_role(role)

    @event(RoleAssigned)
    def _assign_role(self, role) -> None:
        self.roles.append(role)

    def receive_endorsement(self, endorser: UUID, note: str) -> None:
        """Record a peer's endorsement after working together."""
        if endorser == self.id:
            raise EndorsementError("a member cannot endorse itself")
        if not self.is_member:
            raise EndorsementError("only members can be endorsed")
        if str(endorser) in self.endorsed_by:
            raise EndorsementError("this peer has already endorsed this member")
        self._endorse(endorser, text(note, N_("the endorsement"), 1000))

    @event(Endorsed)
    def _endorse(self, endorser, note) -> None:
        self.endorsed_by.append(str(endorser))

    def leave(self, reason: str) -> None:
        """Leave the consortium."""
        if not self.is_member:
            raise MemberNotActiveError("only a member can leave")
        self._leave(text(reason, N_("the reason"), 500))

    @event(Left)
    def _leave(self, reason) -> None:
        self.status = MembershipStatus.LEFT

    # Fees

    def assess_fee(self, *, fee_id: str, period: str, amount: Money, due_on: date,
                   full_amount: Money | None = None, months: int | None = None) -> None:
        """Assess a fee for a period; a pro rata fee says its months and the full fee."""
        if not self.is_member:
            raise MemberNotActiveError("fees are assessed only on members")
        if fee_id in self.fees:
            raise FeeAlreadyAssessedError("the fee %(fee)s is already assessed", fee=fee_id)
        bounded(require_money(amount, N_("a fee")), N_("a fee"))
        if not isinstance(due_on, date):
            raise InvalidValueError("a fee's due date must be a date")
        within_window(due_on, N_("the due date"))
        if months is not None:
            if not isinstance(months, int) or not 1 <= months <= 12:
                raise InvalidValueError("a pro rata fee is charged for 1 to 12 months")
            if not isinstance(full_amount, Money) or full_amount < amount:
                raise InvalidValueError("a pro rata fee is part of a full fee")
        self._assess_fee(text(fee_id, N_("the fee id"), 60), text(period, N_("the period"), 20),
                         amount, due_on, full_amount if months is not None else None, months)

    @event(FeeAssessed)
    def _assess_fee(self, fee_id, period, amount, due_on, full_amount=None, months=None) -> None:
        self.fees[fee_id] = {"period": period, "amount": amount, "due_on": due_on,
                             "status": FeeStatus.ASSESSED, "refunded": Money.zero(amount.currency),
                             "reference": "", "credited": Money.zero(amount.currency)}

    def _fee(self, fee_id: str) -> dict:
        try:
            return self.fees[fee_id]
        except KeyError:
            raise UnknownFeeError("there is no fee '%(fee)s' on this membership",
                                  fee=fee_id) from None

    def issue_credit_note(self, fee_id: str, amount: Money, reason: str) -> str:
        """Correct an unpaid fee by a credit note taking `amount` off; returns its number."""
        fee = self._fee(fee_id)
        if fee["status"] in SETTLED:
            raise FeeAlreadyPaidError("the fee %(fee)s is already paid; refund it instead",
                                      fee=fee_id)
        require_money(amount, N_("a credit note"))
        due = fee_due(fee)
        if amount.currency != due.currency or amount > due:
            raise CreditNoteExceedsFeeError(
                "a credit note can take at most %(due)s off the fee %(fee)s", due=due,
                fee=fee_id)
        number = f"CN-{fee_id}-{len(fee.get('credit_notes', [])) + 1}"
        self._correct_fee(fee_id, number, amount, text(reason, N_("the reason"), 500))
        return number

    @event(FeeAssessmentCorrected)
    def _correct_fee(self, corrects, credit_note, amount, reason) -> None:
        fee = self.fees[corrects]
        fee["credited"] = fee.get("credited", Money.zero(amount.currency)) + amount
        fee["credit_notes"] = [*fee.get("credit_notes", []), credit_note]
        if not fee_due(fee):
            fee["status"] = FeeStatus.CREDITED

    def pay_fee(self, fee_id: str, amount: Money, reference: str,
                receipt: Receipt | None = None) -> None:
        """Record a fee's payment; a member suspended for arrears is reinstated once clear."""
        fee = self._fee(fee_id)
        if fee["status"] in SETTLED:
            raise FeeAlreadyPaidError("the fee %(fee)s is already paid", fee=fee_id)
        if fee["status"] == FeeStatus.CREDITED:
            raise FeeAlreadyPaidError("the fee %(fee)s was credited in full; nothing is due",
                                      fee=fee_id)
        require_money(amount, N_("the payment"))
        if amount != fee_due(fee):
            raise FeeAmountMismatchError("the fee %(fee)s is %(due)s, not %(amount)s",
                                         fee=fee_id, due=fee_due(fee), amount=amount)
        issued = receipt.as_event() if receipt is not None else {}
        self._pay_fee(fee_id, amount, text(reference, N_("the payment reference"), 200),
                      **issued)
        if self.status == MembershipStatus.SUSPENDED and not self.overdue_fees(grace_days=0):
            self._reinstate()

    @event(FeePaid)
    def _pay_fee(self, fee_id, amount, reference, receipt=None, issuer=None, tax_name=None,
                 tax_rate=None) -> None:
        self.fees[fee_id].update(status=FeeStatus.PAID, reference=reference, receipt=receipt)

    def record_failed_payment(self, fee_id: str, reason: str) -> None:
        """Record that an attempt to pay a fee failed."""
        fee = self._fee(fee_id)
        if fee["status"] in SETTLED:
            raise FeeAlreadyPaidError("the fee %(fee)s is already paid", fee=fee_id)
        self._fail_fee(fee_id, text(reason, N_("the reason"), 300))

    @event(FeePaymentFailed)
    def _fail_fee(self, fee_id, reason) -> None:
        self.fees[fee_id]["status"] = FeeStatus.FAILED

    def refund_fee(self, fee_id: str, amount: Money, reference: str) -> None:
        """Refund all or part of a paid fee."""
        fee = self._fee(fee_id)
        if fee["status"] not in SETTLED:
            raise FeeNotPaidError("the fee %(fee)s has not been paid", fee=fee_id)
        require_money(amount, N_("a refund"))
        paid = fee_due(fee)
        if fee["refunded"] + amount > paid:
            raise RefundExceedsPaymentError(
                "at most %(left)s of the fee %(fee)s can be refunded",
                left=paid - fee["refunded"], fee=fee_id)
        self._refund_fee(fee_id, amount, text(reference, N_("the refund reference"), 200))

    @event(FeeRefunded)
    def _refund_fee(self, fee_id, amount, reference) -> None:
        fee = self.fees[fee_id]
        fee["refunded"] = fee["refunded"] + amount
        fee["status"] = FeeStatus.REFUNDED

    def overdue_fees(self, grace_days: int) -> list[str]:
        """The fees unpaid more than `grace_days` after they fell due."""
        today = clock.now().date()
        return [
            fee_id for fee_id, fee in sorted(self.fees.items())
            if fee["status"] in UNPAID
            # Days apart, not a date sum: a fee due on 9999-12-31 cannot overflow it.
            and (today - fee["due_on"]).days > grace_days
        ]

    def remind_overdue_fees(self, grace_days: int) -> int:
        """Issue each reminder step an unpaid fee has reached, once per fee; returns how many."""
        if not self.is_member:
            raise MemberNotActiveError("reminders go only to members")
        today = clock.now().date()
        final = len(reminder_days(grace_days))
        issued = 0
        for fee_id, fee in sorted(self.fees.items()):
            if fee["status"] not in UNPAID:
                continue
            reached = reminder_step(fee["due_on"], today, grace_days)
            for step in range(fee.get("reminders", 0) + 1, reached + 1):
                self._remind(fee_id, step, step == final, (today - fee["due_on"]).days)
                issued += 1
        return issued

    @event(FeeReminderIssued)
    def _remind(self, fee_id, step, final, days_overdue) -> None:
        self.fees[fee_id]["reminders"] = step

    def suspend_for_arrears(self, grace_days: int) -> None:
        """Suspend a member whose fees are overdue past the grace period."""
        self.check_active()
        overdue = self.overdue_fees(grace_days)
        if not overdue:
            raise NotInArrearsError("this member has no fee overdue past the grace period")
        self._suspend(overdue)

    @event(SuspendedForArrears)
    def _suspend(self, overdue) -> None:
        self.status = MembershipStatus.SUSPENDED

    def reinstate(self) -> None:
        """Reinstate a suspended member whose fees are settled."""
        if self.status != MembershipStatus.SUSPENDED:
            raise NotSuspendedError("this member is not suspended")
        if self.overdue_fees(grace_days=0):
            raise FeeNotPaidError("this member still has overdue fees to pay")
        self._reinstate()

    @event(Reinstated)
    def _reinstate(self) -> None:
        self.status = MembershipStatus.JOINED

    # --- The documents area: each upload and each removal an event (domain/documents.py)

    class DocumentUploaded(DomainAggregate.Event):
        document_id: UUID
        kind: str
        title: str
        name: str
        size: int
        media_type: str
        sha256: str  # the file in the blob store
        certificate: str | None
        expires_on: date | None

    class DocumentRemoved(DomainAggregate.Event):
        document_id: UUID
        reason: str

    @property
    def area_documents(self) -> dict[str, dict]:
        """The files of this record's documents area, removed ones marked."""
        return documents.area_of(self)

    def upload_document(self, **upload: Any) -> None:
        """Keep a checked file in the documents area (the bytes are in the blob store)."""
        if self.status in GONE:
            raise MemberNotActiveError("a company that declined or left keeps no documents here")
        declared = {c["name"]: c.get("expires_on") for c in self.certifications}
        self._upload_document(**documents.checked_upload(
            self.area_documents, certificates=declared, **upload))

    @event(DocumentUploaded)
    def _upload_document(self, document_id, kind, title, name, size, media_type, sha256,
                         certificate, expires_on) -> None:
        documents.keep(self.area_documents, {
            "document_id": document_id, "kind": kind, "title": title, "name": name,
            "size": size, "media_type": media_type, "sha256": sha256,
            "certificate": certificate, "expires_on": expires_on})

    def remove_document(self, document_id: UUID, reason: str) -> None:
        """Hide a kept file, saying why; its upload stays in the history."""
        self._remove_document(document_id, documents.checked_removal(
            self.area_documents, document_id, reason))

    @event(DocumentRemoved)
    def _remove_document(self, document_id, reason) -> None:
        documents.hide(self.area_documents, document_id)
