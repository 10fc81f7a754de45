"""The world of features/fees.feature: the app over HTTP, the fake Stripe, the real SDK.

The web app is served on a loopback port so that the fake Stripe's signed webhooks reach
it over HTTP, as Stripe's would; the app's Stripe adapter (the official SDK) talks to the
fake over HTTP too. Nothing is patched.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from fakestripe import FakeStripe
from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.bdd.support import Cast
from tests.integration.fees_from_events import ledger_differences
from tests.payments import fake_stripe, gateway_for
from tests.servers import POLL
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app


class LiveApp:
    """A WSGI server on a free loopback port; the app is plugged in once it is built."""

    def __init__(self) -> None:
        self.app: Flask | None = None
        self.server = make_server("127.0.0.1", 0, self, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs=POLL, daemon=True)
        self.thread.start()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        assert self.app is not None, "a request came before the app was built"
        return self.app(environ, start_response)

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture
def live() -> Iterator[LiveApp]:
    server = LiveApp()
    yield server
    server.stop()


@pytest.fixture
def stripe(live: LiveApp) -> Iterator[FakeStripe]:
    """The fake Stripe, sending its webhooks to the live app's endpoint."""
    with fake_stripe(f"{live.url}/webhooks/stripe") as fake:
        yield fake


@pytest.fixture
def services(store_url: str, clock: SteppingClock, stripe: FakeStripe
             ) -> Iterator[Services]:
    """The services of tests/conftest.py, with the Stripe adapter pointed at the fake."""
    built = bootstrap(store_url, clock=clock, payment_gateway=gateway_for(stripe))
    yield built
    built.close()


@pytest.fixture(autouse=True)
def web(services: Services, live: LiveApp, stripe: FakeStripe) -> Iterator[Flask]:
    """The web app, served live; after the scenario, the ledger must equal the events."""
    app = create_app(services=services, config=TEST_CONFIG)
    live.app = app
    yield app
    stripe.drain()
    problems = ledger_differences(services)
    assert not problems, "the fee ledger differs from the events:\n" + "\n".join(problems)


@pytest.fixture
def memo() -> dict[str, Any]:
    """What a step keeps for a later one: a payment page, a response, the log position."""
    return {}


@pytest.fixture
def clients(web: Flask, services: Services, cast: Cast) -> dict[str, FlaskClient]:
    """One browser per person, signed in on first use (a firm's member user, a manager)."""
    class Clients(dict[str, FlaskClient]):
        def __missing__(self, who: str) -> FlaskClient:
            client = web.test_client()
            role, _, whose = who.partition(":")
            scope = (cast.membership(whose) if role == "member" else cast.consortia[whose])
            sign_in(client, services, role, str(scope))
            self[who] = client
            return client

    return Clients()


def press(page_url: str, choice: str) -> int:
    """Press Pay or Decline on the fake's hosted payment page, over HTTP; the status."""
    parts = urlsplit(page_url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request("POST", parts.path, urlencode({"choice": choice}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
        return connection.getresponse().status
    finally:
        connection.close()


def fee(app: Marketplace, cast: Cast, firm: str, fee_id: str) -> dict[str, Any]:
    """One fee of a firm's membership, as the aggregate holds it."""
    return app.get_membership(cast.membership(firm)).fees[fee_id]
