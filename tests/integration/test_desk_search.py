"""The desk's search on both stores: RFQs that ended are listed apart, and found by
reference, buyer organisation or country, with LIKE's wildcards taken as typed."""

from __future__ import annotations

from domain.statuses import AWAITING, ENDED
from marketplace.bidding.queries import DeskSearch, desk_countries, inbox
from marketplace.bootstrap import Services
from tests.story import form_consortium, request_quote


def names(rows: list[dict]) -> list[str]:
    return [row["organisation"] for row in rows]


def test_the_desk_finds_rfqs_by_reference_organisation_and_country(services: Services) -> None:
    app = services.marketplace
    metal = form_consortium(app)
    marine = form_consortium(app, "marine")
    gone = request_quote(app, metal.consortium, organisation="Naval Sur", country="CL")
    app.decline_rfq(gone, "No capacity.")
    golfo = request_quote(app, metal.consortium, organisation="Astillero del Golfo")
    request_quote(app, metal.consortium, organisation="Nordic 100% Yards", country="NO")
    request_quote(app, marine.consortium, organisation="Naval Norte", country="CL")
    engine, mine = services.engine, {str(metal.consortium)}

    assert names(inbox(engine, mine, ENDED)) == ["Naval Sur"]
    assert "Naval Sur" not in names(inbox(engine, mine, AWAITING))
    assert names(inbox(engine, mine, AWAITING, search=DeskSearch("NAVAL"))) == []
    assert names(inbox(engine, None, AWAITING, search=DeskSearch("naval"))) == ["Naval Norte"]
    assert names(inbox(engine, mine, ENDED, search=DeskSearch(country="cl"))) == ["Naval Sur"]
    assert names(inbox(engine, mine, AWAITING, search=DeskSearch(country="NO"))) == [
        "Nordic 100% Yards"]
    assert names(inbox(engine, mine, AWAITING, search=DeskSearch("0% y"))) == [
        "Nordic 100% Yards"]
    assert names(inbox(engine, mine, AWAITING, search=DeskSearch("%"))) == [
        "Nordic 100% Yards"]  # a wildcard is a character like any other
    reference = app.get_bid(golfo).reference
    assert names(inbox(engine, mine, AWAITING, search=DeskSearch(reference.lower()))) == [
        "Astillero del Golfo"]
    assert len(inbox(engine, mine, AWAITING, limit=1)) == 1
    assert desk_countries(engine, mine) == ["CL", "MX", "NO"]
    assert desk_countries(engine, {str(marine.consortium)}) == ["CL"]
