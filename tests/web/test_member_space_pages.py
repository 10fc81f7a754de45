"""The member space's requests to price a page at a time: counted, soonest due first, plain
links between pages, the same links swapping the section alone with htmx, and a form on a
later page answering with that page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import request_quote
from tests.web.member_helpers import MemberWorld, as_member, commit_form, member_world
from web.workspace.member import pages

HTMX = {"HX-Request": "true", "HX-Target": "requests"}


@pytest.fixture
def world(services: Services, monkeypatch: pytest.MonkeyPatch) -> MemberWorld:
    monkeypatch.setattr(pages, "REQUESTS_PER_PAGE", 1)  # three requests make three pages
    world = member_world(services)  # Naviera Austral, due in 4 days
    app = services.marketplace
    for days, buyer in ((2, "Astillero Norte"), (9, "Yard Late")):
        bid = request_quote(app, world.formed.consortium, organisation=buyer)
        app.qualify_rfq(bid, "Fits.")
        app.request_contribution(bid, "design", world.mine,
                                 app.clock.now().date() + timedelta(days=days))
    return world


def shown(client: FlaskClient, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def requested(html: str) -> list[str]:
    return re.findall(r'<h3 id="req-[^"]+">[^·]+· ([^(]+?) \(', html)


def links(html: str) -> dict[str, str]:
    return dict(re.findall(r'rel="(prev|next)" href="([^"]+)"', html))


def test_the_requests_come_a_page_at_a_time_counted_soonest_due_first(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    first = shown(client, world.url())
    assert requested(first) == ["Astillero Norte"]
    assert 'Requests to price <span class="count">(3)</span>' in first
    assert "Page 1 of 3" in first and links(first) == {"next": world.url() + "?page=2"}
    second = shown(client, world.url() + "?page=2")
    assert requested(second) == ["Naviera Austral"]
    assert links(second) == {"prev": world.url(), "next": world.url() + "?page=3"}
    assert 'hx-target="#requests"' in second
    last = shown(client, world.url() + "?page=1000")
    assert requested(last) == ["Yard Late"] and "Page 3 of 3" in last
    for garbage in ("x", "-2", "0", "1.0", "٣", "9" * 50):
        assert requested(shown(client, world.url() + f"?page={garbage}")) == [
            "Astillero Norte"], garbage


def test_with_htmx_a_page_link_answers_with_the_requests_section_alone(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    fragment = shown(client, world.url() + "?page=2", **HTMX)
    assert fragment.lstrip().startswith('<section id="requests"') and "<html" not in fragment
    assert requested(fragment) == ["Naviera Austral"]
    # The forms of a later page post with it, and are answered with that page.
    commit = world.request_url("commit") + "?page=2"
    assert f'action="{commit}"' in fragment
    sent = client.post(commit, data=commit_form(), headers=HTMX)
    body = sent.get_data(as_text=True)
    assert sent.status_code == 200 and "Your contribution is committed." in body
    assert requested(body) == ["Naviera Austral"] and "Page 2 of 3" in body
