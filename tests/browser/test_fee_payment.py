"""A member pays a fee by card: Pay in the member's space, the fake Stripe's page, paid.

The app and the fake Stripe each run on a free loopback port; the real SDK creates the
Checkout Session over HTTP, and the fake posts the signed webhook back to the app.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from fakestripe import FakeStripe
from marketplace.bootstrap import bootstrap
from marketplace.ports import SteppingClock
from tests.browser.conftest import LiveSite
from tests.payments import fake_stripe, fee_events, fees_due, gateway_for
from tests.servers import POLL
from tests.web.signin import PASSWORD, open_account
from web import create_app


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with fake_stripe() as running:
        yield running


@pytest.fixture
def live_site(tmp_path: Path, fake: FakeStripe) -> Iterator[LiveSite]:
    """The app with card payments through the fake Stripe, which posts webhooks back."""
    clock = SteppingClock(datetime.combine(datetime.now(UTC).date(), time(9), tzinfo=UTC))
    services = bootstrap(f"sqlite:///{tmp_path / 'c.db'}", clock=clock,
                         payment_gateway=gateway_for(fake))
    app = create_app(services, config={"SECRET_KEY": "browser-tests",
                                       "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs=POLL, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    fake.send_webhooks_to(f"{url}/webhooks/stripe")
    try:
        yield LiveSite(url, services, clock)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        services.close()


def test_a_member_pays_a_fee_and_gets_the_receipt(
        page: Page, live_site: LiveSite, fake: FakeStripe, screenshot: Any) -> None:
    world = fees_due(live_site.services)
    _account, email = open_account(live_site.services, "member", str(world.membership))
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"/workspace/member/{world.membership}/")
    fees = page.locator("section", has=page.get_by_role("heading", name="Fees"))
    expect(fees).to_contain_text("€2,400.00")
    screenshot("fee-payment-1-member-space")
    fees.get_by_role("button", name="Pay the fee 2025").click()

    expect(page).to_have_url(re.compile(re.escape(fake.url) + r"/pay/cs_test_\w+"))
    expect(page.get_by_role("note")).to_contain_text("Test double")
    expect(page.locator("body")).to_contain_text("2400.00 EUR")
    screenshot("fee-payment-2-fake-stripe-page")
    page.get_by_role("button", name="Pay", exact=True).click()

    expect(page).to_have_url(re.compile(r"/workspace/payments/.+/fees/annual-2025/\?session_id="))
    # The return page polls (htmx) until the webhook has recorded the payment.
    expect(page.locator("#payment-status")).to_contain_text("Paid on", timeout=15_000)
    screenshot("fee-payment-3-paid")
    assert len(fee_events(live_site.services, world.membership, "FeePaid")) == 1

    page.get_by_role("link", name="The receipt").click()
    receipt = page.locator("article.receipt")
    for fact in ("Metal Export Consortium", "Metal Firm 1", "2025", "€2,400.00", "pi_test_"):
        expect(receipt).to_contain_text(fact)
    screenshot("fee-payment-4-receipt")

    page.goto(f"/workspace/member/{world.membership}/")
    expect(page.locator("main")).to_contain_text("All fees are paid.")
    expect(fees.get_by_role("link", name="Receipt")).to_be_visible()
