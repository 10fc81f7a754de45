"""An auditor's check asked for on one worker is watched on another; only a POST starts one.

Two apps, each with services of its own on one store, stand for two workers (tests/
integration/scale runs real gunicorn workers); a runner on a third set of services stands
for the projector process. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from marketplace.audit.jobs import audit_jobs
from marketplace.audit.runner import KINDS, JobRunner
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

VERIFY = "/workspace/audit/verify"


@pytest.fixture
def stores(store_url: str) -> Iterator[list[Services]]:
    """Three processes' services on one store: worker A, worker B, the projector."""
    built = [bootstrap(store_url, clock=SteppingClock(START)) for _ in range(3)]
    form_consortium(built[0].marketplace, "metal")
    yield built
    for services in built:
        services.close()


def _worker(services: Services, *, csrf: bool = False) -> FlaskClient:
    client = create_app(services=services, config=TEST_CONFIG).test_client()
    sign_in(client, services, "auditor")
    client.application.config["WTF_CSRF_ENABLED"] = csrf  # from here on, as deployed
    return client


def _jobs(services: Services) -> int:
    with services.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_jobs)).scalar_one())


def test_a_check_started_on_one_worker_shows_its_progress_on_the_other(
        stores: list[Services]) -> None:
    a, b, projector = stores
    on_a, on_b = _worker(a), _worker(b)
    started = on_a.post(VERIFY, data={"expect": ""})
    assert started.status_code == 303
    page = started.headers["Location"]
    assert "Waiting for a job runner" in on_b.get(page).get_data(as_text=True)

    halfway, go_on = threading.Event(), threading.Event()

    def slow_verify(services: Services, arguments: dict[str, Any], progress: Any) -> Any:
        progress(3, 10)
        halfway.set()
        go_on.wait(30)
        return KINDS["verify"](services, arguments, progress)

    runner = JobRunner(projector, projector.audit_jobs, kinds={"verify": slow_verify})
    running = threading.Thread(target=runner.run_once)
    running.start()
    try:
        assert halfway.wait(30)
        fragment = on_b.get(page, headers={"HX-Request": "true"}).get_data(as_text=True)
        assert "every recorded file: 3 of 10" in fragment and 'value="30"' in fragment
        assert "hx-trigger" in fragment  # it keeps polling
        assert f'href="{page}"' in fragment  # and without JavaScript, a reload link
    finally:
        go_on.set()
        running.join(30)
    finished = on_b.get(page).get_data(as_text=True)
    assert "The history is intact." in finished and "hx-trigger" not in finished
    assert re.search(r'id="head">[0-9a-f]{64}@\d+<', finished)
    # Worker A sees the same, and its page lists it as the latest check.
    assert "The history is intact." in on_a.get(VERIFY).get_data(as_text=True)


def test_a_get_never_starts_a_check(stores: list[Services]) -> None:
    a = stores[0]
    auditor = _worker(a)
    for old in (f"{VERIFY}?run=1", f"{VERIFY}?run=1&expect=abc@1",
                "/workspace/audit/replay/run", "/workspace/audit/replay?run=1"):
        response = auditor.get(old)
        assert response.status_code in (200, 404, 405), old
        assert "Location" not in response.headers
    assert _jobs(a) == 0
    assert auditor.post(VERIFY).status_code == 303
    assert _jobs(a) == 1


def test_a_check_needs_the_forms_csrf_token(stores: list[Services]) -> None:
    a = stores[0]
    auditor = _worker(a, csrf=True)
    for url in (VERIFY, "/workspace/audit/replay/run"):
        assert auditor.post(url, data={"expect": ""}).status_code == 400
    assert _jobs(a) == 0
    form = auditor.get("/workspace/audit/replay").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    started = auditor.post("/workspace/audit/replay/run", data={"csrf_token": token[1]})
    assert started.status_code == 303 and _jobs(a) == 1
