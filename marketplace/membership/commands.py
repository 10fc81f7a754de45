"""The member's and the manager's commands on memberships: joining, roles, fees, standing."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.consortium import Consortium
from domain.errors import ConsortiumStateError, EndorsementError, FeeAlreadyAssessedError
from domain.membership import Membership
from domain.money import Money
from domain.values import Stage
from marketplace.commanding import CommandBase, command
from marketplace.membership.agreements import AgreementCommands


def annual_fee_id(period: str) -> str:
    return f"annual-{period}"


def period_year(period: str) -> int | None:
    """The calendar year a period names ("2027"), or None for any other period."""
    text = str(period).strip()
    return int(text) if len(text) == 4 and text.isascii() and text.isdigit() else None


class MembershipCommands(AgreementCommands, CommandBase):
    @command
    def declare_capabilities(
        self, membership_id: UUID | str, *, stages: list[str], products: list[str],
        certifications: list[dict], capacity: str,
    ) -> None:
        """Declare the company's capabilities for this consortium."""
        membership = self._load(Membership, membership_id)
        membership.declare_capabilities(stages=Stage.parse_many(stages), products=products,
                                        certifications=certifications, capacity=capacity)
        self.save(membership)

    @command
    def correct_capabilities(
        self, membership_id: UUID | str, *, corrects: int, reason: str, stages: list[str],
        products: list[str], certifications: list[dict], capacity: str,
    ) -> None:
        """Correct the capability declaration in force (its version), saying why."""
        membership = self._load(Membership, membership_id)
        membership.correct_capabilities(
            corrects=corrects, reason=reason, stages=Stage.parse_many(stages),
            products=products, certifications=certifications, capacity=capacity)
        self.save(membership)

    @command
    def join_consortium(self, membership_id: UUID | str, *, agreement: str, tier: str) -> None:
        """Join with a signed member agreement, in a tier of the fee schedule."""
        membership = self._load(Membership, membership_id)
        consortium = self._load(Consortium, membership.consortium_id)
        consortium.check_takes_members()
        if consortium.rules is not None:
            consortium.rules.annual_fee(tier)  # refuses a tier the schedule does not know
        membership.join(agreement=agreement, tier=tier)
        self.save(membership)

    @command
    def decline_membership(self, membership_id: UUID | str, reason: str) -> None:
        """Decline to join."""
        membership = self._load(Membership, membership_id)
        membership.decline(reason)
        self.save(membership)

    @command
    def assign_role(self, membership_id: UUID | str, role: str) -> None:
        """Give a member a role."""
        membership = self._load(Membership, membership_id)
        membership.assign_role(role)
        self.save(membership)

    @command
    def endorse_peer(self, endorser_id: UUID | str, endorsed_id: UUID | str, note: str) -> None:
        """One member endorses another after working together."""
        endorser = self._load(Membership, endorser_id)
        endorsed = self._load(Membership, endorsed_id)
        if endorser.consortium_id != endorsed.consortium_id:
            raise EndorsementError("members endorse peers of their own consortium")
        endorser.check_active()
        endorsed.receive_endorsement(endorser.id, note)
        self.save(endorsed)

    @command
    def leave_consortium(self, membership_id: UUID | str, reason: str) -> None:
        """Leave the consortium."""
        membership = self._load(Membership, membership_id)
        membership.leave(reason)
        self.save(membership)

    @command
    def assess_fees(self, consortium_id: UUID | str, period: str, due_on: date) -> int:
        """Assess the annual fee of a period on every member; returns how many were new."""
        consortium = self._load(Consortium, consortium_id)
        if consortium.rules is None:
            raise ConsortiumStateError("adopt rules with a fee schedule before assessing fees")
        assessed = []
        for prospect in consortium.prospects.values():
            membership = self._load(Membership, prospect["membership_id"])
            if not membership.is_member:
                continue
            fee = consortium.rules.annual_fee_for(membership.tier, membership.joined_on,
                                                  period_year(period))
            if not fee.amount:
                continue  # pro rata, a year before the member joined owes nothing
            try:
                membership.assess_fee(
                    fee_id=annual_fee_id(period), period=period, amount=fee.amount,
                    due_on=due_on, full_amount=fee.full if fee.pro_rata else None,
                    months=fee.months if fee.pro_rata else None)
            except FeeAlreadyAssessedError:
                continue  # assessing a period twice assesses nothing new
            assessed.append(membership)
        if assessed:
            self.save(*assessed)
        return len(assessed)

    @command
    def issue_credit_note(
        self, membership_id: UUID | str, fee_id: str, amount: Money, reason: str
    ) -> str:
        """Correct an assessed fee by a credit note; returns the credit note's number."""
        membership = self._load(Membership, membership_id)
        number = membership.issue_credit_note(fee_id, amount, reason)
        self.save(membership)
        return number

    @command
    def record_failed_payment(self, membership_id: UUID | str, fee_id: str, reason: str) -> None:
        """Record a failed attempt to pay a fee."""
        membership = self._load(Membership, membership_id)
        membership.record_failed_payment(fee_id, reason)
        self.save(membership)

    @command
    def refund_fee(
        self, membership_id: UUID | str, fee_id: str, amount: Money, reference: str
    ) -> None:
        """Refund a paid fee, in whole or in part."""
        membership = self._load(Membership, membership_id)
        membership.refund_fee(fee_id, amount, reference)
        self.save(membership)

    @command
    def suspend_for_arrears(self, membership_id: UUID | str) -> None:
        """Suspend a member whose fees are overdue past the rules' grace period."""
        membership = self._load(Membership, membership_id)
        consortium = self._load(Consortium, membership.consortium_id)
        if consortium.rules is None or not consortium.rules.suspend_on_arrears:
            raise ConsortiumStateError("the consortium's rules do not suspend members for arrears")
        membership.suspend_for_arrears(consortium.rules.grace_days)
        self.save(membership)

    @command
    def reinstate_member(self, membership_id: UUID | str) -> None:
        """Reinstate a suspended member whose fees are settled."""
        membership = self._load(Membership, membership_id)
        membership.reinstate()
        self.save(membership)
