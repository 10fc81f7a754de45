"""A fake Stripe for tests and local demos: the few endpoints we use, over real HTTP.

It is a test double, never a payment service: nothing here moves money. The official
SDK talks to it as it would to Stripe (form-encoded requests, Stripe-shaped JSON and
errors, idempotency keys), and it signs the webhooks it sends exactly as Stripe does.
"""

from __future__ import annotations

from fakestripe.server import FakeStripe

__all__ = ["FakeStripe"]
