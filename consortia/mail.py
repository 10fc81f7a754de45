"""`consortia mail`: send the outbox's due mails now (for cron, or by hand)."""

from __future__ import annotations

import click

from consortia.common import database_option, open_store


@click.group()
def mail() -> None:
    """The e-mail outbox: mails to buyers and the workspace, written from the events."""


@mail.command()
@database_option
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1),
              help="Send at most this many mails in this run.")
def send(database_url: str | None, limit: int) -> None:
    """Write the mails of new events and deadlines, then send those due (SMTP, or locally)."""
    services = open_store(database_url)
    try:
        from web.documents import renderer_for  # loads WeasyPrint: only to send mail

        services.outbox.documents = renderer_for(services)  # the quotation's PDF
        now = services.marketplace.clock.now()
        written = services.outbox.catch_up() + services.outbox.write_due_notices(now)
        report = services.outbox.send_due(now, limit)
        via = services.outbox.transport.name
        not_written = dict(services.outbox.failed)
    finally:
        services.close()
    click.echo(f"{written} new in the outbox; sent {report.sent} ({via}), "
               f"{report.retried} to retry, {report.failed} failed, "
               f"{report.dropped} dropped (recipient erased)")
    for record, why in not_written.items():
        click.echo(f"{record}: no mail written: {why}", err=True)
    for record, why in report.problems.items():
        click.echo(f"{record} not sent: {why}", err=True)
    if report.retried or report.failed or not_written:
        raise click.exceptions.Exit(1)
