"""bench/report.md keeps its sections, shows every miss, and never passes off a stale figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import all as bench_all
from bench.markdown import render

MACHINE = {"cpu": "Fake CPU 9000", "cores": 2, "memory_gib": 3.5, "os": "Debian 12 (kernel 6)",
           "python": "3.11.7", "sqlite": "3.40.1", "postgresql": "15.8",
           "eventsourcing": "9.5.6", "sqlalchemy": "2.0.58", "flask": "3.1.3", "gunicorn": "23"}


def _row(id_: str, name: str, store: str, ours: float, baseline: float | None,
         op: str, value: float, met: bool) -> dict[str, Any]:
    ratio = round(ours / baseline, 3) if baseline else None
    return {"id": id_, "name": name, "store": store, "unit": "x", "ours": ours,
            "baseline": baseline, "ratio": ratio, "target": {"op": op, "value": value},
            "met": met, "details": {"note": f"{id_} detail"}}


def _suite(name: str, result: dict[str, Any] | None, exit_code: int = 0) -> dict[str, Any]:
    return {"name": name, "command": f"python bench/{name}.py", "seconds": 10.0,
            "exit_code": exit_code, "load_average_after": 0.5, "result": result}


def _core() -> dict[str, Any]:
    rows = []
    for store in ("sqlite", "postgres"):
        rows += [_row("B1", "commands", store, 600, 650, ">=", 0.5, True),
                 _row("B2", "replay", store, 18_000, 130_000, ">=", 0.33, False),
                 _row("B3", "snapshots", store, 0.35, 0.67, "<=", 2.0, True)]
    return {"results": rows, "skipped": [], "error": None}


def _storefront() -> dict[str, Any]:
    endpoint = {"status": "ok", "p50_ms": 1.0, "p95_ms": 2.0, "requests": 100}
    return {"results": [_row("S1", "catalog", "sqlite", 1500, 2200, ">=", 0.5, True),
                        _row("S2", "catalog p95", "sqlite", 11.0, 9.8, "<=", 1.2, True)],
            "s1_endpoints": {
                "hello-world": {**endpoint, "endpoint": "GET /", "requests_per_second": 2200},
                "catalog": {**endpoint, "endpoint": "GET /", "requests_per_second": 1500},
                "rfq api": {**endpoint, "endpoint": "POST /api/v1/rfqs",
                            "requests_per_second": 88}},
            "s1_setup": {"server": "gunicorn, 2 sync workers"}, "problems": [], "error": None}


def _run(suites: list[dict[str, Any]], seconds: float = 700.0) -> dict[str, Any]:
    return {"command": "bench/all.py", "started_at": "2026-11-28T18:00:00+00:00",
            "seconds": seconds, "stores_at_start": "cold", "load_average_at_start": 0.2,
            "machine": MACHINE, "notes": ["taken on a shared machine"], "suites": suites}


def _table_line(report: str, start: str) -> str:
    return next(line for line in report.splitlines() if line.startswith(start))


def test_the_report_has_its_sections_the_machine_and_the_duration() -> None:
    report = render(_run([_suite("core", _core()), _suite("storefront", _storefront())]))
    for section in ("# Benchmark report", "## Results", "## Details",
                    "## What the issues ask for", "## Suites", "## Machine"):
        assert f"\n{section}\n" in f"\n{report}\n", section
    assert "| id | what | store | ours | anchor | unit | ratio | target | met |" in report
    for label, value in (("CPU", "Fake CPU 9000"), ("cores", "2"), ("memory (GiB)", "3.5"),
                         ("OS", "Debian 12"), ("Python", "3.11.7"), ("SQLite", "3.40.1"),
                         ("PostgreSQL", "15.8")):
        assert _table_line(report, f"| {label} |").startswith(f"| {label} | {value}")
    assert "took 11.7 min (700 s)" in report and "**cold**" in report
    assert "- taken on a shared machine" in report
    assert "- note: B3 detail" in report
    assert '**S1 set-up**: {"server": "gunicorn, 2 sync workers"}' in report


def test_each_figure_stands_beside_its_anchor_ratio_and_target() -> None:
    report = render(_run([_suite("core", _core())]))
    line = _table_line(report, "| B1 | commands | postgres |")
    assert line == "| B1 | commands | postgres | 600.0 | 650.0 | x | 0.923 | >= 0.5 | yes |"


def test_a_missed_target_is_shown_as_missed() -> None:
    report = render(_run([_suite("core", _core())]))
    assert _table_line(report, "| B2 | replay | sqlite |").endswith("| >= 0.33 | **NO** |")
    assert "- **Not met**: B2 replay on sqlite: 18,000 x, ratio 0.138" in report


def test_a_benchmark_that_left_no_figure_is_not_measured_with_its_reason() -> None:
    report = render(_run([_suite("core", _core()), _suite("audit", None, exit_code=1)]))
    for benchmark in ("A1", "A2", "S1", "S2"):
        line = _table_line(report, f"| {benchmark} |")
        assert line.endswith("| **not measured** |"), line
    assert "- **Not measured**: A1 on sqlite: audit exited 1 without writing results" in report
    assert "- **Not measured**: S2 on sqlite: the storefront suite was not run" in report


def test_a_skipped_store_is_not_measured_with_the_suites_reason() -> None:
    core = _core()
    core["results"] = [row for row in core["results"] if row["store"] == "sqlite"]
    core["skipped"] = [{"store": "postgres", "reason": "PostgreSQL is not reachable"}]
    report = render(_run([_suite("core", core)]))
    assert _table_line(report, "| B3 | ").startswith("| B3 | snapshots | sqlite |")
    assert "- **Not measured**: B3 on postgres: PostgreSQL is not reachable" in report


def test_the_total_duration_is_held_to_fifteen_minutes() -> None:
    quick = render(_run([_suite("core", _core())], seconds=899.0))
    slow = render(_run([_suite("core", _core())], seconds=901.0))
    assert _table_line(quick, "| R1 |").endswith("| < 900 | yes |")
    assert _table_line(slow, "| R1 |").endswith("| < 900 | **NO** |")


def test_endpoints_without_a_target_are_information_beside_hello_world() -> None:
    report = render(_run([_suite("storefront", _storefront())]))
    line = _table_line(report, "| S1 | rfq api |")
    assert line == ("| S1 | rfq api | sqlite | 88.0 | 2,200 | requests/s | 0.040 | — "
                    "| — (information) |")
    assert report.count("| S1 | catalog |") == 1  # the row with a target is not repeated


FAKE_SUITE = """
import json, sys
out = sys.argv[sys.argv.index("--output") + 1]
row = {"id": "B1", "name": "commands", "store": "sqlite", "unit": "x", "ours": 2.0,
       "baseline": 4.0, "ratio": 0.5, "target": {"op": ">=", "value": 0.5}, "met": True,
       "details": {}}
json.dump({"results": [row], "skipped": [], "error": None}, open(out, "w"))
"""


def test_a_run_writes_the_report_and_never_reports_a_stale_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.py").write_text(FAKE_SUITE)
    (tmp_path / "crash.py").write_text("raise SystemExit(3)\n")
    results = tmp_path / "results"
    results.mkdir()
    stale = {"results": [_row("B2", "replay", "sqlite", 1.0, 2.0, ">=", 0.33, True)]}
    (results / "crash.json").write_text(json.dumps(stale))
    monkeypatch.setattr(bench_all, "SUITES", {"good": str(tmp_path / "good.py"),
                                              "crash": str(tmp_path / "crash.py")})
    monkeypatch.setattr(bench_all, "RESULTS", results)
    monkeypatch.setattr(bench_all, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(bench_all, "describe", lambda: MACHINE)
    report = tmp_path / "report.md"

    exit_code = bench_all.main(["--report", str(report)])

    assert exit_code == 1  # the crashed suite is a failure of the run
    text = report.read_text()
    assert _table_line(text, "| B1 | commands | sqlite |").endswith("| yes |")
    assert _table_line(text, "| B2 |").endswith("| **not measured** |")  # not the stale row
    assert "| crash | `python " in text and "| 3 |" in text
    assert json.loads((results / "good.json").read_text())["results"][0]["ours"] == 2.0
    assert json.loads((results / "crash.json").read_text()) == stale  # left as it was
    run = json.loads((results / "run.json").read_text())
    assert run["stores_at_start"] == "cold" and run["machine"] == MACHINE
    assert bench_all.main(["--rewrite", "--report", str(tmp_path / "again.md")]) == 0
    assert (tmp_path / "again.md").read_text() == text

