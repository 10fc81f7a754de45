"""The auditor's journey in real Chromium: find a bid in the log, load more with htmx, see
its history and the bid before the quote, verify the history. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite
from tests.web.audit_world import build
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def test_an_auditor_finds_a_bid_sees_it_before_the_quote_and_verifies_the_history(
        page: Page, live_site: LiveSite, screenshot: Any) -> None:
    world = build(live_site.services)
    _account, email = open_account(live_site.services, "auditor")
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=re.compile("^Audit")).click()

    # The log, fifty at a time; "Load more" appends the next rows in place.
    rows = page.locator("#log-rows tr:not(#log-more)")
    expect(rows).to_have_count(50)
    page.get_by_role("link", name="Load more").click()
    expect(rows).to_have_count(len(live_site.services.marketplace.recorder.select_chain(
        1, 10_000, 10_000)))
    expect(page).to_have_url(re.compile(r"/workspace/audit/$"))  # the page stayed put

    page.get_by_label("Event type").select_option("Bid.QuoteRequested")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1)
    screenshot("audit-log")
    rows.first.get_by_role("link", name=re.compile("^Bid ")).click()

    # The RFQ by its reference; its id one click away.
    reference = live_site.services.marketplace.get_bid(world.bid).reference
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"History of Bid {reference}")
    page.get_by_text("Its id").click()
    expect(page.locator("details.audit-id code").first).to_have_text(str(world.bid))
    quoted = page.locator("li", has=page.get_by_role("heading", name=re.compile(
        "Bid.QuoteSubmitted")))
    expect(quoted.locator("tr", has_text="status")).to_contain_text("qualified")
    screenshot("audit-history")
    page.locator("li", has=page.get_by_role("heading", name=re.compile("Bid.Qualified"))
                 ).get_by_role("link", name="as of this version").click()
    expect(page.locator(".audit-state")).to_contain_text("qualified")

    page.get_by_role("link", name="Verify the history").first.click()
    page.get_by_role("button", name="Verify the history").click()
    # Two verdicts: the chain's, then the recorded files'.
    expect(page.get_by_role("status").first).to_contain_text("The history is intact.")
    expect(page.locator("#files-verdict")).to_contain_text("The recorded files are intact.")
    expect(page.locator("#head")).to_have_text(re.compile(r"^[0-9a-f]{64}@\d+$"))
    screenshot("audit-verify")
