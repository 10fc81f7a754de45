"""The buyer's exchange on the tracking page: questions, revision requests, quote versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from marketplace.bidding import queries as bid_queries
from marketplace.bidding.enquiries import bid_questions_list
from marketplace.bootstrap import Services
from tests.story import Formed, eur, form_consortium
from tests.web.rfq_helpers import log_position
from tests.web.test_tracking import _quoted, _send


@pytest.fixture
def metal(services: Services) -> Formed:
    return form_consortium(services.marketplace, slug="metal")


def _bid(services: Services) -> str:
    [bid] = bid_queries.list_bids(services.engine)
    return str(bid["bid_id"])


def test_the_buyer_asks_a_question_and_reads_the_answer(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _send(client, services)
    assert 'action="' + path + '/ask"' in client.get(path).get_data(as_text=True)
    response = client.post(f"{path}/ask", data={"question": "  Is the steel S355?  "})
    assert response.status_code == 303 and response.headers["Location"] == path
    bid = _bid(services)
    [question] = bid_questions_list(services.engine, bid)
    assert question["text"] == "Is the steel S355?"
    page = client.get(path).get_data(as_text=True)
    assert "Is the steel S355?" in page and "Not answered yet." in page
    services.marketplace.answer_question(bid, question["question_id"], "Yes, S355J2.")
    assert "Yes, S355J2." in client.get(path).get_data(as_text=True)


def test_htmx_gets_the_questions_fragment_and_a_refusal_keeps_the_text(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _send(client, services)
    swapped = client.post(f"{path}/ask", data={"question": "Paint system?"},
                          headers={"HX-Request": "true"})
    body = swapped.get_data(as_text=True)
    assert swapped.status_code == 200 and body.lstrip().startswith("<section class=\"questions\"")
    assert "Paint system?" in body and "<html" not in body
    before = log_position(services)
    refused = client.post(f"{path}/ask", data={"question": "x" * 2001})
    assert refused.status_code == 422 and log_position(services) == before
    assert "x" * 2001 in refused.get_data(as_text=True)


def test_a_revision_is_asked_and_version_two_is_shown_above_version_one(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    page = client.get(path).get_data(as_text=True)
    assert 'name="version" value="1"' in page and f'action="{path}/revision"' in page
    response = client.post(f"{path}/revision", data={"message": "Two lots, please."})
    assert response.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "You asked for a revised quote" in page and "Two lots, please." in page
    app = services.marketplace
    app.send_revised_quote(_bid(services), eur("430000"),
                           app.clock.now().date() + timedelta(days=20), 100)
    page = client.get(path).get_data(as_text=True)
    assert "version 2" in page and "Earlier versions" in page
    assert page.index("€430,000.00") < page.index("€440,000.00")
    assert 'name="version" value="2"' in page


def test_a_stale_page_cannot_accept_a_replaced_version(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    app = services.marketplace
    bid = _bid(services)
    app.request_revision(bid, "Cheaper.")
    app.send_revised_quote(bid, eur("430000"), app.clock.now().date() + timedelta(days=20), 100)
    before = log_position(services)
    stale = client.post(f"{path}/accept", data={"confirm": "yes", "version": "1"})
    assert stale.status_code == 409 and log_position(services) == before
    assert "A revised quote replaced the version you answered" in stale.get_data(as_text=True)
    fresh = client.post(f"{path}/accept", data={"confirm": "yes", "version": "2"})
    assert fresh.status_code == 303
    assert app.get_bid(bid).status == "accepted"
