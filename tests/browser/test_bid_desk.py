"""features/bid_desk.feature's journey in real Chromium, signed in through the real form
with CSRF on; screenshots of the inbox, the quote and the award go to tests/artifacts/."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, scenario, then, when

from tests.bdd.support import money
from tests.browser.conftest import LiveSite
from tests.browser.desk_steps import *  # noqa: F403
from tests.browser.desk_steps import main

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


@scenario("bid_desk.feature",
          "One full-service quote from three members, then the award and the work shares")
def test_the_manager_quotes_for_three_members_and_records_the_award() -> None:
    """The journey: inbox, triage, contributions, rates, quote, award, completion."""


@when(parsers.parse("I open the quote with a margin of {margin}%"))
def open_quote(page: Page, margin: str) -> None:
    if "/quote" not in page.url:
        page.get_by_role("link", name="Assemble the quote").click()
    # htmx (a deferred script) must have wired the field before typing, or the input
    # event goes unheard: on a loaded machine the click returns before that.
    page.wait_for_load_state("load")
    field = page.get_by_label("Management margin")
    field.fill(margin)  # htmx recomputes as the manager types
    expect(page.locator("#computation")).to_contain_text(f"Management margin, {margin}%")


@then(parsers.parse("I am told that no rate is kept for {pair}"))
def no_rate(page: Page, pair: str) -> None:
    expect(main(page)).to_contain_text(f"No rate is kept for {pair}")


@when(parsers.parse("I set the rate of 1 {source} to {rate} {target}"))
def set_rate(page: Page, source: str, rate: str, target: str) -> None:
    page.get_by_role("link", name="The rate table contributions are converted with").click()
    page.get_by_label("From currency").fill(source)
    page.get_by_label("To currency").fill(target)
    page.get_by_label("Rate (one unit").fill(rate)
    page.get_by_role("button", name="Set the rate").click()
    expect(page).to_have_url(re.compile(r"/quote$"))  # back to the quote


@then(parsers.parse("the quote adds up to {subtotal} of contributions and {margin} of margin: "
                    "{total}"))
def adds_up(page: Page, subtotal: str, margin: str, total: str, screenshot: Any) -> None:
    computation = page.locator("#computation")
    expect(computation.locator(".subtotal")).to_have_text(subtotal)
    expect(computation.locator(".margin")).to_have_text(margin)
    expect(computation.locator(".quote-total")).to_have_text(total)
    expect(computation).to_contain_text("1 USD = 0.92 EUR")
    screenshot("bid-desk-quote")


@when(parsers.parse("I submit the quote, valid for {days:d} days, with a lead time of "
                    "{lead:d} days"))
def submit(page: Page, live_site: LiveSite, days: int, lead: int) -> None:
    valid = live_site.clock.now().date() + timedelta(days=days)
    page.get_by_label("Valid until").fill(valid.isoformat())
    page.get_by_label("Lead time (days)").fill(str(lead))
    page.get_by_role("button", name="Submit the quote").click()
    expect(main(page)).to_contain_text("Quote sent; awaiting the buyer")


@then(parsers.parse("the buyer has a quote of {price} covering every stage with {count:d} "
                    "members, sent within the response deadline"))
def quoted(page: Page, live_site: LiveSite, rfqs: dict[str, UUID], price: str,
           count: int) -> None:
    bid = live_site.services.marketplace.get_bid(list(rfqs.values())[-1])
    assert bid.quote is not None and bid.quote["price"] == money(price)
    assert len({m for firms in bid.quote["delivered_by"].values() for m in firms}) == count
    expect(main(page)).to_contain_text("within the response deadline")


@when("the buyer accepts the quote")
def buyer_accepts(live_site: LiveSite, rfqs: dict[str, UUID]) -> None:
    live_site.services.marketplace.accept_quote(list(rfqs.values())[-1])


@when("I open the award")
def open_award(page: Page) -> None:
    page.reload()
    page.get_by_role("link", name="Record the award").click()


@then("the work shares proposed are in proportion to the contributions:")
def proposed(page: Page, datatable: Any, screenshot: Any) -> None:
    for member, share in datatable[1:]:
        expect(page.get_by_label(member)).to_have_value(share)
    screenshot("bid-desk-award")


@when(parsers.parse('I record the award "{reference}" with "{member}" given {share}'))
def award_changed(page: Page, reference: str, member: str, share: str) -> None:
    page.get_by_label("Contract reference").fill(reference)
    page.get_by_label(member).fill(share)
    page.get_by_role("button", name="Record the award").click()


@then(parsers.parse('I am refused: "{message}"'))
def refused(page: Page, message: str) -> None:
    expect(page.get_by_role("alert")).to_contain_text(message)


@then("the desk has recorded nothing")
def recorded_nothing(live_site: LiveSite, rfqs: dict[str, UUID]) -> None:
    assert live_site.services.marketplace.get_bid(list(rfqs.values())[-1]).status == "accepted"


@when(parsers.parse('I record the award "{reference}" with the proposed work shares'))
def award_proposed(page: Page, reference: str) -> None:
    page.get_by_role("button", name="Share the value in proportion again").click()
    page.get_by_label("Contract reference").fill(reference)
    page.get_by_role("button", name="Record the award").click()


@then(parsers.parse('the contract of {value} is awarded, and "{member}" has a work share of '
                    "{share}"))
def awarded(page: Page, value: str, member: str, share: str) -> None:
    expect(page.locator(".contract-value")).to_have_text(f"€{value.split(' ', 1)[1]}")
    row = page.locator("table.work-shares tr", has_text=member)
    expect(row).to_contain_text(f"€{share.split(' ', 1)[1]}")


@when(parsers.parse('I record the milestone "{title}" for {stage}'))
def milestone(page: Page, title: str, stage: str) -> None:
    page.get_by_label("Milestone").fill(title)
    page.get_by_label("Stage").select_option(stage)
    page.get_by_role("button", name="Record the milestone").click()
    expect(page.locator("ol.milestones")).to_contain_text(title)


@when("I complete the contract")
def complete(page: Page) -> None:
    page.get_by_role("button", name="Complete the contract").click()


@then(parsers.parse("the RFQ is completed, with {count:d} milestone delivered"))
def completed(page: Page, count: int) -> None:
    expect(page.locator(".desk-status")).to_have_text("Completed")
    expect(page.locator("ol.milestones li")).to_have_count(count)
