"""The desk's exchange: the manager answers questions, shares answers, sends quote version 2."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from marketplace.bidding.enquiries import bid_questions_list
from marketplace.bootstrap import Services
from tests.story import Formed, eur, form_consortium
from tests.web.signin import sign_in
from tests.web.test_desk import page, position, version
from tests.web.test_desk_terms import priced_bid


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def test_the_manager_answers_and_shares_with_the_tick(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = priced_bid(services, formed)
    question = app.ask_question(bid, "Is the steel S355?")
    html = page(manager, f"/workspace/desk/rfq/{bid}")
    answer_at = f"/workspace/desk/rfq/{bid}/questions/{question}/answer"
    assert "Is the steel S355?" in html and f'action="{answer_at}"' in html
    before = position(services)
    refused = manager.post(answer_at, data={"answer": " ", "shared": "yes",
                                            "version": version(services, bid)})
    assert refused.status_code == 422 and position(services) == before
    assert 'name="shared" value="yes" checked' in refused.get_data(as_text=True)
    done = manager.post(answer_at, data={"answer": "Yes, S355J2.", "shared": "yes",
                                         "version": version(services, bid)})
    assert done.status_code == 303
    [row] = bid_questions_list(services.engine, str(bid))
    assert (row["answer"], row["shared"]) == ("Yes, S355J2.", True)
    assert "shared with the members" in page(manager, f"/workspace/desk/rfq/{bid}")


def test_an_answer_kept_from_the_members_can_be_shared_later(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = priced_bid(services, formed)
    question = app.ask_question(bid, "Who pays the crane?")
    app.answer_question(bid, question, "We do.")
    share_at = f"/workspace/desk/rfq/{bid}/questions/{question}/share"
    assert f'action="{share_at}"' in page(manager, f"/workspace/desk/rfq/{bid}")
    assert manager.post(share_at, data={"version": version(services, bid)}).status_code == 303
    assert bid_questions_list(services.engine, str(bid), shared_only=True)[0]["shared"]


def test_the_manager_asks_a_member_again_and_sends_version_two(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = priced_bid(services, formed)
    valid = app.clock.now().date() + timedelta(days=30)
    app.submit_quote(bid, eur("129600.54"), valid, 90)
    app.request_revision(bid, "Two lots, please.")
    html = page(manager, f"/workspace/desk/rfq/{bid}")
    assert "Two lots, please." in html and "The buyer asks for a revised quote" in html
    due = (app.clock.now().date() + timedelta(days=2)).isoformat()
    asked = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": f"manufacturing:{formed.memberships[1]}", "due_on": due,
        "version": version(services, bid)})
    assert asked.status_code == 303, asked.get_data(as_text=True)[:600]
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("90000"), 80)
    quote_page = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert "Send version 2" in quote_page and f'action="/workspace/desk/rfq/{bid}/quote/version"' \
        in quote_page
    # 90,000 + 20,000.50 with an 8 % margin = 118,800.54
    sent = manager.post(f"/workspace/desk/rfq/{bid}/quote/version", data={
        "margin": "8", "valid_until": valid.isoformat(), "lead_time_days": "85",
        "shown_total": "118800.54", "version": version(services, bid)})
    assert sent.status_code == 303, sent.get_data(as_text=True)[:600]
    found = app.get_bid(bid)
    assert found.quote_number == 2 and found.quote["price"] == eur("118800.54")
