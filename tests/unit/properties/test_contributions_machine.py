"""Only active members commit: members join, leave, fall into arrears and pay, while bidding.

The rule spans two aggregates (the Membership says who is active, the Bid takes the
price), so this machine drives the application's commands on the in-memory store and
reads the whole log back: at each ContributionCommitted, the member was in good standing.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from uuid import UUID

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.errors import DomainError
from domain.money import Money
from marketplace.application import Marketplace
from marketplace.ports import SteppingClock
from tests.story import ALL_STAGES, form_consortium, request_quote
from tests.unit.properties.support import START

MEMBERS = st.integers(0, 2)  # form_consortium's three members
STAGES = st.sampled_from(ALL_STAGES)
# Who offers which stage in form_consortium: memberships[0], [1], [2].
OWNERS = {"design": 0, "engineering": 0, "manufacturing": 1, "logistics": 2,
          "installation": 2}
# The status a Membership event leaves the member in.
STANDING = {"Invited": "invited", "Joined": "joined", "Declined": "declined",
            "SuspendedForArrears": "suspended", "Reinstated": "joined", "Left": "left"}


class ContributionsMachine(RuleBasedStateMachine):
    """A bid being priced while its consortium's members change standing."""

    @initialize()
    def a_qualified_rfq(self) -> None:
        self.clock = SteppingClock(START)
        self.app = Marketplace({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=self.clock)
        self.formed = form_consortium(self.app, slug="metal")
        self.bid = request_quote(self.app, self.formed.consortium)
        self.app.qualify_rfq(self.bid, "Fits our capacity.")
        self.periods = 0
        for stage, n in OWNERS.items():  # each stage asked of the member who offers it
            self.ask(n, stage)

    def _try(self, command) -> None:
        # Refused or not, the log read back below shows whether anything slipped through.
        with contextlib.suppress(DomainError):
            command()

    def _member(self, n: int) -> UUID:
        return self.formed.memberships[n]

    @rule(n=MEMBERS, stage=STAGES)
    def ask(self, n: int, stage: str) -> None:
        due = self.clock.now().date() + timedelta(days=3)
        self._try(lambda: self.app.request_contribution(self.bid, stage, self._member(n), due))

    @rule(stage=STAGES, someone=st.none() | MEMBERS, euros=st.integers(1, 500_000))
    def commit(self, stage: str, someone: int | None, euros: int) -> None:
        """Mostly the member the stage was asked of; sometimes anyone."""
        n = OWNERS[stage] if someone is None else someone
        price = Money.of(euros, "EUR")
        self._try(lambda: self.app.commit_contribution(self.bid, stage, self._member(n),
                                                       price, 30))

    @rule(stage=STAGES)
    def withdraw(self, stage: str) -> None:
        n = OWNERS[stage]
        self._try(lambda: self.app.withdraw_contribution(self.bid, stage, self._member(n),
                                                         "Capacity taken elsewhere."))

    @rule(n=MEMBERS)
    def leave(self, n: int) -> None:
        self._try(lambda: self.app.leave_consortium(self._member(n), "Retiring from exports."))

    @rule(n=MEMBERS)
    def fall_into_arrears(self, n: int) -> None:
        """A fee long overdue (past the 30 days' grace), and the suspension it brings."""
        self.periods += 1
        overdue = self.clock.now().date() - timedelta(days=45)
        self._try(lambda: self.app.assess_fees(self.formed.consortium, f"P{self.periods}",
                                               overdue))
        self._try(lambda: self.app.suspend_for_arrears(self._member(n)))

    @rule(n=MEMBERS)
    def settle(self, n: int) -> None:
        """Pay every unpaid fee; the last payment reinstates a suspended member."""
        membership = self.app.repository.get(self._member(n))
        for fee_id, fee in sorted(membership.fees.items()):
            if fee["status"] in ("assessed", "failed"):
                self._try(lambda fee_id=fee_id, fee=fee: self.app.pay_fee(
                    self._member(n), fee_id, fee["amount"], f"pi_{fee_id}"))

    @rule(days=st.integers(1, 20))
    def time_passes(self, days: int) -> None:
        self.clock.advance(days=days)

    @invariant()
    def every_commitment_came_from_an_active_member_of_that_stage(self) -> None:
        standing: dict[UUID, str] = {}
        declared: dict[UUID, list[str]] = {}
        for notification in self.app.recorder.select_notifications(start=1, limit=100_000):
            event = self.app.mapper.to_domain_event(notification)
            kind = type(event).__qualname__
            if kind.startswith("Membership."):
                name = kind.split(".", 1)[1]
                if name in STANDING:
                    standing[event.originator_id] = STANDING[name]
                if name == "CapabilitiesDeclared":
                    declared[event.originator_id] = list(event.stages)
            elif kind == "Bid.ContributionCommitted":
                member = UUID(str(event.membership_id))
                assert standing.get(member) == "joined", \
                    f"{member} committed while {standing.get(member)}"
                assert event.stage in declared.get(member, [])


TestContributions = ContributionsMachine.TestCase
# Each step runs real commands: a quarter of the profile's examples keeps it to seconds.
TestContributions.settings = settings(max_examples=max(10, settings.default.max_examples // 4))
