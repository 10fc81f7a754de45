"""The buyer's private tracking page: its own request only, the quote, accept and decline."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bidding import queries as bid_queries
from marketplace.bidding.tokens import is_token
from marketplace.bootstrap import Services
from tests.story import Formed, form_consortium, submit_full_quote
from tests.web.rfq_helpers import log_position, typed_form


@pytest.fixture
def metal(services: Services) -> Formed:
    return form_consortium(services.marketplace, slug="metal")


def _send(client: FlaskClient, services: Services, **overrides: object) -> str:
    """Send an RFQ through the form; returns its tracking path."""
    response = client.post("/consortia/metal/rfq", data=typed_form(services, **overrides))
    assert response.status_code == 303
    return response.headers["Location"]


def _quoted(client: FlaskClient, services: Services, formed: Formed) -> str:
    """An RFQ for every stage, sent by the form and quoted by the manager."""
    path = _send(client, services, stages=["design", "engineering", "manufacturing",
                                           "logistics", "installation"])
    [bid] = bid_queries.list_bids(services.engine)
    submit_full_quote(services.marketplace, formed, bid["bid_id"])
    return path


# A well-formed token nobody holds, and links that are not even tokens.
UNKNOWN = "Qx7" + "A" * 40


@pytest.mark.parametrize("token", [UNKNOWN, "short", "x" * 43 + "!", "a" * 200, "%00"])
def test_a_link_that_is_not_a_request_answers_404_with_no_data(
        client: FlaskClient, services: Services, metal: Formed, token: str) -> None:
    _send(client, services)
    assert is_token(UNKNOWN)
    # A NUL in the address is refused whole, before any lookup (web/security.py).
    expected = 400 if token == "%00" else 404
    response = client.get(f"/rfq/{token}")
    assert response.status_code == expected
    assert "Astillero" not in response.get_data(as_text=True)
    assert client.post(f"/rfq/{token}/accept", data={"confirm": "yes"}).status_code == expected


def test_a_link_shows_its_own_request_and_never_another_buyer_s(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    first = _send(client, services)
    second = _send(client, services, organisation="Nordic Offshore AS", country="NO",
                   unit="towers", specification="Two transition pieces.")
    mine = client.get(first).get_data(as_text=True)
    theirs = client.get(second).get_data(as_text=True)
    assert "Astillero del Golfo" in mine and "Nordic Offshore AS" not in mine
    assert "Two transition pieces." not in mine and "Mexico" in mine
    assert "Nordic Offshore AS" in theirs and "Astillero del Golfo" not in theirs
    assert "Norway" in theirs and "4 towers" in theirs


def test_the_quote_names_the_firms_but_never_their_prices(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    page = client.get(path).get_data(as_text=True)
    assert "€440,000.00" in page and "Quote ready" in page and "120 days" in page
    assert "Metal Firm 2" in page and "Metal Firm 3" in page
    for internal in ("250,000", "250000", "€60,000", "€20,000", "€30,000", "€40,000", "60 days"):
        assert internal not in page
    assert 'action="/rfq/' in page and 'name="confirm"' in page and "hx-confirm=" in page


def test_accepting_a_valid_quote_shows_it_in_the_timeline(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    before = log_position(services)
    unticked = client.post(f"{path}/accept", data={})
    assert unticked.status_code == 422 and "Tick the box" in unticked.get_data(True)
    assert log_position(services) == before
    response = client.post(f"{path}/accept", data={"confirm": "yes"})
    assert response.status_code == 303 and response.headers["Location"] == path
    page = client.get(path).get_data(as_text=True)
    assert "You accepted the quote" in page
    assert bid_queries.list_bids(services.engine)[0]["status"] == "accepted"
    again = client.post(f"{path}/accept", data={"confirm": "yes"})
    assert again.status_code == 409


def test_an_expired_quote_cannot_be_accepted_and_says_so(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    services.marketplace.clock.advance(days=46)  # the quote was valid for 45 days
    page = client.get(path).get_data(as_text=True)
    assert "This quote expired on" in page and 'name="confirm"' not in page
    before = log_position(services)
    response = client.post(f"{path}/accept", data={"confirm": "yes"})
    assert response.status_code == 409
    assert "This quote expired on" in response.get_data(as_text=True)
    assert log_position(services) == before
    assert bid_queries.list_bids(services.engine)[0]["status"] == "quoted"


def test_the_last_day_of_validity_still_accepts(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    services.marketplace.clock.advance(days=45)
    assert client.post(f"{path}/accept", data={"confirm": "yes"}).status_code == 303


def test_declining_with_a_reason_or_without(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    too_long = client.post(f"{path}/decline", data={"confirm": "yes", "reason": "r" * 1001})
    assert too_long.status_code == 422 and "Use at most 1,000" in too_long.get_data(True)
    response = client.post(f"{path}/decline",
                           data={"confirm": "yes", "reason": "A <b>local</b> yard was cheaper"})
    assert response.status_code == 303
    page = client.get(path).get_data(as_text=True)
    assert "You declined the quote" in page and "A &lt;b&gt;local&lt;/b&gt; yard" in page
    assert 'name="confirm"' not in page


def test_declining_without_a_reason_records_a_default(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    path = _quoted(client, services, metal)
    assert client.post(f"{path}/decline", data={"confirm": "yes"}).status_code == 303
    assert "Declined by the buyer" in client.get(path).get_data(as_text=True)


def test_htmx_answers_reload_the_page(client: FlaskClient, services: Services,
                                      metal: Formed) -> None:
    path = _quoted(client, services, metal)
    response = client.post(f"{path}/accept", data={"confirm": "yes"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == path
    refused = client.post(f"{path}/accept", data={"confirm": "yes"},
                          headers={"HX-Request": "true"})
    assert refused.status_code == 409 and refused.headers["HX-Redirect"] == path
    assert "This quote can no longer be answered." in client.get(path).get_data(as_text=True)


def test_a_consortium_s_decline_shows_its_reason(client: FlaskClient, services: Services,
                                                  metal: Formed) -> None:
    path = _send(client, services)
    [bid] = bid_queries.list_bids(services.engine)
    services.marketplace.clock.advance(days=1)
    services.marketplace.decline_rfq(bid["bid_id"], "Our yard is full until 2026.")
    page = client.get(path).get_data(as_text=True)
    assert "Declined by the consortium" in page and "Our yard is full until 2026." in page
    assert page.index("Request received") < page.index("Declined by the consortium")
    assert "The quote" not in page
