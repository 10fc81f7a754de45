"""The quote page keeps every term the manager typed; quotes are revised and work shares
corrected from the desk; no command leaves a value that breaks a later page; a member's
refused commitment comes back as typed, its message next to its request."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from marketplace.bidding.queries import bid_work_shares, desk_bid
from marketplace.bidding.tokens import new_token
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


def priced_bid(services: Services, formed: Formed, token: str | None = None) -> UUID:
    """Manufacturing at EUR 100,000 (90 days) and logistics at EUR 20,000.50 (30 days)."""
    app = services.marketplace
    extra = {"tracking_token": token} if token else {}
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"], **extra)
    app.qualify_rfq(bid, "Fits")
    due = app.clock.now().date() + timedelta(days=3)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], due)
    app.request_contribution(bid, "logistics", formed.memberships[2], due)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("100000"), 90)
    app.commit_contribution(bid, "logistics", formed.memberships[2], eur("20000.50"), 30)
    return bid


def _day(services: Services, days: int) -> str:
    return (services.marketplace.clock.now().date() + timedelta(days=days)).isoformat()


# --- recalculating keeps the terms ---------------------------------------------------------


def test_the_quote_page_never_puts_its_token_in_a_url(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    html = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert 'formmethod="get"' not in html
    assert f'formaction="/workspace/desk/rfq/{bid}/quote/computation"' in html
    assert f'hx-post="/workspace/desk/rfq/{bid}/quote/computation"' in html
    assert "hx-get" not in html.split('id="quote-form"')[1]


def test_recalculating_without_javascript_keeps_every_term(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    before = position(services)
    valid_until = _day(services, 50)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote/computation", data={
        "margin": "10", "valid_until": valid_until, "lead_time_days": "95",
        "version": version(services, bid)})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # 120,000.50 + 10 % = 132,000.55; the terms come back as typed.
    assert "€132,000.55" in html
    assert f'value="{valid_until}"' in html and 'value="95"' in html and 'value="10"' in html
    assert position(services) == before
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "10", "valid_until": valid_until, "lead_time_days": "95",
        "shown_total": "132000.55", "version": version(services, bid)})
    assert response.status_code == 303, response.get_data(as_text=True)[:600]
    quote = services.marketplace.get_bid(bid).quote
    assert quote is not None and quote["price"] == eur("132000.55")
    assert quote["valid_until"].isoformat() == valid_until and quote["lead_time_days"] == 95


def test_recalculating_with_htmx_answers_only_the_figures(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote/computation", data={
        "margin": "10", "valid_until": _day(services, 50), "lead_time_days": "95"},
        headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment and 'id="computation"' in fragment
    assert "€132,000.55" in fragment and 'name="shown_total"' in fragment
    assert 'name="valid_until"' not in fragment  # the terms stay as typed in the browser
    typing = manager.post(f"/workspace/desk/rfq/{bid}/quote/computation",
                          data={"margin": "x"}, headers={"HX-Request": "true"})
    assert typing.status_code == 200
    assert "must be a number of percent" in typing.get_data(as_text=True)


def test_a_price_other_than_the_one_shown_is_not_sent(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "10", "valid_until": _day(services, 50), "lead_time_days": "95",
        "shown_total": "129600.54", "version": version(services, bid)})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "The price changed since the page showed it" in html
    assert 'value="95"' in html
    assert position(services) == before


def test_only_the_manager_recalculates(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    sign_in(client, services, "auditor")
    response = client.post(f"/workspace/desk/rfq/{bid}/quote/computation", data={"margin": "8"})
    assert response.status_code == 403


# --- a revised quote -----------------------------------------------------------------------


def test_the_manager_revises_the_quote_and_the_buyer_sees_only_the_current_one(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    token = new_token()
    bid = priced_bid(services, formed, token)
    assert manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "10", "valid_until": _day(services, 50), "lead_time_days": "95",
        "version": version(services, bid)}).status_code == 303
    html = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert "Revise the quote" in html and 'name="reason"' in html
    assert f'value="{_day(services, 50)}"' in html and 'value="95"' in html
    refused = manager.post(f"/workspace/desk/rfq/{bid}/quote/revision", data={
        "margin": "5", "valid_until": _day(services, 60), "lead_time_days": "100",
        "reason": "", "version": version(services, bid)})
    assert refused.status_code == 422
    assert "The reason cannot be empty" in refused.get_data(as_text=True)
    assert 'value="100"' in refused.get_data(as_text=True)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote/revision", data={
        "margin": "5", "valid_until": _day(services, 60), "lead_time_days": "100",
        "reason": "Steel prices fell", "version": version(services, bid)})
    assert response.status_code == 303, response.get_data(as_text=True)[:600]
    # 120,000.50 + 5 % = 126,000.52 (6,000.025 rounds half to even)
    assert desk_bid(services.engine, bid)["quote_price"] == Decimal("126000.52")
    desk = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert "€132,000.55" in desk and "€126,000.52" in desk and "Steel prices fell" in desk
    tracking = manager.get(f"/rfq/{token}").get_data(as_text=True)
    assert "126,000.52" in tracking and "132,000.55" not in tracking


def test_a_quote_the_buyer_accepted_offers_no_revision(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = awarded_bid(services.marketplace, formed)
    html = page(manager, f"/workspace/desk/rfq/{bid}/quote")
    assert 'name="reason"' not in html
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote/revision", data={
        "margin": "5", "valid_until": _day(services, 60), "lead_time_days": "100",
        "reason": "Late", "version": version(services, bid)})
    assert response.status_code == 422


# --- corrected work shares -----------------------------------------------------------------


def test_the_manager_corrects_the_work_shares(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = awarded_bid(services.marketplace, formed)
    html = page(manager, f"/workspace/desk/rfq/{bid}/award")
    assert "Correct the work shares" in html and 'value="80000.00"' in html
    one, two, three = (str(m) for m in formed.memberships)
    typed = {f"share-{one}": "90000", f"share-{two}": "250000", f"share-{three}": "100000",
             "version": version(services, bid)}
    refused = manager.post(f"/workspace/desk/rfq/{bid}/award/correction",
                           data={**typed, f"share-{three}": "1", "reason": "Re-planned"})
    assert refused.status_code == 422
    assert 'value="1"' in refused.get_data(as_text=True)
    response = manager.post(f"/workspace/desk/rfq/{bid}/award/correction",
                            data={**typed, "reason": "Re-planned"})
    assert response.status_code == 303, response.get_data(as_text=True)[:600]
    shares = {r["membership_id"]: r["amount"] for r in bid_work_shares(services.engine, bid)}
    assert shares == {one: Decimal("90000"), two: Decimal("250000"), three: Decimal("100000")}
    assert "€90,000.00" in page(manager, f"/workspace/desk/rfq/{bid}")


def test_sharing_in_proportion_again_is_a_post(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = priced_bid(services, formed)
    app.submit_quote(bid, eur("120000.50"), app.clock.now().date() + timedelta(days=30), 90)
    app.accept_quote(bid)
    html = page(manager, f"/workspace/desk/rfq/{bid}/award")
    assert 'formmethod="get"' not in html
    response = manager.post(f"/workspace/desk/rfq/{bid}/award/proportional",
                            data={"value": "1000", "reference": "PO-9"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    # 100,000 : 20,000.50 of 1,000 is 833.33 and 166.67, adding up to the cent.
    assert 'value="833.33"' in body and 'value="166.67"' in body and 'value="PO-9"' in body


# --- bounds: nothing a command accepts breaks a page -----------------------------------------


def test_a_huge_contribution_is_refused_and_the_pages_still_answer(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    app.request_contribution(bid, "manufacturing", formed.memberships[1],
                             app.clock.now().date() + timedelta(days=3))
    sign_in(client, services, "member", str(formed.memberships[1]))
    before = position(services)
    response = client.post(
        f"/workspace/member/{formed.memberships[1]}/requests/{bid}/manufacturing/commit",
        data={"seen": "requested", "price": "9" * 26, "currency": "EUR",
              "lead_time_days": "30"})
    assert response.status_code == 422
    assert position(services) == before
    sign_in(client, services, "manager", str(formed.consortium))
    for path in ("/quote", "/award", ""):
        assert client.get(f"/workspace/desk/rfq/{bid}{path}").status_code == 200


# --- the member's commitment keeps what was typed ------------------------------------------


def test_a_refused_commitment_keeps_every_value_next_to_its_request(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["logistics", "installation"])
    app.qualify_rfq(bid, "Fits")
    due = app.clock.now().date() + timedelta(days=3)
    member = formed.memberships[2]
    app.request_contribution(bid, "logistics", member, due)
    app.request_contribution(bid, "installation", member, due)
    sign_in(client, services, "member", str(member))
    response = client.post(f"/workspace/member/{member}/requests/{bid}/installation/commit",
                           data={"seen": "requested", "price": "45000", "currency": "USD",
                                 "lead_time_days": "0"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    articles = {stage: _article(html, f'id="req-{bid}-{stage}"')
                for stage in ("logistics", "installation")}
    row, other = articles["installation"], articles["logistics"]
    assert 'role="alert"' in row and "lead time must be 1 to 3,650 days" in row
    assert 'value="45000"' in row and 'value="USD"' in row and 'value="0"' in row
    # The other request's form keeps its defaults, and no message sits at the top.
    assert 'role="alert"' not in other and 'value="USD"' not in other
    assert 'id="problem"' not in html


def _article(html: str, marker: str) -> str:
    """The request's <article>: from its heading's marker to the end of that article."""
    start = html.rindex("<article", 0, html.index(marker))
    return html[start:html.index("</article>", start)]


def test_the_audit_shows_the_quote_and_its_revision_with_who_recorded_each(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = priced_bid(services, formed)
    for path, data in (("quote", {}), ("quote/revision", {"reason": "Steel prices fell"})):
        response = manager.post(f"/workspace/desk/rfq/{bid}/{path}", data={
            "margin": "10" if not data else "5", "valid_until": _day(services, 50),
            "lead_time_days": "95", "version": version(services, bid), **data})
        assert response.status_code == 303
    manager.post("/logout")
    sign_in(manager, services, "auditor")
    html = page(manager, f"/workspace/audit/aggregates/{bid}")
    submitted = html.index("Bid.QuoteSubmitted")
    revised = html.index("Bid.QuoteRevised")
    assert submitted < revised
    assert "(manager)" in html[submitted:revised] and "(manager)" in html[revised:]
    assert "Steel prices fell" in html[revised:]


# --- messages name stages by their display names ------------------------------------------


def test_the_quote_refusal_names_the_stages_by_their_display_names(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["design", "manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    app.request_contribution(bid, "manufacturing", formed.memberships[1],
                             app.clock.now().date() + timedelta(days=3))
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("1000"), 30)
    response = manager.post(f"/workspace/desk/rfq/{bid}/quote", data={
        "margin": "8", "valid_until": _day(services, 30), "lead_time_days": "30",
        "version": version(services, bid)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Stages &#39;Design&#39; and &#39;Logistics and shipping&#39; have no committed" in html
    assert "&#39;logistics&#39;" not in html


def test_a_refused_commitment_with_htmx_swaps_the_requests_back_as_typed(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    member = formed.memberships[1]
    app.request_contribution(bid, "manufacturing", member,
                             app.clock.now().date() + timedelta(days=3))
    sign_in(client, services, "member", str(member))
    response = client.post(f"/workspace/member/{member}/requests/{bid}/manufacturing/commit",
                           data={"seen": "requested", "price": "45000", "currency": "EUD",
                                 "lead_time_days": "30"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    fragment = response.get_data(as_text=True)
    assert fragment.startswith("<section") or '<section id="requests"' in fragment
    assert 'data-swap-statuses="409 422"' in fragment and "<html" not in fragment
    assert 'value="45000"' in fragment and 'value="EUD"' in fragment
    assert 'role="alert"' in _article(fragment, f'id="req-{bid}-manufacturing"')
