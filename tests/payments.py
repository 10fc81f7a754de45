"""Card payments in tests: the fake Stripe on a free loopback port, and a world of fees due.

The official SDK talks to the fake over HTTP; nothing of the SDK is patched. Helpers here
are for every test of payments (webhooks, pages, browser, features).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from fakestripe import FakeStripe
from marketplace.bootstrap import Services
from marketplace.fees.stripe import StripeGateway
from tests.story import Formed, form_consortium

PERIOD, FEE = "2025", "annual-2025"


@contextmanager
def fake_stripe(webhook_url: str | None = None) -> Iterator[FakeStripe]:
    """A running fake; with `webhook_url`, it posts its webhooks there as they happen."""
    fake = FakeStripe(webhook_url).start()
    try:
        yield fake
    finally:
        fake.stop()


def gateway_for(fake: FakeStripe) -> StripeGateway:
    """The real Stripe adapter, pointed at the fake."""
    return StripeGateway(fake.secret_key, fake.webhook_secret, fake.url)


@dataclass
class FeesDue:
    """A consortium whose three members each owe the 2025 annual fee of EUR 2,400."""

    formed: Formed

    @property
    def membership(self) -> UUID:
        return self.formed.memberships[0]


def fees_due(services: Services, due_on: date | None = None, slug: str = "metal") -> FeesDue:
    formed = form_consortium(services.marketplace, slug=slug)
    services.marketplace.assess_fees(formed.consortium, PERIOD,
                                     due_on or services.marketplace.clock.now().date())
    return FeesDue(formed)


def checkout(services: Services, membership: UUID, fee_id: str = FEE) -> str:
    """Start a checkout as the Pay button does; the session id."""
    assert services.payments is not None
    started = services.payments.checkout(
        membership, fee_id, email="treasurer@metal-firm-1.example",
        success_url="http://127.0.0.1/return?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://127.0.0.1/space", language="en")
    return started.session_id


def deliver(client: FlaskClient, fake: FakeStripe, event: dict[str, Any], *,
            timestamp: int | None = None, secret: str | None = None) -> TestResponse:
    """POST an event to the webhook endpoint signed as Stripe signs it."""
    payload = fake.payload(event)
    return client.post("/webhooks/stripe", data=payload, headers={
        "Content-Type": "application/json",
        "Stripe-Signature": fake.signature(payload, timestamp, secret)})


def fee_events(services: Services, membership: UUID, kind: str) -> list[dict[str, Any]]:
    """The membership's events of one kind (FeePaid, FeeRefunded, ...), oldest first."""
    return [row["data"] for row in services.marketplace.history(membership)
            if row["type"] == f"Membership.{kind}"]
