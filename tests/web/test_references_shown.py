"""The RFQ's reference on the buyer's tracking page, the desk and the member's requests."""

from __future__ import annotations

from flask.testing import FlaskClient

from marketplace.bidding.tokens import new_token
from marketplace.bootstrap import Services
from tests.story import form_consortium, request_quote
from tests.web.member_helpers import as_member, member_world
from tests.web.signin import sign_in
from tests.web.test_desk import page


def test_the_buyer_and_the_desk_see_the_reference(client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    token = new_token()
    bid = request_quote(app, formed.consortium, tracking_token=token)
    reference = app.get_bid(bid).reference
    assert reference == f"MEC-{app.clock.now().year}-0001"
    assert f'<dd class="reference">{reference}</dd>' in page(client, f"/rfq/{token}")
    sign_in(client, services, "manager", str(formed.consortium))
    assert f'<span class="reference">{reference}</span>' in page(client, "/workspace/desk/")
    assert f'<span class="reference">{reference}</span> ·' in page(
        client, f"/workspace/desk/rfq/{bid}")


def test_the_member_asked_to_price_sees_the_reference(
        client: FlaskClient, services: Services) -> None:
    world = member_world(services)
    reference = services.marketplace.get_bid(world.bid).reference
    assert reference is not None and reference.endswith("-0002")  # the award came first
    html = page(as_member(client, world), world.url())
    assert f'<span class="reference">{reference}</span>' in html
