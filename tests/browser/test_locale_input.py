"""An officer with the interface in Spanish grants "250.000" in real Chromium: the grant
recorded is EUR 250,000.00, and an amount that could mean two things is refused, in
Spanish, with what was typed kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from marketplace.formation.queries import consortium_formation
from tests.browser.conftest import LiveSite
from tests.story import METAL
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A browser set to Spanish: the site answers in Spanish from Accept-Language."""
    return {**browser_context_args, "locale": "es-ES"}


def _granted(site: LiveSite) -> Decimal:
    funding = consortium_formation(site.services.engine, "metal")["funding"]
    return Decimal(str(funding["granted"] or 0))


def test_an_officer_grants_250_000_written_the_spanish_way(
        page: Page, live_site: LiveSite, screenshot: Any) -> None:
    live_site.services.marketplace.propose_consortium(
        slug="metal", name="Santander Global Metal", agency="SODERCAN", region="ES-CB",
        sector=METAL)
    _account, email = open_account(live_site.services, "officer")
    page.goto("/login")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.goto("/workspace/agency/metal")
    expect(page.locator("html")).to_have_attribute("lang", "es")

    # "1,500" is one and a half or fifteen hundred: refused, in Spanish, as typed.
    page.locator("#fg-amount").fill("1,500")
    page.locator("#grant button[type=submit]").click()
    expect(page.locator("#fg-amount")).to_have_value("1,500")
    expect(page.locator("body")).to_contain_text("«1,500» se puede leer de dos maneras")
    assert _granted(live_site) == 0

    page.locator("#fg-amount").fill("250.000")
    page.locator("#grant button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("250.000,00\xa0€")
    assert _granted(live_site) == Decimal("250000.00")
    screenshot("locale-grant-es")
