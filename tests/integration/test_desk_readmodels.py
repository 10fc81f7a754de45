"""The bid desk's read side on both stores: the rate table, the inbox, and a clean replay."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.statuses import AWAITING
from marketplace.bidding.queries import bid_contributions, inbox, rate_table, rates_on
from marketplace.bootstrap import Services
from marketplace.ports import SteppingClock
from marketplace.projection.replay_check import check_replay
from tests.story import form_consortium, request_quote


def test_the_rate_that_holds_on_a_day_is_the_latest_set_before_it(
    services: Services, clock: SteppingClock,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    consortium = str(formed.consortium)
    app.set_exchange_rate(consortium, "USD", "EUR", "0.91", date(2025, 2, 28))
    app.set_exchange_rate(consortium, "USD", "EUR", "0.9215", date(2025, 3, 3))
    app.set_exchange_rate(consortium, "USD", "EUR", "0.9216", date(2025, 3, 3))  # corrected
    app.set_exchange_rate(consortium, "GBP", "EUR", "1.1875", date(2025, 3, 1))
    assert rates_on(services.engine, consortium, date(2025, 3, 2)) == {
        ("USD", "EUR"): Decimal("0.91"), ("GBP", "EUR"): Decimal("1.1875")}
    assert rates_on(services.engine, consortium, date(2025, 3, 3))[("USD", "EUR")] == Decimal(
        "0.9216")
    assert rates_on(services.engine, consortium, date(2025, 2, 27)) == {}
    assert len(rate_table(services.engine, consortium)) == 3
    assert app.rate_table_version(consortium) == 5  # opened, then four rates
    assert rate_table(services.engine, str(form_consortium(app, slug="marine").consortium)) == []


def test_the_desk_rebuilds_from_the_events_exactly(services: Services,
                                                   clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium, organisation="Late Yard")
    clock.advance(days=1)
    bid = request_quote(app, formed.consortium, organisation="Next Yard",
                        stages=["design", "manufacturing"])
    app.qualify_rfq(bid, "Fits")
    app.request_contributions(bid, [("design", formed.memberships[0]),
                                    ("manufacturing", formed.memberships[1])],
                              clock.now().date() + timedelta(days=3))
    app.set_exchange_rate(formed.consortium, "USD", "EUR", "0.92", clock.now().date())
    assert [row["organisation"] for row in inbox(services.engine, None, AWAITING)] == [
        "Late Yard", "Next Yard"]
    other = str(form_consortium(app, slug="marine").consortium)
    assert inbox(services.engine, {other}, AWAITING) == []  # another consortium's desk
    assert len(inbox(services.engine, {str(formed.consortium)}, AWAITING)) == 2
    assert [(c["stage"], c["status"]) for c in bid_contributions(services.engine, bid)] == [
        ("design", "requested"), ("manufacturing", "requested")]
    report = check_replay(services)
    assert report.differences == ()
    assert any(t.table == "rm_exchange_rates" and t.rebuilt_rows == t.live_rows == 1
               for t in report.tables)
