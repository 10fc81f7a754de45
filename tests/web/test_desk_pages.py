"""The desk's inbox a page at a time: each list counted, the most urgent first, plain links
between pages and the same links swapping the inbox alone with htmx."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from marketplace.bidding import queries
from marketplace.bootstrap import Services
from tests.story import Formed, form_consortium, request_quote
from tests.web.signin import sign_in
from tests.web.test_desk import page
from web.workspace.desk import inbox

BUYERS = ("Yard A", "Yard B", "Yard C", "Yard D", "Yard E")


@pytest.fixture
def manager(client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
            ) -> FlaskClient:
    monkeypatch.setattr(inbox, "PER_PAGE", 2)  # five RFQs make three pages
    formed: Formed = form_consortium(services.marketplace)
    for buyer in BUYERS:  # a day apart, so each answer is due a day after the one before
        request_quote(services.marketplace, formed.consortium, organisation=buyer)
        services.marketplace.clock.advance(days=1)
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def awaiting(html: str) -> list[str]:
    return re.findall(r'<tr class="desk-row[^"]*".*?>\s*<td><a[^>]*>([^<]+)</a>', html, re.S)


def links(html: str) -> dict[str, str]:
    """The pager's previous and next links of the inbox, by rel."""
    return {rel: href.replace("&amp;", "&")
            for rel, href in re.findall(r'rel="(prev|next)" href="([^"]+)"', html)}


def test_the_inbox_shows_a_page_of_each_list_with_its_count_most_urgent_first(
    manager: FlaskClient,
) -> None:
    html = page(manager, "/workspace/desk/")
    assert awaiting(html) == ["Yard A", "Yard B"]
    assert re.search(r'Awaiting an answer <span class="count">\(5\)</span>', html)
    assert re.search(r'Quoted and under contract <span class="count">\(0\)</span>', html)
    assert "Page 1 of 3" in html
    assert links(html) == {"next": "/workspace/desk/?page=2"}

    second = page(manager, "/workspace/desk/?page=2")
    assert awaiting(second) == ["Yard C", "Yard D"] and "Page 2 of 3" in second
    assert links(second) == {"prev": "/workspace/desk/", "next": "/workspace/desk/?page=3"}
    assert 'hx-target="#inbox"' in second


def test_past_the_last_page_shows_the_last_and_nonsense_shows_the_first(
    manager: FlaskClient,
) -> None:
    last = page(manager, "/workspace/desk/?page=99")
    assert awaiting(last) == ["Yard E"] and "Page 3 of 3" in last
    assert links(last) == {"prev": "/workspace/desk/?page=2"}
    for garbage in ("abc", "-1", "0", "2.5", "²", "9" * 40, "1e3", "%20", "%F0%9F%98%80"):
        html = page(manager, f"/workspace/desk/?page={garbage}")
        assert awaiting(html) == ["Yard A", "Yard B"], garbage
    page(manager, "/workspace/desk/?page=%00", 400)  # refused as every NUL is, never a 5xx


def test_with_htmx_a_page_link_answers_with_the_inbox_alone_keeping_the_search(
    manager: FlaskClient,
) -> None:
    fragment = page(manager, "/workspace/desk/?page=2&q=yard&show=all", htmx=True)
    assert "<html" not in fragment and fragment.lstrip().startswith(("{#", "<div", "\n", "<nav"))
    assert awaiting(fragment) == ["Yard C", "Yard D"]
    assert links(fragment) == {"prev": "/workspace/desk/?q=yard&show=all",
                               "next": "/workspace/desk/?q=yard&show=all&page=3"}
    # The fragment polls itself on the page it shows.
    assert 'hx-get="/workspace/desk/?q=yard&amp;show=all&amp;page=2"' in fragment
    # Searching counts what matches.
    found = page(manager, "/workspace/desk/?q=Yard%20D")
    assert awaiting(found) == ["Yard D"] and "Page 1 of" not in found
    assert re.search(r'Awaiting an answer <span class="count">\(1\)</span>', found)


def test_closed_rfqs_page_on_their_own_newest_first(
    manager: FlaskClient, services: Services,
) -> None:
    app = services.marketplace
    rows = queries.inbox(services.engine, None, ("requested",))
    for row in rows:  # decline all five, the most urgent first
        app.clock.advance(hours=1)
        app.decline_rfq(row["bid_id"], "No capacity.")
    html = page(manager, "/workspace/desk/?show=closed&closed_page=2")
    assert re.search(r'Closed RFQs <span class="count">\(5\)</span>', html)
    assert "Awaiting an answer" not in html and "Page 2 of 3" in html
    closed = re.findall(r'<tr data-bid="[^"]+">\s*<td><a[^>]*>([^<]+)</a>', html, re.S)
    assert closed == ["Yard C", "Yard B"]
    assert links(html) == {"prev": "/workspace/desk/?show=closed",
                           "next": "/workspace/desk/?show=closed&closed_page=3"}
