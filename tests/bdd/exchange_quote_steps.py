"""Steps of features/buyer_exchange.feature: the quote and its version 2 sent from the desk,
the buyer's revision and acceptance on the request's page, and the award."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from pytest_bdd import given, parsers, then, when

from marketplace.application import Marketplace
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services
from tests.bdd.desk_screens import DESK, Desk
from tests.bdd.exchange_world import Post, Request
from tests.bdd.support import Cast, log_position, money

# The quote, its revision and the award, on the desk


def _send_quote(desk: Desk, app: Marketplace, rfq: Request, margin: str, days: int,
                action: str) -> None:
    assert desk.open(f"{DESK}rfq/{rfq.bid}/quote?margin={margin}").status == 200
    valid = (app.clock.now().date() + timedelta(days=days)).isoformat()
    desk.send(desk.screen.form(action), margin=margin, valid_until=valid, lead_time_days="110")
    assert desk.screen.status == 200, desk.screen.text[:600]


@when(parsers.parse("Ana Ruiz sends the quote with a margin of {margin}%, valid for {days:d} "
                    "days"))
def send_quote(desk: Desk, app: Marketplace, rfq: Request, margin: str, days: int) -> None:
    _send_quote(desk, app, rfq, margin, days, "/quote")
    assert app.get_bid(rfq.bid).quote_number == 1


@when(parsers.parse("Ana Ruiz sends version 2 with a margin of {margin}%, valid for {days:d} "
                    "days"))
def send_version(desk: Desk, app: Marketplace, rfq: Request, margin: str, days: int) -> None:
    _send_quote(desk, app, rfq, margin, days, "/quote/version")
    assert app.get_bid(rfq.bid).quote_number == 2


@when(parsers.parse('Ana Ruiz records the award "{reference}" with the proposed work shares'))
def award(desk: Desk, rfq: Request, reference: str) -> None:
    desk.open(f"{DESK}rfq/{rfq.bid}")
    desk.open(desk.screen.link("Record the award"))
    desk.send(desk.screen.form("/award"), reference=reference)
    assert desk.screen.status == 200, desk.screen.text[:600]


@then(parsers.parse('the contract of {value} is awarded to "{first}" and "{second}"'))
def awarded(app: Marketplace, services: Services, cast: Cast, desk: Desk, rfq: Request,
            value: str, first: str, second: str) -> None:
    bid = app.get_bid(rfq.bid)
    assert bid.status == "awarded" and bid.contract["value"] == money(value)  # type: ignore[index]
    shares = {r["membership_id"] for r in bid_queries.bid_work_shares(services.engine, rfq.bid)}
    assert shares == {str(cast.membership(first)), str(cast.membership(second))}
    assert "Contract awarded" in desk.screen.text


# The buyer's revision and acceptance, on the request's page


@when(parsers.parse('the buyer asks on the request\'s page for a revision: "{message}"'))
def ask_revision(buyer: Desk, rfq: Request, message: str) -> None:
    buyer.open(rfq.path)
    buyer.send(buyer.screen.form("/revision"), message=message)
    assert buyer.screen.status == 200 and message in buyer.screen.text


@when(parsers.parse("the buyer accepts version {number:d} on the request's page"))
def accept(app: Marketplace, buyer: Desk, rfq: Request, number: int) -> None:
    buyer.open(rfq.path)
    form = buyer.screen.form("/accept")
    assert form.value("version") == str(number)
    buyer.send(form, confirm="yes")
    assert buyer.screen.status == 200, buyer.screen.text[:400]
    assert app.get_bid(rfq.bid).status == "accepted"


@given("the buyer has the quote's version 1 open, and asked for a revision")
def version_one_open(app: Marketplace, cast: Cast, site: Flask, buyer: Desk,
                     rfq: Request) -> None:
    # The members price and the manager quotes as in the main story; here only the buyer acts.
    app.qualify_rfq(rfq.bid, "Ours.")
    due = app.clock.now().date() + timedelta(days=3)
    for firm, stage, price in [("Metal Firm 1", "design", "EUR 20,000"),
                               ("Metal Firm 2", "manufacturing", "EUR 250,000")]:
        app.request_contribution(rfq.bid, stage, cast.membership(firm), due)
        app.commit_contribution(rfq.bid, stage, cast.membership(firm), money(price), 60)
    app.submit_quote(rfq.bid, money("EUR 297,000"), due + timedelta(days=40), 110)
    rfq.left_open = Desk(buyer.client)
    rfq.left_open.open(rfq.path)
    assert rfq.left_open.screen.form("/accept").value("version") == "1"
    ask_revision(Desk(buyer.client), rfq, "Two lots of two blocks, please.")


@given(parsers.parse("Ana Ruiz sent version 2 at {price} valid for {days:d} days"))
def version_two(app: Marketplace, rfq: Request, price: str, days: int) -> None:
    app.send_revised_quote(rfq.bid, money(price), app.clock.now().date() + timedelta(days=days),
                           100)


@when("the buyer accepts version 1 from the page left open")
def accept_stale(app: Marketplace, memo: dict[str, Any], rfq: Request) -> None:
    assert rfq.left_open is not None
    memo["before"] = log_position(app)
    rfq.left_open.send(rfq.left_open.screen.form("/accept"), confirm="yes")


@then(parsers.parse('the buyer is refused: "{message}"'))
def buyer_refused(rfq: Request, message: str) -> None:
    assert rfq.left_open is not None
    assert rfq.left_open.screen.status == 409
    assert message in rfq.left_open.screen.text


@then("nothing is recorded, and no acceptance mail is written")
def nothing_accepted(app: Marketplace, post: Post, memo: dict[str, Any],
                     rfq: Request) -> None:
    assert log_position(app) == memo["before"]
    assert app.get_bid(rfq.bid).status != "accepted"
    assert post.rows("quote_accepted") == [] and post.rows("buyer_accepted") == []
