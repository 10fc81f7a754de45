"""The agency officer's KPI dashboard over a period, in real Chromium: a quick choice and
the period form swap the figures in place with htmx, the address follows, and a period
that ends before it starts comes back with its reason, as typed. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite
from tests.story import awarded_bid, form_consortium
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def test_an_officer_reads_the_kpis_of_a_period_and_is_told_of_one_refused(
        page: Page, live_site: LiveSite, screenshot: Any) -> None:
    app = live_site.services.marketplace
    awarded_bid(app, form_consortium(app, slug="metal"))
    today = live_site.clock.now().date()
    _account, email = open_account(live_site.services, "officer")
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/workspace/dashboard/metal")
    heading = page.locator("#figures-heading")
    expect(heading).to_contain_text("All time")
    received = page.locator(".dashboard-facts div", has_text="RFQs received").locator("dd")
    expect(received).to_have_text("1")
    page.evaluate("window.stayed = true")  # gone if the page were loaded again

    page.get_by_role("link", name="Last year").click()
    expect(heading).to_contain_text(f"January {today.year - 1} to December {today.year - 1}")
    expect(received).to_have_text("0")
    expect(page).to_have_url(re.compile(rf"from={today.year - 1}-01&to={today.year - 1}-12$"))
    expect(page.get_by_role("link", name="Last year")).to_have_attribute("aria-current", "true")

    this_month = f"{today.year:04d}-{today.month:02d}"
    page.get_by_label("From month").fill(this_month)
    page.get_by_label("To month").fill(this_month)
    page.get_by_role("button", name="Show this period").click()
    expect(received).to_have_text("1")
    expect(page.get_by_role("link", name="CSV")).to_have_attribute(
        "href", re.compile(rf"kpis\.csv\?from={this_month}&to={this_month}$"))
    screenshot("dashboard-period")

    page.get_by_label("To month").fill(f"{today.year - 1:04d}-01")
    page.get_by_role("button", name="Show this period").click()
    expect(page.get_by_role("alert")).to_contain_text("The period ends before it starts")
    expect(page.get_by_label("To month")).to_have_value(f"{today.year - 1:04d}-01")
    expect(page.get_by_label("From month")).to_have_value(this_month)
    expect(page.locator("figure.chart")).to_have_count(0)
    screenshot("dashboard-period-refused")
    assert page.evaluate("window.stayed") is True
