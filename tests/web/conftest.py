"""Web fixtures: an app on a SQLite file of its own, with CSRF and rate limits off.

Tests of CSRF and of the rate limit build their own app with them on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.demo import demo_clock, load_demo
from marketplace.documents.blobs import BlobStore
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.sqlitestores import sqlite_store
from web import create_app

TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False,
               "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False}


@pytest.fixture
def services(tmp_path: Path, blob_store: BlobStore) -> Iterator[Services]:
    built = bootstrap(sqlite_store(tmp_path / "web.db"), clock=SteppingClock(START),
                      blobs=blob_store)
    yield built
    built.close()


@pytest.fixture
def web_app(services: Services) -> Flask:
    return create_app(services=services, config=TEST_CONFIG)


@pytest.fixture
def client(web_app: Flask) -> FlaskClient:
    return web_app.test_client()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app on the demo data set, loaded once for the web tests that read it."""
    services = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}",
                         clock=demo_clock())
    load_demo(services.marketplace)
    yield create_app(services=services, config=TEST_CONFIG)
    services.close()
