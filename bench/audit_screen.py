"""A2's client: the event log screen, unfiltered and filtered six ways, as a signed-in auditor."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select

from marketplace.audit.readmodel import event_log
from marketplace.bootstrap import bootstrap
from marketplace.storefront.readmodel import catalog
from web import create_app

REQUESTS_EACH = 100
UNFILTERED = "no filter"
PASSWORD = "bench auditor password"


def _filters(engine: Any) -> dict[str, str]:
    with engine.connect() as conn:
        consortium = conn.execute(select(catalog.c.consortium_id).limit(1)).scalar_one()
        actor = conn.execute(select(event_log.c.actor).limit(1)).scalar_one()
    return {
        UNFILTERED: "",  # the anchor: the screen's first page, no filter
        "consortium": f"consortium_id={consortium}",
        "aggregate type": "aggregate_type=Membership",
        "event type": "event_type=Bid.QuoteSubmitted",
        "actor": f"actor={actor}",
        "date range": "since=2019-03-01&until=2019-03-31",
        "all filters": f"consortium_id={consortium}&aggregate_type=Bid"
                       "&event_type=Bid.QuoteSubmitted&since=2018-01-01&until=2020-12-31",
    }


def measure_screen(url: str) -> dict[str, list[float]]:
    """Milliseconds per request for each filter, after one warm-up request each."""
    services = bootstrap(url)
    try:
        email = f"auditor-{time.time_ns()}@bench.example"
        services.marketplace.open_account(name="Bench Auditor", email=email,
                                          password=PASSWORD, grants=[("auditor", "")])
        app = create_app(services, {"SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False,
                                    "WTF_CSRF_ENABLED": False,
                                    "RATELIMIT_ENABLED": False})
        client = app.test_client()
        signed = client.post("/login", data={"email": email, "password": PASSWORD})
        if signed.status_code != 303:
            raise RuntimeError(f"the bench auditor could not sign in ({signed.status_code})")
        timings: dict[str, list[float]] = {}
        for name, query in _filters(services.engine).items():
            path = f"/workspace/audit/?{query}"
            first = client.get(path)
            if first.status_code != 200:
                raise RuntimeError(f"{path} answered {first.status_code}")
            times = []
            for _ in range(REQUESTS_EACH):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            timings[name] = times
        return timings
    finally:
        services.close()
