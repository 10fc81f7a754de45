"""Against Stripe's test mode itself: a real Checkout Session, created and read back.

Skipped unless STRIPE_TEST_SECRET_KEY holds a test-mode key (sk_test_...); the README
says how to run it, and how to forward webhooks with the Stripe CLI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest

from marketplace.bootstrap import Services, bootstrap
from marketplace.fees.stripe import StripeGateway
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.payments import FEE, fees_due

KEY = os.environ.get("STRIPE_TEST_SECRET_KEY", "")

pytestmark = [
    pytest.mark.stripe_live,
    pytest.mark.skipif(not KEY.startswith("sk_test_"),
                       reason="set STRIPE_TEST_SECRET_KEY=sk_test_... to talk to Stripe"),
]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Services]:
    gateway = StripeGateway(KEY, os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_unused"))
    built = bootstrap(f"sqlite:///{tmp_path / 'live.db'}", clock=SteppingClock(START),
                      payment_gateway=gateway)
    yield built
    built.close()


def test_a_real_checkout_session_is_created_and_read_back(live: Services) -> None:
    # A consortium of its own per run: the idempotency key names the membership, and Stripe
    # keeps keys for a day.
    world = fees_due(live, slug=f"live-{uuid4().hex[:8]}")
    assert live.payments is not None
    where = {"email": f"treasurer+{uuid4().hex[:8]}@example.com", "language": "es",
             "success_url": "https://example.com/paid?session_id={CHECKOUT_SESSION_ID}",
             "cancel_url": "https://example.com/space"}

    started = live.payments.checkout(world.membership, FEE, **where)
    again = live.payments.checkout(world.membership, FEE, **where)
    session = live.payments.gateway.checkout_session(started.session_id)

    assert started.session_id.startswith("cs_test_")
    assert started.url.startswith("https://checkout.stripe.com/")
    assert again.session_id == started.session_id  # the idempotency key replays it
    assert (session["amount_total"], session["currency"]) == (240000, "eur")
    assert session["metadata"]["membership_id"] == str(world.membership)
    assert session["metadata"]["fee_id"] == FEE
    assert (session["status"], session["payment_status"]) == ("open", "unpaid")
    assert session["customer_email"] == where["email"]
