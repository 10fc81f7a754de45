"""`make bench`: one run of the storefront benchmarks (S1 pages under load, S2 catalog scale,
S5 catalog search at 1,000 consortia).

Prints a table and writes bench/results/storefront.json with the figures, the ratios, the
targets and whether each is met. A missed target is a result, not a failure: the exit
status is non-zero only when a benchmark could not run, or an endpoint was missing or
answered wrongly (these are listed under "problems").
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/storefront.py` puts bench/, not the project, first
    sys.path.insert(0, str(ROOT))

from bench import catalog_scale, catalog_search, pages  # noqa: E402
from bench.report import write_result  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "storefront.json"
BENCHMARKS = ("S1", "S2", "S5")
RUNS = {"S2": catalog_scale.run, "S5": catalog_search.run}


def _machine(load_at_start: float) -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # Other work on the machine (e.g. a test run) lowers every figure; the ratios less so.
        "load_average_1m_at_start": round(load_at_start, 2),
        "flask": metadata.version("flask"),
        "gunicorn": metadata.version("gunicorn"),
        "sqlalchemy": metadata.version("sqlalchemy"),
    }


def _endpoint_lines(endpoints: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["\nS1 endpoints (gunicorn, 2 workers):"]
    for name, e in endpoints.items():
        if e["status"] == "ok":
            lines.append(f"  {name:16} {e['endpoint']:34} {e['requests_per_second']:>8} req/s"
                         f"  p50 {e['p50_ms']} ms  p95 {e['p95_ms']} ms")
        else:
            lines.append(f"  {name:16} {e['endpoint']:34} {e['status'].upper()}: {e['error']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="any of S1, S2, S5")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    chosen = [b.strip().upper() for b in args.only.split(",") if b.strip()]
    unknown = [b for b in chosen if b not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from S1, S2, S5")

    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    rows: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    s1: dict[str, Any] = {}
    errors: list[str] = []
    for name in chosen:
        began = time.perf_counter()
        try:  # one benchmark's failure does not keep the other from running
            if name == "S1":
                s1 = pages.run()
                rows += s1["rows"]
                problems += s1["problems"]
            else:
                rows += RUNS[name]()
        except Exception:
            errors.append(f"{name}: {traceback.format_exc()}")
            print(errors[-1], file=sys.stderr)
        print(f"  {name} took {time.perf_counter() - began:.1f}s", file=sys.stderr, flush=True)

    result = {
        "benchmark": "storefront",
        "run_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(load_at_start),
        "results": rows,
        "s1_setup": s1.get("setup"),
        "s1_endpoints": s1.get("endpoints"),
        "problems": problems,
        "error": "\n".join(errors) or None,
    }
    write_result(args.output, result, rows, [])
    if s1:
        print("\n".join(_endpoint_lines(s1["endpoints"])))
    print(f"\nwritten to {args.output} in {result['seconds']}s")
    return 1 if errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
