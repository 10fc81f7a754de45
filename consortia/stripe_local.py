"""Card payments for `consortia serve`: Stripe when a key is set; the fake only in dev mode.

Outside dev mode a server without a Stripe key has card payments off: the fake Stripe
would mark fees paid while no money moves, so it never starts by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import click

from fakestripe import FakeStripe
from marketplace.settings import Settings


@contextmanager
def stripe_or_fake(settings: Settings, host: str, port: int) -> Iterator[Settings]:
    """Without a Stripe key in dev mode, run the fake Stripe meanwhile; yields the settings
    to serve with."""
    if settings.stripe_secret_key:
        click.echo(f"Card payments go to {settings.stripe_api_base or 'Stripe'}")
        yield settings
        return
    if not settings.dev:
        click.echo("No STRIPE_SECRET_KEY: card payments are off (CONSORTIA_DEV=1 would use "
                   "the fake Stripe)")
        yield settings
        return
    # The fake posts its webhooks to this server; a wildcard address is reached on loopback.
    reach = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    fake = FakeStripe(f"http://{reach}:{port}/webhooks/stripe").start()
    click.echo(f"No STRIPE_SECRET_KEY: card payments go to the fake Stripe (a test double, "
               f"no money moves) at {fake.url}")
    try:
        yield replace(settings, stripe_secret_key=fake.secret_key,
                      stripe_webhook_secret=fake.webhook_secret, stripe_api_base=fake.url)
    finally:
        fake.stop()
