"""Card payments for `consortia serve`: Stripe when a key is set, else our fake on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import click

from fakestripe import FakeStripe


@contextmanager
def stripe_or_fake(host: str, port: int) -> Iterator[None]:
    """Without STRIPE_SECRET_KEY, run the fake Stripe and point the app at it meanwhile."""
    if os.environ.get("STRIPE_SECRET_KEY"):
        base = os.environ.get("STRIPE_API_BASE") or "Stripe"
        click.echo(f"Card payments go to {base}")
        yield
        return
    # The fake posts its webhooks to this server; a wildcard address is reached on loopback.
    reach = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    fake = FakeStripe(f"http://{reach}:{port}/webhooks/stripe").start()
    saved = {name: os.environ.get(name) for name in
             ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE")}
    os.environ.update(STRIPE_SECRET_KEY=fake.secret_key,
                      STRIPE_WEBHOOK_SECRET=fake.webhook_secret, STRIPE_API_BASE=fake.url)
    click.echo(f"No STRIPE_SECRET_KEY: card payments go to the fake Stripe (a test double, "
               f"no money moves) at {fake.url}")
    try:
        yield
    finally:
        fake.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
