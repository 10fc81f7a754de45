"""The bid desk's quote, rate table, award and contract screens."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from domain.money import Money
from marketplace.bidding.queries import bid_work_shares, desk_bid
from marketplace.bootstrap import Services
from tests.story import Formed, awarded_bid, eur, form_consortium, request_quote
from tests.web.signin import sign_in
from tests.web.test_desk import page, position, version


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def committed_bid(services: Services, formed: Formed) -> UUID:
    """Manufacturing priced in US dollars, logistics in euros."""
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    due = app.clock.now().date() + timedelta(days=3)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], due)
    app.request_contribution(bid, "logistics", formed.memberships[2], due)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1],
                            Money.of("100000", "USD"), 90)
    app.commit_contribution(bid, "logistics", formed.memberships[2], eur("20000.50"), 30)
    return bid


def set_rate(client: FlaskClient, services: Services, formed: Formed, rate: str) -> int:
    consortium = formed.consortium
    return client.post(f"/workspace/desk/consortia/{consortium}/rates", data={
        "currency_from": "usd", "currency_to": "EUR", "rate": rate,
        "as_of": services.marketplace.clock.now().date().isoformat(),
        "version": str(services.marketplace.rate_table_version(consortium))}).status_code


def test_a_contribution_in_another_currency_waits_for_a_rate(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = committed_bid(services, formed)
    html = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert "No rate is kept for USD/EUR" in html
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "8", "valid_until": "2025-04-30", "lead_time_days": "100",
        "version": version(services, bid)})
    assert response.status_code == 422
    assert "Set a rate for USD/EUR in the rate table first" in response.get_data(as_text=True)
    assert position(services) == before


def test_the_quote_is_the_converted_sum_plus_the_margin(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = committed_bid(services, formed)
    assert set_rate(manager, services, formed, "0.9215") == 303
    # 100,000 USD x 0.9215 = 92,150.00; + 20,000.50 = 112,150.50; 7.5 % = 8,411.2875 -> 8,411.29
    html = page(manager, f"/workspace/desk/rfq/{bid}/quote?margin=7.5")
    assert "1 USD = 0.9215 EUR" in html
    assert "€112,150.50" in html and "€8,411.29" in html and "€120,561.79" in html
    fragment = page(manager, f"/workspace/desk/rfq/{bid}/quote?margin=0", htmx=True)
    assert "<html" not in fragment and "€112,150.50</td>" in fragment
    typing = page(manager, f"/workspace/desk/rfq/{bid}/quote?margin=7.", htmx=True)
    assert "must be a number of percent" not in typing  # "7." is a number: 7 percent
    typing = page(manager, f"/workspace/desk/rfq/{bid}/quote?margin=x", htmx=True)
    assert "must be a number of percent" in typing  # shown while typing, not dropped
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "7.5", "valid_until": "2025-04-30", "lead_time_days": "100",
        "version": version(services, bid)})
    assert response.status_code == 303, response.get_data(as_text=True)[:600]
    quote = services.marketplace.get_bid(bid).quote
    assert quote is not None and quote["price"] == eur("120561.79")
    assert desk_bid(services.engine, bid)["quote_price"] == Decimal("120561.79")


@pytest.mark.parametrize(("margin", "message"), [
    ("eight", "must be a number of percent"), ("150", "between 0 and 100 percent"),
])
def test_a_margin_that_is_not_a_percentage_is_refused(
    manager: FlaskClient, services: Services, formed: Formed, margin: str, message: str,
) -> None:
    bid = committed_bid(services, formed)
    set_rate(manager, services, formed, "0.92")
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": margin, "valid_until": "2025-04-30", "lead_time_days": "100",
        "version": version(services, bid)})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert position(services) == before


def test_the_rate_table_refuses_a_rate_that_is_not_one(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    before = position(services)
    assert set_rate(manager, services, formed, "-1") == 422
    assert set_rate(manager, services, formed, "0,92") == 422
    assert position(services) == before
    assert set_rate(manager, services, formed, "0.92") == 303
    html = page(manager, f"/workspace/desk/consortia/{formed.consortium}/rates")
    assert "0.92" in html and "1 USD" in html


def accepted_bid(services: Services, formed: Formed) -> UUID:
    bid = committed_bid(services, formed)
    app = services.marketplace
    app.set_exchange_rate(formed.consortium, "USD", "EUR", "0.9", app.clock.now().date())
    # 90,000.00 + 20,000.50: the shares' weights are 90,000 to 20,000.50.
    app.submit_quote(bid, eur("120000"), app.clock.now().date() + timedelta(days=30), 90)
    app.accept_quote(bid)
    return bid


def test_work_shares_default_to_the_contributions_proportion_and_add_up(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = accepted_bid(services, formed)
    html = page(manager, f"/workspace/desk/rfq/{bid}/award")
    # 120,000 x 90,000 / 110,000.50 = 98,181.37...; the other share takes the rest.
    assert 'value="98181.37"' in html and 'value="21818.63"' in html
    fragment = page(manager, f"/workspace/desk/rfq/{bid}/award?value=100", htmx=True)
    assert 'value="81.82"' in fragment and 'value="18.18"' in fragment


def test_an_award_whose_shares_do_not_add_up_is_refused(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = accepted_bid(services, formed)
    maker, shipper = formed.memberships[1], formed.memberships[2]
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/award", data={
        "reference": "C-7", "value": "120000", f"share-{maker}": "98181.37",
        f"share-{shipper}": "21818.62", "version": version(services, bid)})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "add up to €119,999.99, not the contract value €120,000.00" in text
    assert 'value="21818.62"' in text  # what the manager typed stays on the form
    assert position(services) == before
    response = manager.post(f"/workspace/desk/rfq/{bid}/award", data={
        "reference": "C-7", "value": "120000", f"share-{maker}": "100000",
        f"share-{shipper}": "20000", "version": version(services, bid)})
    assert response.status_code == 303
    shares = {row["membership_id"]: row["amount"] for row in bid_work_shares(services.engine, bid)}
    assert shares == {str(maker): Decimal("100000.00"), str(shipper): Decimal("20000.00")}


def test_milestones_then_completion(manager: FlaskClient, services: Services,
                                    formed: Formed) -> None:
    bid = awarded_bid(services.marketplace, formed)
    assert "Complete the contract" in page(manager, f"/workspace/desk/rfq/{bid}")
    refused = manager.post(f"/workspace/desk/rfq/{bid}/complete",
                           data={"version": version(services, bid)})
    assert refused.status_code == 422
    assert "Record at least one delivered milestone first" in refused.get_data(as_text=True)
    response = manager.post(f"/workspace/desk/rfq/{bid}/milestones", data={
        "title": "Blocks shipped", "stage": "logistics", "version": version(services, bid)})
    assert response.status_code == 303
    response = manager.post(f"/workspace/desk/rfq/{bid}/complete",
                            data={"version": version(services, bid)})
    assert response.status_code == 303
    html = page(manager, f"/workspace/desk/rfq/{bid}")
    assert "Blocks shipped" in html and "Completed" in html


def test_a_manager_of_another_consortium_cannot_award(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    other = form_consortium(services.marketplace, slug="marine")
    bid = accepted_bid(services, formed)
    sign_in(client, services, "manager", str(other.consortium))
    before = position(services)
    response = client.post(f"/workspace/desk/rfq/{bid}/award", data={
        "reference": "C-7", "value": "120000",
        f"share-{formed.memberships[1]}": "120000", "version": version(services, bid)})
    assert response.status_code == 403
    assert position(services) == before
    assert client.post(f"/workspace/desk/consortia/{formed.consortium}/rates", data={
        "currency_from": "USD", "currency_to": "EUR", "rate": "2", "as_of": "2025-03-03",
        "version": "1"}).status_code == 403
    assert position(services) == before
