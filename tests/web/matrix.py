"""Shared by the authorization matrix and the auditor test: one app, one world, clients."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.routing.converters import IntegerConverter, UUIDConverter
from werkzeug.test import TestResponse

from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import DiskBlobStore
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.web.authz import Tables, World, build_world
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from web import create_app

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Where a person is sent to sign in: staff by password, a buyer by a mailed link.
SIGN_IN_PAGES = frozenset({"/login", "/buyer/"})


@dataclass
class Person:
    """Someone the matrix signs in: who they are in the tables, their address, a client."""

    who: str
    email: str | None
    client: FlaskClient
    app: Flask = field(repr=False)

    def fresh_client(self) -> FlaskClient:
        """Another client signed in as the same person, for requests that end the session."""
        client = self.app.test_client()
        if self.email is not None:
            _log_in(client, self.email)
        return client


@contextmanager
def built(directory: Path, tables: Tables, store_url: str | None = None,
          **options: Any) -> Iterator[tuple[Services, Flask, World]]:
    """Services on a SQLite file, the world, and an app in development mode (all routes).

    `store_url` replaces the SQLite file; `options` go to bootstrap (a payment gateway)."""
    options.setdefault("blobs", DiskBlobStore(directory / "blobs"))
    services = bootstrap(store_url or f"sqlite:///{directory / 'matrix.db'}",
                         clock=SteppingClock(START), **options)
    threads = set(threading.enumerate())
    try:
        world = build_world(services, tables)
        app = create_app(services=services, config={**TEST_CONFIG, "DEV_MODE": True})
        yield services, app, world
    finally:
        # Some GETs start work in a thread (the auditor's replay check): let it end first.
        deadline = time.monotonic() + 60
        for thread in set(threading.enumerate()) - threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        services.close()


def person(app: Flask, world: World, who: str) -> Person:
    """A client signed in through the real form as the matrix's `who` (README.md)."""
    if who == "buyer":
        return Person(who, None, buyer_client(app, world), app)
    role, scope = {
        "anonymous": (None, ""),
        "officer": ("officer", ""),
        "auditor": ("auditor", ""),
        "manager": ("manager", str(world.consortium)),
        "member": ("member", str(world.membership)),
        "officer_other": ("officer", str(world.far_agency)),
        "auditor_other": ("auditor", str(world.far_agency)),
        "manager_other": ("manager", str(world.other.consortium)),
        "member_other": ("member", str(world.other_membership)),
    }[who]
    client = app.test_client()
    if role is None:
        return Person(who, None, client, app)
    account, email = open_account(world.services, role, scope)
    world.accounts[who] = account
    _log_in(client, email)
    return Person(who, email, client, app)


# The matrix's buyer sends RFQs of their own (tests/web/authz/buyer.py): sending their
# links again must not replace the world's tracking link.
BUYER_EMAIL = "matrix-buyer@compras.example"


def buyer_client(app: Flask, world: World) -> FlaskClient:
    """A client signed in as a buyer, through the link the sign-in mail would carry."""
    marketplace = world.services.marketplace
    assert marketplace.ask_buyer_sign_in(BUYER_EMAIL)
    record = marketplace.vault.reveal(marketplace.vault.find_by_email(BUYER_EMAIL)[-1])
    assert record is not None
    client = app.test_client()
    response = client.post(f"/buyer/sign-in/{record['sign_in']}")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return client


def _log_in(client: FlaskClient, email: str) -> None:
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


def methods(rule: Rule) -> list[str]:
    """The methods the matrix tries: all the rule's, but HEAD and OPTIONS."""
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def path_for(rule: Rule, values: dict[str, Any]) -> str:
    """The rule's URL with the table's values, and stand-ins for any variable left out."""
    filled = {name: _stand_in(rule, name) for name in rule.arguments} | values
    built = rule.build(filled)  # this very rule: an endpoint may have several
    assert built is not None, f"{rule.rule} cannot be built from {values}"
    return built[1]


def _stand_in(rule: Rule, name: str) -> Any:
    # Werkzeug keeps the converters on the rule; a stand-in of the right type still routes.
    converter = getattr(rule, "_converters", {}).get(name)
    if isinstance(converter, UUIDConverter):
        return uuid4()
    if isinstance(converter, IntegerConverter):
        return 1
    return "stand-in"


def send(client: FlaskClient, method: str, path: str) -> TestResponse:
    """The request, with an empty form for the unsafe methods."""
    if method in UNSAFE:
        return client.open(path, method=method, data={})
    return client.open(path, method=method)


def answer_of(response: TestResponse) -> str:
    """The answer's class in the tables' terms: ok, 403 or login; 'status N' for errors."""
    if response.status_code == 403:
        return "403"
    if response.status_code in REDIRECTS and \
            urlsplit(response.headers.get("Location", "")).path in SIGN_IN_PAGES:
        return "login"
    if response.status_code >= 500:
        return f"status {response.status_code}"
    return "ok"
