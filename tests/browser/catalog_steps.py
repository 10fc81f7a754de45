"""Steps of the catalog and the consortium's page: what Lucía finds before she asks."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from tests.browser import buyer
from tests.browser.buyer import ASTURIAN, INSTALLER, MAKER, card

# --- the catalog -----------------------------------------------------------------------

@given("Lucía is looking at the catalog")
@when("Lucía opens the catalog")
def open_catalog(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@then("she sees the Metal Export Consortium and the Fittings Export Consortium")
def sees_both(page: Page, screenshot: Any) -> None:
    expect(card(page, INSTALLER)).to_be_visible()
    expect(card(page, MAKER)).to_be_visible()
    screenshot("catalog")


@then("each consortium shows the stages it covers and how many firms are behind it")
def cards_show_stages(page: Page) -> None:
    for name, offered, firms in ((INSTALLER, "Installation", 3), (MAKER, "Manufacturing", 4)):
        strip = card(page, name).get_by_role("list", name=re.compile("stages", re.I))
        expect(strip).to_contain_text(f"{offered}: offered")
        expect(card(page, name)).to_contain_text(re.compile(rf"Member firms\s*{firms}\b"))
    strip = card(page, MAKER).get_by_role("list", name=re.compile("stages", re.I))
    expect(strip).to_contain_text("Installation: not offered")


@when(parsers.parse('she filters the catalog by the stage "{stage}"'))
def filter_by_stage(page: Page, stage: str) -> None:
    buyer.mark_page(page)
    stages = page.get_by_role("group", name=re.compile("stages", re.I))
    stages.get_by_role("checkbox", name=buyer.STAGE_NAMES[stage]).check()
    expect(page).to_have_url(re.compile(rf"[?&]stage={stage}\b"))


@then("she sees the Metal Export Consortium")
def sees_installer(page: Page) -> None:
    expect(card(page, INSTALLER)).to_be_visible()


@then("she no longer sees the Fittings Export Consortium")
def fittings_gone(page: Page) -> None:
    expect(card(page, MAKER)).to_have_count(0)
    buyer.assert_same_document(page)  # htmx replaced the list; the page stayed


@then("the address of the page keeps her filter, so she can share it")
def shared_link_without_javascript(page: Page, new_context: Any) -> None:
    # A colleague opens the link in a browser without JavaScript and gets the same list.
    colleague = new_context(java_script_enabled=False).new_page()
    colleague.goto(page.url)
    expect(colleague.get_by_role("checkbox", name="Installation")).to_be_checked()
    expect(card(colleague, INSTALLER)).to_be_visible()
    expect(card(colleague, MAKER)).to_have_count(0)


@then("she sees the Naval Export Consortium beside the two of Cantabria")
def sees_three(page: Page) -> None:
    for name in (ASTURIAN, INSTALLER, MAKER):
        expect(card(page, name)).to_be_visible()


@when(parsers.parse('she filters the catalog by the region "{name}"'))
def filter_by_region(page: Page, name: str) -> None:
    buyer.mark_page(page)
    regions = page.get_by_label("Region", exact=True)
    # Each region is shown by its ISO 3166-2 name and code: "Asturias, Principado de (ES-AS)".
    label = regions.locator("option", has_text=name).inner_text().strip()
    regions.select_option(label=label)
    expect(page).to_have_url(re.compile(r"[?&]region=[A-Z]{2}-\w+"))


@then("she sees the Naval Export Consortium")
def sees_asturian(page: Page) -> None:
    expect(card(page, ASTURIAN)).to_be_visible()


@then("she no longer sees the Metal Export Consortium")
def installer_gone(page: Page) -> None:
    expect(card(page, INSTALLER)).to_have_count(0)
    expect(card(page, MAKER)).to_have_count(0)
    buyer.assert_same_document(page)


@then("the address of the page keeps the region, so she can share it")
def region_shared_without_javascript(page: Page, new_context: Any) -> None:
    colleague = new_context(java_script_enabled=False).new_page()
    colleague.goto(page.url)
    expect(colleague.get_by_label("Region", exact=True)).to_have_value("ES-AS")
    expect(card(colleague, ASTURIAN)).to_be_visible()
    expect(card(colleague, INSTALLER)).to_have_count(0)


# --- the consortium's page -------------------------------------------------------------

@given("Lucía is on the page of the Metal Export Consortium")
def on_consortium_page(page: Page) -> None:
    open_catalog(page)
    open_consortium(page)


@when("she opens the Metal Export Consortium")
def open_consortium(page: Page) -> None:
    page.get_by_role("link", name=INSTALLER, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=INSTALLER)).to_be_visible()


@then("she sees its offer stage by stage")
def offer_by_stage(page: Page) -> None:
    for label in ("Design", "Engineering", "Manufacturing", "Logistics and shipping",
                  "Installation"):
        expect(page.get_by_role("rowheader", name=label, exact=True)).to_be_visible()


@then(parsers.parse("she sees the firms behind it: {firms}"))
def firms_behind(page: Page, firms: str, screenshot: Any) -> None:
    for firm in re.findall(r'"([^"]+)"', firms):
        expect(page.get_by_role("article", name=firm, exact=True)).to_be_visible()
    screenshot("consortium-page")


@then("she is invited to request a quote")
def invited_to_quote(page: Page) -> None:
    expect(page.get_by_role("link", name="Request a quote").first).to_have_attribute(
        "href", re.compile(r"/consortia/metal/rfq$"))

