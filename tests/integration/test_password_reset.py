"""Issue 16, item 5: a forgotten password reset by a one-time mailed link, and the account
an appointed manager gets, on both stores.

The link works once, for 30 minutes of the sessions' clock (not the business's); only its
digest is stored; asking answers the same whether or not the address has an account;
the new password ends the account's sessions; accepting an invitation and resetting a
password are events holding no secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.utils import parseaddr

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from domain.account import Account
from domain.errors import AccountClosedError
from marketplace.accounts.resets import reset_links
from marketplace.bidding.tokens import token_digest
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.integration.rawstore import dump
from tests.integration.test_outbox import Kept
from tests.integration.test_tokens_at_rest import token_forms
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from web import create_app

RESET = re.compile(r"/password/reset/([A-Za-z0-9_-]{43})$", re.MULTILINE)
INVITED = re.compile(r"/password/set/([A-Za-z0-9_-]{43})$", re.MULTILINE)
NEW = "a brand new passphrase"


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


def mailed(services: Services, link: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """Send what is due; (address, subject, token) of every mail so far with such a link."""
    services.outbox.send_due(services.marketplace.clock.now())
    kept = services.outbox.transport
    assert isinstance(kept, Kept)
    return [(parseaddr(str(m["To"]))[1], str(m["Subject"]), found) for m in kept.messages
            for found in link.findall(m.get_body(("plain",)).get_content())]


# What differs between any two pages: the per-response CSP nonce and the CSRF token.
PER_RESPONSE = re.compile(r'(nonce|value)="[^"]*"|"X-CSRFToken": "[^"]*"')


def ask(client: FlaskClient, email: str) -> tuple[int, str, str]:
    answer = client.post("/password/forgot", data={"email": email}, follow_redirects=False)
    page = client.get(answer.headers.get("Location", "/password/forgot"))
    return (answer.status_code, answer.headers.get("Location", ""),
            PER_RESPONSE.sub("", page.get_data(as_text=True)))


def signed_in(web: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    client = web.test_client()
    assert client.post("/login", data={"email": email, "password": password}
                       ).status_code == 303
    return client


def event_names(services: Services, account_id: object) -> list[str]:
    return [e["type"].rpartition(".")[2] for e in services.marketplace.history(account_id)]


def test_asking_answers_the_same_whether_or_not_the_address_has_an_account(
        built: Services, web: Flask) -> None:
    _account, email = open_account(built, "officer")
    known = ask(web.test_client(), email)
    unknown = ask(web.test_client(), "nobody-here@example.org")
    assert known == unknown
    assert known[0] == 303 and "a link to choose a new password is on its way" in known[2]
    assert [address for address, _s, _t in mailed(built, RESET)] == [email]


def test_the_link_resets_once_ends_the_sessions_and_is_an_event(
        built: Services, web: Flask) -> None:
    account, email = open_account(built, "manager", str(form_consortium(built.marketplace)
                                                         .consortium))
    elsewhere = signed_in(web, email)
    assert elsewhere.get("/workspace/").status_code == 200
    ask(web.test_client(), email)
    [(_to, subject, token)] = mailed(built, RESET)
    assert subject == "Your link to choose a new password"

    person = web.test_client()
    form = person.get(f"/password/reset/{token}")
    assert form.status_code == 200  # opening spends nothing
    page = form.get_data(as_text=True)
    assert "<h1>Choose a new password</h1>" in page and f'action="/password/reset/{token}"' in page
    assert person.get(f"/password/reset/{token}").headers["Referrer-Policy"] == "no-referrer"
    answer = person.post(f"/password/reset/{token}", data={"password": NEW, "confirm": NEW})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/workspace/")
    assert person.get("/workspace/").status_code == 200  # signed in here
    assert elsewhere.get("/workspace/").status_code == 302  # and nowhere else
    # The old password opens nothing; the new one does.
    assert web.test_client().post("/login", data={"email": email, "password": PASSWORD}
                                  ).status_code == 401
    signed_in(web, email, NEW)
    # Single use: the link, posted again, changes nothing and says so.
    again = web.test_client().post(f"/password/reset/{token}",
                                   data={"password": "the thief's password",
                                         "confirm": "the thief's password"})
    assert again.status_code == 410 and "used already" in again.get_data(as_text=True)
    signed_in(web, email, NEW)
    # The reset is in the log, once, and neither the token nor the password is.
    assert event_names(built, account).count("PasswordReset") == 1
    raw = dump(built)
    for form in token_forms(token):
        assert form not in raw, form
    assert NEW.encode() not in raw


def test_the_link_expires_after_30_minutes_of_the_sessions_clock(
        built: Services, web: Flask, session_clock: SteppingClock,
        business: SteppingClock) -> None:
    _account, email = open_account(built, "auditor")
    ask(web.test_client(), email)
    ask(web.test_client(), email)
    (_a, _s, first), (_b, _t, second) = mailed(built, RESET)
    business.advance(days=30)  # the business's time expires no link
    session_clock.advance(minutes=29, seconds=59)
    assert web.test_client().get(f"/password/reset/{first}").status_code == 200
    session_clock.advance(seconds=2)
    expired = web.test_client().post(f"/password/reset/{second}",
                                     data={"password": NEW, "confirm": NEW})
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    signed_in(web, email)  # the password stayed


def test_only_the_links_digest_is_stored_and_the_mail_speaks_the_persons_language(
        built: Services, web: Flask) -> None:
    app = built.marketplace
    app.invite_account(name="Lucía Pérez", email="lucia@metal.example",
                       grants=[("auditor", "")], language="es")
    ask(web.test_client(), "Lucia@Metal.example ")
    [(to, subject, token)] = mailed(built, RESET)
    assert to == "lucia@metal.example"
    assert subject == "Su enlace para elegir una contraseña nueva"
    with built.engine.connect() as conn:
        [row] = conn.execute(select(reset_links)).all()
    assert row.token_digest == token_digest(token)
    for form in token_forms(token):
        assert form not in dump(built), form
    # Reset before the invitation was used: the invitation's link dies with it.
    [(_to, _subject, invited)] = mailed(built, INVITED)
    web.test_client().post(f"/password/reset/{token}", data={"password": NEW, "confirm": NEW})
    assert web.test_client().get(f"/password/set/{invited}").status_code == 410


@pytest.mark.parametrize("token", ["A" * 43, "not-a-token", "x" * 300, "%C3%A9"])
def test_a_garbage_link_gets_a_clear_page(web: Flask, token: str) -> None:
    for answer in (web.test_client().get(f"/password/reset/{token}"),
                   web.test_client().post(f"/password/reset/{token}",
                                          data={"password": NEW, "confirm": NEW})):
        assert answer.status_code == 404
        assert "not one we sent" in answer.get_data(as_text=True)


def test_a_closed_account_gets_no_link_and_its_links_stop(built: Services, web: Flask) -> None:
    account, email = open_account(built, "auditor")
    ask(web.test_client(), email)
    [(_to, _subject, token)] = mailed(built, RESET)
    built.marketplace.close_account(account)
    assert web.test_client().get(f"/password/reset/{token}").status_code == 404
    ask(web.test_client(), email)
    assert len(mailed(built, RESET)) == 1  # nothing more was sent


def test_accepting_an_invitation_is_an_event_without_the_secret(
        built: Services, web: Flask) -> None:
    account = built.marketplace.invite_account(name="Eva Sanz", email="eva@metal.example",
                                               grants=[("auditor", "")])
    [(_to, _subject, token)] = mailed(built, INVITED)
    web.test_client().post(f"/password/set/{token}", data={"password": NEW, "confirm": NEW})
    assert event_names(built, account) == ["Opened", "Invited", "InvitationAccepted"]
    for notification in built.marketplace.recorder.select_notifications(1, 10_000):
        assert token.encode() not in notification.state
        assert NEW.encode() not in notification.state


def test_an_appointed_manager_with_no_account_is_invited_and_one_with_an_account_is_granted(
        built: Services) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    app.appoint_manager(formed.consortium, name="Marta Gil", email="marta@metal.example",
                        language="fr")
    [(to, subject, _token)] = mailed(built, INVITED)
    assert to == "marta@metal.example"
    assert subject == "Invitation à l'espace de travail des consortiums d'exportation"
    invited = app.passwords.account_for("marta@metal.example")
    assert app.get_account(invited).grants == [{"role": "manager",
                                                "scope": str(formed.consortium)}]
    existing, email = open_account(built, "auditor")
    app.appoint_manager(formed.consortium, name="Test Auditor", email=email, language="en")
    assert {"role": "manager", "scope": str(formed.consortium)} in \
        app.get_account(existing).grants
    assert len(mailed(built, INVITED)) == 1  # no invitation for an account that exists
    assert "RoleGranted" in event_names(built, existing)
    assert isinstance(app.get_account(existing), Account)


def test_a_manager_cannot_be_appointed_with_the_address_of_a_closed_account(
        built: Services) -> None:
    app = built.marketplace
    formed = form_consortium(app)
    account, email = open_account(built, "auditor")
    app.close_account(account)
    before = app.get_consortium(formed.consortium).version
    with pytest.raises(AccountClosedError) as refused:
        app.appoint_manager(formed.consortium, name="Test Auditor", email=email, language="en")
    assert "is closed; appoint the manager with another address" in str(refused.value)
    assert app.get_consortium(formed.consortium).version == before  # nothing recorded
