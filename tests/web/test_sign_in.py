"""Signing in and out, the session cookie, and the growing waits after wrong passwords."""

from __future__ import annotations

import re
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from marketplace.accounts.throttle import FREE_TRIES_PER_ADDRESS
from marketplace.bootstrap import Services
from tests.argon2_work import Verifications, cheapen
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


CSRF_TOKEN = re.compile(r'(X-CSRFToken": "|name="csrf_token" value=")[^"]+')


def _post(client: FlaskClient, email: str, password: str, address: str = "192.0.2.1",
          **headers: str) -> TestResponse:
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def test_wrong_passwords_make_their_client_wait_and_never_stop_the_owner(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheapen(monkeypatch)
    _account, email = open_account(services, "manager", str(UUID(int=1)))
    answers = [_post(client, email, "guess").status_code
               for _ in range(FREE_TRIES_PER_ADDRESS)]
    assert answers == [401] * FREE_TRIES_PER_ADDRESS
    waiting = _post(client, email, PASSWORD)  # the right one, but this client waits first
    assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "60"
    text = waiting.get_data(as_text=True)
    assert "Too many attempts from here; try again in 1 minute." in text
    assert "lock" not in text.lower()
    # The owner, from a client that has not failed, is not stopped at all.
    assert _post(client, email, PASSWORD, "198.51.100.7").status_code == 303
    client.post("/logout")
    services.marketplace.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert _post(client, email, PASSWORD).status_code == 303


def test_the_waits_grow_and_say_how_long(client: FlaskClient, services: Services,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cheapen(monkeypatch)
    _account, email = open_account(services, "officer")
    for _ in range(FREE_TRIES_PER_ADDRESS):
        _post(client, email, "guess")
    services.marketplace.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert _post(client, email, "guess").status_code == 401
    services.marketplace.clock.advance(seconds=30)  # type: ignore[attr-defined]
    waiting = _post(client, email, PASSWORD)
    assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "90"
    assert "try again in 2 minutes." in waiting.get_data(as_text=True)


def _same_token(page: str) -> str:
    # The form's CSRF token is signed with the second it was made in.
    return CSRF_TOKEN.sub(r"\1TOKEN", page)


def test_known_and_unknown_addresses_answer_alike_on_the_web(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheapen(monkeypatch)
    _account, known = open_account(services, "officer")
    unknown = "nobody-at-all@example.org"  # as long as the known address, for the page

    def answers(email: str, address: str) -> list[tuple[int, str, str | None, int]]:
        argon2 = Verifications(monkeypatch)
        seen = []
        for _ in range(FREE_TRIES_PER_ADDRESS + 1):
            response = _post(client, email, "not the password", address)
            seen.append((response.status_code,
                         _same_token(response.get_data(as_text=True)).replace(email, "EMAIL"),
                         response.headers.get("Retry-After"), argon2.take()))
        return seen

    seen = answers(known, "192.0.2.1")
    assert [step[0] for step in seen] == [401] * FREE_TRIES_PER_ADDRESS + [429]
    assert [step[3] for step in seen] == [1] * FREE_TRIES_PER_ADDRESS + [0]
    assert answers(unknown, "192.0.2.2") == seen


def test_behind_a_trusted_proxy_each_forwarded_client_waits_on_its_own(
    services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheapen(monkeypatch)
    _account, email = open_account(services, "auditor")
    client = create_app(services=services, config={**TEST_CONFIG, "PROXY_HOPS": 1}
                        ).test_client()
    # Both come through the same proxy (REMOTE_ADDR); it names each client it forwards.
    for _ in range(FREE_TRIES_PER_ADDRESS):
        _post(client, email, "guess", "10.0.0.1", **{"X-Forwarded-For": "203.0.113.1"})
    proxied = {"X-Forwarded-For": "203.0.113.1"}
    assert _post(client, email, PASSWORD, "10.0.0.1", **proxied).status_code == 429
    other = {"X-Forwarded-For": "203.0.113.2"}
    assert _post(client, email, PASSWORD, "10.0.0.1", **other).status_code == 303


def test_without_a_trusted_proxy_a_forged_forwarded_address_escapes_no_wait(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheapen(monkeypatch)
    _account, email = open_account(services, "auditor")
    for n in range(FREE_TRIES_PER_ADDRESS):
        _post(client, email, "guess", **{"X-Forwarded-For": f"203.0.113.{n}"})
    forged = {"X-Forwarded-For": "203.0.113.200"}
    assert _post(client, email, PASSWORD, **forged).status_code == 429


def test_four_wrong_passwords_then_the_right_one_start_the_count_again(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheapen(monkeypatch)
    _account, email = open_account(services, "officer")
    for _ in range(FREE_TRIES_PER_ADDRESS - 1):
        assert _post(client, email, "guess").status_code == 401
    assert _post(client, email, PASSWORD).status_code == 303
    client.post("/logout")
    # Without the fresh start, the next wrong password would be the one that makes it wait.
    for _ in range(FREE_TRIES_PER_ADDRESS - 1):
        assert _post(client, email, "guess").status_code == 401
    assert _post(client, email, PASSWORD).status_code == 303


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
