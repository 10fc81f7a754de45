"""The fee runs: success fees on awarded work shares, and reminders and suspension for arrears."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.bid import Bid
from domain.consortium import Consortium
from domain.errors import BidStateError, ConsortiumStateError, FeeAlreadyAssessedError
from domain.membership import Membership
from marketplace.commanding import command
from marketplace.fees.receipts import ReceiptCommands


def success_fee_id(bid_id: UUID | str) -> str:
    return f"success-{bid_id}"


@dataclass(frozen=True)
class ArrearsRun:
    """What one membership's arrears run did."""

    reminders: int
    suspended: bool


class FeeCommands(ReceiptCommands):
    @command
    def assess_success_fees(self, bid_id: UUID | str, period: str, due_on: date) -> int:
        """Assess the rules' success fee on each awarded work share; returns how many were new."""
        bid = self._load(Bid, bid_id)
        if bid.contract is None:
            raise BidStateError("no contract has been awarded on this RFQ: it is %(status)s",
                                status=bid.status)
        consortium = self._load(Consortium, bid.consortium_id)
        if consortium.rules is None:
            raise ConsortiumStateError("adopt rules with a fee schedule before assessing fees")
        assessed = []
        # The fee on the whole award, split into the shares: the parts add up to the cent.
        shares = dict(sorted(bid.contract["shares"].items()))
        for membership_id, fee in consortium.rules.success_fees(shares).items():
            membership = self._load(Membership, membership_id)
            if not fee or not membership.is_member:
                continue  # no success fee in the rules, or the member has since left
            try:
                membership.assess_fee(fee_id=success_fee_id(bid.id), period=period, amount=fee,
                                      due_on=due_on)
            except FeeAlreadyAssessedError:
                continue  # each awarded share is charged once, however often this runs
            assessed.append(membership)
        if assessed:
            self.save(*assessed)
        return len(assessed)

    @command
    def chase_arrears(self, membership_id: UUID | str) -> ArrearsRun:
        """Issue the reminders now due on overdue fees, and suspend if the rules say so."""
        membership = self._load(Membership, membership_id)
        consortium = self._load(Consortium, membership.consortium_id)
        rules = consortium.rules
        if rules is None:
            raise ConsortiumStateError("the consortium has adopted no rules on arrears")
        reminders = membership.remind_overdue_fees(rules.grace_days)
        suspend = (rules.suspend_on_arrears and membership.is_active
                   and bool(membership.overdue_fees(rules.grace_days)))
        if suspend:
            membership.suspend_for_arrears(rules.grace_days)
        if reminders or suspend:
            self.save(membership)
        return ArrearsRun(reminders=reminders, suspended=suspend)
