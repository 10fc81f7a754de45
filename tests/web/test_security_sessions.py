"""Session renewal at sign-in, rate limits on sign-in and the RFQ form, no tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.settings import Settings
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.production_env import production_settings
from tests.web.rfq_helpers import log_position, typed_form
from tests.web.signin import PASSWORD, open_account
from web import create_app
from web.authz import public

FORM = "/consortia/metal/rfq"
LIMITED = {**TEST_CONFIG, "RATELIMIT_ENABLED": True}


def test_signing_in_drops_everything_planted_in_the_session_before(
    client: FlaskClient, services: Services
) -> None:
    _account, email = open_account(services, "officer")
    with client.session_transaction() as planted:
        planted["planted"] = "by someone else"
        planted["csrf_token"] = "a token the attacker knows"
    signed = client.post("/login", data={"email": email, "password": PASSWORD})
    assert signed.status_code == 303
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("csrf_token") != "a token the attacker knows"
        assert after["_user_id"]  # and the person is signed in


def test_signing_out_leaves_nothing_of_the_session(client: FlaskClient,
                                                   services: Services) -> None:
    _account, email = open_account(services, "officer")
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    with client.session_transaction() as signed_in:
        signed_in["left_over"] = "from the signed-in session"
    assert client.post("/logout").status_code == 303
    with client.session_transaction() as after:
        assert "left_over" not in after
        assert "_user_id" not in after


def test_the_csrf_token_of_the_sign_in_form_is_not_the_signed_in_one(
    services: Services,
) -> None:
    app = create_app(services=services, config={**TEST_CONFIG, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    _account, email = open_account(services, "officer")
    form = client.get("/login").get_data(as_text=True)
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    with client.session_transaction() as before:
        raw_before = before["csrf_token"]
    signed = client.post("/login", data={"email": email, "password": PASSWORD,
                                         "csrf_token": token})
    assert signed.status_code == 303
    client.get("/workspace/")  # a signed-in page makes a token of its own
    with client.session_transaction() as after:
        assert after["csrf_token"] != raw_before
    # The token of the form from before the sign-in no longer sends anything.
    stale = client.post("/logout", data={"csrf_token": token})
    assert stale.status_code == 400


def test_sign_in_posts_are_limited_per_client_address(services: Services) -> None:
    client = create_app(services=services,
                        config={**LIMITED, "LOGIN_RATE_LIMIT": "2 per minute"}).test_client()
    wrong = {"email": "x@example.org", "password": "guess"}
    answers = [client.post("/login", data=wrong).status_code for _ in range(3)]
    assert answers == [401, 401, 429]
    limited = client.post("/login", data=wrong)
    assert "Too many requests from your address" in limited.get_data(as_text=True)
    assert client.get("/login").status_code == 200  # reading the form is not limited
    other = client.post("/login", data=wrong, environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert other.status_code == 401  # another address has a count of its own


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_address(
    services: Services,
) -> None:
    config = {**LIMITED, "LOGIN_RATE_LIMIT": "1 per minute", "PROXY_HOPS": 1}
    client = create_app(services=services, config=config).test_client()
    wrong = {"email": "x@example.org", "password": "guess"}

    def from_address(address: str) -> int:
        return client.post("/login", data=wrong,
                           headers={"X-Forwarded-For": address}).status_code

    assert [from_address("203.0.113.1"), from_address("203.0.113.1")] == [401, 429]
    assert from_address("203.0.113.2") == 401  # the proxy's own address is not the key


def test_without_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_limit(
    services: Services,
) -> None:
    client = create_app(services=services, config={**LIMITED, "LOGIN_RATE_LIMIT": "1 per minute",
                                                   "PROXY_HOPS": 0}).test_client()
    wrong = {"email": "x@example.org", "password": "guess"}

    def claiming(address: str) -> int:
        return client.post("/login", data=wrong,
                           headers={"X-Forwarded-For": address}).status_code

    # Each post claims another client; with no proxy trusted, all count as the one that sent it.
    assert [claiming("203.0.113.1"), claiming("203.0.113.2"), claiming("203.0.113.3")] == \
        [401, 429, 429]


def test_the_sign_in_limit_comes_from_the_environment(services: Services) -> None:
    assert create_app(services=services, config=TEST_CONFIG, settings=Settings.from_env({})
                      ).config["LOGIN_RATE_LIMIT"] == "10 per minute"
    limited = Settings.from_env({"CONSORTIA_LOGIN_RATE_LIMIT": "5 per hour"})
    assert create_app(services=services, config=TEST_CONFIG, settings=limited
                      ).config["LOGIN_RATE_LIMIT"] == "5 per hour"


@pytest.fixture
def rfq_services(tmp_path: Path) -> Iterator[Services]:
    built = bootstrap(f"sqlite:///{tmp_path / 'rfq.db'}", clock=SteppingClock(START))
    form_consortium(built.marketplace, slug="metal")
    yield built
    built.close()


def test_the_rfq_form_and_sign_in_are_limited_each_on_its_own(rfq_services: Services) -> None:
    config = {**LIMITED, "RFQ_RATE_LIMIT": "1 per minute", "LOGIN_RATE_LIMIT": "1 per minute"}
    client = create_app(services=rfq_services, config=config).test_client()
    assert client.post(FORM, data=typed_form(rfq_services)).status_code == 303
    before = log_position(rfq_services)
    second = client.post(FORM, data=typed_form(rfq_services))
    assert second.status_code == 429
    assert "Too many requests from your address" in second.get_data(as_text=True)
    assert log_position(rfq_services) == before  # nothing of the refused RFQ was stored
    # The RFQs did not use up the sign-in count.
    assert client.post("/login", data={"email": "x@example.org", "password": "g"}
                       ).status_code == 401


def _failing_app(services: Services) -> Flask:
    """An app in production mode with routes that fail as a bug would."""
    app = create_app(services=services, config={"RATELIMIT_ENABLED": False},
                     settings=production_settings())
    assert not app.debug and not app.testing and not app.config["PROPAGATE_EXCEPTIONS"]

    def broken() -> str:
        raise RuntimeError("password=hunter2 at /srv/consortia/marketplace/secret.py")

    def aborted() -> str:
        abort(500)

    app.add_url_rule("/broken", "broken", public(broken))
    app.add_url_rule("/api/v1/broken", "api_broken", public(broken))
    app.add_url_rule("/aborted", "aborted", public(aborted))
    return app


@pytest.mark.parametrize("path", ["/broken", "/api/v1/broken", "/aborted"])
def test_an_unexpected_error_never_shows_a_traceback(services: Services, path: str) -> None:
    response = _failing_app(services).test_client().get(path)
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "hunter2", "secret.py", 'File "'):
        assert leak not in text
    assert "Something went wrong on our side" in text
    if path.startswith("/api/"):
        assert response.mimetype == "application/problem+json"
        assert set(response.get_json()) == {"type", "title", "status", "detail", "error"}
    else:
        assert response.mimetype == "text/html"
        assert "Content-Security-Policy" in response.headers  # error pages are covered too
