"""Steps of the RFQ form: inline checks through htmx, and the server's own checks without JS."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from tests.browser import buyer
from tests.browser.buyer import INSTALLER
from tests.browser.conftest import LiveSite

# --- the request for quotation ---------------------------------------------------------

@when("she chooses to request a quote")
def choose_to_request(page: Page) -> None:
    page.get_by_role("link", name="Request a quote").first.click()
    expect(page).to_have_url(re.compile(r"/consortia/metal/rfq$"))


@when("she describes what she needs for the whole job")
def describe_job(page: Page, live_site: LiveSite) -> None:
    buyer.describe_whole_job(page, live_site.clock.now().date())


@when(parsers.parse('she types her e-mail address as "{address}" and leaves the field'))
@when(parsers.parse('she corrects her e-mail address to "{address}" and leaves the field'))
def type_email(page: Page, address: str) -> None:
    buyer.mark_page(page)
    email = buyer.email_field(page)
    email.fill(address)
    email.press("Tab")


@then("she is told, next to the field and without the page reloading, that the e-mail "
      "address is not valid")
def told_email_invalid(page: Page, screenshot: Any) -> None:
    # The message is tied to the field, so a screen reader reads it with the field too.
    expect(buyer.email_field(page)).to_have_accessible_description(
        re.compile(r"e-mail address such as", re.I))
    expect(page.get_by_text(re.compile(r"e-mail address such as", re.I))).to_be_visible()
    expect(buyer.email_field(page)).to_have_attribute("aria-invalid", "true")
    buyer.assert_same_document(page)
    screenshot("rfq-form-with-errors")


@then("the message about her e-mail address is gone")
def email_error_gone(page: Page) -> None:
    expect(page.get_by_text(re.compile(r"e-mail address such as", re.I))).to_have_count(0)
    expect(buyer.email_field(page)).not_to_have_accessible_description(
        re.compile(r"such as", re.I))
    expect(buyer.email_field(page)).not_to_have_attribute("aria-invalid", "true")
    buyer.assert_same_document(page)


@when("she sends her request", target_fixture="token")
def send(page: Page) -> str:
    return buyer.send_request(page)


@then("she lands on her private tracking page")
def on_tracking_page(page: Page, token: str) -> None:
    expect(page).to_have_url(re.compile(rf"/rfq/{re.escape(token)}$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@then("the page says that her request was received by the Metal Export Consortium")
def request_received(page: Page, screenshot: Any) -> None:
    main = page.get_by_role("main")
    expect(main).to_contain_text(INSTALLER)
    expect(main).to_contain_text(re.compile(r"received", re.I))
    screenshot("tracking-page")


# --- without JavaScript ----------------------------------------------------------------

@given("Lucía's browser runs no JavaScript", target_fixture="page")
def page_without_javascript(new_context: Any) -> Page:
    return new_context(java_script_enabled=False).new_page()


@when(parsers.parse('she gives her e-mail address "{address}"'))
def give_email(page: Page, address: str) -> None:
    buyer.email_field(page).fill(address)


@when("she asks for the quote by yesterday")
def quote_by_yesterday(page: Page, live_site: LiveSite) -> None:
    buyer.field(page, r"^quote needed by").fill(
        (live_site.clock.now().date() - timedelta(days=1)).isoformat())


@when("she sends the form", target_fixture="refusal")
def send_form(page: Page) -> Any:
    with page.expect_navigation() as sent:
        page.get_by_role("button", name=re.compile(r"^send", re.I)).click()
    return sent.value


@then("the form comes back refused, saying next to the date that it must be after today")
def refused_date(page: Page, refusal: Any, screenshot: Any) -> None:
    assert refusal.status == 422, f"the refusal answered {refusal.status}"
    deadline = buyer.field(page, r"^quote needed by")
    expect(deadline).to_have_attribute("aria-invalid", "true")
    expect(deadline).to_have_accessible_description(re.compile(r"choose a date after today",
                                                               re.I))
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"after today", re.I))
    screenshot("rfq-form-server-errors")


@then("everything else she typed is still there")
def typed_values_kept(page: Page) -> None:
    expect(buyer.field(page, r"^organi[sz]ation")).to_have_value("Agua y Drenaje de Veracruz")
    expect(buyer.email_field(page)).to_have_value("lucia@agua-mx.example")
    expect(buyer.field(page, r"^named place")).to_have_value("Veracruz")
    expect(buyer.field(page, r"^incoterm")).to_have_value("CIF")
    stages = page.get_by_role("group", name=re.compile(r"stages", re.I))
    expect(stages.get_by_role("checkbox", name="Installation")).to_be_checked()


@when("she asks for the quote within a month instead")
def quote_within_a_month(page: Page, live_site: LiveSite) -> None:
    buyer.field(page, r"^quote needed by").fill(
        (live_site.clock.now().date() + timedelta(days=30)).isoformat())
