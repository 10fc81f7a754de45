"""Named states: stored as the same strings as ever, and the Bid obeys its transition table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.persistence import JSONTranscoder

from domain import clock
from domain.bid import STATE_WORDS, Bid
from domain.errors import BidStateError
from domain.money import Money
from domain.statuses import (
    BID_TRANSITIONS,
    BidStatus,
    ConsortiumStatus,
    FeeStatus,
    MembershipStatus,
)
from domain.values import Country, Incoterm, Stage
from marketplace import transcodings
from tests.unit.properties.support import START, attempt
from tests.unit.properties.test_bid_machine import HAPPY_PATH, MEMBERS, _cover

LATER = START + timedelta(days=30)  # past the happy path's quote validity (20 days)


def _new_bid() -> Bid:
    with clock.occurring_at(START):
        return Bid.request_quote(
            consortium_id=UUID(int=5), buyer=UUID(int=6), organisation="Astillero",
            country=Country("MX"), stages=(Stage.DESIGN, Stage.INSTALLATION),
            specification="Hull blocks.", quantity=Decimal(4), unit="blocks",
            incoterm=Incoterm("CIF", "Veracruz"), currency="EUR",
            quote_needed_by=START.date() + timedelta(days=30), wanted_delivery=None,
            respond_by=START + timedelta(days=7))


qualify, _, quote, accept, _, deliver = HAPPY_PATH


def _award(bid: Bid) -> None:
    """The happy path's quote (10,000.01 EUR) split between the two contributors."""
    bid.award_contract(Money.of("10000.01", "EUR"), {MEMBERS[0]: Money.of("5000", "EUR"),
                                                     MEMBERS[1]: Money.of("5000.01", "EUR")},
                       "CT-2025-00")


def _quote_out(bid: Bid) -> None:
    """The quote goes out: the first one, or the revised one the buyer asked for."""
    if bid.status == BidStatus.REVISION_REQUESTED:
        bid.send_revised_quote(Money.of("9000", "EUR"), START.date() + timedelta(days=20), 80)
    else:
        quote(bid)


# The commands that move a Bid to each status, and when to try them.
MOVES: dict[BidStatus, tuple[Callable[[Bid], object], object]] = {
    BidStatus.QUALIFIED: (qualify, START),
    BidStatus.DECLINED: (lambda bid: bid.decline("Outside our capacity."), START),
    BidStatus.QUOTED: (_quote_out, START),
    BidStatus.REVISION_REQUESTED: (lambda bid: bid.request_revision("Cheaper, please."), START),
    BidStatus.ACCEPTED: (accept, START),
    BidStatus.REJECTED: (lambda bid: bid.reject_quote("Too dear."), START),
    BidStatus.EXPIRED: (lambda bid: bid.expire_quote(), LATER),
    BidStatus.AWARDED: (_award, START),
    BidStatus.COMPLETED: (lambda bid: bid.complete(), START),
}
# The way to each status, with whatever the next moves need already done (stages covered,
# a milestone delivered).
WAYS: dict[BidStatus, list[BidStatus]] = {
    BidStatus.REQUESTED: [],
    BidStatus.QUALIFIED: [BidStatus.QUALIFIED],
    BidStatus.DECLINED: [BidStatus.DECLINED],
    BidStatus.QUOTED: [BidStatus.QUALIFIED, BidStatus.QUOTED],
    BidStatus.REVISION_REQUESTED: [BidStatus.QUALIFIED, BidStatus.QUOTED,
                                   BidStatus.REVISION_REQUESTED],
    BidStatus.ACCEPTED: [BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.ACCEPTED],
    BidStatus.REJECTED: [BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.REJECTED],
    BidStatus.EXPIRED: [BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.EXPIRED],
    BidStatus.AWARDED: [BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.ACCEPTED,
                        BidStatus.AWARDED],
    BidStatus.COMPLETED: [BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.ACCEPTED,
                          BidStatus.AWARDED, BidStatus.COMPLETED],
}


def bid_in(status: BidStatus) -> Bid:
    """A Bid brought to `status` through its commands."""
    bid = _new_bid()
    for step in WAYS[status]:
        command, moment = MOVES[step]
        assert attempt(bid, lambda command=command: command(bid), moment) is None, step
        if step is BidStatus.QUALIFIED:
            assert attempt(bid, lambda: _cover(bid)) is None
        if step is BidStatus.AWARDED:
            assert attempt(bid, lambda: deliver(bid)) is None
    assert bid.status == status
    return bid


@pytest.mark.parametrize("start", list(BidStatus))
@pytest.mark.parametrize("target", list(MOVES))
def test_the_bid_moves_exactly_as_the_transition_table_says(
    start: BidStatus, target: BidStatus
) -> None:
    bid = bid_in(start)
    command, moment = MOVES[target]
    refusal = attempt(bid, lambda: command(bid), moment)
    if target in BID_TRANSITIONS.get(start, frozenset()):
        assert refusal is None and bid.status == target
    else:
        assert isinstance(refusal, BidStateError)
        assert str(refusal).endswith(STATE_WORDS[start])


def test_the_transition_table_names_every_status_and_ends_in_the_terminal_ones() -> None:
    reached = {nxt for moves in BID_TRANSITIONS.values() for nxt in moves}
    assert reached | set(BID_TRANSITIONS) == set(BidStatus)
    terminal = set(BidStatus) - set(BID_TRANSITIONS)
    assert terminal == {BidStatus.DECLINED, BidStatus.REJECTED, BidStatus.EXPIRED,
                        BidStatus.COMPLETED}


@pytest.mark.parametrize("status", [*BidStatus, *MembershipStatus, *FeeStatus,
                                    *ConsortiumStatus])
def test_a_status_is_stored_as_its_plain_string(status: str) -> None:
    transcoder = JSONTranscoder()
    transcodings.register(transcoder)
    stored = transcoder.encode({"status": status})
    assert stored == transcoder.encode({"status": str(status.value)})
    assert transcoder.decode(stored) == {"status": status}
    assert f"{status}" == status.value
