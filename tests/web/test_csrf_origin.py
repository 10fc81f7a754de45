"""CSRF on https also checks where the form comes from: Origin, or else Referer."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from web import create_app

SITE = "https://localhost"
REFUSED = "This form was sent from another site"


def client_of(services: Services, **config: object) -> FlaskClient:
    return create_app(services=services, config={**TEST_CONFIG, **config}).test_client()


def sign_in_over_https(client: FlaskClient, email: str, **headers: str) -> tuple[int, str]:
    response = client.post("/login", data={"email": email, "password": PASSWORD},
                           base_url=SITE, headers=headers)
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "http://localhost"},  # the same host over plain http is another origin
    {"Origin": "https://localhost:8443"},
    {"Origin": "null"},  # a sandboxed frame or a data: page
    {"Referer": "https://evil.example/login"},
    {"Origin": "https://evil.example", "Referer": f"{SITE}/login"},
    {},  # a browser always says; a form posted without either is not from our page
], ids=["other site", "plain http", "other port", "null", "other referer",
        "origin wins over referer", "neither"])
def test_a_post_over_https_from_another_origin_is_refused(
        services: Services, headers: dict[str, str]) -> None:
    _account, email = open_account(services, "officer")
    client = client_of(services)
    status, page = sign_in_over_https(client, email, **headers)
    assert status == 400 and REFUSED in page
    assert client.get("/workspace/", base_url=SITE).status_code != 200  # not signed in


@pytest.mark.parametrize("headers", [
    {"Origin": SITE}, {"Origin": "https://LOCALHOST:443"}, {"Referer": f"{SITE}/login?next=/"}])
def test_a_post_over_https_from_this_site_goes_through(
        services: Services, headers: dict[str, str]) -> None:
    _account, email = open_account(services, "officer")
    status, _page = sign_in_over_https(client_of(services), email, **headers)
    assert status == 303


def test_the_refusal_is_in_the_page_s_language(services: Services) -> None:
    client = client_of(services)
    client.set_cookie("lang", "es")
    response = client.post("/login", data={}, base_url=SITE,
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert REFUSED not in page and "otro sitio" in page


def test_over_plain_http_the_origin_is_left_to_the_csrf_token(services: Services) -> None:
    _account, email = open_account(services, "officer")
    response = client_of(services).post("/login", data={"email": email, "password": PASSWORD},
                                        headers={"Origin": "https://evil.example"})
    assert response.status_code == 303


def test_behind_a_proxy_https_is_the_forwarded_scheme(services: Services) -> None:
    _account, email = open_account(services, "officer")
    client = client_of(services, PROXY_HOPS=1)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    refused = client.post("/login", data={"email": email, "password": PASSWORD},
                          headers={**forwarded, "Origin": "https://evil.example"})
    assert refused.status_code == 400 and REFUSED in refused.get_data(as_text=True)
    ours = client.post("/login", data={"email": email, "password": PASSWORD},
                       headers={**forwarded, "Origin": "https://localhost"})
    assert ours.status_code == 303


def test_the_api_and_the_webhooks_send_no_cookies_and_are_exempt(services: Services) -> None:
    client = client_of(services)
    evil = {"Origin": "https://evil.example"}
    api = client.post("/api/v1/rfqs", json={}, base_url=SITE, headers=evil)
    webhook = client.post("/webhooks/stripe", data=b"{}", base_url=SITE, headers=evil)
    for response in (api, webhook):
        assert REFUSED not in response.get_data(as_text=True)
    assert api.status_code in (400, 422) and webhook.status_code == 404  # no Stripe here


def test_flask_wtf_checks_the_referer_on_https_too(services: Services) -> None:
    app = create_app(services=services, config={**TEST_CONFIG, "WTF_CSRF_ENABLED": True})
    assert app.config["WTF_CSRF_SSL_STRICT"] is True
    client = app.test_client()
    client.get("/login", base_url=SITE)  # a session with a CSRF token
    with client.session_transaction() as session:
        assert session.get("csrf_token")
    # The right Origin but a Referer from elsewhere: Flask-WTF's own check refuses.
    response = client.post("/login", data={"email": "x@example.org", "password": "p"},
                           base_url=SITE, headers={"Origin": SITE,
                                                   "Referer": "https://evil.example/"})
    assert response.status_code == 400
