"""`consortia privacy`: a person's right to erasure, from the command line."""

from __future__ import annotations

import click

from consortia.common import database_option, open_store

DEFAULT_REASON = "The person asked for their data to be erased (GDPR art. 17)."


@click.group()
def privacy() -> None:
    """Personal data: erase a person's data on request."""


@privacy.command()
@database_option
@click.option("--email", required=True, metavar="ADDRESS",
              help="The e-mail address of the person whose data is erased.")
@click.option("--reason", default=DEFAULT_REASON, show_default=True,
              help="Why, as the erasure event records it (no personal data).")
def erase(database_url: str | None, email: str, reason: str) -> None:
    """Erase everything kept about a person, found by e-mail; the erasure is recorded."""
    services = open_store(database_url)
    try:
        erasure = services.marketplace.erase_personal_data(email, reason)
    finally:
        services.close()
    records = "record" if erasure.erased == 1 else "records"
    click.echo(f"Erased {erasure.erased} {records} of personal data "
               f"(erasure request {erasure.request_id})")
