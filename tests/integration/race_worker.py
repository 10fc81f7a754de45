"""One of the writers in the concurrency test: commits and withdraws its own contribution.

Run as its own OS process by tests/integration/test_concurrency.py. It waits for the
go file, so both writers start together, then alternates commit and withdraw on one
(stage, member) of a shared bid and writes what happened to each command as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from eventsourcing.persistence import IntegrityError

from domain.money import Money
from marketplace.application import Marketplace
from marketplace.errors import ConflictError
from marketplace.settings import Settings, parse_store


def race(app: Marketplace, args: argparse.Namespace) -> list[dict[str, Any]]:
    saves = clashes = 0
    save = app.save

    def counting_save(*objs: Any, **kwargs: Any) -> Any:
        # Each clash here is one attempt lost to the other writer; the command retries once.
        nonlocal saves, clashes
        saves += 1
        try:
            return save(*objs, **kwargs)
        except IntegrityError:
            clashes += 1
            raise

    app.save = counting_save  # type: ignore[method-assign]
    results: list[dict[str, Any]] = []
    committed = False
    for n in range(args.commands):
        saves_before, clashes_before = saves, clashes
        if committed:
            result = {"action": "withdraw", "reason": f"{args.tag} withdraws, try {n}"}
        else:
            result = {"action": "commit", "price": str(1000 + n), "lead_time_days": 1 + n}
        try:
            if committed:
                app.withdraw_contribution(args.bid, args.stage, args.membership,
                                          result["reason"])
            else:
                app.commit_contribution(args.bid, args.stage, args.membership,
                                        Money.of(result["price"], "EUR"),
                                        result["lead_time_days"])
            result["outcome"] = "ok"
            committed = not committed
        except ConflictError:
            result["outcome"] = "conflict"
        except Exception as error:  # the test reports any other failure by name
            result["outcome"] = f"{type(error).__name__}: {error}"
        result["attempts"] = saves - saves_before
        result["clashes"] = clashes - clashes_before
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("url", "bid", "stage", "membership", "tag", "ready", "go", "out"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--commands", type=int, required=True)
    args = parser.parse_args()

    # A process of its own: its settings (the audit key) come from its environment.
    app = Marketplace(parse_store(args.url).eventsourcing_env,
                      audit_key=Settings.from_env().audit_key)
    app.get_bid(args.bid)  # connect and warm up before the start line
    Path(args.ready).touch()
    deadline = time.monotonic() + 60
    while not Path(args.go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the go signal never came")
        time.sleep(0.001)
    started = time.time()
    results = race(app, args)
    finished = time.time()
    app.close()
    Path(args.out).write_text(json.dumps(
        {"results": results, "started": started, "finished": finished}))


if __name__ == "__main__":
    main()
