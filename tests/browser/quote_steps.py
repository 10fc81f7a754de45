"""Steps of the tracking page: the quote the manager sent, and Lucía's answer to it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from tests.browser import buyer
from tests.browser.buyer import INSTALLER
from tests.browser.catalog_steps import on_consortium_page
from tests.browser.conftest import LiveSite
from tests.browser.rfq_steps import choose_to_request

# What each member asked for its part; the buyer sees only the total.
INTERNAL_PRICES = ("20,000", "30,000", "250,000", "40,000", "60,000")


# --- the quote -------------------------------------------------------------------------

@given("Lucía has requested a quote for the whole job and kept her tracking link",
       target_fixture="token")
def requested_whole_job(page: Page, live_site: LiveSite) -> str:
    on_consortium_page(page)
    choose_to_request(page)
    buyer.describe_whole_job(page, live_site.clock.now().date())
    buyer.email_field(page).fill("lucia@agua-mx.example")
    return buyer.send_request(page)


@given("the manager of the Metal Export Consortium has quoted EUR 440,000 for the full "
       "service")
def manager_quoted(live_site: LiveSite, token: str) -> None:
    buyer.manager_quotes(live_site, INSTALLER, token)
    assert buyer.status_of(live_site, token) == "quoted"


@when("she opens her tracking link")
def open_tracking_link(page: Page, token: str) -> None:
    page.goto(f"/rfq/{token}")


@then(parsers.parse("she sees one price for the full service, EUR {price}"))
def sees_price(page: Page, price: str, screenshot: Any) -> None:
    expect(page.get_by_role("main")).to_contain_text(price)
    screenshot("tracking-page-quoted")


@then("she sees which firms deliver each stage, but none of their own prices")
def firms_without_prices(page: Page) -> None:
    main = page.get_by_role("main")
    for firm in ("Metal Firm 1", "Metal Firm 2", "Metal Firm 3"):
        expect(main).to_contain_text(firm)
    text = main.inner_text()
    for price in INTERNAL_PRICES:
        assert not re.search(rf"(?<![\d,]){re.escape(price)}", text), f"{price} is shown"


@when("she accepts the quote and confirms that she means it")
def accept_quote(page: Page) -> None:
    accept = page.get_by_role("button", name=re.compile(r"^accept", re.I))
    form = page.locator("form").filter(has=accept)
    form.get_by_role("checkbox").check()
    asked: list[str] = []

    def confirm(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    # hx-confirm asks once more in the browser's own dialog; she says yes.
    page.once("dialog", confirm)
    accept.click()
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"accepted", re.I))
    assert asked and re.search(r"accept", asked[0], re.I), f"no confirmation asked: {asked}"


@then("the page says that she accepted the quote")
def accepted(page: Page, live_site: LiveSite, token: str) -> None:
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"accepted", re.I))
    assert buyer.status_of(live_site, token) == "accepted"
