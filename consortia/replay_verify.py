"""`consortia replay --verify`: prints the report of marketplace/projection/replay_check.py."""

from __future__ import annotations

from typing import Any

import click

from marketplace.bootstrap import Services
from marketplace.projection.replay_check import ReplayReport, RowDifference, check_replay


def verify_replay(services: Services, bar: Any) -> ReplayReport:
    """Run the check with `bar` as its progress bar, print the report, and return it."""
    with bar:
        report = check_replay(services, progress=bar)
    for difference in report.differences:
        click.echo(described(difference))
    if report.differences:
        click.echo()
    width = max(len(summary.table) for summary in report.tables)
    click.echo(f"{'table':<{width}}  {'rebuilt':>8}  {'live':>8}  "
               f"{'missing':>7}  {'extra':>5}  {'changed':>7}")
    for s in report.tables:
        click.echo(f"{s.table:<{width}}  {s.rebuilt_rows:>8,}  {s.live_rows:>8,}  "
                   f"{s.missing:>7}  {s.extra:>5}  {s.changed:>7}")
    click.echo(f"Replayed {report.events:,} events in {report.seconds:.2f} s "
               f"({report.events_per_second:,.0f} events/s) into {report.scratch} (removed); "
               f"compared at log position {report.position:,}")
    if report.log_moved:
        click.echo(f"The log moved during the check, from position {report.started_at:,} to "
                   f"{report.position:,}; both sides were compared at {report.position:,}")
    if report.clean:
        click.echo("No differences: the live read models match a rebuild from the first event")
    else:
        rows, tables = len(report.differences), sum(1 for s in report.tables if s.differences)
        click.echo(f"{rows} row{' differs' if rows == 1 else 's differ'}, in {tables} "
                   f"table{'s' if tables > 1 else ''}")
    return report


def described(difference: RowDifference) -> str:
    """One difference on one line: the table, the row's key, and what differs."""
    key = ", ".join(f"{name}={value}" for name, value in difference.key)
    where = f"{difference.table} [{key}]"
    if difference.kind == "missing":
        return f"{where}: missing from the live read models"
    if difference.kind == "extra":
        return f"{where}: in the live read models but not in the rebuild"
    changes = "; ".join(f"{c.column}: rebuilt {c.rebuilt!r}, live {c.live!r}"
                        for c in difference.columns)
    return f"{where}: changed: {changes}"
