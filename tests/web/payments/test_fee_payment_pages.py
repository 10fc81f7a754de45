"""The member's Pay button, the return page that waits for the webhook, and the receipt."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from fakestripe import FakeStripe
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.payments import FEE, deliver, fee_events, fees_due
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app


def pay_url(world: object) -> str:
    return f"/workspace/payments/{world.membership}/fees/{FEE}/pay"  # type: ignore[attr-defined]


def test_pay_redirects_to_the_checkout_page_and_a_second_click_to_the_same_one(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    space = client.get(f"/workspace/member/{world.membership}/").get_data(as_text=True)
    assert pay_url(world) in space and "not configured" not in space

    first, second = client.post(pay_url(world)), client.post(pay_url(world))

    assert first.status_code == 303 and first.location.startswith(f"{fake.url}/pay/cs_test_")
    assert second.location == first.location
    [session] = fake.objects.sessions.values()
    assert (session["amount_total"], session["currency"]) == (240000, "eur")
    assert session["metadata"] == {"membership_id": str(world.membership), "fee_id": FEE,
                                   "consortium_id": str(world.formed.consortium)}
    assert session["customer_email"].endswith("@example.org")
    with urllib.request.urlopen(first.location) as page:
        html = page.read().decode()
    assert "Test double" in html and ">Pay</button>" in html and ">Decline</button>" in html


def test_the_return_page_waits_for_the_webhook_and_then_shows_the_receipt(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    session = client.post(pay_url(world)).location.rsplit("/", 1)[1]
    [completed] = fake.pay(session)
    back = f"/workspace/payments/{world.membership}/fees/{FEE}/?session_id={session}"

    waiting = client.get(back).get_data(as_text=True)
    assert "Payment processing" in waiting and 'hx-trigger="load delay:2s"' in waiting
    assert fee_events(services, world.membership, "FeePaid") == []  # the page paid nothing

    deliver(client, fake, completed)
    fragment = client.get(back, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Paid on" in fragment and "hx-get" not in fragment and "<html" not in fragment

    receipt = client.get(f"/workspace/payments/{world.membership}/fees/{FEE}/receipt")
    text = receipt.get_data(as_text=True)
    intent = fake.objects.sessions[session]["payment_intent"]
    for fact in ("Metal Export Consortium", "Metal Firm 1", "2025", "€2,400.00", intent):
        assert fact in text


def test_the_receipt_speaks_the_member_s_language(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    [completed] = fake.pay(client.post(pay_url(world)).location.rsplit("/", 1)[1])
    deliver(client, fake, completed)
    client.set_cookie("lang", "de")

    text = client.get(f"/workspace/payments/{world.membership}/fees/{FEE}/receipt"
                      ).get_data(as_text=True)

    assert "2.400,00\xa0€" in text and 'lang="de"' in text


def test_no_receipt_for_an_unpaid_fee(client: FlaskClient, services: Services) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    assert client.get(f"/workspace/payments/{world.membership}/fees/{FEE}/receipt"
                      ).status_code == 404


def test_a_paid_fee_is_not_paid_again(client: FlaskClient, services: Services,
                                      fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    [completed] = fake.pay(client.post(pay_url(world)).location.rsplit("/", 1)[1])
    deliver(client, fake, completed)

    again = client.post(pay_url(world))

    assert again.status_code == 422
    assert "already paid" in again.get_data(as_text=True)
    assert len(fake.objects.sessions) == 1


def test_a_member_cannot_pay_another_company_s_fee(client: FlaskClient,
                                                   services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.formed.memberships[1]))
    assert client.post(pay_url(world)).status_code == 403
    assert fake.objects.sessions == {}


def test_without_stripe_the_pay_button_says_card_payments_are_off(tmp_path: Path) -> None:
    plain = bootstrap(f"sqlite:///{tmp_path / 'plain.db'}", clock=SteppingClock(START))
    try:
        app: Flask = create_app(plain, config=TEST_CONFIG)
        client = app.test_client()
        world = fees_due(plain)
        sign_in(client, plain, "member", str(world.membership))
        space = client.get(f"/workspace/member/{world.membership}/").get_data(as_text=True)
        assert pay_url(world) not in space and ">Pay<" not in space
        assert space.count("Card payments are not configured; ask the consortium's manager") == 2
        response = client.post(pay_url(world))
        assert response.status_code == 409  # the member's request, not a server error
        assert "Card payments are not configured" in response.get_data(as_text=True)
        assert fee_events(plain, world.membership, "FeePaid") == []
        assert client.post("/webhooks/stripe", data=b"{}").status_code == 404
    finally:
        plain.close()


def test_after_a_declined_payment_the_member_tries_again_with_a_new_session(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    first = client.post(pay_url(world)).location.rsplit("/", 1)[1]
    for event in fake.decline(first):
        deliver(client, fake, event)

    page = client.get(f"/workspace/payments/{world.membership}/fees/{FEE}/?session_id={first}"
                      ).get_data(as_text=True)
    assert "The payment failed" in page and "Try again" in page and "hx-get" not in page

    second = client.post(pay_url(world)).location.rsplit("/", 1)[1]
    assert second != first  # a new attempt, so a new idempotency key
    [completed] = fake.pay(second)
    # Stripe has the money, the webhook is not in yet: processing, not "failed".
    waiting = client.get(f"/workspace/payments/{world.membership}/fees/{FEE}/"
                         f"?session_id={second}").get_data(as_text=True)
    assert "Payment processing" in waiting
    deliver(client, fake, completed)
    assert len(fee_events(services, world.membership, "FeePaid")) == 1
