"""Steps of features/bid_desk.feature: the manager's journey through the desk's screens."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from marketplace.application import Marketplace
from marketplace.bootstrap import Services

# pytest-bdd finds steps in the test module: the quote, award and contract screens' steps.
from tests.bdd.desk_quote_steps import *  # noqa: F403
from tests.bdd.desk_screens import DESK, Desk, Form, bid_page, send
from tests.bdd.support import Cast, log_position, money, stage_list
from tests.story import request_quote
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

scenarios("bid_desk.feature")


@pytest.fixture
def rfqs() -> dict[str, UUID]:
    """The RFQs of the scenario, by the buyer's organisation."""
    return {}


@pytest.fixture
def memo() -> dict[str, Any]:
    """What a step keeps for a later one: the log's position before a request, a form."""
    return {}


@given(parsers.parse("I am signed in to the bid desk as the manager of the {slug} consortium"),
       target_fixture="desk")
def signed_in_manager(services: Services, cast: Cast, slug: str) -> Desk:
    client = create_app(services=services, config=TEST_CONFIG).test_client()
    sign_in(client, services, "manager", str(cast.consortia[slug]))
    return Desk(client)


def _asked(app: Marketplace, cast: Cast, rfqs: dict[str, UUID], buyer: str, country: str,
           stages: str, slug: str = "metal") -> None:
    rfqs[buyer] = request_quote(app, cast.consortia[slug], organisation=buyer,
                                country=country, stages=stage_list(stages))


COUNTRIES = {"Chile": "CL", "Mexico": "MX", "Norway": "NO"}


@given(parsers.re(r'(?:a day later )?"(?P<buyer>[^"]+)" from (?P<country>\w+) asked for a '
                  r"quote for (?P<stages>.+)"))
def rfq_asked(app: Marketplace, cast: Cast, rfqs: dict[str, UUID], buyer: str, country: str,
              stages: str, request: pytest.FixtureRequest) -> None:
    if rfqs:  # "a day later": the RFQs of one scenario arrive a day apart
        app.clock.advance(days=1)
    _asked(app, cast, rfqs, buyer, COUNTRIES[country], stages)


@given(parsers.parse('"{buyer}" from {country} asked the {slug} consortium for a quote for '
                     "{stages}"))
def rfq_asked_of(app: Marketplace, cast: Cast, rfqs: dict[str, UUID], buyer: str, country: str,
                 slug: str, stages: str) -> None:
    _asked(app, cast, rfqs, buyer, COUNTRIES[country], stages, slug)


@when("I open the bid desk")
def open_desk(desk: Desk) -> None:
    assert desk.open(DESK).status == 200


@then(parsers.parse('the RFQs are listed by response deadline: "{first}", then "{second}"'))
def listed_in_order(desk: Desk, first: str, second: str) -> None:
    text = desk.screen.text
    assert text.index(first) < text.index(second)
    assert "Overdue" not in text


@when(parsers.parse('I qualify the RFQ of "{buyer}" because "{note}"'))
def qualify(desk: Desk, app: Marketplace, memo: dict[str, Any], rfqs: dict[str, UUID],
            buyer: str, note: str) -> None:
    bid_page(desk, buyer)
    send(desk, app, memo, desk.screen.form("/qualify"), note=note)
    assert desk.screen.status == 200 and "Ask members for their price" in desk.screen.html


@when(parsers.parse("I ask every member who declared one of its stages for a price, due in "
                    "{days:d} days"))
def ask_everyone(desk: Desk, app: Marketplace, memo: dict[str, Any], days: int) -> None:
    form = desk.screen.form("/contributions")
    due = (app.clock.now().date() + timedelta(days=days)).isoformat()
    send(desk, app, memo, form, ask=form.boxes, due_on=due)


@then(parsers.parse('"{first}", "{second}" and "{third}" are asked for {count:d} stages in all'))
def asked(desk: Desk, first: str, second: str, third: str, count: int) -> None:
    text = desk.screen.text
    assert text.count("Waiting") == count
    assert all(name in text for name in (first, second, third))


@when("the members commit their contributions:")
def members_commit(app: Marketplace, cast: Cast, rfqs: dict[str, UUID], datatable: Any) -> None:
    bid = list(rfqs.values())[-1]
    for member, stage, price, lead in datatable[1:]:
        app.commit_contribution(bid, stage, cast.membership(member), money(price), int(lead))


@then(parsers.parse("the contributions on my open page show {covered:d} of {stages:d} stages "
                    "covered, without a reload"))
def contributions_arrive(desk: Desk, covered: int, stages: int) -> None:
    page = desk.screen
    assert 'hx-trigger="every 5s"' in page.html
    poll = re.search(r'hx-get="([^"]+/contributions)"', page.html)
    assert poll is not None
    fragment = Desk(desk.client).open(poll.group(1), **{"HX-Request": "true"})
    assert f"{covered} of {stages} stages covered" in fragment.text


@when(parsers.parse('I decline the RFQ of "{buyer}" because "{reason}"'))
def decline(desk: Desk, app: Marketplace, memo: dict[str, Any], rfqs: dict[str, UUID],
            buyer: str, reason: str) -> None:
    bid_page(desk, buyer)
    send(desk, app, memo, desk.screen.form("/decline"), reason=reason)


@then("the RFQ is declined, and the desk no longer waits on it")
def declined(desk: Desk, app: Marketplace, rfqs: dict[str, UUID]) -> None:
    bid = list(rfqs.values())[-1]
    assert app.get_bid(bid).status == "declined"
    assert "Declined" in desk.screen.text
    assert "No RFQ is waiting for an answer" in desk.open(DESK).text


@given(parsers.parse('I have the RFQ of "{buyer}" open'))
def page_open(desk: Desk, memo: dict[str, Any], rfqs: dict[str, UUID], buyer: str) -> None:
    bid_page(desk, buyer)
    memo["open"] = desk.screen.form("/decline")


@when("another manager qualifies it meanwhile")
def meanwhile(app: Marketplace, rfqs: dict[str, UUID]) -> None:
    app.qualify_rfq(list(rfqs.values())[-1], "Taken on by my colleague")


@when(parsers.parse('I decline it from the page I had open, because "{reason}"'))
def decline_stale(desk: Desk, app: Marketplace, memo: dict[str, Any], reason: str) -> None:
    send(desk, app, memo, memo["open"], reason=reason)


@when(parsers.parse('I try to qualify the RFQ of "{buyer}"'))
def qualify_foreign(desk: Desk, app: Marketplace, memo: dict[str, Any], rfqs: dict[str, UUID],
                    buyer: str) -> None:
    bid = rfqs[buyer]
    assert desk.open(f"{DESK}rfq/{bid}").status == 403
    form = Form(f"{DESK}rfq/{bid}/qualify", "post",
                [("note", "Ours now"), ("version", str(app.get_bid(bid).version))])
    send(desk, app, memo, form)


@then(parsers.parse('I am refused: "{message}"'))
def refused_on_screen(desk: Desk, message: str) -> None:
    assert desk.screen.status in (403, 409, 422), desk.screen.status
    assert message in desk.screen.text


@then("the desk has recorded nothing")
def recorded_nothing(app: Marketplace, memo: dict[str, Any]) -> None:
    assert log_position(app) == memo["before"]


@then(parsers.parse('"{buyer}" is not on my desk'))
def not_on_desk(desk: Desk, buyer: str) -> None:
    assert buyer not in desk.open(DESK).text
