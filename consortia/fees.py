"""`consortia fees`: assess a period's fees, and chase arrears (for cron, or by hand)."""

from __future__ import annotations

from datetime import date

import click

from consortia.common import database_option, open_store
from marketplace.fees.runs import assess_all_periods, chase_all_arrears
from marketplace.storefront.catalog import get_catalog_entry


@click.group()
def fees() -> None:
    """Membership fees: assessment by period, reminders and suspension for arrears."""


@fees.command()
@database_option
@click.option("--period", required=True, help="The year to assess, e.g. 2027.")
@click.option("--due-on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="When the fees fall due (default: 30 days after the period's start "
                   "or after today, whichever is later).")
@click.option("--consortium", "slug", default=None, metavar="SLUG",
              help="Assess one consortium only (default: every consortium with rules).")
def assess(database_url: str | None, period: str, due_on: object, slug: str | None) -> None:
    """Assess a period's annual fees and success fees; running it twice assesses nothing new."""
    services = open_store(database_url)
    due = due_on.date() if due_on is not None else None  # type: ignore[attr-defined]
    try:
        engine = services.engine
        targets = [get_catalog_entry(engine, slug)["consortium_id"]] if slug else None
        run = assess_all_periods(services.marketplace, engine, period, due, targets)
    finally:
        services.close()
    click.echo(f"Assessed {run.total} new fees for {period.strip()} "
               f"({run.annual} annual, {run.success} success) in {run.consortia} consortia")
    for record, why in run.failed.items():
        click.echo(f"{record} not assessed: {why}", err=True)
    if run.failed:
        raise click.exceptions.Exit(1)


@fees.command()
@database_option
def arrears(database_url: str | None) -> None:
    """Issue the reminders due on overdue fees, and suspend members as the rules say."""
    services = open_store(database_url)
    try:
        report = chase_all_arrears(services.marketplace, services.engine)
        today: date = services.marketplace.clock.now().date()
    finally:
        services.close()
    click.echo(f"{report.reminders} reminders issued, {len(report.suspended)} members "
               f"suspended for arrears on {today.isoformat()}")
    for membership_id, why in report.failed.items():
        click.echo(f"membership {membership_id} not chased: {why}", err=True)
    if report.failed:
        raise click.exceptions.Exit(1)
