"""S6: read your own writes across processes, from a command's commit to the read model.

A web worker (this process) runs commands and only writes events; `consortia project`,
in a process of its own on the same PostgreSQL store, follows the log into the read models
and wakes on the NOTIFY each insert sends. For every command the clock starts when the
save returns (the commit) and stops when the projector's position, written in the same
transaction as the rows it applied, reaches the command's event. Commands come one at a
time with a pause between them, as clicks do, so each measures a wake-up, not a backlog.
The follower's poll interval stays at its default of one second: without the NOTIFY a
command would wait half of that on average.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.loadgen import percentile
from bench.stores import Stores
from marketplace.bootstrap import bootstrap
from tests.story import eur, form_consortium, request_quote

CONSORTIA = Path(sys.executable).parent / "consortia"
COMMANDS = 200
PAUSE_SECONDS = (0.005, 0.03)  # between two commands, drawn at random
TARGET_MS = 50.0
POLL_INTERVAL = 1.0  # the follower's fallback poll, its default
READY_SECONDS = 60


def _follower(url: str) -> subprocess.Popen[str]:
    """`consortia project` on the store, once it has caught up and follows."""
    process = subprocess.Popen(
        [str(CONSORTIA), "project", "--database-url", url, "--no-mail",
         "--interval", str(POLL_INTERVAL)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + READY_SECONDS
    assert process.stdout is not None
    for line in process.stdout:  # "Projecting <store> from position N; ..." once it follows
        if line.startswith("Projecting"):
            return process
        if time.monotonic() > deadline:
            break
    process.kill()
    raise RuntimeError(f"consortia project did not start following: {process.stdout.read()}")


def _commands(app: Any, consortium: Any, members: list[Any]) -> Any:
    """An endless day at the desk: RFQs in, qualified, contributions asked and priced."""
    stages = [("design", 0), ("engineering", 0), ("manufacturing", 1), ("logistics", 2)]
    while True:
        bid = request_quote(app, consortium)
        yield
        app.qualify_rfq(bid, "Fits our capacity.")
        yield
        due = app.clock.now().date() + timedelta(days=5)
        for stage, member in stages:
            app.request_contribution(bid, stage, members[member], due)
            yield
            app.commit_contribution(bid, stage, members[member], eur("25000"), 60)
            yield


def measure(url: str) -> dict[str, Any]:
    """Milliseconds from each command's commit until the follower's read models hold it."""
    services = bootstrap(url, inline_projection=False)  # a web worker: events only
    follower = None
    try:
        app = services.marketplace
        formed = form_consortium(app)  # set-up, projected before the clock runs
        services.projector.catch_up()
        follower = _follower(url)
        saved: list[int] = []
        app.on_saved = saved.append  # the position each commit reached
        position = services.projector.position
        steps = _commands(app, formed.consortium, formed.memberships)
        latencies = []
        for _ in range(COMMANDS):
            time.sleep(random.uniform(*PAUSE_SECONDS))
            saved.clear()
            next(steps)
            committed = time.perf_counter()
            while position() < saved[-1]:
                time.sleep(0.0005)
            latencies.append((time.perf_counter() - committed) * 1000)
    finally:
        if follower is not None:
            follower.terminate()
            follower.wait(30)
        services.close()
    latencies.sort()
    return {"commands": len(latencies), "p50_ms": round(percentile(latencies, 0.5), 2),
            "p95_ms": round(percentile(latencies, 0.95), 2),
            "max_ms": round(latencies[-1], 2)}


def run(stores: Stores) -> list[dict[str, Any]]:
    """The S6 row (PostgreSQL only: SQLite has no NOTIFY, its follower polls)."""
    if stores.kind != "postgres":
        return []
    figures = measure(stores.fresh("s6"))
    return [{
        "id": "S6", "name": "commit to read model, external projector", "store": "postgres",
        "unit": "ms (p95)", "ours": figures["p95_ms"], "baseline": None, "ratio": None,
        "target": {"op": "<", "value": TARGET_MS}, "met": figures["p95_ms"] < TARGET_MS,
        "details": {"how": "a command's save returns (commit) until `consortia project`, "
                           "another process woken by LISTEN/NOTIFY, has applied it",
                    "follower_poll_interval_s": POLL_INTERVAL,
                    "pause_between_commands_ms": [p * 1000 for p in PAUSE_SECONDS],
                    **figures},
    }]
