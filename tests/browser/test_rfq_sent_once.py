"""Back then Send again in a real browser: the form's one-time key makes one RFQ, not two."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from marketplace.bidding import queries as bid_queries
from tests.browser import buyer
from tests.browser.conftest import LiveSite
from tests.story import form_consortium

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def test_back_then_send_again_shows_the_first_request(page: Page, live_site: LiveSite) -> None:
    form_consortium(live_site.services.marketplace, slug="metal")
    page.goto("/consortia/metal/rfq")
    buyer.describe_whole_job(page, live_site.clock.now().date())
    buyer.email_field(page).fill("lucia@agua-veracruz.example")
    token = buyer.send_request(page)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/consortia/metal/rfq$"))
    # What the browser kept of the form, sent again as it is.
    again = buyer.send_request(page)
    assert again == token
    expect(page.get_by_role("main")).to_contain_text("You had already sent this request")
    assert len(bid_queries.list_bids(live_site.services.engine)) == 1
