"""State shared by real gunicorn workers: the login limit in Redis, the auditor's checks in
the database (run by the projector process, watched from any instance)."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from marketplace.bootstrap import bootstrap
from tests.conftest import POSTGRES_URL, REDIS_URL, drop_schema, require_postgres
from tests.integration.scale.cluster import Cluster
from tests.integration.scale.load import TIMEOUT, signed_in

PASSWORD = "correct horse battery"
ATTEMPTS = 12
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

pytestmark = pytest.mark.slow


@pytest.fixture
def store(tmp_path: Path) -> Iterator[str]:
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield f"{POSTGRES_URL}?schema={schema}"
    drop_schema(schema)


def _attempt(base: str, n: int) -> int:
    """One wrong sign-in from a fresh client: a connection, a session and a form of its own
    (and an address of its own, so the sign-in throttle's free tries never run out)."""
    with requests.Session() as client:
        form = client.get(f"{base}/login", timeout=TIMEOUT)
        token = _CSRF.search(form.text)
        assert token, form.text[:300]
        return client.post(f"{base}/login", allow_redirects=False, timeout=TIMEOUT, data={
            "csrf_token": token[1], "email": f"nobody-{n}@example.org",
            "password": "guess"}).status_code


def test_the_login_limit_holds_across_the_workers(
        store: str, tmp_path: Path, redis_prefix: str) -> None:
    bootstrap(store).close()  # the tables, before two workers race to make them
    cluster = Cluster(store, tmp_path, redis_url=REDIS_URL, redis_prefix=redis_prefix,
                      CONSORTIA_LOGIN_RATE_LIMIT="3 per minute")
    try:
        base = cluster.start_web(workers=2)
        port = int(base.rsplit(":", 1)[1])
        assert len(cluster.web_workers(port)) == 2
        answers = [_attempt(base, n) for n in range(ATTEMPTS)]
    finally:
        cluster.close()
    # In memory each worker would let three through (six or so in all); in Redis, three.
    assert answers[:3] == [401] * 3, answers
    assert answers[3:] == [429] * (ATTEMPTS - 3), answers
    assert redis.Redis.from_url(REDIS_URL).keys(f"*{redis_prefix}*")


def test_without_redis_each_worker_lets_the_limit_through(store: str, tmp_path: Path) -> None:
    # The control for the test above: the same requests, counted in each worker's memory.
    bootstrap(store).close()
    cluster = Cluster(store, tmp_path, CONSORTIA_LOGIN_RATE_LIMIT="3 per minute")
    try:
        base = cluster.start_web(workers=2)
        answers = [_attempt(base, n) for n in range(ATTEMPTS)]
    finally:
        cluster.close()
    assert 3 < sum(status == 401 for status in answers) <= 6, answers


def test_a_check_asked_on_one_instance_is_run_by_the_projector_and_shown_on_the_other(
        store: str, tmp_path: Path, redis_prefix: str) -> None:
    services = bootstrap(store)  # projects the account: the projector starts later
    email = f"auditor-{uuid.uuid4().hex[:6]}@example.org"
    services.marketplace.open_account(name="Iris Auditor", email=email, password=PASSWORD,
                                      grants=[("auditor", "")])
    services.close()
    cluster = Cluster(store, tmp_path, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    try:
        first, second = cluster.start_web(), cluster.start_web()
        on_first, on_second = signed_in(first, email, PASSWORD), signed_in(second, email,
                                                                           PASSWORD)
        # A GET of the old link starts nothing.
        assert on_first.get(f"{first}/workspace/audit/replay/run", allow_redirects=False,
                            timeout=TIMEOUT).status_code in (404, 405)
        form = on_first.get(f"{first}/workspace/audit/replay", timeout=TIMEOUT).text
        assert "Waiting for a job runner" not in form and "The latest check" not in form
        started = on_first.post(f"{first}/workspace/audit/replay/run", allow_redirects=False,
                                timeout=TIMEOUT, data={"csrf_token": _CSRF.search(form)[1]})
        assert started.status_code == 303
        page = started.headers["Location"]
        assert "Waiting for a job runner" in on_second.get(
            f"{second}{page}", timeout=TIMEOUT).text  # no projector yet: nobody runs it
        cluster.start_projector()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            shown = on_second.get(f"{second}{page}", timeout=TIMEOUT).text
            if "hx-trigger" not in shown:
                break
            time.sleep(0.3)
        assert "No difference" in shown, cluster.log_tail("projector")
    finally:
        cluster.close()
