"""The Bid's exchange with the buyer: questions and answers, revisions and quote versions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from domain import clock
from domain.bid import QUESTIONS_PER_RFQ, Bid
from domain.errors import (
    BidStateError,
    InvalidValueError,
    QuestionAlreadyAnsweredError,
    QuestionLimitError,
    QuoteExpiredError,
    QuoteIncompleteError,
    QuoteSupersededError,
    UnknownQuestionError,
)
from domain.money import Money
from domain.statuses import BidStatus
from domain.values import Stage
from tests.unit.properties.support import START, assert_replays, attempt
from tests.unit.properties.test_bid_machine import MEMBERS
from tests.unit.test_statuses import LATER, bid_in

SOON = START.date() + timedelta(days=10)


@pytest.fixture(autouse=True)
def _at_start() -> Iterator[None]:
    """Commands called directly happen at START, as those run through `attempt` do."""
    with clock.occurring_at(START):
        yield


def _events(bid: Bid) -> list[str]:
    return [type(e).__name__ for e in bid.pending_events]


def _revise(bid: Bid, price: str = "9000", valid: int = 15, lead: int = 80) -> int:
    number = None

    def send() -> None:
        nonlocal number
        number = bid.send_revised_quote(Money.of(price, "EUR"), START.date()
                                        + timedelta(days=valid), lead)

    assert attempt(bid, lambda: bid.request_revision("Cheaper, please.")) is None
    assert attempt(bid, send) is None
    assert isinstance(number, int)
    return number


# --- questions ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [BidStatus.REQUESTED, BidStatus.QUALIFIED, BidStatus.QUOTED])
def test_the_buyer_asks_until_the_quote_is_answered(status: BidStatus) -> None:
    bid = bid_in(status)
    asked: list[UUID] = []
    assert attempt(bid, lambda: asked.append(bid.ask_question("  Is the steel S355?\n"))) is None
    (question_id,) = asked
    event = bid.pending_events[-1]
    assert isinstance(event, Bid.QuestionAsked)
    assert (event.question_id, event.text) == (question_id, "Is the steel S355?")
    assert bid.questions[str(question_id)] == {"text": "Is the steel S355?", "answer": None,
                                               "shared": False}
    assert_replays(bid)


@pytest.mark.parametrize("status", [BidStatus.DECLINED, BidStatus.ACCEPTED, BidStatus.REJECTED,
                                    BidStatus.EXPIRED, BidStatus.AWARDED, BidStatus.COMPLETED])
def test_no_question_once_the_quote_is_answered_or_the_rfq_ended(status: BidStatus) -> None:
    bid = bid_in(status)
    refusal = attempt(bid, lambda: bid.ask_question("Still there?"), LATER)
    assert isinstance(refusal, BidStateError)
    assert "cannot ask a question" in str(refusal)


def test_a_question_is_bounded_and_so_is_their_number() -> None:
    bid = bid_in(BidStatus.REQUESTED)
    assert isinstance(attempt(bid, lambda: bid.ask_question("   ")), InvalidValueError)
    assert isinstance(attempt(bid, lambda: bid.ask_question("x" * 2001)), InvalidValueError)
    for n in range(QUESTIONS_PER_RFQ):
        assert attempt(bid, lambda n=n: bid.ask_question(f"Question {n}?")) is None
    assert isinstance(attempt(bid, lambda: bid.ask_question("One more?")), QuestionLimitError)


def test_the_manager_answers_once_and_may_share_it_later() -> None:
    bid = bid_in(BidStatus.QUALIFIED)
    question_id = bid.ask_question("Which welding standard?")
    assert attempt(bid, lambda: bid.answer_question(str(question_id), "ISO 3834-2.",
                                                    False)) is None
    answered = bid.pending_events[-1]
    assert isinstance(answered, Bid.QuestionAnswered)
    assert (answered.question_id, answered.answer, answered.shared) == (
        question_id, "ISO 3834-2.", False)
    again = attempt(bid, lambda: bid.answer_question(question_id, "EN 1090.", True))
    assert isinstance(again, QuestionAlreadyAnsweredError)
    assert attempt(bid, lambda: bid.share_answer(question_id)) is None
    assert isinstance(bid.pending_events[-1], Bid.AnswerShared)
    assert bid.questions[str(question_id)] == {"text": "Which welding standard?",
                                               "answer": "ISO 3834-2.", "shared": True}
    assert isinstance(attempt(bid, lambda: bid.share_answer(question_id)), InvalidValueError)
    assert_replays(bid)


def test_answers_need_a_known_question_an_answer_and_a_plain_yes_or_no() -> None:
    bid = bid_in(BidStatus.QUOTED)
    question_id = bid.ask_question("Paint system?")
    for unknown in (uuid4(), "not-an-id", 42):
        assert isinstance(attempt(bid, lambda u=unknown: bid.answer_question(u, "C5-M", True)),
                          UnknownQuestionError)
    assert isinstance(attempt(bid, lambda: bid.answer_question(question_id, " ", True)),
                      InvalidValueError)
    assert isinstance(attempt(bid, lambda: bid.answer_question(question_id, "C5-M", "yes")),
                      InvalidValueError)
    assert isinstance(attempt(bid, lambda: bid.share_answer(question_id)), BidStateError)


def test_no_answer_once_the_rfq_has_ended() -> None:
    bid = bid_in(BidStatus.QUOTED)
    question_id = bid.ask_question("Paint system?")
    assert attempt(bid, lambda: bid.reject_quote("Too dear.")) is None
    refusal = attempt(bid, lambda: bid.answer_question(question_id, "C5-M", False))
    assert isinstance(refusal, BidStateError) and "cannot answer a question" in str(refusal)


# --- revisions ----------------------------------------------------------------------------


def test_a_revision_is_asked_on_a_valid_quote_and_sent_as_version_two() -> None:
    bid = bid_in(BidStatus.QUOTED)
    assert bid.quote_number == 1
    respond_by = START + timedelta(days=3)
    assert attempt(bid, lambda: bid.request_revision("Please split the delivery.",
                                                     respond_by)) is None
    asked = bid.pending_events[-1]
    assert isinstance(asked, Bid.RevisionRequested)
    assert (asked.message, asked.respond_by) == ("Please split the delivery.", respond_by)
    assert bid.status == BidStatus.REVISION_REQUESTED
    assert bid.quote_number == 1  # the quote in hand until the revised one comes
    number = bid.send_revised_quote(Money.of("9500", "EUR"), SOON, 75)
    sent = bid.pending_events[-1]
    assert isinstance(sent, Bid.RevisedQuoteSent)
    assert (number, sent.number, sent.replaces, sent.price, sent.valid_until,
            sent.lead_time_days, sent.on_time) == (
        2, 2, 1, Money.of("9500", "EUR"), SOON, 75, True)
    assert set(sent.delivered_by) == set(bid.stages)
    assert bid.status == BidStatus.QUOTED and bid.quote_number == 2
    assert bid.quote is not None and bid.quote["price"] == Money.of("9500", "EUR")
    assert _revise(bid) == 3
    assert_replays(bid)


def test_a_revised_quote_sent_after_the_deadline_is_late() -> None:
    bid = bid_in(BidStatus.QUOTED)
    bid.request_revision("Cheaper.", START + timedelta(days=1))
    assert attempt(bid, lambda: bid.send_revised_quote(Money.of("9000", "EUR"), SOON, 60),
                   START + timedelta(days=2)) is None
    assert bid.pending_events[-1].on_time is False  # type: ignore[attr-defined]


def test_no_revision_of_an_expired_quote_nor_out_of_turn() -> None:
    expired = bid_in(BidStatus.QUOTED)
    assert isinstance(attempt(expired, lambda: expired.request_revision("Cheaper."), LATER),
                      QuoteExpiredError)
    for status in (BidStatus.QUALIFIED, BidStatus.ACCEPTED, BidStatus.REJECTED):
        bid = bid_in(status)
        refusal = attempt(bid, lambda bid=bid: bid.request_revision("Cheaper."))
        assert isinstance(refusal, BidStateError) and "cannot ask for a revision" in str(refusal)
    quoted = bid_in(BidStatus.QUOTED)
    refusal = attempt(quoted, lambda: quoted.send_revised_quote(Money.of("1", "EUR"), SOON, 9))
    assert isinstance(refusal, BidStateError) and "cannot send a revised quote" in str(refusal)
    asked = bid_in(BidStatus.QUOTED)
    asked.request_revision("Cheaper.")
    refusal = attempt(asked, lambda: asked.submit_quote(Money.of("1", "EUR"), SOON, 9))
    assert isinstance(refusal, BidStateError) and "cannot submit a quote" in str(refusal)
    assert isinstance(attempt(asked, lambda: asked.request_revision("Again.")), BidStateError)


def test_members_are_asked_again_and_recommit_while_a_revision_is_open() -> None:
    bid = bid_in(BidStatus.QUOTED)
    first = Stage(bid.stages[0])
    member = UUID(bid.contributions[f"{first.value}:{MEMBERS[0]}"]["membership_id"])
    refusal = attempt(bid, lambda: bid.request_contribution(first, member, SOON))
    assert isinstance(refusal, BidStateError)  # a quoted RFQ is not being priced
    bid.request_revision("Cheaper.")
    assert attempt(bid, lambda: bid.request_contribution(first, member, SOON)) is None
    assert isinstance(attempt(bid, lambda: bid.request_contribution(first, member, SOON)),
                      InvalidValueError)  # once per revision
    assert attempt(bid, lambda: bid.commit_contribution(first, member, Money.of("800", "EUR"),
                                                        20)) is None
    assert bid.contributions[f"{first.value}:{member}"]["price"] == Money.of("800", "EUR")
    assert attempt(bid, lambda: bid.withdraw_contribution(first, member, "Full.")) is None
    refusal = attempt(bid, lambda: bid.send_revised_quote(Money.of("9000", "EUR"), SOON, 60))
    assert isinstance(refusal, QuoteIncompleteError)
    assert attempt(bid, lambda: bid.commit_contribution(first, member, Money.of("700", "EUR"),
                                                        20)) is None
    assert attempt(bid, lambda: bid.send_revised_quote(Money.of("9000", "EUR"), SOON,
                                                       60)) is None
    # The next revision round may ask the same member once more.
    bid.request_revision("Even cheaper.")
    assert attempt(bid, lambda: bid.request_contribution(first, member, SOON)) is None
    assert_replays(bid)


def test_the_buyer_answers_only_the_latest_version() -> None:
    bid = bid_in(BidStatus.QUOTED)
    _revise(bid)
    for answer in (lambda: bid.accept_quote(1), lambda: bid.reject_quote("No.", 1)):
        refusal = attempt(bid, answer)
        assert isinstance(refusal, QuoteSupersededError)
        assert str(refusal) == "version 1 of the quote was replaced by version 2"
    assert isinstance(attempt(bid, lambda: bid.accept_quote("2")), InvalidValueError)  # type: ignore[arg-type]
    assert attempt(bid, lambda: bid.accept_quote(2)) is None
    assert bid.status == BidStatus.ACCEPTED


def test_the_buyer_may_settle_the_quote_in_hand_while_a_revision_is_open() -> None:
    accepting, rejecting = bid_in(BidStatus.QUOTED), bid_in(BidStatus.QUOTED)
    for bid in (accepting, rejecting):
        bid.request_revision("Cheaper.")
    assert attempt(accepting, lambda: accepting.accept_quote(1)) is None
    assert attempt(rejecting, lambda: rejecting.reject_quote("Found another.", None)) is None
    lapsing = bid_in(BidStatus.QUOTED)
    lapsing.request_revision("Cheaper.")
    assert attempt(lapsing, lapsing.expire_quote, LATER) is None
    assert lapsing.status == BidStatus.EXPIRED


def test_a_correction_keeps_the_version_number() -> None:
    bid = bid_in(BidStatus.QUOTED)
    _revise(bid)
    bid.revise_quote(Money.of("8800", "EUR"), SOON, 70, "Typo in the price.")
    assert bid.quote_number == 2
    assert isinstance(bid.pending_events[-1], Bid.QuoteRevised)
    assert _events(bid)[-3:] == ["RevisionRequested", "RevisedQuoteSent", "QuoteRevised"]
    assert attempt(bid, lambda: bid.accept_quote(2)) is None
