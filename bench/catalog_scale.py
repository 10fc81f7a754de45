"""S2: the catalog's p95 on a store of 10,000 events against one of 200,000.

Pages read the read models, so a log twenty times longer should not slow the catalog.
Both apps live in this process and are asked through Flask's test client (no network,
no server), in alternating blocks, so that a neighbour's load on the machine falls on
both alike. While the timed requests run, every read of the event store is counted: a
page that replayed events would show up there as well as in its p95.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from bench.catalog_stores import store_with
from bench.loadgen import alternate, percentile
from marketplace.bootstrap import Services, bootstrap
from web import create_app

SIZES = (10_000, 200_000)
WARMUP, BLOCK, BLOCKS = 50, 50, 24  # 1,200 timed requests on each store
TARGET = 1.2
STORE_READS = ("select_events", "select_notifications", "max_notification_id")
PAGE = {"Accept": "text/html", "Accept-Language": "en"}


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Counted:
    """Counts the event store's reads made through one recorder, while switched on."""

    def __init__(self, services: Services) -> None:
        self.reads = 0
        self.on = False
        recorder = services.marketplace.recorder
        for name in STORE_READS:
            setattr(recorder, name, self._wrap(getattr(recorder, name)))

    def _wrap(self, read: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.on:
                self.reads += 1
            return read(*args, **kwargs)

        return counted


class _Catalog:
    """One store's app, its timings and its store reads."""

    def __init__(self, events: int) -> None:
        self.url, self.cached = store_with(events)
        self.services = bootstrap(self.url)
        self.counted = _Counted(self.services)
        # The page cache off: every request renders from the read models, as a cache miss
        # does, which is what the store's size could slow down.
        app = create_app(self.services, {"SECRET_KEY": "bench-not-secret",
                                         "PAGE_CACHE_SIZE": 0})
        self.client = app.test_client()
        self.events = self.services.marketplace.recorder.max_notification_id() or 0
        self.latencies: list[float] = []

    def check(self) -> None:
        """The catalog answers 200 and lists the generated consortia, or the run stops."""
        response = self.client.get("/", headers=PAGE)
        body = response.get_data(as_text=True)
        if response.status_code != 200:
            raise RuntimeError(f"GET / answered {response.status_code}: {body[:300]}")
        if "Metal Export Consortium" not in body:
            raise RuntimeError("GET / does not list the generated consortia")

    def ask(self, times: int, *, timed: bool) -> None:
        self.counted.on = timed
        for _ in range(times):
            began = time.perf_counter()
            response = self.client.get("/", headers=PAGE)
            response.get_data()
            if timed:
                self.latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise RuntimeError(f"GET / answered {response.status_code} during the run")
        self.counted.on = False

    def p95_ms(self) -> float:
        return percentile(sorted(self.latencies), 0.95) * 1000

    def p50_ms(self) -> float:
        return percentile(sorted(self.latencies), 0.50) * 1000


def run() -> list[dict[str, Any]]:
    """The S2 row: p95 on the large store over p95 on the small one."""
    small, large = (_Catalog(events) for events in SIZES)
    _say(f"S2: {BLOCKS * BLOCK} catalog requests on each store, alternating ...")
    alternate(small, large, warmup=WARMUP, blocks=BLOCKS, block=BLOCK)
    ratio = large.p95_ms() / small.p95_ms()
    _say(f"  p95 {small.p95_ms():.2f} ms at {small.events:,} events, "
         f"{large.p95_ms():.2f} ms at {large.events:,}")
    return [{
        "id": "S2", "name": "catalog p95", "store": "sqlite", "unit": "ms (p95)",
        "ours": round(large.p95_ms(), 3), "baseline": round(small.p95_ms(), 3),
        "ratio": round(ratio, 3), "target": {"op": "<=", "value": TARGET},
        "met": ratio <= TARGET,
        "details": {
            "ours": f"GET / on a store of {large.events:,} events",
            "baseline": f"GET / on a store of {small.events:,} events",
            "client": "Flask test client, in process, one request at a time, page cache off",
            "requests_each": len(small.latencies),
            "p50_ms": {"small": round(small.p50_ms(), 3), "large": round(large.p50_ms(), 3)},
            "event_store_reads_during_requests": small.counted.reads + large.counted.reads,
            "stores_from_cache": small.cached and large.cached,
        },
    }]
