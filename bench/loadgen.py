"""A small HTTP load generator: a few threads, each with its own keep-alive connection.

Each thread sends the same request over and over until the time is up; requests that
start during the warm-up are sent but not counted. Every answer's status is counted, so
a page that answers 404 or 500 shows up as such instead of as a fast page.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Target:
    """One request to repeat, and the status that counts as success."""

    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect: int = 200


def probe(host: str, port: int, target: Target) -> tuple[int, str]:
    """Send the request once: its status and the start of its body, to explain a failure."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(target.method, target.path, target.body, target.headers)
        response = conn.getresponse()
        return response.status, response.read()[:500].decode("utf-8", "replace")
    finally:
        conn.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of values already sorted."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


class _Worker(threading.Thread):
    def __init__(self, host: str, port: int, target: Target, counted_from: float, until: float):
        super().__init__(daemon=True)
        self.host, self.port, self.target = host, port, target
        self.counted_from, self.until = counted_from, until
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        target = self.target
        while (began := time.perf_counter()) < self.until:
            try:
                conn.request(target.method, target.path, target.body, target.headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                conn.close()  # the next request opens a new connection
                status = type(error).__name__
            if began >= self.counted_from:
                self.latencies.append(time.perf_counter() - began)
                self.statuses[status] += 1
        conn.close()


def load(
    host: str, port: int, target: Target, *, seconds: float, warmup: float, connections: int
) -> dict:
    """Requests per second, p50 and p95 in ms, and the count of each status seen."""
    start = time.perf_counter()
    counted_from, until = start + warmup, start + warmup + seconds
    workers = [_Worker(host, port, target, counted_from, until) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # The last requests may end after `until`; the measured span runs to the latest end.
    measured = max(time.perf_counter(), until) - counted_from
    latencies = sorted(lat for worker in workers for lat in worker.latencies)
    statuses: Counter[str] = Counter()
    for worker in workers:
        statuses.update(worker.statuses)
    good = statuses.get(str(target.expect), 0)
    return {
        "requests": len(latencies),
        "seconds": round(measured, 2),
        "requests_per_second": round(good / measured, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "statuses": dict(sorted(statuses.items())),
        "unexpected": len(latencies) - good,
    }


def alternate(small: Any, large: Any, *, warmup: int, blocks: int, block: int) -> None:
    """Ask two in-process catalogs in turns, block by block, so drift in the machine's load
    falls on both alike; each is checked and warmed first, and both are closed after."""
    try:
        for catalog in (small, large):
            catalog.check()
            catalog.ask(warmup, timed=False)
        for _ in range(blocks):
            small.ask(block, timed=True)
            large.ask(block, timed=True)
    finally:
        small.services.close()
        large.services.close()
