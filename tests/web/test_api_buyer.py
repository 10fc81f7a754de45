"""The buyer's actions through the API, with the tracking token as a bearer token."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from flask.testing import FlaskClient

from domain.money import Money
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services
from tests.story import Formed, form_consortium, submit_full_quote
from tests.web.rfq_helpers import log_position, typed_form

ALL_STAGES = ["design", "engineering", "manufacturing", "logistics", "installation"]


@pytest.fixture
def metal(services: Services) -> Formed:
    return form_consortium(services.marketplace, slug="metal")


def _sent(client: FlaskClient, services: Services) -> str:
    body: dict[str, Any] = {**typed_form(services, stages=ALL_STAGES), "consortium": "metal"}
    body.pop("website")
    created = client.post("/api/v1/rfqs", json=body)
    assert created.status_code == 201
    return str(created.get_json()["token"])


def _quoted(client: FlaskClient, services: Services, formed: Formed) -> str:
    token = _sent(client, services)
    [bid] = bid_queries.list_bids(services.engine)
    submit_full_quote(services.marketplace, formed, bid["bid_id"])
    return token


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_bearer_token_reads_its_own_request(client: FlaskClient, services: Services,
                                                metal: Formed) -> None:
    token = _sent(client, services)
    mine = client.get("/api/v1/rfq", headers=_bearer(token))
    assert mine.status_code == 200
    assert mine.get_json() == client.get(f"/api/v1/rfqs/{token}").get_json()
    assert mine.get_json()["status"] == "received"
    [bid] = bid_queries.list_bids(services.engine)
    assert mine.get_json()["reference"] == bid["reference"]
    assert re.fullmatch(r"MEC-\d{4}-0001", mine.get_json()["reference"])


@pytest.mark.parametrize("authorization", [None, "Bearer", "Basic abc", "Bearer " + "A" * 43,
                                           "Bearer ../../etc"])
def test_no_token_or_an_unknown_one_is_a_401(client: FlaskClient, services: Services,
                                             metal: Formed, authorization: str | None) -> None:
    _sent(client, services)
    headers = {"Authorization": authorization} if authorization else {}
    for answer in (client.get("/api/v1/rfq", headers=headers),
                   client.post("/api/v1/rfq/accept", headers=headers),
                   client.post("/api/v1/rfq/decline", json={"reason": "x"}, headers=headers)):
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.get_json()["code"] == "tracking_token_required"
        assert "Astillero" not in answer.get_data(as_text=True)


def test_the_buyer_accepts_the_quote(client: FlaskClient, services: Services,
                                     metal: Formed) -> None:
    token = _quoted(client, services, metal)
    accepted = client.post("/api/v1/rfq/accept", headers=_bearer(token))
    assert accepted.status_code == 200
    body = accepted.get_json()
    assert (body["status"], body["timeline"][-1]["event"]) == ("accepted", "accepted")
    again = client.post("/api/v1/rfq/accept", headers=_bearer(token))
    assert again.status_code == 409 and again.get_json()["code"] == "quote_not_open"


def test_the_buyer_declines_with_a_reason_in_the_uis_words(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    token = _quoted(client, services, metal)
    declined = client.post("/api/v1/rfq/decline", json={"reason": "Too late for us."},
                           headers={**_bearer(token), "Accept-Language": "es"})
    assert declined.status_code == 200
    body = declined.get_json()
    # The page and the API say "declined" for the buyer's answer; the store says rejected.
    assert body["status"] == "declined" and body["status_label"] == "Ha rechazado la cotización"
    [bid] = bid_queries.list_bids(services.engine)
    assert bid["status"] == "rejected"


def test_a_quote_not_yet_given_cannot_be_answered(client: FlaskClient, services: Services,
                                                  metal: Formed) -> None:
    token = _sent(client, services)
    before = log_position(services)
    refused = client.post("/api/v1/rfq/accept", json={}, headers=_bearer(token))
    assert refused.status_code == 409 and refused.get_json()["params"] == {"status": "received"}
    assert log_position(services) == before


@pytest.mark.parametrize(("body", "field"), [({"reason": 42}, "reason"),
                                             ({"reason": "ok", "why": "x"}, "why"),
                                             ({"reason": "x" * 1001}, "reason")])
def test_a_decline_body_is_checked(client: FlaskClient, services: Services, metal: Formed,
                                   body: dict[str, Any], field: str) -> None:
    token = _quoted(client, services, metal)
    before = log_position(services)
    refused = client.post("/api/v1/rfq/decline", json=body, headers=_bearer(token))
    assert refused.status_code == 422 and field in refused.get_json()["errors"]
    assert log_position(services) == before


def test_an_accept_sent_twice_with_its_key_is_answered_twice_the_same(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    token = _quoted(client, services, metal)
    headers = {**_bearer(token), "Idempotency-Key": "accept-1"}
    first = client.post("/api/v1/rfq/accept", headers=headers)
    again = client.post("/api/v1/rfq/accept", headers=headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"


def test_an_answer_naming_another_reference_is_refused(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    token = _quoted(client, services, metal)
    [bid] = bid_queries.list_bids(services.engine)
    before = log_position(services)
    refused = client.post("/api/v1/rfq/accept", json={"reference": "XYZ-2025-0001"},
                          headers=_bearer(token))
    assert refused.status_code == 422 and refused.get_json()["code"] == "reference_mismatch"
    assert log_position(services) == before
    accepted = client.post("/api/v1/rfq/accept", json={"reference": bid["reference"].lower()},
                           headers=_bearer(token))
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"


def test_the_buyer_asks_a_question_before_any_quote(client: FlaskClient, services: Services,
                                                    metal: Formed) -> None:
    token = _sent(client, services)
    asked = client.post("/api/v1/rfq/questions", json={"question": "Two shipments?"},
                        headers=_bearer(token))
    assert asked.status_code == 201
    assert asked.get_json()["question"] == "Two shipments?"
    [bid] = bid_queries.list_bids(services.engine)
    questions = services.marketplace.get_bid(bid["bid_id"]).questions
    assert [q["text"] for q in questions.values()] == ["Two shipments?"]
    assert asked.get_json()["id"] in questions


@pytest.mark.parametrize(("body", "status"), [({}, 422), ({"question": ""}, 422),
                                              ({"question": "x" * 2001}, 422),
                                              ({"question": ["x"]}, 422),
                                              ({"text": "x"}, 422)])
def test_a_question_must_be_text_within_its_limit(client: FlaskClient, services: Services,
                                                  metal: Formed, body: dict[str, Any],
                                                  status: int) -> None:
    token = _sent(client, services)
    before = log_position(services)
    refused = client.post("/api/v1/rfq/questions", json=body, headers=_bearer(token))
    assert refused.status_code == status, refused.get_json()
    assert log_position(services) == before


def test_the_buyer_asks_for_a_revision_then_answers_only_the_latest_version(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    token = _quoted(client, services, metal)
    asked = client.post("/api/v1/rfq/revisions", json={"message": "Without installation."},
                        headers=_bearer(token))
    assert asked.status_code == 200 and asked.get_json()["status"] == "revision_requested"
    assert client.post("/api/v1/rfq/revisions", json={"message": "Again?"},
                       headers=_bearer(token)).status_code == 409
    [bid] = bid_queries.list_bids(services.engine)
    services.marketplace.send_revised_quote(
        bid["bid_id"], Money(Decimal("400000"), "EUR"),
        services.marketplace.clock.now().date() + timedelta(days=40), 100)
    stale = client.post("/api/v1/rfq/accept", json={"version": 1}, headers=_bearer(token))
    assert stale.status_code == 409 and stale.get_json()["code"] == "quote_superseded"
    accepted = client.post("/api/v1/rfq/accept", json={"version": 2}, headers=_bearer(token))
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    assert accepted.get_json()["quote"]["price"]["amount"] == "400000.00"
