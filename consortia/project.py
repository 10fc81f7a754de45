"""`consortia project`: the projector's own process, following the log into the read models."""

from __future__ import annotations

import signal
from types import FrameType

import click

from consortia.common import Bar, database_option, open_store, rebuild_if_outdated
from marketplace.audit.runner import JobRunner
from marketplace.outbox.worker import MailWorker
from marketplace.projection.follower import Follower


@click.command()
@database_option
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.05),
              help="Seconds between polls (PostgreSQL also wakes on each new event).")
@click.option("--mail/--no-mail", default=True, show_default=True,
              help="Also send the outbox's mails from this process.")
@click.option("--mail-interval", default=5.0, show_default=True, type=click.FloatRange(0.5),
              help="Seconds between two rounds of the mail sender.")
@click.option("--once", is_flag=True, help="Catch up once and exit, instead of following.")
def project(database_url: str | None, interval: float, mail: bool, mail_interval: float,
            once: bool) -> None:
    """Keep the read models and the outbox up to date with the event log, and run the
    auditor's checks, until stopped."""
    services = open_store(database_url, inline_projection=False)
    try:
        rebuild_if_outdated(services)
        # The outbox starts at the head of the log the first time a live process opens it.
        services.outbox.open()
        follower = Follower(services, interval)
        with Bar("Catching up") as bar:
            services.projector.catch_up(progress=bar)
        if once:
            follower.round()
            click.echo(f"Read models at position {services.projector.position():,}")
            return
        _stop_on_signals(follower)
        if mail:
            from web.documents import renderer_for  # loads WeasyPrint: only to send mail

            services.outbox.documents = renderer_for(services)  # the quotation's PDF
        worker = (MailWorker(services.outbox, services.marketplace.clock, mail_interval).start()
                  if mail else None)
        # The auditor's checks asked for on any web worker run here (audit_jobs).
        checks = JobRunner(services, services.audit_jobs).start()
        click.echo(f"Projecting {services.store.label} from position "
                   f"{services.projector.position():,}; "
                   + (f"mail goes out via {services.outbox.transport.name}" if mail
                      else "mail is sent elsewhere"))
        try:
            follower.run()
        finally:
            checks.stop()
            if worker:
                worker.stop()
        click.echo(f"Stopped at position {services.projector.position():,}")
    finally:
        services.close()


def _stop_on_signals(follower: Follower) -> None:
    # SIGTERM from a supervisor (or `serve --workers`) ends the loop after its round.
    def stop(_signum: int, _frame: FrameType | None) -> None:
        follower.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
