"""What the buyer does in the browser, by the names a person reads on the page.

Locators go by role and label, never by CSS classes, so that the steps keep working
while the markup changes and fail when a field loses its label.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Locator, Page, expect

from marketplace.bidding.tracking import find_tracked_request
from tests.browser.conftest import LiveSite
from tests.story import ALL_STAGES, submit_full_quote

INSTALLER = "Metal Export Consortium"
MAKER = "Fittings Export Consortium"
ASTURIAN = "Naval Export Consortium"  # the one consortium of another region, ES-AS
TRACKING_PATH = re.compile(r"/rfq/([A-Za-z0-9_-]{43})$")
STAGE_NAMES = {"design": "Design", "engineering": "Engineering",
               "manufacturing": "Manufacturing", "logistics": "Logistics and shipping",
               "installation": "Installation", "maintenance": "Maintenance"}


def card(page: Page, name: str) -> Locator:
    """A consortium's card in the catalog, by the name in its heading."""
    return page.get_by_role("article", name=name, exact=True)


def mark_page(page: Page) -> None:
    """Leave a mark in the document; a full page load wipes it, an htmx swap does not."""
    page.evaluate("window.__sameDocument = true")


def assert_same_document(page: Page) -> None:
    assert page.evaluate("window.__sameDocument === true"), (
        "the page was loaded again; the change should have come through htmx")


def field(page: Page, label: str) -> Locator:
    """The form control a visible label names (exactly one, or the step fails)."""
    return page.get_by_label(re.compile(label, re.IGNORECASE))


def describe_whole_job(page: Page, today: date) -> None:
    """Lucía's request: every stage of the offer, four pumping stations, CIF Veracruz."""
    field(page, r"^organi[sz]ation").fill("Agua y Drenaje de Veracruz")
    field(page, r"^contact name").fill("Lucía Hernández")
    field(page, r"^country").select_option("MX")
    stages = page.get_by_role("group", name=re.compile(r"stages", re.IGNORECASE))
    for stage in ALL_STAGES:
        stages.get_by_role("checkbox", name=STAGE_NAMES[stage]).check()
    field(page, r"^specification").fill(
        "Steel structures for four pumping stations: design, fabrication in S355 steel, "
        "hot-dip galvanising, sea freight and erection on site.")
    field(page, r"^quantity").fill("4")
    field(page, r"^unit").fill("structures")
    field(page, r"^incoterm").select_option("CIF")
    field(page, r"^named place").fill("Veracruz")
    field(page, r"^currency").select_option("EUR")
    field(page, r"^quote needed by").fill((today + timedelta(days=30)).isoformat())
    field(page, r"^wanted delivery").fill((today + timedelta(days=240)).isoformat())


def email_field(page: Page) -> Locator:
    return field(page, r"^e-?mail")


def send_request(page: Page) -> str:
    """Send the RFQ and return the tracking token from the page it lands on."""
    page.get_by_role("button", name=re.compile(r"send|request", re.IGNORECASE)).click()
    expect(page).to_have_url(TRACKING_PATH)
    found = TRACKING_PATH.search(page.url)
    assert found is not None
    return found[1]


def manager_quotes(site: LiveSite, consortium: str, token: str) -> str:
    """The manager, through the application layer, prices every stage and quotes."""
    tracked = find_tracked_request(site.services.engine, token)
    assert tracked is not None, "the request behind the tracking link was not stored"
    site.clock.advance(days=1)  # a quote comes the day after the request, not the same second
    submit_full_quote(site.services.marketplace, site.consortia[consortium], tracked["bid_id"])
    return str(tracked["bid_id"])


def status_of(site: LiveSite, token: str) -> str:
    tracked = find_tracked_request(site.services.engine, token)
    assert tracked is not None
    return str(tracked["status"])
