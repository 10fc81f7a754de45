"""The manager's bid desk: the inbox, triage, contributions, and who may act on which RFQ."""

from __future__ import annotations

import re
from datetime import timedelta
from uuid import UUID, uuid4

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import Formed, eur, form_consortium, request_quote
from tests.web.signin import sign_in


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def position(services: Services) -> int:
    return services.marketplace.recorder.max_notification_id() or 0


def version(services: Services, bid: UUID) -> str:
    return str(services.marketplace.get_bid(bid).version)


def page(client: FlaskClient, url: str, status: int = 200, *, htmx: bool = False) -> str:
    """The page at `url`, or with `htmx` the fragment htmx would ask for."""
    response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_inbox_lists_rfqs_by_response_deadline_and_marks_the_overdue(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    # Each RFQ arrives a day after the other, so their deadlines follow one another.
    for buyer in ("First Yard", "Second Yard", "Third Yard"):
        request_quote(app, formed.consortium, organisation=buyer)
        app.clock.advance(days=1)
    # Monday evening: past the first one's five working days (Monday 09:00), not the others'.
    app.clock.advance(days=4, hours=12)
    html = page(manager, "/workspace/desk/")
    rows = re.findall(r'<tr class="desk-row( is-overdue)?".*?>\s*<td><a[^>]*>([^<]+)</a>', html,
                      re.S)
    assert [(bool(overdue), name) for overdue, name in rows] == [
        (True, "First Yard"), (False, "Second Yard"), (False, "Third Yard")]
    assert html.count("badge-overdue") == 1
    assert 'hx-trigger="every 30s"' in html
    fragment = page(manager, "/workspace/desk/", htmx=True)
    assert "<html" not in fragment and "First Yard" in fragment
    assert "in 12 hours" in fragment  # the second RFQ's time left, as people say it


def test_a_manager_sees_only_the_rfqs_of_the_consortia_it_manages(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    other = form_consortium(services.marketplace, slug="marine")
    bid = request_quote(services.marketplace, formed.consortium, organisation="Metal Buyer")
    request_quote(services.marketplace, other.consortium, organisation="Marine Buyer")
    sign_in(client, services, "manager", str(other.consortium))
    html = page(client, "/workspace/desk/")
    assert "Marine Buyer" in html and "Metal Buyer" not in html
    refused = page(client, f"/workspace/desk/rfq/{bid}", 403)
    assert "consortium you do not manage" in refused
    before = position(services)
    response = client.post(f"/workspace/desk/rfq/{bid}/qualify",
                           data={"note": "Mine now", "version": version(services, bid)})
    assert response.status_code == 403
    assert "consortium you do not manage" in response.get_data(as_text=True)
    assert position(services) == before
    assert services.marketplace.get_bid(bid).status == "requested"


def test_officers_read_every_desk_and_act_on_none(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = request_quote(services.marketplace, formed.consortium)
    sign_in(client, services, "officer")
    assert "Astillero del Golfo" in page(client, f"/workspace/desk/rfq/{bid}")
    assert "Qualify the RFQ" not in page(client, f"/workspace/desk/rfq/{bid}")
    before = position(services)
    response = client.post(f"/workspace/desk/rfq/{bid}/decline",
                           data={"reason": "No", "version": version(services, bid)})
    assert response.status_code == 403
    assert position(services) == before


def test_the_manager_qualifies_an_rfq(manager: FlaskClient, services: Services,
                                      formed: Formed) -> None:
    bid = request_quote(services.marketplace, formed.consortium)
    response = manager.post(f"/workspace/desk/rfq/{bid}/qualify",
                            data={"note": "Fits our yard", "version": version(services, bid)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/workspace/desk/rfq/{bid}")
    assert services.marketplace.get_bid(bid).status == "qualified"
    assert "Ask members for their price" in page(manager, f"/workspace/desk/rfq/{bid}")


@pytest.mark.parametrize(("path", "data", "message"), [
    ("decline", {"reason": " "}, "The reason cannot be empty"),
    ("qualify", {"note": ""}, "The note cannot be empty"),
])
def test_a_broken_rule_is_a_422_with_its_message_and_writes_nothing(
    manager: FlaskClient, services: Services, formed: Formed, path: str,
    data: dict[str, str], message: str,
) -> None:
    bid = request_quote(services.marketplace, formed.consortium)
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/{path}",
                            data={**data, "version": version(services, bid)})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert position(services) == before


def test_a_stale_form_is_a_409_asking_to_reload(manager: FlaskClient, services: Services,
                                                formed: Formed) -> None:
    bid = request_quote(services.marketplace, formed.consortium)
    opened = version(services, bid)
    services.marketplace.qualify_rfq(bid, "Another manager took it on")  # meanwhile
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/decline",
                            data={"reason": "Too far", "version": opened})
    assert response.status_code == 409
    assert "reload and try again" in response.get_data(as_text=True)
    assert position(services) == before
    assert services.marketplace.get_bid(bid).status == "qualified"


def test_the_manager_asks_the_members_who_declared_each_stage(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    html = page(manager, f"/workspace/desk/rfq/{bid}")
    manufacturer, shipper = formed.memberships[1], formed.memberships[2]
    # Only the member who declared manufacturing is offered for it.
    assert f'value="manufacturing:{manufacturer}"' in html
    assert f'value="manufacturing:{shipper}"' not in html
    due = (app.clock.now().date() + timedelta(days=3)).isoformat()
    response = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": [f"manufacturing:{manufacturer}", f"logistics:{shipper}"], "due_on": due,
        "version": version(services, bid)})
    assert response.status_code == 303
    assert set(app.get_bid(bid).requests) == {f"manufacturing:{manufacturer}",
                                              f"logistics:{shipper}"}


def test_asking_a_member_for_a_stage_it_never_declared_asks_nobody(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": [f"logistics:{formed.memberships[2]}",
                f"manufacturing:{formed.memberships[0]}"],
        "due_on": (app.clock.now().date() + timedelta(days=3)).isoformat(),
        "version": version(services, bid)})
    assert response.status_code == 422
    # The stage by its display name, not its code.
    assert "has not declared the stage Manufacturing" in response.get_data(as_text=True)
    assert position(services) == before  # the good request of the two is not kept either


def test_asking_a_member_that_does_not_exist_is_404(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    # The code was unified (issue 11): a missing record answers 404 on every workspace
    # form; the desk answered 422 for it before.
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    before = position(services)
    response = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": [f"manufacturing:{uuid4()}"],
        "due_on": (app.clock.now().date() + timedelta(days=3)).isoformat(),
        "version": version(services, bid)})
    assert response.status_code == 404
    assert position(services) == before


def test_a_refused_form_comes_back_as_typed(manager: FlaskClient, services: Services,
                                            formed: Formed) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    ticked = f"manufacturing:{formed.memberships[1]}"
    response = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": [ticked], "due_on": "next week", "version": version(services, bid)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "The due date must be a date (YYYY-MM-DD)." in html
    assert f'value="{ticked}" checked' in html and 'value="next week"' in html


def test_commitments_arrive_in_the_polled_fragment(manager: FlaskClient, services: Services,
                                                   formed: Formed) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    app.request_contribution(bid, "manufacturing", formed.memberships[1],
                             app.clock.now().date() + timedelta(days=3))
    url = f"/workspace/desk/rfq/{bid}/contributions"
    assert 'hx-trigger="every 5s"' in page(manager, f"/workspace/desk/rfq/{bid}")
    assert "Waiting" in page(manager, url, htmx=True)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("250000"), 90)
    fragment = page(manager, url, htmx=True)
    assert "Committed" in fragment and "€250,000.00" in fragment
    assert "<html" not in fragment
    # The page's forms take the new version, so the next action is not refused as stale.
    assert 'id="version-ask" hx-swap-oob="true"' in fragment
    assert f'value="{version(services, bid)}" id="version-ask"' in fragment
    assert manager.get(url).status_code == 303  # without htmx: the RFQ's page
