"""Consortium: seed funding stays within the grant and the cap, in the cap's currency."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from domain import clock
from domain.consortium import Consortium
from domain.errors import ConsortiumClosedError, ConsortiumNotEstablishedError, DomainError
from domain.money import Money
from domain.values import Stage
from tests.story import METAL, rules
from tests.unit.properties.support import (
    FRACTIONS,
    START,
    TEXTS,
    assert_replays,
    attempt,
    money,
    part_of,
)

COMPANIES = [uuid5(UUID(int=1), f"company {n}") for n in range(4)]
MEETINGS = [uuid5(UUID(int=2), f"meeting {n}") for n in range(3)]
STAGES = st.lists(st.sampled_from(list(Stage)), unique=True, max_size=3)


FORMATION = [
    lambda c: c.grant_seed_funding(part_of(c.programme_cap, Decimal("0.5"))),
    lambda c: c.disburse_seed_funding(part_of(c.granted, Decimal("0.5")), "Legal set-up"),
    lambda c: c.appoint_manager(UUID(int=7)),
    lambda c: c.adopt_rules(rules()),
    lambda c: c.establish(3),
    lambda c: c.publish_offer((Stage.DESIGN, Stage.MANUFACTURING), "Steel structures."),
]


class ConsortiumMachine(RuleBasedStateMachine):
    """Random formation, funding and governance commands on one consortium."""

    consortium: Consortium

    @initialize(cap=money(high=700_000_00), phase=st.sampled_from([0, 1, 2, 3, 4, 5, 6]))
    def propose(self, cap: Money, phase: int) -> None:
        """A proposed consortium, taken some way through its formation so runs start deep."""
        refused = attempt_propose(self, cap)
        if refused:  # a cap that is no money at all: propose with the programme's own
            attempt_propose(self, Money.of("700000", "EUR"))
        self.day = START
        self.was_dissolved = False
        for step in FORMATION[:phase]:
            assert attempt(self.consortium, lambda step=step: step(self.consortium)) is None

    def _do(self, command, *, refused_when_dissolved: bool = True) -> None:
        refusal = attempt(self.consortium, command, self.day)
        if self.was_dissolved and refused_when_dissolved:
            assert isinstance(refusal, ConsortiumClosedError), "a dissolved consortium acted"

    @rule(amount=money(high=800_000_00), fraction=FRACTIONS, relative=st.booleans())
    def grant(self, amount: Money, fraction: Decimal, relative: bool) -> None:
        c = self.consortium
        if relative:  # a part of what the cap still allows, or a little more
            amount = part_of(c.programme_cap - c.granted, fraction)
        self._do(lambda: c.grant_seed_funding(amount))

    @rule(amount=money(high=800_000_00), fraction=FRACTIONS, relative=st.booleans(),
          purpose=TEXTS)
    def disburse(self, amount: Money, fraction: Decimal, relative: bool, purpose: str) -> None:
        c = self.consortium
        if relative:  # a part of what is granted and not yet paid, or a little more
            amount = part_of(c.granted - c.disbursed, fraction)
        self._do(lambda: c.disburse_seed_funding(amount, purpose))

    @rule(company=st.sampled_from(COMPANIES), note=TEXTS)
    def identify(self, company: UUID, note: str) -> None:
        self._do(lambda: self.consortium.identify_prospect(company, uuid5(company, "m"), note))

    @rule(meeting=st.sampled_from(MEETINGS), days=st.integers(-30, 30), topic=TEXTS)
    def plan_meeting(self, meeting: UUID, days: int, topic: str) -> None:
        on = START.date() + timedelta(days=days)
        self._do(lambda: self.consortium.plan_meeting(meeting, on, topic))

    @rule(meeting=st.sampled_from(MEETINGS),
          attendees=st.lists(st.sampled_from(COMPANIES), max_size=4))
    def hold_meeting(self, meeting: UUID, attendees: list[UUID]) -> None:
        self._do(lambda: self.consortium.hold_meeting(meeting, attendees))

    @rule(coverage=st.dictionaries(st.sampled_from(list(Stage)),
                                   st.lists(st.sampled_from(COMPANIES), max_size=2)))
    def map_capabilities(self, coverage: dict[Stage, list[UUID]]) -> None:
        self._do(lambda: self.consortium.map_capabilities(coverage))

    @rule()
    def appoint_manager(self) -> None:
        self._do(lambda: self.consortium.appoint_manager(UUID(int=7)))

    @rule(days=st.integers(1, 60))
    def adopt_rules(self, days: int) -> None:
        self._do(lambda: self.consortium.adopt_rules(rules(quote_response_days=days)))

    @rule(joined=st.integers(0, 5))
    def establish(self, joined: int) -> None:
        self._do(lambda: self.consortium.establish(joined))

    @rule(stages=STAGES, summary=TEXTS)
    def publish_offer(self, stages: list[Stage], summary: str) -> None:
        established = self.consortium.is_established
        refusal = attempt(self.consortium, lambda: self.consortium.publish_offer(
            tuple(stages), summary), self.day)
        if self.consortium.status != "dissolved" and not established:
            assert isinstance(refusal, ConsortiumNotEstablishedError)

    @rule(reason=TEXTS)
    def suspend(self, reason: str) -> None:
        self._do(lambda: self.consortium.suspend(reason))

    @rule()
    def reactivate(self) -> None:
        self._do(self.consortium.reactivate)

    # Dissolution ends every run it happens in, so it waits for a year of the story.
    @precondition(lambda self: self.day > START + timedelta(days=365))
    @rule(reason=TEXTS)
    def dissolve(self, reason: str) -> None:
        self._do(lambda: self.consortium.dissolve(reason))
        self.was_dissolved = self.consortium.status == "dissolved"

    @rule(days=st.integers(1, 400))
    def time_passes(self, days: int) -> None:
        self.day += timedelta(days=days)

    # Invariants

    @invariant()
    def funding_stays_within_the_grant_and_the_cap(self) -> None:
        c = self.consortium
        assert Money.zero(c.programme_cap.currency) <= c.disbursed <= c.granted <= c.programme_cap

    @invariant()
    def funding_is_counted_in_the_caps_currency(self) -> None:
        c = self.consortium
        assert c.granted.currency == c.disbursed.currency == c.programme_cap.currency

    @invariant()
    def funding_adds_up_to_its_events(self) -> None:
        events = self.consortium.pending_events
        granted = [e.amount for e in events if type(e).__name__ == "SeedFundingGranted"]
        paid = [e.amount for e in events if type(e).__name__ == "SeedFundingDisbursed"]
        currency = self.consortium.programme_cap.currency
        assert sum((a for a in granted), Money.zero(currency)) == self.consortium.granted
        assert sum((a for a in paid), Money.zero(currency)) == self.consortium.disbursed

    @invariant()
    def an_offer_is_published_only_by_an_established_consortium(self) -> None:
        c = self.consortium
        if c.offer_published:
            assert c.established_on is not None
        if c.status in ("established", "suspended"):
            assert c.manager is not None and c.rules is not None

    @invariant()
    def gaps_are_the_stages_nobody_covers(self) -> None:
        c = self.consortium
        assert c.gaps == [s for s, firms in c.coverage.items() if not firms]

    @invariant()
    def only_prospects_attend_meetings(self) -> None:
        c = self.consortium
        for meeting in c.meetings.values():
            assert set(meeting["attendees"] or ()) <= set(c.prospects)

    @invariant()
    def dissolution_is_final(self) -> None:
        assert (self.consortium.status == "dissolved") == self.was_dissolved

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.consortium)


def attempt_propose(machine: ConsortiumMachine, cap: Money) -> bool:
    """Propose the consortium; True if the cap was refused (it must then be no Money)."""
    try:
        with clock.occurring_at(START):
            machine.consortium = Consortium.propose(
                slug="metal", name="Metal Export Consortium", agency="SODERCAN",
                region="ES-CB", sector=METAL, programme_cap=cap)
    except DomainError as refusal:
        assert not isinstance(cap, Money) or not cap, refusal
        return True
    return False


TestConsortium = ConsortiumMachine.TestCase
