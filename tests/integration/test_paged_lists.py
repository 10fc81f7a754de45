"""The desk's inbox and a member's open requests, a page at a time on both stores: the
database counts and cuts, in the order the pages show, through the read models' indexes."""

from __future__ import annotations

from datetime import timedelta

from domain.statuses import AWAITING, ENDED
from marketplace.bidding.queries import DeskSearch, inbox, inbox_count
from marketplace.bootstrap import Services
from marketplace.membership import queries as member_queries
from tests.story import form_consortium, request_quote


def names(rows: list[dict]) -> list[str]:
    return [row["organisation"] for row in rows]


def test_the_inbox_is_read_a_page_at_a_time_and_counted(services: Services) -> None:
    app = services.marketplace
    metal = form_consortium(app)
    bids = []
    for buyer in ("Yard A", "Yard B", "Yard C", "Yard D", "Yard E"):
        bids.append(request_quote(app, metal.consortium, organisation=buyer))
        app.clock.advance(days=1)
    app.decline_rfq(bids[1], "No capacity.")
    engine, mine = services.engine, {str(metal.consortium)}

    assert inbox_count(engine, mine, AWAITING) == 4
    assert names(inbox(engine, mine, AWAITING, limit=2)) == ["Yard A", "Yard C"]
    assert names(inbox(engine, mine, AWAITING, limit=2, offset=2)) == ["Yard D", "Yard E"]
    assert inbox(engine, mine, AWAITING, limit=2, offset=4) == []
    assert inbox_count(engine, mine, ENDED) == 1
    assert inbox_count(engine, mine, AWAITING, search=DeskSearch("yard d")) == 1
    assert inbox_count(engine, {str(form_consortium(app, "marine").consortium)}, AWAITING) == 0


def test_a_members_open_requests_are_read_a_page_at_a_time_and_counted(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    mine = formed.memberships[0]
    bids = []
    for number, buyer in enumerate(("Yard A", "Yard B", "Yard C")):
        bid = request_quote(app, formed.consortium, organisation=buyer)
        app.qualify_rfq(bid, "Fits.")
        app.request_contribution(bid, "design", mine,
                                 app.clock.now().date() + timedelta(days=10 - number))
        bids.append(bid)
    engine = services.engine

    assert member_queries.open_requests_count(engine, mine) == 3
    assert member_queries.open_requests_count(engine, formed.memberships[1]) == 0
    # Soonest due first: the last asked is due first.
    assert names(member_queries.open_requests(engine, mine, limit=2)) == ["Yard C", "Yard B"]
    assert names(member_queries.open_requests(engine, mine, limit=2, offset=2)) == ["Yard A"]
    [one] = member_queries.open_requests(engine, mine, bid_id=str(bids[0]), stage="design")
    assert one["organisation"] == "Yard A" and one["shared_answers"] == []
    # A typed address that names no request finds none, on PostgreSQL too.
    for bid_id, stage in ((str(bids[0]), "assembly"), ("not-an-id", "design"),
                          (str(bids[0]), "design\x00"), ("\x00", "design")):
        assert member_queries.open_requests(engine, mine, bid_id=bid_id, stage=stage) == []
