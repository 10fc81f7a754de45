"""`make bench`: every benchmark of the issues in one go, then bench/report.md.

Runs the suites one after the other, each in its own process (core B1-B3, storefront
S1-S3, audit A1-A2, service S6), so one suite's caches and memory do not colour the next. Each
keeps writing bench/results/<suite>.json; this run also writes bench/results/run.json
(what the report is made from) and bench/report.md. A missed target is a result, not a
failure: the exit status is non-zero only when a suite could not measure something.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/all.py` puts bench/, not the project, first
    sys.path.insert(0, str(ROOT))

from bench.catalog_stores import CACHE, fingerprint  # noqa: E402
from bench.machine import describe, load_average  # noqa: E402
from bench.markdown import render  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "bench" / "report.md"
SUITES = {"core": "bench/core.py", "storefront": "bench/storefront.py", "audit": "bench/audit.py",
          "service": "bench/service.py"}
# The cached stores the suites build when missing (bench.catalog_scale, bench.audit).
CACHED_STORES = ("catalog-10000", "catalog-200000", "audit-1000000")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def stores_at_start() -> str:
    """"cold" when no cached store of the current code exists, "warm" when all do."""
    key = fingerprint()
    present = [name for name in CACHED_STORES if (CACHE / f"{name}-{key}.db").exists()]
    if not present:
        return "cold"
    if len(present) == len(CACHED_STORES):
        return "warm"
    return f"partly cached ({', '.join(present)})"


def _busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks[:8]) - idle) / 100  # USER_HZ is 100 on Linux


def _own_cpu_seconds() -> float:
    """CPU seconds of this process and every suite process it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run_suite(name: str, folder: Path) -> dict[str, Any]:
    output = folder / f"{name}.json"
    command = [sys.executable, SUITES[name], "--output", str(output)]
    _say(f"\n=== {name}: {' '.join(command[1:])}")
    began = time.perf_counter()
    exit_code = subprocess.run(command, cwd=ROOT, check=False).returncode
    seconds = time.perf_counter() - began
    result = json.loads(output.read_text()) if output.exists() else None
    if result is not None:  # only this run's figures reach bench/results/
        shutil.copyfile(output, RESULTS / f"{name}.json")
    _say(f"=== {name} took {seconds:.0f}s, exit {exit_code}")
    return {"name": name, "command": f"python {SUITES[name]}", "seconds": round(seconds, 1),
            "exit_code": exit_code, "load_average_after": load_average(), "result": result}


def _notes(other_cpu: float, seconds: float, cores: int, extra: list[str]) -> list[str]:
    share = other_cpu / (seconds * cores) if seconds else 0.0
    notes = [f"CPU used outside the suite processes during the run: {other_cpu:,.0f} s, "
             f"{share:.0%} of the machine's capacity. This counts the PostgreSQL server working "
             "for the PostgreSQL rows, and anything else running at the time."]
    if share > 0.15:
        notes.append("The machine was shared with other work during this run (a shared 2-core "
                      "machine): absolute figures are lower than on a quiet machine; the ratios, "
                      "measured side by side, are less affected.")
    return notes + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SUITES),
                        help="suites: core,storefront,audit,service")
    parser.add_argument("--cold", action="store_true",
                        help="remove the cached stores under var/bench first (a cold run)")
    parser.add_argument("--rewrite", action="store_true",
                        help="only write bench/report.md again from bench/results/run.json")
    parser.add_argument("--note", action="append", default=[], help="a line for the report")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    if args.rewrite:
        args.report.write_text(render(json.loads((RESULTS / "run.json").read_text())))
        _say(f"written to {args.report}")
        return 0
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SUITES]
    if unknown:
        parser.error(f"unknown suite {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    if args.cold and CACHE.exists():
        shutil.rmtree(CACHE)

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    began, busy_before, load_before = time.perf_counter(), _busy_cpu_seconds(), load_average()
    state = stores_at_start()
    machine = describe()
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench_all_") as folder:
        suites = [_run_suite(name, Path(folder)) for name in chosen]
    seconds = round(time.perf_counter() - began, 1)
    other_cpu = max(0.0, _busy_cpu_seconds() - busy_before - _own_cpu_seconds())
    flags = " ".join(sys.argv[1:] if argv is None else argv)
    run = {"command": f"bench/all.py {flags}".strip(), "started_at": started_at,
           "seconds": seconds, "stores_at_start": state, "load_average_at_start": load_before,
           "machine": machine, "notes": _notes(other_cpu, seconds, machine["cores"] or 1,
                                               args.note),
           "suites": suites}
    (RESULTS / "run.json").write_text(json.dumps(run, indent=2) + "\n")
    args.report.write_text(render(run))
    _say(f"\nwritten to {args.report} in {seconds / 60:.1f} min")
    return 1 if any(s["exit_code"] for s in suites) else 0


if __name__ == "__main__":
    sys.exit(main())
