"""Browsers of the session tests: signed in through the real form, a copied cookie, and
the raw rows of the sessions' table."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.accounts.sessions import sessions
from marketplace.bootstrap import Services
from tests.web import matrix
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD
from web import create_app

HOME = "/workspace/"
NEW_PASSWORD = "a new and longer passphrase"


def app_on(services: Services, **config: object) -> Flask:
    return create_app(services=services, config={**TEST_CONFIG, **config})


def signed_in(app: Flask, email: str, password: str = PASSWORD,
              agent: str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0") -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    answer = client.post("/login", data={"email": email, "password": password})
    assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
    return client


def cookie_of(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    """Another browser, holding a copy of someone's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", value)
    return thief


def answer(client: FlaskClient) -> str:
    return matrix.answer_of(client.get(HOME))


def rows(services: Services) -> list[dict[str, object]]:
    with services.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(sessions))]


