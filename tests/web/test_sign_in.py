"""Signing in and out, the session cookie, and the lock after ten wrong passwords."""

from __future__ import annotations

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account, sign_in
from web import create_app


def test_the_right_password_opens_the_workspace(client: FlaskClient,
                                                services: Services) -> None:
    _account, email = open_account(services, "officer")
    assert client.get("/workspace/").status_code == 302  # to the sign-in form
    signed = client.post("/login", data={"email": f" {email.upper()} ", "password": PASSWORD})
    assert signed.status_code == 303 and signed.headers["Location"] == "/workspace/"
    home = client.get("/workspace/").get_data(as_text=True)
    assert "Test Officer" in home and "agency officer" in home


def test_a_wrong_password_or_address_says_the_same_and_opens_nothing(
    client: FlaskClient, services: Services
) -> None:
    _account, email = open_account(services, "officer")
    wrong = client.post("/login", data={"email": email, "password": "not the password"})
    nobody = client.post("/login", data={"email": "nobody@example.org", "password": PASSWORD})
    for response in (wrong, nobody):
        assert response.status_code == 401
        assert "The e-mail address or the password is wrong." in response.get_data(as_text=True)
    assert client.get("/workspace/").status_code == 302


def test_the_sign_in_form_goes_back_to_the_page_asked_for_and_only_to_this_site(
    client: FlaskClient, services: Services
) -> None:
    _account, email = open_account(services, "auditor")
    asked = client.get("/workspace/")
    assert asked.headers["Location"] == "/login?next=%2Fworkspace%2F"
    back = client.post("/login", data={"email": email, "password": PASSWORD,
                                       "next": "/workspace/?tab=1"})
    assert back.headers["Location"] == "/workspace/?tab=1"
    client.post("/logout")
    away = client.post("/login", data={"email": email, "password": PASSWORD,
                                       "next": "https://evil.example/"})
    assert away.headers["Location"] == "/workspace/"


def test_signing_out_ends_the_session(client: FlaskClient, services: Services) -> None:
    sign_in(client, services, "officer")
    assert client.get("/workspace/").status_code == 200
    assert client.post("/logout").status_code == 303
    assert client.get("/workspace/").status_code == 302


def test_ten_wrong_passwords_lock_the_account_and_its_owner_recovers(
    client: FlaskClient, services: Services
) -> None:
    _account, email = open_account(services, "manager", "c-1")
    answers = [client.post("/login", data={"email": email, "password": "guess"}).status_code
               for _ in range(10)]
    assert answers == [401] * 9 + [429]  # the tenth wrong password locks
    locked = client.post("/login", data={"email": email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "locked until" in locked.get_data(as_text=True)
    services.marketplace.clock.advance(minutes=16)  # type: ignore[attr-defined]
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303


def test_an_officer_can_lift_the_lock_at_once(client: FlaskClient, services: Services) -> None:
    account, email = open_account(services, "member", "m-1")
    for _ in range(10):
        client.post("/login", data={"email": email, "password": "guess"})
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 429
    services.marketplace.unlock_account(account)
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303


def test_nine_wrong_passwords_then_the_right_one_start_the_count_again(
    client: FlaskClient, services: Services
) -> None:
    _account, email = open_account(services, "officer")
    for _ in range(9):
        client.post("/login", data={"email": email, "password": "guess"})
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    client.post("/logout")
    for _ in range(9):
        client.post("/login", data={"email": email, "password": "guess"})
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303


def test_the_session_cookie_is_httponly_lax_and_secure_outside_local_runs(
    services: Services,
) -> None:
    config = {k: v for k, v in TEST_CONFIG.items() if k != "SESSION_COOKIE_SECURE"}
    app = create_app(services=services, config=config)
    client = app.test_client()
    _account, email = open_account(services, "officer")
    signed = client.post("/login", data={"email": email, "password": PASSWORD},
                         base_url="https://localhost", headers={"Origin": "https://localhost"})
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    local = create_app(services=services, config=TEST_CONFIG).test_client()
    signed = local.post("/login", data={"email": email, "password": PASSWORD})
    assert "Secure" not in signed.headers["Set-Cookie"]


def test_an_auditor_can_read_but_every_change_is_refused(client: FlaskClient,
                                                         services: Services) -> None:
    sign_in(client, services, "auditor")
    assert client.get("/workspace/").status_code == 200
    refused = client.post("/consortia/anything/rfq", data={})
    assert refused.status_code == 403
    assert "Auditors can read everything and change nothing." in refused.get_data(as_text=True)
    assert client.post("/logout").status_code == 303  # leaving is the one thing allowed


def test_the_sign_in_form_is_rate_limited_per_address(services: Services) -> None:
    app = create_app(services=services, config={**TEST_CONFIG, "RATELIMIT_ENABLED": True,
                                                 "LOGIN_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    answers = [client.post("/login", data={"email": "x@example.org", "password": "guess"})
               .status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]
