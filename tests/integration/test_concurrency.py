"""Two OS processes write the same Bid at once: nothing is lost, and a serial order explains it.

Each process alternates committing and withdrawing its own contribution, so both
processes append to the same event stream as fast as they can. The store's unique
(bid, version) key makes one of two clashing writes fail; the command retries once and
then raises ConflictError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from domain import clock
from domain.bid import Bid
from domain.money import Money
from domain.values import Stage
from marketplace.application import Marketplace
from marketplace.settings import parse_store, prepare
from tests.story import eur, form_consortium, request_quote

WORKER = Path(__file__).with_name("race_worker.py")
ROOT = WORKER.parent.parent.parent
COMMANDS = 40  # per process


def qualified_bid(app: Marketplace) -> tuple[UUID, dict[str, tuple[str, UUID]], UUID]:
    """A bid with logistics already committed, and two members asked for their stages."""
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date()
    app.request_contribution(bid, "logistics", formed.memberships[2], due)
    app.commit_contribution(bid, "logistics", formed.memberships[2], eur("40000"), 30)
    writers = {"A": ("design", formed.memberships[0]),
               "B": ("manufacturing", formed.memberships[1])}
    for stage, membership in writers.values():
        app.request_contribution(bid, stage, membership, due)
    return bid, writers, formed.memberships[2]


def run_writers(url: str, bid: UUID, writers: dict[str, tuple[str, UUID]],
                tmp_path: Path) -> dict[str, dict[str, Any]]:
    go = tmp_path / "go"
    # The writers import our packages from this checkout, installed or not.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    processes = {}
    for tag, (stage, membership) in writers.items():
        processes[tag] = subprocess.Popen(
            [sys.executable, str(WORKER), "--url", url, "--bid", str(bid), "--stage", stage,
             "--membership", str(membership), "--tag", tag, "--commands", str(COMMANDS),
             "--ready", str(tmp_path / f"ready-{tag}"), "--go", str(go),
             "--out", str(tmp_path / f"out-{tag}.json")],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": path}, stderr=subprocess.PIPE, text=True,
        )
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{tag}").exists() for tag in writers):
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes.values()):
            break
        time.sleep(0.01)
    go.touch()
    for tag, process in processes.items():
        _, errors = process.communicate(timeout=180)
        assert process.returncode == 0, f"writer {tag} failed:\n{errors}"
    return {tag: json.loads((tmp_path / f"out-{tag}.json").read_text()) for tag in writers}


def signature(kind: str, stage: str, membership: str, detail: str) -> tuple[str, ...]:
    return (kind, stage, membership, detail)


def command_signature(tag: str, writers: dict, result: dict) -> tuple[str, ...]:
    stage, membership = writers[tag]
    if result["action"] == "commit":
        return signature("ContributionCommitted", stage, str(membership),
                         f"{Money.of(result['price'], 'EUR')!r}/{result['lead_time_days']}")
    return signature("ContributionWithdrawn", stage, str(membership), result["reason"])


def event_signature(event: Any) -> tuple[str, ...]:
    kind = type(event).__name__
    if kind == "ContributionCommitted":
        detail = f"{event.price!r}/{event.lead_time_days}"
    elif kind == "ContributionWithdrawn":
        detail = event.reason
    else:
        detail = "?"
    return signature(kind, getattr(event, "stage", "?"), str(getattr(event, "membership_id", "?")),
                     detail)


def replay(start: Bid, commands: list[tuple[str, dict]], writers: dict) -> Bid:
    """Run the successful commands one after the other on the bid as it was before the race."""
    with clock.occurring_at(datetime.now(tz=UTC)):
        for tag, result in commands:
            stage, membership = writers[tag]
            if result["action"] == "commit":
                start.commit_contribution(Stage.parse(stage), membership,
                                          Money.of(result["price"], "EUR"),
                                          result["lead_time_days"])
            else:
                start.withdraw_contribution(Stage.parse(stage), membership, result["reason"])
    return start


@pytest.mark.slow
def test_two_processes_writing_one_bid_lose_nothing(store_url: str, tmp_path: Path) -> None:
    store = parse_store(store_url)
    prepare(store)
    app = Marketplace(store.eventsourcing_env)
    try:
        bid, writers, logistics = qualified_bid(app)
        initial_version = app.get_bid(bid).version

        reports = run_writers(store_url, bid, writers, tmp_path)

        outcomes = [(tag, r) for tag, report in reports.items() for r in report["results"]]
        assert len(outcomes) == 2 * COMMANDS
        # Every command either went through (at most after its one retry) or lost twice.
        unexpected = [(tag, r) for tag, r in outcomes if r["outcome"] not in ("ok", "conflict")]
        assert unexpected == []
        tries = {(r["outcome"], r["attempts"], r["clashes"]) for _, r in outcomes}
        assert tries <= {("ok", 1, 0), ("ok", 2, 1), ("conflict", 2, 2)}
        # The writers really raced: their runs overlapped and some writes clashed.
        a, b = reports["A"], reports["B"]
        assert a["started"] < b["finished"] and b["started"] < a["finished"]
        assert sum(r["clashes"] for _, r in outcomes) > 0

        succeeded = [(tag, r) for tag, r in outcomes if r["outcome"] == "ok"]
        events = list(app.events.get(bid))
        versions = [e.originator_version for e in events]
        assert versions == list(range(1, len(events) + 1))
        assert len(events) == initial_version + len(succeeded)

        # Each stored event is exactly one successful command, and each command one event.
        raced = {event_signature(e): e.originator_version for e in events[initial_version:]}
        wanted = {command_signature(tag, writers, r): (tag, r) for tag, r in succeeded}
        assert len(raced) == len(events) - initial_version
        assert set(raced) == set(wanted)
        for tag in writers:  # each process's own commands landed in the order it sent them
            mine = [raced[command_signature(tag, writers, r)] for t, r in succeeded if t == tag]
            assert mine == sorted(mine)

        serial = [wanted[s] for s in sorted(raced, key=raced.__getitem__)]
        replayed = replay(app.get_as_of(bid, version=initial_version), serial, writers)
        final = app.get_bid(bid)
        assert replayed.version == final.version
        assert replayed.contributions == final.contributions
        # Independently of the replay: each writer's last success decides its contribution,
        # and the contribution committed before the race is untouched.
        for tag, (stage, membership) in writers.items():
            last = [r for t, r in succeeded if t == tag][-1]
            key = f"{stage}:{membership}"
            if last["action"] == "commit":
                assert final.contributions[key]["price"] == Money.of(last["price"], "EUR")
            else:
                assert key not in final.contributions
        assert final.contributions[f"logistics:{logistics}"]["price"] == eur("40000")
    finally:
        app.close()

