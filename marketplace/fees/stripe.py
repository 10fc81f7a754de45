"""The Stripe adapter: the only module that imports the stripe SDK."""

from __future__ import annotations

import time
from typing import Any

import stripe

from marketplace import bounded_json
from marketplace.fees.gateway import (
    Checkout,
    CheckoutRequest,
    PaymentGatewayError,
    PaymentObjectUnknownError,
    PaymentSignatureError,
)
from marketplace.settings import Settings

TOLERANCE_SECONDS = 300
# Stripe Checkout's own languages; anything else lets Stripe follow the browser.
CHECKOUT_LOCALES = {"en", "es", "fr", "de"}


class StripeGateway:
    """Checkout Sessions, refunds and webhook signatures through the official SDK."""

    def __init__(self, secret_key: str, webhook_secret: str, api_base: str | None = None,
                 ) -> None:
        bases: Any = ({"api": api_base, "files": api_base, "connect": api_base}
                      if api_base else None)
        self.client = stripe.StripeClient(secret_key, base_addresses=bases,
                                          max_network_retries=2)
        self.webhook_secret = webhook_secret

    def start_checkout(self, request: CheckoutRequest) -> Checkout:
        """Create a Checkout Session; the same key gives back the same session."""
        params: Any = {
            "mode": "payment",
            "line_items": [{"quantity": 1, "price_data": {
                "currency": request.currency, "unit_amount": request.amount_minor,
                "product_data": {"name": request.description}}}],
            "metadata": request.metadata,
            # The charge carries them too, so a refund names its fee on its own.
            "payment_intent_data": {"metadata": request.metadata},
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
        }
        if request.customer_email:
            params["customer_email"] = request.customer_email
        if request.language in CHECKOUT_LOCALES:
            params["locale"] = request.language
        session = self._call(lambda: self.client.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": request.idempotency_key}))
        return Checkout(session_id=session.id, url=session.url or "")

    def checkout_session(self, session_id: str) -> dict[str, Any]:
        return self._find(lambda: self.client.v1.checkout.sessions.retrieve(session_id))

    def charge(self, charge_id: str) -> dict[str, Any]:
        return self._find(lambda: self.client.v1.charges.retrieve(charge_id))

    def refund(self, payment_intent: str, amount_minor: int | None = None) -> dict[str, Any]:
        params: Any = {"payment_intent": payment_intent}
        if amount_minor is not None:
            params["amount"] = amount_minor
        return self._call(lambda: self.client.v1.refunds.create(params=params)).to_dict()

    def verified_event(self, payload: bytes, signature: str | None) -> dict[str, Any]:
        try:
            stripe.WebhookSignature.verify_header(payload, signature, self.webhook_secret,
                                                  tolerance=TOLERANCE_SECONDS)
        except stripe.SignatureVerificationError as error:
            raise PaymentSignatureError("the Stripe signature does not check out: %(why)s",
                                        why=str(error.user_message or error)) from None
        except ValueError:  # a body that is not UTF-8
            raise PaymentSignatureError("the webhook's body is not a Stripe event") from None
        # The SDK refuses only a signature too old; one from the future would let a copy
        # taken now be replayed for as long as its date lies ahead.
        if signed_at(signature or "") > time.time() + TOLERANCE_SECONDS:
            raise PaymentSignatureError("the Stripe signature does not check out: %(why)s",
                                        why="it is dated more than five minutes ahead")
        try:
            # Parsed here, bounded, rather than by the SDK, which recurses on deep nesting
            # and fails on a body that is JSON but not an object.
            event = bounded_json.loads(payload)
        except ValueError:
            raise PaymentSignatureError("the webhook's body is not a Stripe event") from None
        if not isinstance(event, dict):
            raise PaymentSignatureError("the webhook's body is not a Stripe event")
        return event

    def _find(self, request: Any) -> dict[str, Any]:
        """A session or charge; PaymentObjectUnknownError when Stripe has no such object."""
        try:
            return dict(request().to_dict())
        except stripe.StripeError as error:
            if error.http_status in (400, 404):  # a malformed id, or one it does not know
                raise PaymentObjectUnknownError("Stripe has no such object: %(why)s",
                                                why=str(error.user_message or error)) from None
            raise PaymentGatewayError("Stripe refused the request: %(why)s",
                                      why=str(error.user_message or error)) from None

    @staticmethod
    def _call(request: Any) -> Any:
        try:
            return request()
        except stripe.StripeError as error:
            raise PaymentGatewayError("Stripe refused the request: %(why)s",
                                      why=str(error.user_message or error)) from None


def signed_at(header: str) -> int:
    """The `t=` of a Stripe-Signature header as the SDK reads it (the first); 0 if none."""
    for item in header.split(","):
        parts = item.split("=", 2)
        if parts[0] == "t" and len(parts) > 1:
            try:
                return int(parts[1])
            except ValueError:
                return 0
    return 0


def gateway_from_settings(settings: Settings) -> StripeGateway | None:
    """A gateway from the Stripe secret key, webhook secret and API base of the settings;
    None when no key is set (card payments are then off)."""
    if not settings.stripe_secret_key:
        return None
    return StripeGateway(settings.stripe_secret_key, settings.stripe_webhook_secret,
                         settings.stripe_api_base)
