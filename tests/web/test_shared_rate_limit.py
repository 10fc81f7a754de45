"""Rate limits shared by every worker through Redis, and what happens when Redis is down.

Two apps on one store stand for two workers: with Redis they count one limit together;
with memory each would allow the whole limit again. With Redis unreachable the limiter
fails open to each process's memory: the limit still holds per process, and nothing
answers 5xx. The same across real gunicorn workers: tests/integration/scale.
"""

from __future__ import annotations

import socket
import time
from itertools import cycle
from typing import Any

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.settings import Settings
from tests.conftest import REDIS_URL
from tests.web.conftest import TEST_CONFIG
from web import create_app

LIMIT = {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}


def _wrong(n: int) -> dict[str, str]:
    # A new address each time: the sign-in throttle's free tries per address never run
    # out here, so every 429 below is the rate limit's.
    return {"email": f"nobody-{n}@example.org", "password": "guess"}


def _worker(services: Services, redis_url: str | None, prefix: str = "consortia",
            **config: Any) -> FlaskClient:
    settings = Settings(database_url="sqlite://", redis_url=redis_url, redis_prefix=prefix)
    return create_app(services=services, settings=settings,
                      config={**TEST_CONFIG, **LIMIT, **config}).test_client()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once the socket closes


def _answers(workers: list[FlaskClient], count: int) -> list[int]:
    """`count` sign-in attempts, taking turns over the workers."""
    turns = cycle(workers)
    return [next(turns).post("/login", data=_wrong(n)).status_code for n in range(count)]


def test_two_workers_on_redis_count_one_limit(services: Services, redis_prefix: str) -> None:
    workers = [_worker(services, REDIS_URL, redis_prefix) for _ in range(2)]
    answers = _answers(workers, 6)
    assert answers[:3] == [401, 401, 401]
    assert answers[3:] == [429, 429, 429]  # the fourth, on either worker, is over the limit


def test_without_redis_each_worker_counts_on_its_own(services: Services) -> None:
    # The reason for Redis: in memory, two workers let twice the limit through.
    workers = [_worker(services, None) for _ in range(2)]
    assert _answers(workers, 6) == [401] * 6
    assert _answers(workers, 2) == [429, 429]


def test_the_key_prefix_keeps_installations_apart(services: Services, redis_prefix: str) -> None:
    first = _worker(services, REDIS_URL, redis_prefix)
    assert _answers([first], 4)[-1] == 429
    other = _worker(services, REDIS_URL, redis_prefix + "-other")
    assert _answers([other], 3) == [401, 401, 401]


def test_with_redis_down_the_limit_fails_open_to_each_process(services: Services) -> None:
    # Chosen on purpose: people can still sign in and ask for quotes while Redis is down,
    # and each process still stops a robot at the limit (N workers: N times the limit).
    worker = _worker(services, f"redis://127.0.0.1:{_closed_port()}/0")
    answers = _answers([worker], 5)
    assert answers == [401, 401, 401, 429, 429]
    assert worker.get("/login").status_code == 200
    assert all(status < 500 for status in answers)


def test_a_redis_that_hangs_holds_no_request_long(services: Services) -> None:
    # A server that takes the connection and never answers, as a stuck Redis would.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        worker = _worker(services, f"redis://127.0.0.1:{server.getsockname()[1]}/0")
        started = time.monotonic()
        answers = _answers([worker], 4)
        took = time.monotonic() - started
    assert answers == [401, 401, 401, 429]
    assert took < 5  # one short timeout, then the memory count until Redis is back


def test_memory_is_kept_when_no_redis_is_named(services: Services) -> None:
    app = create_app(services=services, settings=Settings(database_url="sqlite://"),
                     config=TEST_CONFIG)
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    shared = create_app(services=services, config=TEST_CONFIG, settings=Settings(
        database_url="sqlite://", redis_url=REDIS_URL, redis_prefix="agency-a"))
    assert shared.config["RATELIMIT_STORAGE_URI"] == REDIS_URL
    assert shared.config["RATELIMIT_KEY_PREFIX"] == "agency-a"
