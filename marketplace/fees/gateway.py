"""The payments port: what the application needs from a card processor, in plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from domain.errors import DomainError


class PaymentSignatureError(DomainError):
    """A webhook that is forged, stale, or not a Stripe event at all."""


class PaymentGatewayError(DomainError):
    """The processor refused a request or could not be reached."""


class PaymentObjectUnknownError(PaymentGatewayError):
    """The processor has no such object: an id it never gave us, or another account's."""


@dataclass(frozen=True)
class CheckoutRequest:
    """One attempt to pay one fee through a hosted checkout page."""

    idempotency_key: str
    description: str
    amount_minor: int
    currency: str  # lower case, as Stripe writes it
    metadata: dict[str, str]
    customer_email: str | None
    success_url: str
    cancel_url: str
    language: str


@dataclass(frozen=True)
class Checkout:
    session_id: str
    url: str


class PaymentGateway(Protocol):
    """A card processor with hosted checkout pages and signed webhooks (Stripe)."""

    def start_checkout(self, request: CheckoutRequest) -> Checkout: ...

    def checkout_session(self, session_id: str) -> dict[str, Any]:
        """The session as the processor knows it now (never as a webhook said it was)."""
        ...

    def charge(self, charge_id: str) -> dict[str, Any]: ...

    def refund(self, payment_intent: str, amount_minor: int | None = None) -> dict[str, Any]: ...

    def verified_event(self, payload: bytes, signature: str | None) -> dict[str, Any]:
        """The event a webhook carries, if its signature is good and recent."""
        ...
