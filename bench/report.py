"""The benchmarks' results as a table a person can read at a glance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEADER = ("bench", "store", "ours", "baseline", "unit", "ratio", "target", "met")


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.0f}"


def table(rows: list[dict], skipped: list[dict]) -> str:
    """One line per result, then each result's details, then what was skipped and why."""
    lines = [HEADER]
    for row in rows:
        target = row["target"]
        lines.append(
            (
                f"{row['id']} {row['name']}",
                row["store"],
                _number(row["ours"]),
                _number(row["baseline"]),
                row["unit"],
                "-" if row["ratio"] is None else f"{row['ratio']:.2f}",
                f"{target['op']} {target['value']}"
                + (f" and {target['and']}" if target.get("and") else ""),
                "yes" if row["met"] else "NO",
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(HEADER))]
    text = [
        "  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(line)).rstrip()
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    for row in rows:
        text.append(f"\n{row['id']} {row['name']} on {row['store']}:")
        text.extend(f"  {key}: {value}" for key, value in row["details"].items())
    for skip in skipped:
        what = f"{skip['id']} {skip.get('name', '')} " if "id" in skip else ""
        text.append(f"\nskipped {what}on {skip['store']}: {skip['reason']}")
    return "\n".join(text)


def write_result(output: Path, result: dict[str, Any], rows: list[dict],
                 skipped: list[dict]) -> None:
    """A suite's result as JSON at `output`, and its table on the terminal."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n")
    print(table(rows, skipped))
