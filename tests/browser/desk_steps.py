"""The manager's steps on the bid desk in Chromium: sign in, triage, ask, quote, award."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from tests.bdd.support import money, stage_list
from tests.browser.conftest import LiveSite
from tests.story import form_consortium, request_quote
from tests.web.signin import PASSWORD, open_account

COUNTRIES = {"Chile": "CL", "Mexico": "MX", "Norway": "NO"}
# The commitments arrive by polling every 5 s; give them two rounds and some slack.
POLL_WAIT_MS = 15_000


def main(page: Page) -> Any:
    return page.get_by_role("main")


@given(parsers.parse("the {slug} consortium is established with {count:d} members"))
def established(live_site: LiveSite, slug: str, count: int) -> None:
    live_site.consortia[slug] = form_consortium(live_site.services.marketplace, slug=slug,
                                                members=count)


@given(parsers.parse("I am signed in to the bid desk as the manager of the {slug} consortium"))
def signed_in(page: Page, live_site: LiveSite, slug: str) -> None:
    _account, email = open_account(live_site.services, "manager",
                                   str(live_site.consortia[slug].consortium))
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/"))


@given(parsers.re(r'(?:a day later )?"(?P<buyer>[^"]+)" from (?P<country>\w+) asked for a '
                  r"quote for (?P<stages>.+)"), target_fixture="rfqs")
def rfq_asked(live_site: LiveSite, buyer: str, country: str, stages: str,
              request: Any) -> dict[str, UUID]:
    rfqs: dict[str, UUID] = getattr(live_site, "rfqs", {})
    if rfqs:
        live_site.clock.advance(days=1)
    rfqs[buyer] = request_quote(live_site.services.marketplace,
                                live_site.consortia["metal"].consortium, organisation=buyer,
                                country=COUNTRIES[country], stages=stage_list(stages))
    live_site.rfqs = rfqs  # type: ignore[attr-defined]
    return rfqs


@when("I open the bid desk")
def open_desk(page: Page) -> None:
    page.goto("/workspace/")
    page.get_by_role("link", name="Bid desk").first.click()
    expect(page.get_by_role("heading", name="Bid desk", level=1)).to_be_visible()


@then(parsers.parse('the RFQs are listed by response deadline: "{first}", then "{second}"'))
def listed(page: Page, first: str, second: str, screenshot: Any) -> None:
    rows = page.locator("table.desk-inbox tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(first)
    expect(rows.nth(1)).to_contain_text(second)
    expect(rows.nth(0)).to_contain_text("in ")  # the time left, e.g. "in 5 days"
    screenshot("bid-desk-inbox")


@when(parsers.parse('I qualify the RFQ of "{buyer}" because "{note}"'))
def qualify(page: Page, buyer: str, note: str) -> None:
    page.get_by_role("link", name=buyer).click()
    page.get_by_label("Why we take it on").fill(note)
    page.get_by_role("button", name="Qualify the RFQ").click()
    expect(main(page)).to_contain_text("Collecting contributions")


@when(parsers.parse("I ask every member who declared one of its stages for a price, due in "
                    "{days:d} days"))
def ask_everyone(page: Page, live_site: LiveSite, days: int) -> None:
    boxes = page.locator('input[name="ask"]')
    for n in range(boxes.count()):
        boxes.nth(n).check()
    due = live_site.clock.now().date() + timedelta(days=days)
    page.get_by_label("Answer due on").fill(due.isoformat())
    page.get_by_role("button", name="Ask the ticked members").click()


@then(parsers.parse('"{first}", "{second}" and "{third}" are asked for {count:d} stages in all'))
def asked(page: Page, first: str, second: str, third: str, count: int) -> None:
    table = page.locator("#contributions table")
    expect(table.locator("tbody tr")).to_have_count(count)
    for name in (first, second, third):
        expect(table).to_contain_text(name)


@when("the members commit their contributions:")
def members_commit(live_site: LiveSite, rfqs: dict[str, UUID], datatable: Any) -> None:
    app, formed = live_site.services.marketplace, live_site.consortia["metal"]
    bid = list(rfqs.values())[-1]
    for member, stage, price, lead in datatable[1:]:
        membership = formed.memberships[int(member.rsplit(" ", 1)[1]) - 1]
        app.commit_contribution(bid, stage, membership, money(price), int(lead))


@then(parsers.parse("the contributions on my open page show {covered:d} of {stages:d} stages "
                    "covered, without a reload"))
def arrive(page: Page, covered: int, stages: int) -> None:
    # No navigation happens here: htmx's polling brings the commitments in.
    expect(page.locator("#contributions")).to_contain_text(
        f"{covered} of {stages} stages covered", timeout=POLL_WAIT_MS)
    expect(page.locator("#contributions .badge-ok")).to_have_count(stages)
