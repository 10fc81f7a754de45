"""Steps of features/bid_desk.feature on the quote, award and contract screens."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from pytest_bdd import parsers, then, when

from marketplace.application import Marketplace
from marketplace.bidding.queries import bid_work_shares
from marketplace.bootstrap import Services
from tests.bdd.desk_screens import Desk, bid_page, send
from tests.bdd.support import Cast, money


@when(parsers.parse("I open the quote with a margin of {margin}%"))
def open_quote(desk: Desk, rfqs: dict[str, UUID], margin: str) -> None:
    bid = list(rfqs.values())[-1]
    bid_page(desk, next(b for b, i in rfqs.items() if i == bid))
    quote = desk.screen.link("Assemble the quote")
    assert desk.open(f"{quote}?margin={margin}").status == 200


@then(parsers.parse("I am told that no rate is kept for {pair}"))
def no_rate(desk: Desk, pair: str) -> None:
    assert f"No rate is kept for {pair}" in desk.screen.text


@when(parsers.parse("I set the rate of 1 {source} to {rate} {target}"))
def set_rate(desk: Desk, app: Marketplace, memo: dict[str, Any], source: str, rate: str,
             target: str) -> None:
    desk.open(desk.screen.link("The rate table contributions are converted with"))
    send(desk, app, memo, desk.screen.form("/rates"),
          currency_from=source, currency_to=target, rate=rate)
    assert "Back to the quote" not in desk.screen.text or desk.screen.status == 200


@then(parsers.parse("the quote adds up to {subtotal} of contributions and {margin} of margin: "
                    "{total}"))
def adds_up(desk: Desk, subtotal: str, margin: str, total: str) -> None:
    text = desk.screen.text
    assert f"Sum of the contributions {subtotal}" in text
    assert f"{margin} Quote {total}" in text


@when(parsers.parse("I submit the quote, valid for {days:d} days, with a lead time of "
                    "{lead:d} days"))
def submit(desk: Desk, app: Marketplace, memo: dict[str, Any], days: int, lead: int) -> None:
    valid = (app.clock.now().date() + timedelta(days=days)).isoformat()
    send(desk, app, memo, desk.screen.form("/quote"),
          valid_until=valid, lead_time_days=str(lead))
    assert desk.screen.status == 200, desk.screen.text[:500]


@then(parsers.parse("the buyer has a quote of {price} covering every stage with {count:d} "
                    "members, sent within the response deadline"))
def quoted(app: Marketplace, rfqs: dict[str, UUID], price: str, count: int) -> None:
    bid = app.get_bid(list(rfqs.values())[-1])
    assert bid.quote is not None and bid.quote["price"] == money(price)
    members = {m for firms in bid.quote["delivered_by"].values() for m in firms}
    assert all(bid.quote["delivered_by"].values()) and len(members) == count
    assert bid.quote["on_time"] is True


@when("the buyer accepts the quote")
def buyer_accepts(app: Marketplace, rfqs: dict[str, UUID]) -> None:
    app.accept_quote(list(rfqs.values())[-1])


@when("I open the award")
def open_award(desk: Desk, rfqs: dict[str, UUID]) -> None:
    bid = list(rfqs.values())[-1]
    bid_page(desk, next(b for b, i in rfqs.items() if i == bid))
    desk.open(desk.screen.link("Record the award"))


@then("the work shares proposed are in proportion to the contributions:")
def proposed_shares(desk: Desk, cast: Cast, datatable: Any) -> None:
    form = desk.screen.form("/award")
    for member, share in datatable[1:]:
        assert form.value(f"share-{cast.membership(member)}") == share


@when(parsers.parse('I record the award "{reference}" with "{member}" given {share}'))
def award_changed(desk: Desk, app: Marketplace, cast: Cast, memo: dict[str, Any],
                  reference: str, member: str, share: str) -> None:
    send(desk, app, memo, desk.screen.form("/award"), reference=reference,
          **{f"share-{cast.membership(member)}": share})


@when(parsers.parse('I record the award "{reference}" with the proposed work shares'))
def award_proposed(desk: Desk, app: Marketplace, memo: dict[str, Any], rfqs: dict[str, UUID],
                   reference: str) -> None:
    open_award(desk, rfqs)
    send(desk, app, memo, desk.screen.form("/award"), reference=reference)


@then(parsers.parse('the contract of {value} is awarded, and "{member}" has a work share of '
                    "{share}"))
def awarded(services: Services, cast: Cast, rfqs: dict[str, UUID], desk: Desk, value: str,
            member: str, share: str) -> None:
    bid = list(rfqs.values())[-1]
    assert services.marketplace.get_bid(bid).contract["value"] == money(value)  # type: ignore[index]
    shares = {r["membership_id"]: r["amount"] for r in bid_work_shares(services.engine, bid)}
    assert shares[str(cast.membership(member))] == money(share).amount
    assert sum(shares.values(), Decimal(0)) == money(value).amount
    assert "Contract awarded" in desk.screen.text


@when(parsers.parse('I record the milestone "{title}" for {stage}'))
def milestone(desk: Desk, app: Marketplace, memo: dict[str, Any], title: str, stage: str) -> None:
    send(desk, app, memo, desk.screen.form("/milestones"), title=title, stage=stage)


@when("I complete the contract")
def complete(desk: Desk, app: Marketplace, memo: dict[str, Any]) -> None:
    send(desk, app, memo, desk.screen.form("/complete"))


@then(parsers.parse("the RFQ is completed, with {count:d} milestone delivered"))
def completed(desk: Desk, app: Marketplace, rfqs: dict[str, UUID], count: int) -> None:
    bid = app.get_bid(list(rfqs.values())[-1])
    assert bid.status == "completed" and len(bid.milestones) == count
    assert "Completed" in desk.screen.text
