"""The storefront on a phone (390 x 844): the consortium page describes each firm once, and
the catalog keeps its filters when the buyer switches language; nothing goes to the
console, no error and no Content-Security-Policy report, all the while."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import LiveSite
from tests.story import form_consortium

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")

PHONE = {"width": 390, "height": 844}
# Put in the page before its own scripts: Chromium fires this for each blocked script,
# style or eval, even one it does not log.
WATCH_CSP = """document.addEventListener("securitypolicyviolation", (event) => {
  (window.cspReports = window.cspReports || []).push(event.violatedDirective);
});"""


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """The laptop's context, on a phone's screen and touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def complaints(page: Page) -> Iterator[list[str]]:
    """Every console error, page error and CSP report while the test runs; none allowed."""
    seen: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            seen.append(f"{page.url}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: seen.append(f"{page.url}: {error}"))
    page.add_init_script(WATCH_CSP)
    yield seen
    assert page.evaluate("() => window.cspReports || []") == []
    assert seen == []


@pytest.fixture
def two_consortia(live_site: LiveSite) -> None:
    app = live_site.services.marketplace
    # Firm 1 covers design and engineering, firm 3 logistics and installation.
    form_consortium(app, slug="metal")
    fittings = form_consortium(app, slug="fittings", members=4, publish=False,
                               stages_by_member=[["manufacturing"], ["logistics"]])
    app.publish_offer(fittings.consortium, ["manufacturing", "logistics"],
                      "Valves and pipe fittings, made and shipped.")


@pytest.mark.usefixtures("two_consortia")
def test_on_a_phone_the_consortium_page_describes_each_firm_once(
        page: Page, complaints: list[str], screenshot: Any) -> None:
    page.goto("/consortia/metal")
    firms = page.get_by_role("region", name="The member firms").get_by_role("article")
    expect(firms).to_have_count(3)
    names = [name.strip() for name in firms.locator("h3").all_inner_texts()]
    assert names == ["Metal Firm 1", "Metal Firm 2", "Metal Firm 3"]
    first = page.get_by_role("article", name="Metal Firm 1")
    expect(first.get_by_role("list", name="Stages it delivers")).to_have_text(
        re.compile(r"Design\s*Engineering"))
    # The offer table names the firm under both its stages and leads to its one description.
    table = page.get_by_role("table", name=re.compile("member firms delivering each"))
    expect(table.get_by_role("link", name="Metal Firm 1")).to_have_count(2)
    table.get_by_role("row", name=re.compile("Engineering")).get_by_role(
        "link", name="Metal Firm 1").click()
    expect(page).to_have_url(re.compile(r"#firm-"))
    expect(first).to_be_in_viewport()
    # Nothing is wider than the phone: no sideways scrolling of the page.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("phone-consortium")


@pytest.mark.usefixtures("two_consortia")
def test_on_a_phone_switching_language_keeps_the_catalog_s_filters(
        page: Page, complaints: list[str]) -> None:
    page.goto("/")
    page.evaluate("() => { window.samePage = true; }")  # gone after a full page load
    page.get_by_label("Design").check()
    page.get_by_label("Search").fill("metal")
    expect(page).to_have_url(re.compile(r"\?q=metal&sector=&region=&stage=design$"))
    expect(page.locator("#results")).to_contain_text("1 consortium")
    assert page.evaluate("() => window.samePage === true")  # htmx changed the list

    page.get_by_role("navigation", name="Language").get_by_role("link",
                                                                name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(re.compile(r"/\?q=metal&sector=&region=&stage=design$"))
    expect(page.get_by_label("Diseño")).to_be_checked()
    expect(page.get_by_label("Buscar")).to_have_value("metal")
    expect(page.locator("#results")).to_contain_text("1 consorcio")
    expect(page.get_by_role("heading", name="Metal Export Consortium")).to_be_visible()
    expect(page.get_by_role("heading", name="Fittings Export Consortium")).to_have_count(0)

    # And once more from the Spanish page, after another change by htmx.
    page.get_by_label("Diseño").uncheck()
    expect(page).to_have_url(re.compile(r"\?q=metal&sector=&region=$"))
    page.get_by_role("navigation", name="Idioma").get_by_role("link",
                                                              name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"/\?q=metal&sector=&region=$"))
    expect(page.get_by_label("Rechercher")).to_have_value("metal")
    expect(page.get_by_label("Conception")).not_to_be_checked()

    # Back to the Spanish page as htmx kept it: the switcher follows the address again.
    page.get_by_label("Conception").check()
    expect(page).to_have_url(re.compile(r"\?q=metal&sector=&region=&stage=design$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?q=metal&sector=&region=$"))
    expect(page.get_by_role("link", name="English")).to_have_attribute(
        "href", re.compile(r"next=%2F%3Fq%3Dmetal%26sector%3D%26region%3D$"))
