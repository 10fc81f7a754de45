"""Card payments of fees: the port, the Stripe adapter, checkout and webhooks."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.engine import Engine

from marketplace.fees.checkout import start_checkout
from marketplace.fees.gateway import (
    Checkout,
    PaymentGateway,
    PaymentGatewayError,
    PaymentSignatureError,
)
from marketplace.fees.records import PaymentRecords
from marketplace.fees.webhooks import StripeWebhooks

__all__ = ["Payments", "PaymentGatewayError", "PaymentSignatureError", "Checkout"]


class Payments:
    """What the front ends use: start a checkout, take a webhook, list anomalies."""

    def __init__(self, marketplace: Any, engine: Engine, gateway: PaymentGateway) -> None:
        self.marketplace = marketplace
        self.gateway = gateway
        self.records = PaymentRecords(engine)
        self.webhooks = StripeWebhooks(marketplace, gateway, self.records)

    def checkout(self, membership_id: UUID | str, fee_id: str, **where: Any) -> Checkout:
        """The hosted checkout for an unpaid fee (email, success_url, cancel_url, language)."""
        return start_checkout(self.marketplace, self.gateway, membership_id, fee_id, **where)

    def receive(self, payload: bytes, signature: str | None) -> str:
        """Handle one webhook delivery; returns what came of it."""
        return self.webhooks.receive(payload, signature)

    def anomalies(self, consortia: set[str] | None = None) -> list[dict[str, Any]]:
        """Payments that did not match their fee (of these consortia; None: all)."""
        return self.records.anomalies(consortia)
