"""The `consortia` command line: demo data, stats, replay, history and the web server."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from enum import Enum
from time import perf_counter
from typing import Any

import click
from werkzeug.serving import run_simple

from consortia.agencies import agencies
from consortia.audit import audit
from consortia.common import (
    Bar,
    Consortia,
    database_option,
    open_store,
    rebuild_if_outdated,
    settings_for,
)
from consortia.fees import fees
from consortia.mail import mail
from consortia.privacy import privacy
from consortia.project import project
from consortia.replay_verify import verify_replay
from consortia.server_name import RequestHandler
from consortia.stripe_local import stripe_or_fake
from consortia.users import users
from consortia.workers import serve_with_workers
from marketplace.audit.runner import JobRunner
from marketplace.demo import demo_clock, events_in, load_demo
from marketplace.demo.logins import logins_lines
from marketplace.outbox.worker import MailWorker
from marketplace.projection import stats as stats_queries
from marketplace.settings import Settings
from web import create_app
from web.production import refuse_unsafe_environment


@click.group(cls=Consortia)
def main() -> None:
    """The export-consortium marketplace."""


@main.command()
@database_option
@click.option("--if-empty", is_flag=True,
              help="Leave a store that already holds events alone, and exit 0.")
def demo(database_url: str | None, if_empty: bool) -> None:
    """Load the demo data set (two agencies and four consortia, 2015-2026) into an empty store."""
    services = open_store(database_url, clock=demo_clock(), inline_projection=False)
    try:
        held = events_in(services.marketplace)
        if held and if_empty:
            click.echo(f"the store already holds {held} events; no demo data loaded")
            return
        started = perf_counter()
        with Bar("Telling the story    ") as bar:
            summary = load_demo(services.marketplace, progress=bar)
        with Bar("Projecting read models") as bar:
            services.projector.catch_up(progress=bar)
        elapsed = perf_counter() - started
        numbers = stats_queries.stats(services)
        click.echo(f"Demo data loaded into {services.store.label} in {elapsed:.1f} s:")
        for line in summary.lines():
            click.echo(f"  {line}")
        click.echo(f"  {numbers['events']} events, {summary.commands} commands; read models "
                   f"at position {numbers['projected_position']}")
        click.echo("Demo logins (sign in at /login):")
        for line in logins_lines():
            click.echo(line)
    finally:
        services.close()


@main.command()
@database_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(database_url: str | None, as_json: bool) -> None:
    """Counts of events, consortia, memberships and bids, and the projector's position."""
    services = open_store(database_url, inline_projection=False)
    try:
        numbers = stats_queries.stats(services)
    finally:
        services.close()
    if as_json:
        click.echo(json.dumps(numbers))
        return
    width = max(len(key) for key in numbers)
    for key, value in numbers.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value:>10,}")
    lag = numbers["log_position"] - numbers["projected_position"]
    click.echo(f"read models {'are up to date' if lag == 0 else f'are {lag} events behind'}")


@main.command()
@database_option
@click.option("--verify", is_flag=True, help="Rebuild into a scratch place instead, compare "
              "with the live read models, and exit 1 if any row differs.")
def replay(database_url: str | None, verify: bool) -> None:
    """Rebuild every read model from the first event, or check the live ones against it."""
    services = open_store(database_url, inline_projection=False)
    if verify:
        try:
            clean = verify_replay(services, Bar("Replaying events")).clean
        finally:
            services.close()
        raise click.exceptions.Exit(0 if clean else 1)
    try:
        started = perf_counter()
        with Bar("Replaying events") as bar:
            replayed = services.projector.rebuild(progress=bar)
        elapsed = perf_counter() - started
    finally:
        services.close()
    rate = replayed / elapsed if elapsed else 0.0
    click.echo(f"Replayed {replayed:,} events in {elapsed:.2f} s ({rate:,.0f} events/s)")


@main.command()
@database_option
@click.argument("aggregate_id")
def history(database_url: str | None, aggregate_id: str) -> None:
    """One consortium's, membership's, bid's or company's events, in order."""
    services = open_store(database_url, inline_projection=False)
    try:
        rows = services.marketplace.history(aggregate_id)
    finally:
        services.close()
    for row in rows:
        data = ", ".join(f"{key}={shown(value)}" for key, value in row["data"].items())
        click.echo(f"{row['version']:>4}  {row['timestamp']:%Y-%m-%d %H:%M:%S}  "
                   f"{row['type']:<34} {data}")


def shown(value: Any) -> str:
    """A value as a person reads it: value objects by their str, collections inline."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if is_dataclass(value) and type(value).__str__ is object.__str__:
        return shown({f.name: getattr(value, f.name) for f in fields(value)})
    return str(value)


@main.command()
@database_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--mail-interval", default=5.0, show_default=True, type=click.FloatRange(0.5),
              help="Seconds between two rounds of the mail sender.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Run gunicorn with this many web processes (the production layout); "
                   "without it, one process serves, for development.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per gunicorn worker.")
@click.option("--projector/--no-projector", default=True, show_default=True,
              help="With --workers: start the projector process too (turn off when "
                   "`consortia project` runs elsewhere).")
def serve(database_url: str | None, host: str, port: int, mail_interval: float,
          workers: int | None, threads: int, projector: bool) -> None:
    """Serve the web app, and send the outbox's mails in the background."""
    settings = settings_for(database_url)
    if workers:  # production refuses several workers that share no rate-limit store
        settings = replace(settings, workers=workers)
    # Production: before the fake Stripe or the store opens, and never on werkzeug's server.
    refuse_unsafe_environment(settings, development_server=not workers)
    # Without CONSORTIA_BASE_URL, mails link to the address served here.
    with stripe_or_fake(settings.served_at(host, port), host, port) as served:
        if workers:
            serve_with_workers(served, database_url, host, port, workers, threads, projector,
                               mail_interval)
        else:
            _serve(served, host, port, mail_interval)


def _serve(settings: Settings, host: str, port: int, mail_interval: float) -> None:
    services = open_store(settings)
    rebuild_if_outdated(services)
    services.projector.catch_up()
    click.echo(f"Serving {services.store.label} on http://{host}:{port}/")
    click.echo(f"Mail goes out via {services.outbox.transport.name} "
               f"every {mail_interval:g} s")
    worker = MailWorker(services.outbox, services.marketplace.clock, mail_interval).start()
    # No projector process here: the auditor's checks run in a thread of this one.
    checks = JobRunner(services, services.audit_jobs).start()
    try:
        run_simple(host, port, create_app(services=services, settings=settings), threaded=True,
                   request_handler=RequestHandler)
    finally:
        checks.stop()
        worker.stop()
        services.close()


main.add_command(agencies)
main.add_command(audit)
main.add_command(project)
main.add_command(privacy)
main.add_command(mail)
main.add_command(users)
main.add_command(fees)
