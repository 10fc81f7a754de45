"""The quote page in real Chromium, CSRF on: the manager sets the validity, the lead time
and the margin, recalculates, submits; the quote recorded carries exactly those terms.
Then she revises it before the buyer answers, and the desk shows both quotes."""

from __future__ import annotations

import re
from datetime import timedelta
from uuid import UUID

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite
from tests.story import eur, form_consortium, request_quote
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def _priced_bid(live_site: LiveSite) -> tuple[str, UUID]:
    """Manufacturing at EUR 100,000 and logistics at EUR 20,000.50, both committed."""
    app = live_site.services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    due = app.clock.now().date() + timedelta(days=3)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], due)
    app.request_contribution(bid, "logistics", formed.memberships[2], due)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("100000"), 90)
    app.commit_contribution(bid, "logistics", formed.memberships[2], eur("20000.50"), 30)
    return str(formed.consortium), bid


def _sign_in(page: Page, live_site: LiveSite, consortium: str) -> None:
    _account, email = open_account(live_site.services, "manager", consortium)
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/"))


def test_recalculating_keeps_the_terms_and_the_quote_carries_them(
    page: Page, live_site: LiveSite, screenshot: object,
) -> None:
    consortium, bid = _priced_bid(live_site)
    _sign_in(page, live_site, consortium)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(f"/workspace/desk/rfq/{bid}/quote")
    page.wait_for_load_state("load")  # htmx wired before typing
    valid = (live_site.clock.now().date() + timedelta(days=52)).isoformat()
    page.get_by_label("Valid until").fill(valid)
    page.get_by_label("Lead time (days)").fill("97")
    page.get_by_label("Management margin").fill("10")
    page.get_by_role("button", name="Recalculate").click()
    computation = page.locator("#computation")
    expect(computation.locator(".quote-total")).to_have_text("€132,000.55")
    # Only the figures changed: every term is as she typed it.
    expect(page.get_by_label("Valid until")).to_have_value(valid)
    expect(page.get_by_label("Lead time (days)")).to_have_value("97")
    expect(page.get_by_label("Management margin")).to_have_value("10")
    page.get_by_role("button", name="Submit the quote").click()
    expect(page.get_by_role("main")).to_contain_text("Quote sent; awaiting the buyer")
    quote = live_site.services.marketplace.get_bid(bid).quote
    assert quote is not None
    assert quote["price"] == eur("132000.55")
    assert quote["valid_until"].isoformat() == valid
    assert quote["lead_time_days"] == 97
    assert not [url for url in urls if "csrf" in url.lower()], urls

    # Revised before the buyer answers: the desk shows both quotes.
    page.goto(f"/workspace/desk/rfq/{bid}/quote")
    page.wait_for_load_state("load")
    expect(page.get_by_label("Valid until")).to_have_value(valid)
    page.get_by_label("Management margin").fill("5")
    expect(computation.locator(".quote-total")).to_have_text("€126,000.52")
    page.get_by_label("Why you revise the quote").fill("Steel prices fell")
    page.get_by_role("button", name="Send the revised quote").click()
    expect(page.get_by_role("main")).to_contain_text("€126,000.52")
    page.goto(f"/workspace/desk/rfq/{bid}/quote")
    history = page.locator("table.quote-history")
    expect(history).to_contain_text("€132,000.55")
    expect(history).to_contain_text("Steel prices fell")
    screenshot("bid-desk-quote-revised")  # type: ignore[operator]
    revised = live_site.services.marketplace.get_bid(bid).quote
    assert revised is not None
    assert revised["price"] == eur("126000.52") and revised["lead_time_days"] == 97
