"""B3: loading a Bid with 10,000 events against one with 10, snapshots doing the work.

The long bid is a realistic worst kind of history: a contribution committed and
withdrawn again and again. Its events are made through the aggregate and saved in
batches (that is not timed; the application still snapshots every 50th version).
Loads alternate between the two bids and the medians are compared.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta
from uuid import UUID

from bench.stores import Stores
from domain import clock
from domain.bid import Bid
from domain.values import Stage
from marketplace.application import SNAPSHOT_INTERVAL, Marketplace
from marketplace.bootstrap import bootstrap
from tests.story import eur, form_consortium, request_quote

LONG = 10_000
SHORT = 10
LOADS = 300
BATCH = 500


def _short_bid(app: Marketplace, members: list[UUID], consortium: UUID) -> UUID:
    bid = request_quote(app, consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=5)
    for stage in ("design", "engineering", "manufacturing", "logistics"):
        member = (
            members[0]
            if stage in ("design", "engineering")
            else members[1 if stage == "manufacturing" else 2]
        )
        app.request_contribution(bid, stage, member, due)
    app.commit_contribution(bid, "design", members[0], eur("20000"), 60)
    app.commit_contribution(bid, "engineering", members[0], eur("30000"), 60)
    app.commit_contribution(bid, "manufacturing", members[1], eur("250000"), 90)
    app.commit_contribution(bid, "logistics", members[2], eur("40000"), 30)
    return bid


def _grow(app: Marketplace, bid_id: UUID, member: UUID, until: int) -> None:
    """Commit and withdraw one contribution until the bid reaches version `until`."""
    bid: Bid = app.get_bid(bid_id)
    design = Stage.DESIGN
    with clock.occurring_at(app.clock.now()):
        while bid.version < until:
            if f"design:{member}" in bid.contributions:
                bid.withdraw_contribution(design, member, "Re-pricing after a steel quote.")
            else:
                bid.commit_contribution(design, member, eur("21000"), 60)
            if bid.version % BATCH == 0 or bid.version == until:
                app.save(bid)


def _median_ms(app: Marketplace, bids: list[UUID], loads: int) -> list[float]:
    """Median load time of each bid, alternating so drift hits both alike."""
    samples: list[list[float]] = [[] for _ in bids]
    for _ in range(loads):
        for n, bid in enumerate(bids):
            started = time.perf_counter()
            app.get_bid(bid)
            samples[n].append((time.perf_counter() - started) * 1000)
    return [statistics.median(s) for s in samples]


def _full_replay_ms(app: Marketplace, bid_id: UUID, times: int = 3) -> float:
    """What a load would cost without snapshots: every stored event, in order."""
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        aggregate = None
        for domain_event in app.events.get(bid_id):
            aggregate = domain_event.mutate(aggregate)
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent)


def _snapshot(app: Marketplace, bid_id: UUID) -> dict:
    assert app.snapshots is not None
    latest = app.snapshots.recorder.select_events(bid_id, desc=True, limit=1)
    if not latest:
        return {"version": None, "bytes": 0}
    return {"version": latest[0].originator_version, "bytes": len(latest[0].state)}


def run(stores: Stores) -> list[dict]:
    """The B3 row for one kind of store."""
    services = bootstrap(stores.fresh("b3"), inline_projection=False)
    try:
        app = services.marketplace
        formed = form_consortium(app)
        short = _short_bid(app, formed.memberships, formed.consortium)
        long = request_quote(app, formed.consortium)
        app.qualify_rfq(long, "Fits our capacity.")
        app.request_contribution(
            long, "design", formed.memberships[0], app.clock.now().date() + timedelta(days=5)
        )
        _grow(app, long, formed.memberships[0], LONG)
        versions = (app.get_bid(long).version, app.get_bid(short).version)
        if versions != (LONG, SHORT):
            raise RuntimeError(f"B3 built bids of {versions} events, not {(LONG, SHORT)}")
        # Loads are timed cold: a reader without the aggregate cache, so each one reads
        # the latest snapshot and the events after it, which is what B3 is about.
        reader = Marketplace({**services.store.eventsourcing_env, "AGGREGATE_CACHE_MAXSIZE": ""},
                             clock=app.clock)
        long_ms, short_ms = _median_ms(reader, [long, short], LOADS)
        snapshot = _snapshot(app, long)
        # 10,000 falls right on a snapshot. Between snapshots a load also replays the
        # events since the last one: half an interval on average, 49 at the unluckiest.
        later: dict[int, tuple[float, float]] = {}
        for extra in (SNAPSHOT_INTERVAL // 2, SNAPSHOT_INTERVAL - 1):
            _grow(app, long, formed.memberships[0], LONG + extra)
            after_ms, short_again_ms = _median_ms(reader, [long, short], LOADS)
            later[extra] = (after_ms, after_ms / short_again_ms)
        no_snapshot_ms = _full_replay_ms(app, long)
        reader.close()
    finally:
        services.close()
    ratio = long_ms / short_ms
    details: dict[str, object] = {
        "ours": f"cold app.get_bid (no aggregate cache) of a bid with {LONG} events",
        "baseline": f"app.get_bid of a bid with {SHORT} events",
        "loads_each": LOADS,
        "snapshot_interval": SNAPSHOT_INTERVAL,
        "latest_snapshot_version": snapshot["version"],
        "latest_snapshot_bytes": snapshot["bytes"],
    }
    for extra, (ms, extra_ratio) in later.items():
        details[f"with_{extra}_events_after_snapshot_ms"] = round(ms, 3)
        details[f"with_{extra}_events_after_snapshot_ratio"] = round(extra_ratio, 3)
    details["without_snapshots_ms"] = round(no_snapshot_ms, 3)
    return [
        {
            "id": "B3",
            "name": "snapshots",
            "store": stores.kind,
            "unit": "ms per load (median)",
            "ours": round(long_ms, 3),
            "baseline": round(short_ms, 3),
            "ratio": round(ratio, 3),
            "target": {"op": "<=", "value": 2.0},
            "met": ratio <= 2.0,
            "details": details,
        }
    ]
