"""`make bench`, audit part: A1 (verify and replay against raw reads), A2 (the event log
screen's p95 when filtering) and S4 (the signed-in pages, bench/signed_in.py), over a
store of 1,000,000 events.

The store is told by bench.generate.Generator and cached under var/bench/ (keyed by size
and a fingerprint of the code that shapes it). When it is new, A1's timed replay is what
projects it, so a cold run does not project a million events twice. Writes
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

from bench import signed_in  # noqa: E402
from bench.audit_screen import UNFILTERED, measure_screen  # noqa: E402
from bench.catalog_stores import CACHE, fingerprint, keep, project, tell  # noqa: E402
from bench.loadgen import percentile  # noqa: E402
from bench.replay import read_raw  # noqa: E402
from marketplace.audit.verify import verify  # noqa: E402
from marketplace.bootstrap import bootstrap  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "audit.json"
EVENTS = 1_000_000
RATIO_TARGET, SCREEN_TARGET_MS = 0.33, 100.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def store_with(events: int) -> tuple[Path, Path | None]:
    """The cached store of about `events` events, or a newly told one and where to keep it.

    A new store is not projected yet: it goes into the cache once A1 has projected it.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"audit-{events}-{fingerprint()}.db"
    if path.exists():
        return path, None
    for stale in CACHE.glob(f"audit-{events}-*.db*"):
        stale.unlink()
    _say(f"A1/A2: telling a store of {events:,} events (cached in "
         f"{path.relative_to(ROOT)}); this takes minutes the first time ...")
    return tell(path, events), path


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
    """The event log screen's p95, per filter, through the app as a signed-in auditor.

    The anchor is the same screen unfiltered, asked the same way in the same run; the
    target itself is absolute (< 100 ms), the ratio says what filtering costs.
    """
    latencies = measure_screen(url)
    anchor = sorted(latencies.pop(UNFILTERED))
    anchor_p95 = percentile(anchor, 0.95)
    rows = []
    for name, unsorted in latencies.items():
        times = sorted(unsorted)
        p95 = percentile(times, 0.95)
        rows.append({"id": "A2", "name": f"event log, {name}", "store": "sqlite",
                     "unit": "ms (p95)", "ours": round(p95, 2),
                     "baseline": round(anchor_p95, 2), "ratio": round(p95 / anchor_p95, 3),
                     "target": {"op": "<", "value": SCREEN_TARGET_MS},
                     "met": p95 < SCREEN_TARGET_MS,
                     "details": {"requests": len(times), "p50_ms": round(percentile(times, 0.5), 2),
                                 "baseline": "the event log screen with no filter (first page)",
                                 "client": "Flask test client, in process, signed in"}})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    began = time.perf_counter()
    store, keep_as = store_with(args.events)
    results: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []

    def attempt(name: str, work: Any) -> None:
        try:
            results.extend(work(f"sqlite:///{store}"))
        except Exception as error:  # a benchmark that cannot run is reported, not hidden
            problems.append({"id": name, "error": f"{type(error).__name__}: {error}"})

    attempt("A1", run_a1)
    if keep_as is not None:  # a new store: A1's replay projected it, unless A1 stopped
        if problems:
            project(store)
        keep(store, keep_as)
        store = keep_as
    attempt("A2", run_a2)
    attempt("S4", signed_in.run)
    report = {"benchmark": "audit", "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - began, 1),
              "store_from_cache": keep_as is None, "results": results,
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
