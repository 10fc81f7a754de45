"""`make bench`: one run of the core benchmarks (B1 commands, B2 replay, B3 snapshots).

Prints a table and writes bench/results/core.json with the figures, the ratios, the
targets and whether each is met. A missed target is a result, not a failure: the exit
status is non-zero only when a benchmark could not run because of an error.
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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/core.py` puts bench/, not the project, first
    sys.path.insert(0, str(ROOT))

from bench import commands, replay, snapshots  # noqa: E402
from bench.report import write_result  # noqa: E402
from bench.stores import postgres_unreachable, stores  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "core.json"
BENCHMARKS = {"B1": commands.run, "B2": replay.run, "B3": snapshots.run}


def _machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "eventsourcing": metadata.version("eventsourcing"),
        "sqlalchemy": metadata.version("sqlalchemy"),
        "psycopg": metadata.version("psycopg"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help="benchmarks to run, e.g. B1,B3 (default: all)"
    )
    parser.add_argument("--stores", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    chosen = [b.strip().upper() for b in args.only.split(",") if b.strip()]
    unknown = [b for b in chosen if b not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    started = time.perf_counter()
    rows: list[dict] = []
    skipped: list[dict] = []
    error: str | None = None
    for kind in [k.strip() for k in args.stores.split(",") if k.strip()]:
        if kind == "postgres":
            reason = postgres_unreachable()
            if reason:
                print(f"skipping the PostgreSQL rows: {reason}", file=sys.stderr)
                skipped.append({"store": "postgres", "reason": reason})
                continue
        try:
            with stores(kind) as made:
                for name in chosen:
                    print(f"running {name} on {kind} ...", file=sys.stderr, flush=True)
                    began = time.perf_counter()
                    for row in BENCHMARKS[name](made):
                        if row.get("skipped"):
                            skipped.append(row)
                        else:
                            rows.append(row)
                    print(
                        f"  {name} on {kind} took {time.perf_counter() - began:.1f}s",
                        file=sys.stderr,
                        flush=True,
                    )
        except Exception:
            error = traceback.format_exc()
            print(error, file=sys.stderr)
            break

    result = {
        "benchmark": "core",
        "run_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(),
        "results": rows,
        "skipped": skipped,
        "error": error,
    }
    write_result(args.output, result, rows, skipped)
    print(f"\nwritten to {args.output} in {result['seconds']}s")
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main())
