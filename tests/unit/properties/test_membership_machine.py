"""Membership: fees keep their currency, refunds stay within payments, standing is honest."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.errors import MemberNotActiveError, MembershipDecisionError
from domain.membership import ROLES, Membership
from domain.money import Money
from domain.values import Stage
from tests.unit.properties.support import (
    FRACTIONS,
    START,
    TEXTS,
    assert_replays,
    attempt,
    money,
    part_of,
)

CONSORTIUM = uuid5(UUID(int=3), "consortium")
PEERS = [uuid5(UUID(int=3), f"peer {n}") for n in range(3)]
FEES = st.sampled_from(["2024", "2025", "2026"])  # 2024: the fee of STANDING
STATUSES = {"invited", "joined", "declined", "suspended", "left"}
AGREEMENT_HASH = "a" * 64  # the SHA-256 of the agreement in force, whatever its version
SIGNER = uuid5(UUID(int=3), "signer")


DUES = Money.of("2400", "EUR")
STANDING = [
    lambda m: m.join(agreement="MA-2025.pdf", tier="standard"),
    lambda m: m.declare_capabilities(stages=(Stage.DESIGN,), products=["steel"],
                                     certifications=[], capacity="1,200 t"),
    lambda m: m.assess_fee(fee_id="2024", period="2024", amount=DUES,
                           due_on=START.date() - timedelta(days=40)),
    lambda m: m.suspend_for_arrears(30),
    lambda m: m.pay_fee("2024", DUES, "pi_2024"),
    lambda m: m.refund_fee("2024", Money.of("400", "EUR"), "re_2024"),
]


class MembershipMachine(RuleBasedStateMachine):
    """Random decisions, fees, payments and suspensions of one company in one consortium."""

    @initialize(note=st.sampled_from(["Exports to Mexico.", "Ships to Chile."]),
                # Paid (5 steps in) is where refunds are tried: more often.
                phase=st.sampled_from([0, 1, 2, 3, 4, 5, 5, 5, 6]))
    def invite(self, note: str, phase: int) -> None:
        """An invited company, taken some way into its membership so runs start deep."""
        with clock.occurring_at(START):
            self.membership = Membership.invite(CONSORTIUM, uuid5(UUID(int=3), "firm"), note)
        self.day = START
        self.decided = phase > 0  # joined or declined once: never decided again
        for step in STANDING[:phase]:
            assert self._do(lambda step=step: step(self.membership)) is None

    def _do(self, command) -> Exception | None:
        return attempt(self.membership, command, self.day)

    @rule(meeting=st.sampled_from(PEERS))
    def attend(self, meeting: UUID) -> None:
        self._do(lambda: self.membership.attend_meeting(meeting))

    @rule(stages=st.lists(st.sampled_from(list(Stage)), unique=True, max_size=3),
          product=TEXTS, capacity=TEXTS)
    def declare(self, stages: list[Stage], product: str, capacity: str) -> None:
        self._do(lambda: self.membership.declare_capabilities(
            stages=tuple(stages), products=[product], certifications=[], capacity=capacity))

    @rule(tier=st.sampled_from(["standard", "founding", "  "]))
    def join(self, tier: str) -> None:
        refusal = self._do(lambda: self.membership.join(agreement="MA-2025.pdf", tier=tier))
        if self.decided:
            assert isinstance(refusal, MembershipDecisionError), "decided twice"
        self.decided |= refusal is None

    @rule(reason=TEXTS)
    def decline(self, reason: str) -> None:
        refusal = self._do(lambda: self.membership.decline(reason))
        if self.decided:
            assert isinstance(refusal, MembershipDecisionError), "decided twice"
        self.decided |= refusal is None

    @rule(role=st.sampled_from([*ROLES, "emperor"]))
    def assign_role(self, role: str) -> None:
        self._do(lambda: self.membership.assign_role(role))

    @rule(endorser=st.sampled_from([*PEERS, None]), note=TEXTS)
    def endorse(self, endorser: UUID | None, note: str) -> None:
        who = endorser or self.membership.id  # None: the member endorsing itself
        self._do(lambda: self.membership.receive_endorsement(who, note))

    @rule(version=st.integers(0, 3), in_force=st.integers(1, 3),
          same_text=st.booleans())
    def sign(self, version: int, in_force: int, same_text: bool) -> None:
        """A signature: of the version in force or another, of its text or another."""
        shown = AGREEMENT_HASH if same_text else "0" * 64
        before = dict(self.membership.signed_versions())
        refusal = self._do(lambda: self.membership.sign_agreement(
            version=version, agreement_sha256=shown, in_force=(in_force, AGREEMENT_HASH),
            account_id=SIGNER, signatory=SIGNER))
        if refusal is None:
            assert self.membership.is_member and version == in_force and same_text
            assert str(in_force) not in before, "a version signed twice"
        else:
            assert self.membership.signed_versions() == before

    @rule(reason=TEXTS)
    def leave(self, reason: str) -> None:
        self._do(lambda: self.membership.leave(reason))

    @rule(fee=FEES, amount=money(high=10_000_00), due=st.integers(-60, 60))
    def assess(self, fee: str, amount: Money, due: int) -> None:
        due_on = self.day.date() + timedelta(days=due)
        self._do(lambda: self.membership.assess_fee(fee_id=fee, period=fee, amount=amount,
                                                    due_on=due_on))

    @rule(fee=FEES, exact=st.booleans(), amount=money(high=10_000_00), reference=TEXTS)
    def pay(self, fee: str, exact: bool, amount: Money, reference: str) -> None:
        owed = self.membership.fees.get(fee, {}).get("amount")
        paid = owed if exact and owed is not None else amount
        self._do(lambda: self.membership.pay_fee(fee, paid, reference))

    @rule(fee=FEES, reason=TEXTS)
    def payment_fails(self, fee: str, reason: str) -> None:
        self._do(lambda: self.membership.record_failed_payment(fee, reason))

    @rule(data=st.data(), amount=money(high=10_000_00), fraction=FRACTIONS,
          relative=st.booleans(), reference=TEXTS)
    def refund(self, data: st.DataObject, amount: Money, fraction: Decimal, relative: bool,
               reference: str) -> None:
        # Mostly a fee that exists, for a part of what is left to refund, or a little more.
        fee = data.draw(st.sampled_from(sorted(self.membership.fees) or ["2024"]) | FEES)
        owed = self.membership.fees.get(fee)
        if relative and owed is not None and owed["amount"] != owed["refunded"]:
            amount = part_of(owed["amount"] - owed["refunded"], fraction)
        self._do(lambda: self.membership.refund_fee(fee, amount, reference))

    @rule(grace=st.integers(0, 60))
    def suspend_for_arrears(self, grace: int) -> None:
        self._do(lambda: self.membership.suspend_for_arrears(grace))

    @rule()
    def reinstate(self) -> None:
        self._do(self.membership.reinstate)

    @rule(grace=st.integers(0, 60))
    def remind(self, grace: int) -> None:
        self._do(lambda: self.membership.remind_overdue_fees(grace))

    @rule(stage=st.sampled_from(list(Stage)))
    def only_an_active_member_may_contribute(self, stage: Stage) -> None:
        refusal = self._do(lambda: self.membership.check_can_contribute(stage))
        if refusal is None:
            assert self.membership.status == "joined" and stage.value in self.membership.stages
        elif self.membership.status != "joined":
            assert isinstance(refusal, MemberNotActiveError)

    @rule(days=st.integers(1, 90))
    def time_passes(self, days: int) -> None:
        self.day += timedelta(days=days)

    # Invariants

    @invariant()
    def fees_keep_their_currency_and_refunds_stay_within_payments(self) -> None:
        for fee in self.membership.fees.values():
            assert fee["amount"] and fee["refunded"].currency == fee["amount"].currency
            assert fee["refunded"] <= fee["amount"]
            if fee["refunded"]:
                assert fee["status"] == "refunded"

    @invariant()
    def a_settled_fee_names_its_payment(self) -> None:
        for fee in self.membership.fees.values():
            assert fee["status"] in ("assessed", "failed", "paid", "refunded")
            assert bool(fee["reference"]) == (fee["status"] in ("paid", "refunded"))

    @invariant()
    def a_suspended_member_owes_something(self) -> None:
        if self.membership.status == "suspended":
            assert any(f["status"] in ("assessed", "failed")
                       for f in self.membership.fees.values())

    @invariant()
    def standing_follows_the_decisions(self) -> None:
        m = self.membership
        assert m.status in STATUSES
        if m.status in ("joined", "suspended", "left"):
            assert m.agreement and m.tier and m.joined_on is not None
        if m.fees:
            assert m.joined_on is not None, "fees were assessed on a company that never joined"

    @invariant()
    def roles_and_endorsements_are_unique_and_known(self) -> None:
        m = self.membership
        assert len(set(m.roles)) == len(m.roles) and set(m.roles) <= set(ROLES)
        assert len(set(m.endorsed_by)) == len(m.endorsed_by)
        assert str(m.id) not in m.endorsed_by

    @invariant()
    def only_the_text_in_force_is_signed(self) -> None:
        assert set(self.membership.signed_versions().values()) <= {AGREEMENT_HASH}

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.membership)


TestMembership = MembershipMachine.TestCase
