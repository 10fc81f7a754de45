"""The Membership aggregate: one company in one consortium, from invitation to leaving."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import clock, ids
from domain.arrears import reminder_days, reminder_step
from domain.base import DomainAggregate
from domain.errors import (
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
from domain.money import Money, require_money
from domain.statuses import GONE, MEMBER, SETTLED, UNPAID, FeeStatus, MembershipStatus
from domain.text import text
from domain.values import Stage

ROLES = ("board member", "treasurer", "technical lead", "stage lead", "spokesperson")


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

    class Joined(DomainAggregate.Event):
        agreement: str
        tier: str
        on: date

    class Declined(DomainAggregate.Event):
        reason: str

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

    class FeePaid(DomainAggregate.Event):
        fee_id: str
        amount: Money
        reference: str

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
            export_potential=text(export_potential, "the note on export potential", 2000),
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
            reason = {MembershipStatus.SUSPENDED: "is suspended for arrears"}.get(
                self.status, "is not a member")
            raise MemberNotActiveError(f"this company {reason}; only active members can do that")

    def check_can_contribute(self, stage: Stage) -> None:
        """Refuse a contribution from a member who cannot give it."""
        self.check_active()
        if stage.value not in self.stages:
            raise StageNotDeclaredError(f"this member has not declared the stage {stage.value}")

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
        if self.status in GONE:
            raise MemberNotActiveError("a company that declined or left declares nothing")
        if not stages:
            raise InvalidValueError("declare at least one value-chain stage")
        certs = []
        for cert in certifications:
            expires = cert.get("expires_on")
            if expires is not None and not isinstance(expires, date):
                raise InvalidValueError("a certification's expiry must be a date")
            certs.append({"name": text(cert.get("name"), "a certification", 120),
                          "expires_on": expires})
        self._declare_capabilities(
            [s.value for s in stages],
            [text(p, "a product", 200) for p in products],
            certs,
            text(capacity, "the capacity", 500),
        )

    @event(CapabilitiesDeclared)
    def _declare_capabilities(self, stages, products, certifications, capacity) -> None:
        self.stages = list(stages)
        self.products = list(products)
        self.certifications = list(certifications)
        self.capacity = capacity

    def join(self, *, agreement: str, tier: str) -> None:
        """Join by signing the member agreement."""
        if self.status != MembershipStatus.INVITED:
            raise MembershipDecisionError(f"this company has already {self.status}")
        self._join(text(agreement, "the signed agreement's reference", 200),
                   text(tier, "the member tier", 40), clock.now().date())

    @event(Joined)
    def _join(self, agreement, tier, on) -> None:
        self.status = MembershipStatus.JOINED
        self.agreement = agreement
        self.tier = tier
        self.joined_on = on

    def decline(self, reason: str) -> None:
        """Decline the invitation."""
        if self.status != MembershipStatus.INVITED:
            raise MembershipDecisionError(f"this company has already {self.status}")
        self._decline(text(reason, "the reason", 500))

    @event(Declined)
    def _decline(self, reason) -> None:
        self.status = MembershipStatus.DECLINED

    def assign_role(self, role: str) -> None:
        """Give the member a role in the consortium."""
        self.check_active()
        if role not in ROLES:
            raise InvalidValueError(f"{role!r} is not a role; roles are {', '.join(ROLES)}")
        if role in self.roles:
            raise InvalidValueError(f"this member is already {role}")
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
        self._endorse(endorser, text(note, "the endorsement", 1000))

    @event(Endorsed)
    def _endorse(self, endorser, note) -> None:
        self.endorsed_by.append(str(endorser))

    def leave(self, reason: str) -> None:
        """Leave the consortium."""
        if not self.is_member:
            raise MemberNotActiveError("only a member can leave")
        self._leave(text(reason, "the reason", 500))

    @event(Left)
    def _leave(self, reason) -> None:
        self.status = MembershipStatus.LEFT

    # Fees

    def assess_fee(self, *, fee_id: str, period: str, amount: Money, due_on: date) -> None:
        """Assess a fee for a period."""
        if not self.is_member:
            raise MemberNotActiveError("fees are assessed only on members")
        if fee_id in self.fees:
            raise FeeAlreadyAssessedError(f"the fee {fee_id} is already assessed")
        require_money(amount, "a fee")
        if not isinstance(due_on, date):
            raise InvalidValueError("a fee's due date must be a date")
        self._assess_fee(text(fee_id, "the fee id", 60), text(period, "the period", 20),
                         amount, due_on)

    @event(FeeAssessed)
    def _assess_fee(self, fee_id, period, amount, due_on) -> None:
        self.fees[fee_id] = {"period": period, "amount": amount, "due_on": due_on,
                             "status": FeeStatus.ASSESSED, "refunded": Money.zero(amount.currency),
                             "reference": ""}

    def _fee(self, fee_id: str) -> dict:
        try:
            return self.fees[fee_id]
        except KeyError:
            raise UnknownFeeError(f"there is no fee {fee_id!r} on this membership") from None

    def pay_fee(self, fee_id: str, amount: Money, reference: str) -> None:
        """Record a fee's payment; a member suspended for arrears is reinstated once clear."""
        fee = self._fee(fee_id)
        if fee["status"] in SETTLED:
            raise FeeAlreadyPaidError(f"the fee {fee_id} is already paid")
        require_money(amount, "the payment")
        if amount != fee["amount"]:
            raise FeeAmountMismatchError(f"the fee {fee_id} is {fee['amount']}, not {amount}")
        self._pay_fee(fee_id, amount, text(reference, "the payment reference", 200))
        if self.status == MembershipStatus.SUSPENDED and not self.overdue_fees(grace_days=0):
            self._reinstate()

    @event(FeePaid)
    def _pay_fee(self, fee_id, amount, reference) -> None:
        self.fees[fee_id].update(status=FeeStatus.PAID, reference=reference)

    def record_failed_payment(self, fee_id: str, reason: str) -> None:
        """Record that an attempt to pay a fee failed."""
        fee = self._fee(fee_id)
        if fee["status"] in SETTLED:
            raise FeeAlreadyPaidError(f"the fee {fee_id} is already paid")
        self._fail_fee(fee_id, text(reason, "the reason", 300))

    @event(FeePaymentFailed)
    def _fail_fee(self, fee_id, reason) -> None:
        self.fees[fee_id]["status"] = FeeStatus.FAILED

    def refund_fee(self, fee_id: str, amount: Money, reference: str) -> None:
        """Refund all or part of a paid fee."""
        fee = self._fee(fee_id)
        if fee["status"] not in SETTLED:
            raise FeeNotPaidError(f"the fee {fee_id} has not been paid")
        require_money(amount, "a refund")
        if fee["refunded"] + amount > fee["amount"]:
            raise RefundExceedsPaymentError(
                f"at most {fee['amount'] - fee['refunded']} of the fee {fee_id} can be refunded"
            )
        self._refund_fee(fee_id, amount, text(reference, "the refund reference", 200))

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
            and fee["due_on"] + timedelta(days=grace_days) < today
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
