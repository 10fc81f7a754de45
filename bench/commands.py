"""B1, B1i: commands per second through the Marketplace, against the bare eventsourcing
Application; B1i with the read models and the outbox following each command (inline).

Both sides run the same shape of work: 100 aggregates, each created by one command and
then changed by 19 more, every command saving exactly one event (2,000 in all). Ours is
a manager's day on a formed consortium: RFQs received and qualified, contributions
requested, committed, withdrawn and committed again. The bare side loads a trivial
aggregate, triggers one event and saves it. Setting up the consortium is not timed.
"""

from __future__ import annotations

import time
from datetime import timedelta
from itertools import cycle
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.stores import Stores
from marketplace.application import Marketplace
from marketplace.bootstrap import bootstrap
from tests.story import eur, form_consortium, request_quote

AGGREGATES = 100
COMMANDS_EACH = 20
COMMANDS = AGGREGATES * COMMANDS_EACH
INLINE_TARGET = 0.5  # issue 15, B1i
# Which member covers which stage in tests.story.form_consortium.
PAIRS = [
    ("design", 0),
    ("engineering", 0),
    ("manufacturing", 1),
    ("logistics", 2),
    ("installation", 2),
]


class Tally(Aggregate):
    """The trivial aggregate of the baseline."""

    @event("Noted")
    def note(self, number: int) -> None:
        self.last = number


class BareApp(Application[UUID]):
    name = "BareApp"


def _bid_commands(app: Marketplace, consortium: UUID, members: list[UUID]) -> int:
    """Twenty commands on one new RFQ; each saves one event, and the request also takes
    the next number of the consortium's reference book (one more, saved with it)."""
    bid = request_quote(app, consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=5)
    for stage, member in PAIRS:
        app.request_contribution(bid, stage, members[member], due)
    for stage, member in PAIRS:
        app.commit_contribution(bid, stage, members[member], eur("25000"), 60)
    again = cycle(PAIRS)
    for _ in range(4):
        stage, member = next(again)
        app.withdraw_contribution(bid, stage, members[member], "Capacity moved to another job.")
        app.commit_contribution(bid, stage, members[member], eur("26000"), 75)
    return 2 + 2 * len(PAIRS) + 8


def ours(url: str, *, inline_projection: bool) -> dict:
    """2,000 commands through bootstrap()'s Marketplace on a fresh store."""
    services = bootstrap(url, inline_projection=inline_projection)
    try:
        app = services.marketplace
        formed = form_consortium(app)  # also warms connections and caches; not timed
        before = app.recorder.max_notification_id() or 0
        done = 0
        started = time.perf_counter()
        for _ in range(AGGREGATES):
            done += _bid_commands(app, formed.consortium, formed.memberships)
        elapsed = time.perf_counter() - started
        saved = (app.recorder.max_notification_id() or 0) - before
    finally:
        services.close()
    # One reference per RFQ, and the first RFQ opens the book and gives the consortium its code.
    expected = COMMANDS + AGGREGATES + 2
    if done != COMMANDS or saved != expected:
        raise RuntimeError(f"B1 expected {COMMANDS} commands and {expected} events, ran {done}, "
                           f"saved {saved}")
    return {"commands": done, "events": saved, "seconds": elapsed, "per_second": done / elapsed}


def bare(env: dict[str, str]) -> dict:
    """2,000 single-event saves through a bare eventsourcing Application."""
    app = BareApp(env)
    try:
        warm = Tally()
        app.save(warm)
        app.repository.get(warm.id)
        done = 0
        started = time.perf_counter()
        for _ in range(AGGREGATES):
            tally = Tally()
            app.save(tally)
            done += 1
            for number in range(COMMANDS_EACH - 1):
                loaded: Tally = app.repository.get(tally.id)
                loaded.note(number)
                app.save(loaded)
                done += 1
        elapsed = time.perf_counter() - started
    finally:
        app.close()
    return {"commands": done, "seconds": elapsed, "per_second": done / elapsed}


def run(stores: Stores) -> list[dict]:
    """The B1 and B1i rows for one kind of store, each beside the same bare baseline.

    B1i is what one `consortia serve` process does per click: the command, then the read
    models and the outbox brought up to it before the page answers.
    """
    mine = ours(stores.fresh("b1_ours"), inline_projection=False)
    baseline = bare(stores.eventsourcing_env(stores.fresh("b1_bare")))
    inline = ours(stores.fresh("b1_inline"), inline_projection=True)
    ratio = mine["per_second"] / baseline["per_second"]
    inline_ratio = inline["per_second"] / baseline["per_second"]
    anchor = "eventsourcing Application, one @event method, get + save"
    return [
        {
            "id": "B1",
            "name": "commands",
            "store": stores.kind,
            "unit": "commands/s",
            "ours": round(mine["per_second"], 1),
            "baseline": round(baseline["per_second"], 1),
            "ratio": round(ratio, 3),
            "target": {"op": ">=", "value": 0.5},
            "met": ratio >= 0.5,
            "details": {
                "ours": "bootstrap(url, inline_projection=False).marketplace",
                "baseline": anchor,
                "commands": COMMANDS,
                "ours_seconds": round(mine["seconds"], 3),
                "baseline_seconds": round(baseline["seconds"], 3),
            },
        },
        {
            "id": "B1i",
            "name": "commands with inline projection",
            "store": stores.kind,
            "unit": "commands/s",
            "ours": round(inline["per_second"], 1),
            "baseline": round(baseline["per_second"], 1),
            "ratio": round(inline_ratio, 3),
            "target": {"op": ">=", "value": INLINE_TARGET},
            "met": inline_ratio >= INLINE_TARGET,
            "details": {
                "ours": "bootstrap(url).marketplace: read models and outbox caught up "
                        "after each command, as `consortia serve` does",
                "baseline": anchor + " (the same run as B1's)",
                "commands": COMMANDS,
                "ours_seconds": round(inline["seconds"], 3),
                "baseline_seconds": round(baseline["seconds"], 3),
                "without_projection_per_second": round(mine["per_second"], 1),
            },
        },
    ]
