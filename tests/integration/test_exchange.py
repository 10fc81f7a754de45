"""Questions, answers and revised quotes through the application, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from domain.bid import Bid
from domain.deadlines import working_days_after
from domain.errors import QuoteSupersededError, UnknownQuestionError
from domain.statuses import BidStatus
from marketplace.application import Marketplace
from marketplace.bidding.queries import bid_contributions, desk_bid
from marketplace.bootstrap import Services
from tests.story import Formed, eur, form_consortium, quoted_bid, request_quote


@pytest.fixture
def formed(app: Marketplace) -> Formed:
    return form_consortium(app)


def _stored(app: Marketplace, bid: UUID) -> list[Bid.Event]:
    return list(app.repository.event_store.get(bid))


def test_a_question_and_its_answer_are_bid_events(app: Marketplace, formed: Formed) -> None:
    bid = request_quote(app, formed.consortium)
    question_id = app.ask_question(bid, "Do you galvanise the blocks?")
    assert isinstance(question_id, UUID)
    app.answer_question(bid, str(question_id), "Yes, hot-dip, EN ISO 1461.",
                        shared_with_members=True)
    asked, answered = _stored(app, bid)[-2:]
    assert isinstance(asked, Bid.QuestionAsked) and asked.question_id == question_id
    assert isinstance(answered, Bid.QuestionAnswered)
    assert (answered.answer, answered.shared) == ("Yes, hot-dip, EN ISO 1461.", True)
    with pytest.raises(UnknownQuestionError):
        app.answer_question(bid, "7c0f5a9e-0000-4000-8000-000000000000", "No.")


def test_a_revision_round_gives_version_two_and_only_it_is_accepted(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    asked_at = app.clock.now()
    app.request_revision(bid, "Could you deliver in two lots?")
    assert desk_bid(services.engine, bid)["status"] == BidStatus.REVISION_REQUESTED
    requested = _stored(app, bid)[-1]
    assert isinstance(requested, Bid.RevisionRequested)
    rules = app.get_consortium(formed.consortium).rules
    assert requested.respond_by == working_days_after(asked_at, rules.quote_response_days)
    # The manager asks the manufacturer again; it commits a lower price.
    due = app.clock.now().date() + timedelta(days=2)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], due)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("230000"), 50)
    valid = app.clock.now().date() + timedelta(days=30)
    assert app.send_revised_quote(bid, eur("420000"), valid, 110) == 2
    row = desk_bid(services.engine, bid)
    assert (row["status"], row["quote_price"], row["quote_valid_until"]) == (
        BidStatus.QUOTED, eur("420000").amount, valid)
    with pytest.raises(QuoteSupersededError):
        app.accept_quote(bid, version=1)
    app.accept_quote(bid, version=2)
    assert app.get_bid(bid).status == BidStatus.ACCEPTED


def test_a_member_asked_again_keeps_its_committed_price_in_the_read_model(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    app.request_revision(bid, "Cheaper, please.")
    due = app.clock.now().date() + timedelta(days=4)
    app.request_contribution(bid, "design", formed.memberships[0], due)
    design = next(c for c in bid_contributions(services.engine, bid) if c["stage"] == "design")
    assert (design["status"], design["due_on"], design["price"]) == (
        "committed", due, eur("20000").amount)
