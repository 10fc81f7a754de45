"""POST /webhooks/stripe: signed, recorded once, checked against the assessment, any order.

The events come from the fake Stripe (tests/payments.py), which the real SDK reached over
HTTP to create the sessions; each is delivered here signed exactly as Stripe signs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient

from fakestripe import FakeStripe
from marketplace.bootstrap import Services
from marketplace.fees.gateway import CheckoutRequest
from marketplace.membership import queries as member_queries
from tests.conftest import START
from tests.integration.fees_from_events import ledger_differences
from tests.payments import FEE, checkout, deliver, fee_events, fees_due, gateway_for
from tests.story import METAL, eur
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from tests.web.test_actor_recorded import _actors
from web import create_app


@pytest.fixture(autouse=True)
def ledger_agrees_with_the_events(services: Services) -> Iterator[None]:
    """Acceptance 5: after each test, the fee ledger is what the Membership events say."""
    yield
    assert ledger_differences(services) == []


def fee_row(services: Services, membership: object) -> dict:
    ledger = member_queries.fee_status(services.engine, str(membership), START.date())
    return next(row for row in ledger["fees"] if row["fee_id"] == FEE)


def test_a_valid_completed_checkout_records_the_payment_once(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))

    response = deliver(client, fake, completed)

    assert response.status_code == 200
    assert response.get_json()["outcome"] == "paid"
    intent = fake.objects.sessions[completed["data"]["object"]["id"]]["payment_intent"]
    [paid] = fee_events(services, world.membership, "FeePaid")
    assert (paid["fee_id"], paid["amount"], paid["reference"]) == (FEE, eur("2400"), intent)
    row = fee_row(services, world.membership)
    assert (row["status"], row["paid_reference"]) == ("paid", intent)
    assert services.payments is not None and services.payments.records.seen(completed["id"])


def test_the_payment_is_recorded_as_caused_by_the_stripe_webhook(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))
    deliver(client, fake, completed)

    assert _actors(services)[-1] == "stripe webhook"


@pytest.mark.parametrize("forgery", ["wrong secret", "no header", "other body"])
def test_a_bad_signature_gets_400_and_records_nothing(
        client: FlaskClient, services: Services, fake: FakeStripe, forgery: str) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))
    payload = fake.payload(completed)
    header = {"wrong secret": fake.signature(payload, secret="whsec_not_ours"),
              "no header": None,
              "other body": fake.signature(payload + b" ")}[forgery]
    headers = {"Content-Type": "application/json"}
    if header:
        headers["Stripe-Signature"] = header

    response = client.post("/webhooks/stripe", data=payload, headers=headers)

    assert response.status_code == 400
    assert "signature" in response.get_json()["error"]
    assert response.get_json()["code"] == "payment_signature"
    assert fee_events(services, world.membership, "FeePaid") == []
    assert services.payments is not None and not services.payments.records.seen(completed["id"])


def test_a_signature_older_than_the_tolerance_gets_400(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))

    stale = deliver(client, fake, completed, timestamp=int(time.time()) - 301)
    assert stale.status_code == 400
    assert fee_events(services, world.membership, "FeePaid") == []
    # The same event, signed just now, is still taken: the stale one was not recorded.
    assert deliver(client, fake, completed).get_json()["outcome"] == "paid"


def test_the_same_event_delivered_five_times_pays_the_fee_once(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))

    outcomes = [deliver(client, fake, completed).get_json()["outcome"] for _ in range(5)]

    assert outcomes == ["paid"] + ["duplicate"] * 4
    assert len(fee_events(services, world.membership, "FeePaid")) == 1


def test_a_refund_arriving_before_the_completion_ends_consistent(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    session = checkout(services, world.membership)
    [completed] = fake.pay(session)
    refunded = fake.refund(fake.objects.sessions[session]["payment_intent"])

    assert deliver(client, fake, refunded).get_json()["outcome"] == "refunded"
    assert deliver(client, fake, completed).get_json()["outcome"] == "already paid"

    assert len(fee_events(services, world.membership, "FeePaid")) == 1
    [refund] = fee_events(services, world.membership, "FeeRefunded")
    assert refund["amount"] == eur("2400")
    row = fee_row(services, world.membership)
    assert (row["status"], row["refunded"]) == ("refunded", Decimal("2400.00"))


def test_a_partial_refund_after_the_payment_refunds_that_much_once(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    session = checkout(services, world.membership)
    [completed] = fake.pay(session)
    deliver(client, fake, completed)
    refunded = fake.refund(fake.objects.sessions[session]["payment_intent"], amount=40000)

    assert [deliver(client, fake, refunded).get_json()["outcome"] for _ in range(2)] == [
        "refunded", "duplicate"]
    assert fee_row(services, world.membership)["refunded"] == Decimal("400.00")


@pytest.mark.parametrize(("amount", "currency", "problem"), [
    (100, "eur", "the payment is 1.00 EUR, but the fee assessed is 2400.00 EUR"),
    (240000, "usd", "the payment is in USD, but the fee was assessed in EUR"),
])
def test_an_amount_or_currency_mismatch_is_an_anomaly_and_the_fee_stays_unpaid(
        web_app: Flask, client: FlaskClient, services: Services, fake: FakeStripe, amount: int,
        currency: str, problem: str) -> None:
    world = fees_due(services)
    # A session naming our fee but charging something else (a bug, or someone's trick).
    session = gateway_for(fake).start_checkout(CheckoutRequest(
        idempotency_key="tampered", description="fee", amount_minor=amount, currency=currency,
        metadata={"membership_id": str(world.membership), "fee_id": FEE},
        customer_email=None, success_url="http://127.0.0.1/ok", cancel_url="http://127.0.0.1/",
        language="en")).session_id
    [completed] = fake.pay(session)

    response = deliver(client, fake, completed)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "anomaly")
    assert fee_events(services, world.membership, "FeePaid") == []
    assert fee_row(services, world.membership)["status"] == "assessed"
    assert services.payments is not None
    [anomaly] = services.payments.anomalies({str(world.formed.consortium)})
    assert (anomaly["problem"], anomaly["session_id"]) == (problem, session)
    sign_in(client, services, "manager", str(world.formed.consortium))
    page = client.get("/workspace/payments/anomalies")
    assert page.status_code == 200 and problem in page.get_data(as_text=True)
    assert "Metal Firm 1" in page.get_data(as_text=True)
    other = services.marketplace.propose_consortium(
        slug="marine", name="Marine", agency="SODERCAN", region="ES-CB", sector=METAL)
    stranger = web_app.test_client()
    sign_in(stranger, services, "manager", str(other))
    assert problem not in stranger.get("/workspace/payments/anomalies").get_data(as_text=True)


def test_the_session_is_fetched_again_so_a_doctored_payload_changes_nothing(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    session = checkout(services, world.membership)
    # Signed with our secret, but Stripe never saw this session paid.
    doctored = fake.event_with("checkout.session.completed",
                               {**fake.objects.sessions[session], "payment_status": "paid"})

    assert deliver(client, fake, doctored).get_json()["outcome"] == "awaiting payment"
    assert fee_events(services, world.membership, "FeePaid") == []


def test_a_declined_payment_records_one_failure(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    events = fake.decline(checkout(services, world.membership))

    outcomes = [deliver(client, fake, event).get_json()["outcome"] for event in events]

    assert outcomes == ["awaiting payment", "payment failed"]
    assert len(fee_events(services, world.membership, "FeePaymentFailed")) == 1
    assert fee_row(services, world.membership)["status"] == "failed"


def test_an_event_type_we_do_not_use_gets_200_and_is_ignored(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    event = fake.event_with("customer.created", {"id": "cus_test_1", "object": "customer"})
    before = services.marketplace.history(world.membership)

    response = deliver(client, fake, event)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "ignored")
    assert services.marketplace.history(world.membership) == before
    assert services.payments is not None and not services.payments.records.seen(event["id"])


def test_the_webhook_needs_no_csrf_token(services: Services, fake: FakeStripe) -> None:
    app = create_app(services, config={**TEST_CONFIG, "WTF_CSRF_ENABLED": True})
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))

    response = deliver(app.test_client(), fake, completed)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "paid")


@pytest.mark.parametrize("body", [b"not json", b'{"object": "event"}',
                                  b'{"id": "evt_1", "type": "charge.refunded", "data": {}}'])
def test_a_signed_body_that_is_not_a_stripe_event_gets_400(
        client: FlaskClient, services: Services, fake: FakeStripe, body: bytes) -> None:
    response = client.post("/webhooks/stripe", data=body, headers={
        "Content-Type": "application/json", "Stripe-Signature": fake.signature(body)})
    assert response.status_code == 400
    assert services.payments is not None and not services.payments.records.seen("evt_1")
