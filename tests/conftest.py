"""Shared fixtures: every store-backed test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
import redis

from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.ports import SteppingClock
from tests import hypothesis_profiles, route_builders
from tests.argon2_work import cheapen_session
from tests.blobs import any_blob_store, s3_endpoint
from tests.pgstores import DATABASES, POSTGRES_URL, fresh_store
from tests.sqlitestores import sqlite_store

__all__ = ["any_blob_store", "s3_endpoint"]  # fixtures the test modules use by name

hypothesis_profiles.load()  # `ci` (a fixed seed) unless HYPOTHESIS_PROFILE says otherwise
route_builders.keep()  # each URL rule's builders compiled once per process, not per app

REDIS_URL = os.environ.get("CONSORTIA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# Tests name Redis themselves, with a key prefix of their own: a developer's shared store
# must not make the apps of unrelated tests count together.
os.environ.pop("CONSORTIA_REDIS_URL", None)
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday


def postgres_available() -> bool:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def require_postgres() -> None:
    """Skip without PostgreSQL on a laptop; in CI its absence is a failure."""
    if postgres_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required in CI and is not reachable at {POSTGRES_URL}")
    pytest.skip("PostgreSQL is not running")


def redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


def require_redis() -> None:
    """Skip without Redis on a laptop; in CI (and `make test` starts it) its absence fails."""
    if redis_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is required in CI and is not reachable at {REDIS_URL}")
    pytest.skip("Redis is not running")


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """Passwords hash at argon2's lowest cost in the test processes (tests/argon2_work.py)."""
    yield from cheapen_session()


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test's own on the shared Redis; its keys are deleted after."""
    require_redis()
    prefix = f"consortia-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)


def drop_schema(schema: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session", autouse=True)
def _test_databases() -> Iterator[None]:
    """The PostgreSQL databases of this process's tests are all dropped at its end."""
    yield
    DATABASES.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a PostgreSQL database of its own, each
    copied from a template (tests/sqlitestores.py, tests/pgstores.py)."""
    if request.param == "sqlite":
        yield sqlite_store(tmp_path / "consortia.db")
        return
    require_postgres()
    with fresh_store() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def empty_store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A store with no table at all, for tests of stores an older version made: a SQLite
    file not yet made, or a PostgreSQL schema of its own in the test database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'consortia.db'}"
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield f"{POSTGRES_URL}?schema={schema}"
    drop_schema(schema)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def blob_store(tmp_path) -> BlobStore:
    """Where documents go: a directory of the test's own (tests of documents take both)."""
    return DiskBlobStore(tmp_path / "blobs")


@pytest.fixture
def services(store_url: str, clock: SteppingClock, blob_store: BlobStore) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock, blobs=blob_store)
    yield built
    built.close()


@pytest.fixture
def app(services: Services) -> Marketplace:
    return services.marketplace


@pytest.fixture
def memory_app(clock: SteppingClock) -> Marketplace:
    """The application on eventsourcing's in-memory store, for rules that need no database."""
    return Marketplace({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=clock)
