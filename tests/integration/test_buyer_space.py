"""Issue 13, item 6: the buyer's own space, signed in by a one-time link, on both stores.

The link is mailed, works once, for 15 minutes of the sessions' clock (not the
business's), and only its digest is stored. The list shows the RFQs of that address only;
a link sent again replaces the old one; erasing the person ends their access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.accounts.sessions import sessions
from marketplace.bidding.tokens import token_digest
from marketplace.bootstrap import Services, bootstrap
from marketplace.buyers.links import sign_in_links
from marketplace.buyers.queries import buyer_requests
from marketplace.outbox.tables import mail_outbox
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.integration.rawstore import dump
from tests.integration.test_outbox import Kept
from tests.integration.test_tokens_at_rest import stored_record, token_forms
from tests.story import form_consortium, quoted_bid, request_quote
from tests.web.conftest import TEST_CONFIG
from web import create_app

BUYER = "lucia@acero-mx.example"
OTHER = "compras@fjord.example"
SIGN_IN = re.compile(r"/buyer/sign-in/([A-Za-z0-9_-]{43})$", re.MULTILINE)
TRACKING = re.compile(r"/rfq/([A-Za-z0-9_-]{43})$", re.MULTILINE)


@pytest.fixture
def session_clock() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def business() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def built(store_url: str, session_clock: SteppingClock,
          business: SteppingClock) -> Iterator[Services]:
    services = bootstrap(store_url, clock=business, session_clock=session_clock)
    services.outbox.transport = Kept()
    yield services
    services.close()


@pytest.fixture
def web(built: Services) -> Flask:
    return create_app(services=built, config=TEST_CONFIG)


def mailed(services: Services, link: re.Pattern[str]) -> list[str]:
    """Send what is due; the tokens of the links every mail so far carried, in order."""
    services.outbox.send_due(services.marketplace.clock.now())
    kept = services.outbox.transport
    assert isinstance(kept, Kept)
    # The quote-ready mail carries the quotation's PDF: the text is the message's plain body.
    return [found for message in kept.messages
            for found in link.findall(message.get_body(("plain",)).get_content())]


def ask_link(client: FlaskClient, email: str = BUYER) -> None:
    answer = client.post("/buyer/", data={"email": email})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/buyer/?sent=1")


def signed_in(web: Flask, services: Services, email: str = BUYER) -> FlaskClient:
    client = web.test_client()
    ask_link(client, email)
    token = mailed(services, SIGN_IN)[-1]
    answer = client.post(f"/buyer/sign-in/{token}")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/buyer/requests")
    return client


def test_the_link_signs_in_once_and_opening_it_spends_nothing(built: Services,
                                                               web: Flask) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    client = web.test_client()
    ask_link(client)
    [token] = mailed(built, SIGN_IN)

    assert client.get(f"/buyer/sign-in/{token}").status_code == 200  # a mail scanner's visit
    assert client.post(f"/buyer/sign-in/{token}").status_code == 303
    page = client.get("/buyer/requests")
    assert page.status_code == 200 and "Metal Export Consortium" in page.get_data(as_text=True)
    again = web.test_client().post(f"/buyer/sign-in/{token}")
    assert again.status_code == 404
    assert "no longer works" in again.get_data(as_text=True)


def test_the_link_expires_after_15_minutes_of_the_sessions_clock(
        built: Services, web: Flask, session_clock: SteppingClock,
        business: SteppingClock) -> None:
    app = built.marketplace
    request_quote(app, form_consortium(app).consortium)
    client = web.test_client()
    ask_link(client)
    ask_link(client)
    first, second = mailed(built, SIGN_IN)
    business.advance(days=30)  # the business's time signs nobody in or out
    session_clock.advance(minutes=14, seconds=59)
    assert client.post(f"/buyer/sign-in/{first}").status_code == 303
    session_clock.advance(seconds=2)
    assert web.test_client().post(f"/buyer/sign-in/{second}").status_code == 404


def test_only_the_links_digest_is_stored(built: Services, web: Flask) -> None:
    app = built.marketplace
    request_quote(app, form_consortium(app).consortium)
    ask_link(web.test_client())
    [token] = mailed(built, SIGN_IN)
    with built.engine.connect() as conn:
        [row] = conn.execute(select(sign_in_links)).all()
    assert row.token_digest == token_digest(token)
    raw = dump(built)
    for form in token_forms(token):
        assert form not in raw, form
    assert BUYER.encode() not in bytes(row.buyer_key, "ascii")
    # The mail went: the sealed token it was rendered from went with it.
    newest = app.vault.find_by_email(BUYER)[-1]
    assert set(stored_record(built, newest) or {}) == {"name", "email", "language"}


def test_the_list_shows_the_rfqs_of_that_address_only(built: Services, web: Flask) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    marine = form_consortium(app, slug="marine")
    quoted = quoted_bid(app, formed)
    request_quote(app, marine.consortium, contact_email=" LUCIA@acero-mx.example",
                  organisation="Golfo Offshore")
    request_quote(app, formed.consortium, contact_email=OTHER, organisation="Fjord Verft")
    client = signed_in(web, built)

    page = client.get("/buyer/requests").get_data(as_text=True)
    assert "Golfo Offshore" in page and "Astillero del Golfo" in page
    assert "Fjord Verft" not in page
    assert "Quote ready" in page and "Request received" in page  # the tracking page's words
    key = built.marketplace.vault.digest_of(BUYER)
    rows = buyer_requests(built.engine, app.vault, key)
    assert {row["bid_id"] for row in rows} >= {str(quoted)} and len(rows) == 2
    quote = next(row for row in rows if row["bid_id"] == str(quoted))
    assert quote["quote_price"] is not None and quote["quote_valid_until"] is not None
    assert quote["reference"] and quote["reference"] in page


def test_a_link_sent_again_replaces_the_old_one(built: Services, web: Flask) -> None:
    app = built.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    [old] = mailed(built, TRACKING)
    client = signed_in(web, built)
    assert client.get(f"/rfq/{old}").status_code == 200

    answer = client.post(f"/buyer/requests/{bid}/resend")
    assert answer.status_code == 303
    new = mailed(built, TRACKING)[-1]
    assert new != old
    for _replayed in (False, True):
        assert client.get(f"/rfq/{old}").status_code == 404
        assert client.get(f"/api/v1/rfqs/{old}").status_code == 404
        assert client.get(f"/rfq/{new}").status_code == 200
        built.projector.rebuild()  # the read models replayed from the events say the same
    with built.engine.connect() as conn:
        kinds = list(conn.execute(select(mail_outbox.c.kind)).scalars())
    assert "tracking_link_resent" in kinds
    assert type(app.get_bid(bid)).__name__ == "Bid"
    assert app.get_bid(bid).tracking == token_digest(new)


def test_another_buyers_rfq_cannot_be_sent_again(built: Services, web: Flask) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    theirs = request_quote(app, formed.consortium, contact_email=OTHER)
    [_mine, their_link] = mailed(built, TRACKING)
    client = signed_in(web, built)
    assert client.post(f"/buyer/requests/{theirs}/resend").status_code == 404
    assert web.test_client().get(f"/rfq/{their_link}").status_code == 200


def test_erasing_the_person_ends_their_access(built: Services, web: Flask) -> None:
    app = built.marketplace
    request_quote(app, form_consortium(app).consortium)
    client = signed_in(web, built)
    ask_link(web.test_client())
    unused = mailed(built, SIGN_IN)[-1]
    assert client.get("/buyer/requests").status_code == 200

    app.erase_personal_data(BUYER, "The buyer asked.")

    answer = client.get("/buyer/requests")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/buyer/")
    with built.engine.connect() as conn:
        assert conn.execute(select(sessions).where(
            sessions.c.account_id.like("b:%"))).all() == []
    assert web.test_client().post(f"/buyer/sign-in/{unused}").status_code == 404
    assert buyer_requests(built.engine, app.vault, app.vault.digest_of(BUYER)) == []
    ask_link(web.test_client())  # asks alike, and no mail goes any more
    assert len(mailed(built, SIGN_IN)) == 2  # the two asked before the erasure, no third


def test_known_and_unknown_addresses_get_the_same_answer(built: Services, web: Flask) -> None:
    app = built.marketplace
    request_quote(app, form_consortium(app).consortium)
    known, unknown = web.test_client(), web.test_client()
    answers = [client.post("/buyer/", data={"email": email})
               for client, email in ((known, BUYER), (unknown, "nobody@nowhere.example"))]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    pages = [client.get(a.headers["Location"]).get_data(as_text=True)
             for client, a in zip((known, unknown), answers, strict=True)]
    strip = re.compile(r"[\w-]+\.[\w-]{6}\.[\w-]{27}")  # each client's own CSRF token
    assert strip.sub("", pages[0]) == strip.sub("", pages[1])
    assert len(mailed(built, SIGN_IN)) == 1  # the known address's only
    assert web.test_client().post("/buyer/", data={"email": "not an address"}).status_code \
        == 422


def test_a_buyers_session_ends_as_a_staff_session_does(
        built: Services, web: Flask, session_clock: SteppingClock) -> None:
    app = built.marketplace
    request_quote(app, form_consortium(app).consortium)
    idle = app.sessions.idle
    client = signed_in(web, built)
    session_clock.advance(seconds=idle.total_seconds() - 60)
    assert client.get("/buyer/requests").status_code == 200
    session_clock.advance(seconds=idle.total_seconds() + 1)
    assert client.get("/buyer/requests").status_code == 302  # idle too long: ask again

    client = signed_in(web, built)
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert client.post("/logout").status_code == 303
    thief = web.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/buyer/requests").status_code == 302  # signing out ended it
    with built.engine.connect() as conn:
        assert conn.execute(select(sessions).where(
            sessions.c.account_id.like("b:%"))).all() == []


def test_asking_for_links_is_limited_like_signing_in(built: Services) -> None:
    client = create_app(services=built, config={
        **TEST_CONFIG, "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute",
    }).test_client()
    answers = [client.post("/buyer/", data={"email": BUYER}).status_code for _ in range(3)]
    assert answers == [303, 303, 429]


def test_the_sign_in_mail_speaks_the_language_of_the_latest_rfq(built: Services,
                                                               web: Flask) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium, language="de")
    request_quote(app, formed.consortium, language="fr")
    request_quote(app, formed.consortium, contact_email=OTHER)  # none from this buyer
    web.test_client().post("/buyer/", data={"email": BUYER},
                           headers={"Accept-Language": "es"})
    built.outbox.send_due(app.clock.now())
    kept = built.outbox.transport
    assert isinstance(kept, Kept)
    [mail] = [m for m in kept.messages if SIGN_IN.search(m.get_body(("plain",)).get_content())]
    assert mail["Subject"] == "Votre lien pour accéder à vos demandes"
