"""The tracking page's queries on both stores: found by the link's digest, read from views."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from marketplace.application import Marketplace
from marketplace.bidding.tokens import new_token
from marketplace.bidding.tracking import find_tracked_request
from marketplace.bootstrap import Services
from marketplace.projection.replay_check import check_replay
from tests.story import eur, form_consortium, request_quote, submit_full_quote


def _awarded(app: Marketplace, token: str) -> None:
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, tracking_token=token,
                        wanted_delivery=app.clock.now().date() + timedelta(days=200))
    app.clock.advance(days=1)
    submit_full_quote(app, formed, bid)
    app.clock.advance(days=2)
    app.accept_quote(bid)
    app.clock.advance(days=3)
    shares = {formed.memberships[0]: eur("50000"), formed.memberships[1]: eur("250000"),
              formed.memberships[2]: eur("140000")}
    app.award_contract(bid, eur("440000"), shares, "C-2025-001")


def test_a_token_finds_its_request_with_timeline_and_firms(services: Services) -> None:
    token = new_token()
    _awarded(services.marketplace, token)
    found = find_tracked_request(services.engine, token)
    assert found is not None
    assert found["organisation"] == "Astillero del Golfo" and found["buyer_country"] == "MX"
    assert found["quantity"] == Decimal("4") and found["unit"] == "blocks"
    assert found["incoterm"] == "CIF Veracruz" and found["quote_lead_time_days"] == 120
    assert found["quote_price"] == Decimal("440000.00") and found["status"] == "awarded"
    assert [step["step"] for step in found["timeline"]] == [
        "received", "qualified", "quoted", "accepted", "awarded"]
    days = [step["at"].date() for step in found["timeline"]]
    assert days == sorted(days) and days[0] < days[-1]
    assert found["delivered_by"] == {
        "design": ["Metal Firm 1"], "engineering": ["Metal Firm 1"],
        "manufacturing": ["Metal Firm 2"], "logistics": ["Metal Firm 3"],
        "installation": ["Metal Firm 3"]}
    # Nothing personal and no member's price is in what the page is given.
    flat = repr(found)
    assert "lucia" not in flat.lower() and "Hernández" not in flat
    assert "250000" not in flat and "contract_value" not in found


def test_unknown_and_malformed_tokens_find_nothing(services: Services) -> None:
    _awarded(services.marketplace, new_token())
    for token in (new_token(), "", "not a token", "A" * 44, "'; DROP TABLE rm_bids; --"):
        assert find_tracked_request(services.engine, token) is None


def test_the_buyer_s_views_rebuild_the_same_from_the_log(services: Services) -> None:
    app = services.marketplace
    token = new_token()
    _awarded(app, token)
    other = request_quote(app, form_consortium(app, slug="agri").consortium)
    app.decline_rfq(other, "No capacity this year.")
    report = check_replay(services)
    assert report.clean, report.differences
    tables = {summary.table: summary.rebuilt_rows for summary in report.tables}
    assert tables["rm_bid_requests"] == 2 and tables["rm_bid_timeline"] == 7
    found = find_tracked_request(services.engine, token)
    assert found is not None and len(found["timeline"]) == 5
