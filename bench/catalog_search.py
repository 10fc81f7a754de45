"""S5: a catalog search on 1,000 consortia and 20,000 firms, against the same on 3 consortia.

The search and its filters run in the database (FTS5 here), and only the page's cards
are read and rendered, so a catalog three hundred times larger should answer a search
nearly as fast. Both apps live in this process, page cache off, asked through Flask's
test client in alternating blocks, so that a neighbour's load falls on both alike.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from bench.loadgen import alternate, percentile
from bench.search_stores import FIRMS, store_of
from marketplace.bootstrap import bootstrap
from web import create_app

SIZES = (3, 1_000)
# Words in Spanish for products firms typed in English, French, German and Spanish, in a
# sector, for a stage: the database searches, filters, counts and pages.
QUERY = "/?q=acero&stage=manufacturing"
HEADERS = {"Accept": "text/html", "Accept-Language": "es"}
WARMUP, BLOCK, BLOCKS = 20, 25, 16  # 400 timed requests on each store
TARGET_RATIO, TARGET_P95_MS = 2.0, 30.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Catalog:
    """One store's app and its timings."""

    def __init__(self, consortia: int) -> None:
        self.consortia = consortia
        self.url, self.cached = store_of(consortia)
        self.services = bootstrap(self.url)
        app = create_app(self.services, {"SECRET_KEY": "bench-not-secret",
                                         "PAGE_CACHE_SIZE": 0})
        self.client = app.test_client()
        self.latencies: list[float] = []
        self.found = ""

    def check(self) -> None:
        """The search answers 200 and finds consortia, or the run stops."""
        response = self.client.get(QUERY, headers=HEADERS)
        body = response.get_data(as_text=True)
        if response.status_code != 200 or "Export Consortium" not in body:
            raise RuntimeError(f"GET {QUERY} answered {response.status_code}: {body[:300]}")
        start = body.index('class="result-count">') + len('class="result-count">')
        self.found = body[start:body.index("<", start)]

    def ask(self, times: int, *, timed: bool) -> None:
        for _ in range(times):
            began = time.perf_counter()
            response = self.client.get(QUERY, headers=HEADERS)
            response.get_data()
            if timed:
                self.latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise RuntimeError(f"GET {QUERY} answered {response.status_code} during the run")

    def p95_ms(self) -> float:
        return percentile(sorted(self.latencies), 0.95) * 1000

    def p50_ms(self) -> float:
        return percentile(sorted(self.latencies), 0.50) * 1000


def run() -> list[dict[str, Any]]:
    """The S5 row: the search's p95 on the large store over its p95 on the small one."""
    small, large = (_Catalog(consortia) for consortia in SIZES)
    _say(f"S5: {BLOCKS * BLOCK} searches on each store, alternating ...")
    alternate(small, large, warmup=WARMUP, blocks=BLOCKS, block=BLOCK)
    ratio = large.p95_ms() / small.p95_ms()
    _say(f"  p95 {small.p95_ms():.2f} ms on {SIZES[0]} consortia ({small.found}), "
         f"{large.p95_ms():.2f} ms on {SIZES[1]:,} ({large.found})")
    return [{
        "id": "S5", "name": "catalog search p95", "store": "sqlite", "unit": "ms (p95)",
        "ours": round(large.p95_ms(), 3), "baseline": round(small.p95_ms(), 3),
        "ratio": round(ratio, 3), "target": {"op": "<=", "value": TARGET_RATIO},
        "met": ratio <= TARGET_RATIO and large.p95_ms() < TARGET_P95_MS,
        "details": {
            "ours": f"GET {QUERY} on {SIZES[1]:,} consortia of {FIRMS} firms "
                    f"({SIZES[1] * FIRMS:,} firms): {large.found}",
            "baseline": f"the same on {SIZES[0]} consortia: {small.found}",
            "target": f"ratio <= {TARGET_RATIO} and p95 < {TARGET_P95_MS} ms",
            "client": "Flask test client, in process, one request at a time, page cache off",
            "requests_each": len(small.latencies),
            "p50_ms": {"small": round(small.p50_ms(), 3), "large": round(large.p50_ms(), 3)},
            "stores_from_cache": small.cached and large.cached,
        },
    }]
