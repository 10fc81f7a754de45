"""An officer saves a form far down the formation page, in real Chromium, with and without
JavaScript: the page comes back scrolled to the form's section, "Saved." in view there."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveSite
from tests.story import METAL
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def _grant(page: Page, site: LiveSite, amount: str) -> None:
    _account, email = open_account(site.services, "officer")
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))
    page.goto("/workspace/agency/metal")
    page.locator("#fg-amount").fill(amount)
    page.locator("#grant button[type=submit]").click()


@pytest.fixture
def proposed(live_site: LiveSite) -> LiveSite:
    live_site.services.marketplace.propose_consortium(
        slug="metal", name="Santander Global Metal", agency="SODERCAN", region="ES-CB",
        sector=METAL)
    return live_site


def test_with_htmx_the_saved_notice_is_in_view_in_its_section(
        page: Page, proposed: LiveSite) -> None:
    page.set_viewport_size({"width": 1000, "height": 600})
    _grant(page, proposed, "1000")
    notice = page.locator("#funding .section-notice")
    expect(notice).to_have_text("Saved.")
    expect(notice).to_be_in_viewport()
    expect(page.locator("h1")).not_to_be_in_viewport()


def test_without_javascript_the_page_comes_back_at_the_section(
        browser: Browser, proposed: LiveSite, browser_context_args: dict[str, Any]) -> None:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False,
                                     "viewport": {"width": 1000, "height": 600}})
    try:
        page = context.new_page()
        _grant(page, proposed, "1000")
        expect(page).to_have_url(re.compile(r"/workspace/agency/metal#funding$"))
        notice = page.locator("#funding .section-notice")
        expect(notice).to_have_text("Saved.")
        expect(notice).to_be_in_viewport()
        expect(page.locator("h1")).not_to_be_in_viewport()
    finally:
        context.close()
