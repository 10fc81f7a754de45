"""`make bench`: the service suite, S6 (a command's commit until the read models hold it).

Prints a table and writes bench/results/service.json. A missed target is a result, not a
failure: the exit status is non-zero only when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/service.py` puts bench/, not the project, first
    sys.path.insert(0, str(ROOT))

from bench import freshness  # noqa: E402
from bench.report import write_result  # noqa: E402
from bench.stores import postgres_unreachable, stores  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "service.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    rows: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    error = None
    reason = postgres_unreachable()
    if reason:
        skipped.append({"id": "S6", "store": "postgres", "reason": reason})
    else:
        try:
            with stores("postgres") as made:
                rows += freshness.run(made)
        except Exception:
            error = traceback.format_exc()
            print(error, file=sys.stderr)
    result = {"benchmark": "service", "run_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
              "seconds": round(time.perf_counter() - started, 1),
              "machine": {"load_average_1m_at_start": round(load_at_start, 2)},
              "results": rows, "skipped": skipped, "error": error}
    write_result(args.output, result, rows, skipped)
    print(f"\nwritten to {args.output} in {result['seconds']}s")
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main())
