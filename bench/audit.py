"""`make bench`, audit part: A1 (verify and replay against raw reads) and A2 (the event log
screen's p95 when filtering), over a store of 1,000,000 events.

The store is told by bench.generate.Generator, projected once, and cached under var/bench/
(keyed by size and a fingerprint of the code that shapes it). Writes
bench/results/audit.json. A missed target is a result; the exit status is non-zero only
when something could not be measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/audit.py` puts bench/, not the project, first
    sys.path.insert(0, str(ROOT))

from bench.audit_screen import measure_screen  # noqa: E402
from bench.catalog_stores import CACHE, _build, fingerprint  # noqa: E402
from bench.loadgen import percentile  # noqa: E402
from bench.replay import read_raw  # noqa: E402
from marketplace.audit.verify import verify  # noqa: E402
from marketplace.bootstrap import bootstrap  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "audit.json"
EVENTS = 1_000_000
RATIO_TARGET, SCREEN_TARGET_MS = 0.33, 100.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def store_with(events: int) -> str:
    """A projected SQLite store of about `events` events, built once and kept."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"audit-{events}-{fingerprint()}.db"
    if not path.exists():
        for stale in CACHE.glob(f"audit-{events}-*.db*"):
            stale.unlink()
        _say(f"A1/A2: building a store of {events:,} events (cached in "
             f"{path.relative_to(ROOT)}); this takes minutes the first time ...")
        _build(path, events)
    return f"sqlite:///{path}"


def _timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _row(name: str, ours: float, baseline: float, details: dict[str, Any]) -> dict[str, Any]:
    ratio = ours / baseline
    return {"id": "A1", "name": name, "store": "sqlite", "unit": "events/s",
            "ours": round(ours, 1), "baseline": round(baseline, 1), "ratio": round(ratio, 3),
            "target": {"op": ">=", "value": RATIO_TARGET}, "met": ratio >= RATIO_TARGET,
            "details": details}


def run_a1(url: str) -> list[dict[str, Any]]:
    """verify and replay, in events/s, against raw select_notifications in the same run."""
    services = bootstrap(url, inline_projection=False)
    try:
        app = services.marketplace
        read_raw(app)  # warm the caches, so each timed read starts alike
        raw, raw_seconds = _timed(lambda: read_raw(app))
        _say(f"A1: raw read {raw:,} events in {raw_seconds:.1f}s; verifying ...")
        verdict, verify_seconds = _timed(lambda: verify(app.recorder))
        _say(f"A1: verified in {verify_seconds:.1f}s; replaying ...")
        replayed, replay_seconds = _timed(services.projector.rebuild)
        _say(f"A1: replayed in {replay_seconds:.1f}s")
    finally:
        services.close()
    if not verdict.intact or verdict.events != raw or replayed != raw:
        raise RuntimeError(f"A1 read {raw} events, verified {verdict.events} "
                           f"(intact: {verdict.intact}) and replayed {replayed}")
    baseline = raw / raw_seconds
    return [
        _row("audit verify", verdict.events / verify_seconds, baseline,
             {"ours": "marketplace.audit.verify over the whole chain",
              "baseline": "recorder.select_notifications in pages", "events": raw,
              "seconds": round(verify_seconds, 2), "raw_seconds": round(raw_seconds, 2)}),
        _row("replay", replayed / replay_seconds, baseline,
             {"ours": "Projector.rebuild() from zero (every read model, the event log too)",
              "baseline": "recorder.select_notifications in pages", "events": raw,
              "seconds": round(replay_seconds, 2), "raw_seconds": round(raw_seconds, 2)}),
    ]


def run_a2(url: str) -> list[dict[str, Any]]:
    """The event log screen's p95, per filter, through the app as a signed-in auditor."""
    latencies = measure_screen(url)
    rows = []
    for name, unsorted in latencies.items():
        times = sorted(unsorted)
        p95 = percentile(times, 0.95)
        rows.append({"id": "A2", "name": f"event log, {name}", "store": "sqlite",
                     "unit": "ms (p95)", "ours": round(p95, 2), "baseline": None,
                     "ratio": None, "target": {"op": "<", "value": SCREEN_TARGET_MS},
                     "met": p95 < SCREEN_TARGET_MS,
                     "details": {"requests": len(times), "p50_ms": round(percentile(times, 0.5), 2),
                                 "client": "Flask test client, in process, signed in"}})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    began = time.perf_counter()
    url = store_with(args.events)
    results, problems = [], []
    for name, work in (("A1", run_a1), ("A2", run_a2)):
        try:
            results += work(url)
        except Exception as error:  # a benchmark that cannot run is reported, not hidden
            problems.append({"id": name, "error": f"{type(error).__name__}: {error}"})
    report = {"benchmark": "audit", "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - began, 1), "results": results,
              "problems": problems}
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    for row in results:
        mark = "met" if row["met"] else "MISSED"
        _say(f"  {row['id']} {row['name']:<34} {row['ours']:>12} {row['unit']:<10} "
             f"ratio {row['ratio']}  {mark}")
    _say(f"written to {args.output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
