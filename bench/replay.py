"""B2: rebuilding the read models from 100,000 events, against reading them raw.

The raw figure pages through `recorder.select_notifications`, the floor any replay
stands on. Two informational figures also turn each notification into its domain
event, with the library's mapper and with the rebuild's own decoder: the part of the
work no projector written in Python can avoid.
Generating the events is not timed. The rebuild has a time budget so that `make bench`
stays within minutes: past it, the rebuild is stopped after the batch in hand and its
rate is taken over the events it got through (the log is the same mix all along).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bench.generate import Generator
from bench.stores import Stores
from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.projection import projector
from marketplace.projection.decoding import decoder

EVENTS = 100_000
# Read raw in the pages the projector's rebuild reads in, so both make the same queries.
PAGE = getattr(projector, "REBUILD_BATCH_SIZE", 1_000)
REBUILD_BUDGET_SECONDS = 90
START = datetime(2021, 1, 4, 9, 0, tzinfo=UTC)  # a Monday


def read_raw(app: Marketplace, *, decode: Callable[[Any], Any] | None = None) -> int:
    """Page through the whole log as the projector would (decoding each event with
    `decode` if given), returning the events read."""
    read = 0
    start = 1
    while True:
        page = app.recorder.select_notifications(start, PAGE)
        if decode is not None:
            for notification in page:
                decode(notification)
        read += len(page)
        if len(page) < PAGE:
            return read
        start = page[-1].id + 1


class _OverBudget(Exception):
    def __init__(self, done: int) -> None:
        self.done = done


def rebuild(services: Services, budget: float) -> tuple[int, float, bool]:
    """Rebuild from zero: events applied, seconds taken, and whether it got to the end."""
    started = time.perf_counter()

    def stop_when_over(done: int, _total: int) -> None:
        if time.perf_counter() - started > budget:
            raise _OverBudget(done)

    try:
        done = services.projector.rebuild(progress=stop_when_over)
        finished = True
    except _OverBudget as over:
        done, finished = over.done, False
    return done, time.perf_counter() - started, finished


def _timed(work, *args, **kwargs) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    count = work(*args, **kwargs)
    return count, time.perf_counter() - started


def run(stores: Stores) -> list[dict]:
    """The B2 row for one kind of store."""
    services = bootstrap(stores.fresh("b2"), clock=SteppingClock(START), inline_projection=False)
    try:
        app = services.marketplace
        generated, generate_seconds = _timed(Generator(app, EVENTS).run)
        read_raw(app)  # warm the database's caches so both timed reads start alike
        raw, raw_seconds = _timed(read_raw, app)
        decoded, decode_seconds = _timed(read_raw, app, decode=app.mapper.to_domain_event)
        fast, fast_seconds = _timed(read_raw, app, decode=decoder(app.mapper))
        projected, rebuild_seconds, finished = rebuild(services, REBUILD_BUDGET_SECONDS)
    finally:
        services.close()
    if not raw == decoded == fast == generated:
        raise RuntimeError(f"B2 generated {generated} events but read {raw} and {decoded}")
    if finished and projected != generated:
        raise RuntimeError(f"B2 rebuild reported {projected} events, the log holds {generated}")
    ours, baseline = projected / rebuild_seconds, raw / raw_seconds
    ratio = ours / baseline
    return [
        {
            "id": "B2",
            "name": "replay",
            "store": stores.kind,
            "unit": "events/s",
            "ours": round(ours, 1),
            "baseline": round(baseline, 1),
            "ratio": round(ratio, 3),
            "target": {"op": ">=", "value": 0.33},
            "met": ratio >= 0.33,
            "details": {
                "ours": "Projector.rebuild() from zero (projection.rebuild: bulk, one "
                        "transaction)",
                "baseline": f"recorder.select_notifications in pages of {PAGE}",
                "events": generated,
                "rebuild_finished": finished,
                "events_rebuilt": projected,
                "rebuild_budget_seconds": REBUILD_BUDGET_SECONDS,
                "rebuild_seconds": round(rebuild_seconds, 3),
                "raw_read_seconds": round(raw_seconds, 3),
                "read_and_decode_per_second": round(decoded / decode_seconds, 1),
                "read_and_decode_ratio": round(ours / (decoded / decode_seconds), 3),
                "read_and_fast_decode_per_second": round(fast / fast_seconds, 1),
                "read_and_fast_decode_of_raw": round(fast / fast_seconds / baseline, 3),
                "generation_seconds_not_timed": round(generate_seconds, 1),
            },
        }
    ]
