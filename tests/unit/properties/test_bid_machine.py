"""Bid: work shares add up to the contract value, and a quote covers every stage asked for."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.bid import Bid
from domain.money import Money, total
from domain.statuses import BID_TRANSITIONS, BidStatus
from domain.values import Country, Incoterm, Stage
from tests.unit.properties.support import START, TEXTS, assert_replays, attempt, money

MEMBERS = [uuid5(UUID(int=4), f"membership {n}") for n in range(3)]
STRANGER = uuid5(UUID(int=4), "stranger")
STAGES = [Stage.DESIGN, Stage.MANUFACTURING, Stage.INSTALLATION]


@st.composite
def shares(draw: st.DrawFn, value: Money, contributors: list[str]) -> dict[UUID, Money]:
    """Work shares that add up to `value`, or that miss by a cent, or go to a stranger."""
    names = draw(st.lists(st.sampled_from(contributors or [str(STRANGER)]), min_size=1,
                          max_size=min(3, value.minor), unique=True))
    # Distinct cuts inside the value: every share is at least one minor unit.
    cuts = sorted(draw(st.lists(st.integers(1, value.minor - 1), min_size=len(names) - 1,
                                max_size=len(names) - 1, unique=True))) if len(names) > 1 else []
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, value.minor], strict=True)]
    split = {UUID(n): Money.from_minor(p, value.currency) for n, p in zip(names, parts,
                                                                           strict=True)}
    flaw = draw(st.sampled_from([None, None, "cent", "stranger", "currency"]))
    first = next(iter(split))
    if flaw == "cent":
        split[first] = split[first] + Money.from_minor(1, value.currency)
    elif flaw == "stranger":
        split[STRANGER] = split.pop(first)
    elif flaw == "currency":
        split[first] = Money(split[first].amount, "USD" if value.currency != "USD" else "EUR")
    return split


def _cover(bid: Bid) -> None:
    for n, stage in enumerate(map(Stage, bid.stages)):
        bid.request_contribution(stage, MEMBERS[n % 2], START.date())
        bid.commit_contribution(stage, MEMBERS[n % 2], Money.of("1000", "EUR"), 30)


def _award(bid: Bid) -> None:
    price = bid.quote["price"] if bid.quote else None
    names = sorted({UUID(c["membership_id"]) for c in bid.contributions.values()})
    split = {n: Money.from_minor(price.minor // len(names), price.currency) for n in names}
    split[names[0]] += Money.from_minor(price.minor % len(names), price.currency)
    bid.award_contract(price, split, "CT-2025-00")


HAPPY_PATH = [
    lambda bid: bid.qualify("Fits our capacity."),
    _cover,
    lambda bid: bid.submit_quote(Money.of("10000.01", bid.currency),
                                 START.date() + timedelta(days=20), 90),
    lambda bid: bid.accept_quote(),
    _award,
    lambda bid: bid.deliver_milestone("Blocks shipped", Stage(bid.stages[0])),
]


class BidMachine(RuleBasedStateMachine):
    """Random triage, contribution, quote and contract commands on one RFQ."""

    @initialize(stages=st.lists(st.sampled_from(STAGES), min_size=1, unique=True),
                currency=st.sampled_from(["EUR", "EUR", "USD"]),
                # Qualified (1 step in) and accepted (4) are where the quote's and the
                # award's rules are tried: they come more often.
                phase=st.sampled_from([0, 1, 1, 1, 2, 3, 4, 4, 4, 5, 6]))
    def request(self, stages: list[Stage], currency: str, phase: int) -> None:
        """An RFQ, taken some way along the happy path so runs start deep as well."""
        with clock.occurring_at(START):
            self.bid = Bid.request_quote(
                consortium_id=UUID(int=5), buyer=UUID(int=6), organisation="Astillero",
                country=Country("MX"), stages=tuple(stages), specification="Hull blocks.",
                quantity=Decimal(4), unit="blocks", incoterm=Incoterm("CIF", "Veracruz"),
                currency=currency, quote_needed_by=START.date() + timedelta(days=30),
                wanted_delivery=None, respond_by=START + timedelta(days=7))
        self.day = START
        self.statuses = [BidStatus.REQUESTED]
        for step in HAPPY_PATH[:phase]:
            assert self._do(lambda step=step: step(self.bid)) is None, step
            self.the_status_moves_only_forward()

    def _do(self, command) -> Exception | None:
        return attempt(self.bid, command, self.day)

    @rule(note=TEXTS)
    def qualify(self, note: str) -> None:
        self._do(lambda: self.bid.qualify(note))

    @rule(reason=TEXTS)
    def decline(self, reason: str) -> None:
        self._do(lambda: self.bid.decline(reason))

    @rule(data=st.data(), member=st.sampled_from(MEMBERS), due=st.integers(-2, 10))
    def request_contribution(self, data: st.DataObject, member: UUID, due: int) -> None:
        # Mostly a stage the buyer asked for; now and then one it did not.
        stage = data.draw(st.sampled_from([*map(Stage, self.bid.stages)] * 4 + list(Stage)))
        due_on = self.day.date() + timedelta(days=due)
        self._do(lambda: self.bid.request_contribution(stage, member, due_on))

    @rule(member=st.sampled_from(MEMBERS), price=money(high=100_000_00))
    def cover_every_stage(self, member: UUID, price: Money) -> None:
        """The manager asks one member for each uncovered stage, and the member commits."""
        for stage in map(Stage, self.bid.uncovered_stages()):
            self._do(lambda stage=stage: self.bid.request_contribution(stage, member,
                                                                       self.day.date()))
            self._do(lambda stage=stage: self.bid.commit_contribution(stage, member, price, 30))

    @rule(data=st.data(), price=money(currency=st.sampled_from(["EUR", "USD"])),
          lead=st.integers(0, 4000))
    def commit(self, data: st.DataObject, price: Money, lead: int) -> None:
        asked = sorted(self.bid.requests) or ["design:" + str(MEMBERS[0])]
        stage, member = data.draw(st.sampled_from(asked)).split(":")
        self._do(lambda: self.bid.commit_contribution(Stage(stage), UUID(member), price, lead))

    @rule(data=st.data(), reason=TEXTS)
    def withdraw(self, data: st.DataObject, reason: str) -> None:
        committed = sorted(self.bid.contributions) or ["design:" + str(MEMBERS[0])]
        stage, member = data.draw(st.sampled_from(committed)).split(":")
        self._do(lambda: self.bid.withdraw_contribution(Stage(stage), UUID(member), reason))

    @rule(data=st.data(), valid=st.integers(-1, 60), lead=st.integers(1, 400))
    def submit_quote(self, data: st.DataObject, valid: int, lead: int) -> None:
        price = data.draw(self._in_the_bids_currency())
        until = self.day.date() + timedelta(days=valid)
        self._do(lambda: self.bid.submit_quote(price, until, lead))

    @rule(version=st.sampled_from([None, None, 1, 2, 3]))
    def accept(self, version: int | None) -> None:
        self._do(lambda: self.bid.accept_quote(version))

    @rule(reason=TEXTS, version=st.sampled_from([None, None, 1, 2, 3]))
    def reject(self, reason: str, version: int | None) -> None:
        self._do(lambda: self.bid.reject_quote(reason, version))

    @rule(question=TEXTS)
    def ask(self, question: str) -> None:
        self._do(lambda: self.bid.ask_question(question))

    @rule(data=st.data(), answer=TEXTS, shared=st.booleans())
    def answer(self, data: st.DataObject, answer: str, shared: bool) -> None:
        question = data.draw(st.sampled_from(sorted(self.bid.questions) or ["none"]))
        self._do(lambda: self.bid.answer_question(question, answer, shared))

    @rule(data=st.data())
    def share(self, data: st.DataObject) -> None:
        question = data.draw(st.sampled_from(sorted(self.bid.questions) or ["none"]))
        self._do(lambda: self.bid.share_answer(question))

    @rule(message=TEXTS)
    def request_revision(self, message: str) -> None:
        self._do(lambda: self.bid.request_revision(message))

    @rule(data=st.data(), valid=st.integers(-1, 60), lead=st.integers(1, 400))
    def send_revised_quote(self, data: st.DataObject, valid: int, lead: int) -> None:
        price = data.draw(self._in_the_bids_currency())
        until = self.day.date() + timedelta(days=valid)
        self._do(lambda: self.bid.send_revised_quote(price, until, lead))

    @rule()
    def expire(self) -> None:
        self._do(self.bid.expire_quote)

    def _in_the_bids_currency(self) -> st.SearchStrategy[Money]:
        """Mostly the buyer's currency, sometimes the other one."""
        other = "USD" if self.bid.currency == "EUR" else "EUR"
        return money(currency=st.sampled_from([self.bid.currency] * 4 + [other]))

    @rule(data=st.data(), as_quoted=st.booleans())
    def award(self, data: st.DataObject, as_quoted: bool) -> None:
        value = data.draw(self._in_the_bids_currency())
        if as_quoted and self.bid.quote:
            value = self.bid.quote["price"]
        split: dict[UUID, Money] = {}
        if isinstance(value, Money) and value:
            contributors = sorted({c["membership_id"] for c in self.bid.contributions.values()})
            split = data.draw(shares(value, contributors))
        self._do(lambda: self.bid.award_contract(value, split, "CT-2025-01"))

    @rule(title=TEXTS, stage=st.sampled_from(list(Stage)))
    def deliver(self, title: str, stage: Stage) -> None:
        self._do(lambda: self.bid.deliver_milestone(title, stage))

    @rule()
    def complete(self) -> None:
        self._do(self.bid.complete)

    @rule(days=st.integers(1, 40))
    def time_passes(self, days: int) -> None:
        self.day += timedelta(days=days)

    # Invariants

    @invariant()
    def work_shares_add_up_to_the_contract_value(self) -> None:
        contract = self.bid.contract
        if contract is None:
            return
        value, split = contract["value"], contract["shares"]
        assert value.currency == self.bid.currency
        assert all(share and share.currency == value.currency for share in split.values())
        assert total(list(split.values()), value.currency) == value

    @invariant()
    def work_shares_go_to_contributors(self) -> None:
        if self.bid.contract is not None:
            contributors = {c["membership_id"] for c in self.bid.contributions.values()}
            assert set(self.bid.contract["shares"]) <= contributors

    @invariant()
    def a_quote_covers_every_stage_in_the_buyers_currency(self) -> None:
        quote = self.bid.quote
        if quote is not None:
            assert quote["price"].currency == self.bid.currency
            assert set(quote["delivered_by"]) == set(self.bid.stages)
            assert all(quote["delivered_by"].values()), "a stage was quoted with nobody on it"

    @invariant()
    def contributions_were_asked_for(self) -> None:
        assert set(self.bid.contributions) <= set(self.bid.requests)
        assert {k.split(":")[0] for k in self.bid.requests} <= set(self.bid.stages)

    @invariant()
    def the_status_moves_only_forward(self) -> None:
        if self.bid.status != self.statuses[-1]:
            # Every status change must be a step the domain's transition table allows.
            assert self.bid.status in BID_TRANSITIONS.get(self.statuses[-1], frozenset()), \
                f"{self.statuses[-1]} -> {self.bid.status}"
            self.statuses.append(self.bid.status)

    @invariant()
    def quote_versions_count_up_by_one(self) -> None:
        numbers = [1 if isinstance(e, Bid.QuoteSubmitted) else e.number
                   for e in self.bid.pending_events
                   if isinstance(e, Bid.QuoteSubmitted | Bid.RevisedQuoteSent)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert self.bid.quote_number == (numbers[-1] if numbers else None)

    @invariant()
    def a_question_is_answered_at_most_once(self) -> None:
        answered = [e.question_id for e in self.bid.pending_events
                    if isinstance(e, Bid.QuestionAnswered)]
        assert len(answered) == len(set(answered))
        assert {str(q) for q in answered} <= set(self.bid.questions)

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.bid)


TestBid = BidMachine.TestCase
# The longest way to its deepest rules (an award needs five steps): four times the examples.
TestBid.settings = settings(max_examples=4 * settings.default.max_examples)
