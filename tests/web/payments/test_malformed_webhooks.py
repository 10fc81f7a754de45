"""Signed webhooks that cannot be used: a 4xx, or a 2xx saying why, never a 5xx; both stores.

Stripe delivers again whatever does not get a 2xx, for days. So (marketplace/fees/webhooks.py):
a signed body that is not an event is a 400 (not Stripe's doing; the sender is told); an
event we do not use, or about an object Stripe does not have, is "ignored"; an object Stripe
gives back that cannot be read is an "anomaly" kept for the agency; only Stripe being
unreachable is a 503, which a retry cures. Timestamps more than five minutes ahead are
refused like stale ones.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from fakestripe import FakeStripe
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.payments import checkout, deliver, fee_events, fees_due, gateway_for


@pytest.fixture
def services(store_url: str, fake: FakeStripe) -> Iterator[Services]:
    built = bootstrap(store_url, clock=SteppingClock(START), payment_gateway=gateway_for(fake))
    yield built
    built.close()


def signed(client: FlaskClient, fake: FakeStripe, body: bytes, **headers: str) -> Any:
    return client.post("/webhooks/stripe", data=body, headers={
        "Content-Type": "application/json", "Stripe-Signature": fake.signature(body),
        **headers})


def event(kind: str, obj: Any, **fields: Any) -> bytes:
    return json.dumps({"id": "evt_test_malformed", "object": "event", "type": kind,
                       "data": {"object": obj}, **fields}).encode()


DEEP = b"[" * 100_000 + b"]" * 100_000
# Signed bodies that are no Stripe event: 400, nothing claimed, nothing recorded.
NOT_AN_EVENT: dict[str, bytes] = {
    "not JSON": b"{not json",
    "not UTF-8": b'{"id": "evt_\xff\xfe"}',
    "nested 100,000 deep": DEEP,
    "nested past the limit inside an event": event("charge.refunded", {"id": "ch_1"},
                                                   extra=json.loads("[" * 40 + "]" * 40)),
    "an array": b"[1, 2]",
    "null": b"null",
    "a string": b'"evt_1"',
    "a number of 5,000 digits": b'{"id": ' + b"9" * 5000 + b"}",
    "an id that is a number": b'{"id": 5, "type": "charge.refunded"}',
    "no type": b'{"id": "evt_1"}',
    "an id longer than any of Stripe's": event("charge.refunded", {"id": "ch_1"},
                                               id="evt_" + "x" * 300),
    "no data": b'{"id": "evt_1", "type": "checkout.session.completed"}',
    "data not an object": event("checkout.session.completed", None).replace(
        b'"data": {"object": null}', b'"data": [1]'),
    "no object": event("checkout.session.completed", None),
    "an object id that is a number": event("checkout.session.completed", {"id": 42}),
    "an object id of 3,000 characters": event("charge.refunded", {"id": "ch_" + "x" * 3000}),
}


@pytest.mark.parametrize("name", NOT_AN_EVENT)
def test_a_signed_body_that_is_no_event_of_ours_gets_400(
        client: FlaskClient, services: Services, fake: FakeStripe, name: str) -> None:
    response = signed(client, fake, NOT_AN_EVENT[name])
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.get_json()["code"] == "payment_signature"
    assert services.payments is not None
    assert not services.payments.records.seen("evt_test_malformed")
    assert services.payments.anomalies() == []


# Events of ours, well formed, that name nothing Stripe has: 200 "ignored", no retry.
IGNORED: dict[str, bytes] = {
    "a type we do not use": event("invoice.created", {"id": "in_1", "object": "invoice"}),
    "an unknown Checkout Session": event("checkout.session.completed", {"id": "cs_test_nope"}),
    "an unknown charge": event("charge.refunded", {"id": "ch_test_nope"}),
    "a session id Stripe would call malformed": event("checkout.session.completed",
                                                      {"id": "../../v1/charges"}),
}


@pytest.mark.parametrize("name", IGNORED)
def test_an_event_about_nothing_stripe_has_gets_200_ignored(
        client: FlaskClient, services: Services, fake: FakeStripe, name: str) -> None:
    response = signed(client, fake, IGNORED[name])
    assert (response.status_code, response.get_json()["outcome"]) == (200, "ignored")
    assert services.payments is not None and services.payments.anomalies() == []


# What Stripe's object holds, doctored: each is an anomaly, and the fee stays unpaid.
Doctor = Callable[[dict[str, Any]], None]
DOCTORED_SESSIONS: dict[str, Doctor] = {
    "amount as text": lambda s: s.update(amount_total="240000"),
    "amount past any fee": lambda s: s.update(amount_total=10**20),
    "negative amount": lambda s: s.update(amount_total=-240000),
    "amount a boolean": lambda s: s.update(amount_total=True),
    "currency a number": lambda s: s.update(currency=978),
    "currency that does not exist": lambda s: s.update(currency="zzz"),
    "metadata a list": lambda s: s.update(metadata=["membership_id"]),
    "metadata ids as numbers": lambda s: s["metadata"].update(membership_id=7, fee_id=8),
    "metadata naming no fee of ours": lambda s: s["metadata"].update(fee_id="annual-1999"),
    "metadata naming no membership": lambda s: s["metadata"].update(
        membership_id="00000000-0000-0000-0000-000000000000"),
    "metadata id not a uuid": lambda s: s["metadata"].update(membership_id="x" * 500),
    "no payment intent": lambda s: s.update(payment_intent=None),
}


@pytest.mark.parametrize("name", DOCTORED_SESSIONS)
def test_a_checkout_session_we_cannot_use_is_an_anomaly_and_the_fee_stays_unpaid(
        client: FlaskClient, services: Services, fake: FakeStripe, name: str) -> None:
    world = fees_due(services)
    session = checkout(services, world.membership)
    [completed] = fake.pay(session)
    DOCTORED_SESSIONS[name](fake.objects.sessions[session])

    response = deliver(client, fake, completed)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "anomaly")
    assert fee_events(services, world.membership, "FeePaid") == []
    assert services.payments is not None and len(services.payments.anomalies()) == 1
    # Delivered again, it is a copy: the anomaly is not recorded twice.
    assert deliver(client, fake, completed).get_json()["outcome"] == "duplicate"


DOCTORED_CHARGES: dict[str, Doctor] = {
    "refunded amount past any fee": lambda c: c.update(amount_refunded=10**20),
    "refunded amount as text": lambda c: c.update(amount_refunded="240000"),
    "a refund whose id is a number": lambda c: c.update(refunds={"data": [{"id": 5}]}),
    "currency missing": lambda c: c.pop("currency"),
}


@pytest.mark.parametrize("name", DOCTORED_CHARGES)
def test_a_refunded_charge_we_cannot_use_is_an_anomaly_and_refunds_nothing(
        client: FlaskClient, services: Services, fake: FakeStripe, name: str) -> None:
    world = fees_due(services)
    session = checkout(services, world.membership)
    [completed] = fake.pay(session)
    assert deliver(client, fake, completed).get_json()["outcome"] == "paid"
    refunded = fake.refund(fake.objects.sessions[session]["payment_intent"])
    charge = refunded["data"]["object"]["id"]
    DOCTORED_CHARGES[name](fake.objects.charges[charge])

    response = deliver(client, fake, refunded)

    assert (response.status_code, response.get_json()["outcome"]) == (200, "anomaly")
    assert fee_events(services, world.membership, "FeeRefunded") == []


def test_stripe_unreachable_is_a_503_and_the_retry_is_handled_afresh(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))
    objects = fake.objects.sessions
    fake.objects.sessions = _Unreachable()  # type: ignore[assignment]

    response = deliver(client, fake, completed)

    assert response.status_code == 503 and response.headers["Retry-After"]
    assert services.payments is not None and not services.payments.records.seen(completed["id"])
    fake.objects.sessions = objects
    assert deliver(client, fake, completed).get_json()["outcome"] == "paid"
    assert len(fee_events(services, world.membership, "FeePaid")) == 1


class _Unreachable(dict):  # type: ignore[type-arg]
    """The fake's sessions, failing as Stripe does when it has an outage (a 500)."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("Stripe is down")

    def __contains__(self, key: object) -> bool:
        raise RuntimeError("Stripe is down")


@pytest.mark.parametrize(("ahead", "status"), [(301, 400), (3600, 400), (10**9, 400),
                                               (60, 200)])
def test_a_signature_dated_more_than_five_minutes_ahead_is_refused(
        client: FlaskClient, services: Services, fake: FakeStripe, ahead: int,
        status: int) -> None:
    world = fees_due(services)
    [completed] = fake.pay(checkout(services, world.membership))

    response = deliver(client, fake, completed, timestamp=int(time.time()) + ahead)

    assert response.status_code == status, response.get_data(as_text=True)[:300]
    paid = fee_events(services, world.membership, "FeePaid")
    if status == 400:
        assert "ahead" in response.get_json()["error"]
        assert paid == []
        # Signed now instead, the same event is taken: the refused one was not claimed.
        assert deliver(client, fake, completed).get_json()["outcome"] == "paid"
    else:  # a clock a minute fast is within the tolerance, as one a minute slow is
        assert response.get_json()["outcome"] == "paid" and len(paid) == 1


def test_a_webhook_body_past_the_size_limit_is_a_413(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    body = event("charge.refunded", {"id": "ch_1"}, padding="x" * 300_000)
    response = signed(client, fake, body)
    assert response.status_code == 413
    assert services.payments is not None
    assert not services.payments.records.seen("evt_test_malformed")



HANDLED = ["checkout.session.completed", "checkout.session.async_payment_succeeded",
           "checkout.session.async_payment_failed", "charge.refunded", "customer.created"]
LEAF = (st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.text(max_size=40)
        | st.sampled_from(["", "cs_test_nope", "ch_test_nope", "x" * 400]))
ANY_JSON = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=10), inner, max_size=3),
                        max_leaves=12)
EVENTS = st.fixed_dictionaries(
    {"id": st.one_of(st.text(min_size=1, max_size=30), ANY_JSON),
     "type": st.one_of(st.sampled_from(HANDLED), ANY_JSON)},
    optional={"data": st.one_of(ANY_JSON, st.fixed_dictionaries({"object": st.one_of(
        ANY_JSON, st.fixed_dictionaries({"id": ANY_JSON}))}))})


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)  # on both: the tables above
def test_any_signed_json_gets_200_or_400_never_a_server_error(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    @settings(max_examples=max(20, settings.default.max_examples))
    @given(body=st.one_of(EVENTS, ANY_JSON))
    def deliver_signed(body: Any) -> None:
        response = signed(client, fake, json.dumps(body).encode())
        assert response.status_code in (200, 400), (body, response.status)

    deliver_signed()
