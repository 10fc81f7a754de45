"""Stripe's webhooks turned into fee events: verified, once per event, in any order.

A webhook only says that something may have happened. The handler fetches the Checkout
Session (or the charge) from Stripe again and checks the amount, the currency and the
fee it names against the assessment before recording anything. What does not match is
kept as an anomaly for the consortium's manager, and the fee stays unpaid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.errors import DomainError
from domain.membership import fee_due
from domain.statuses import SETTLED, UNPAID
from marketplace.actors import STRIPE_WEBHOOK, acting_as
from marketplace.fees.amounts import from_minor, mismatch
from marketplace.fees.gateway import PaymentGateway, PaymentSignatureError
from marketplace.fees.records import PaymentRecords


def object_id(event: dict[str, Any]) -> str:
    """The id of the object an event is about; only that is trusted, never its contents."""
    try:
        return str(event["data"]["object"]["id"])
    except (KeyError, TypeError):
        raise PaymentSignatureError("the event names no object") from None


class StripeWebhooks:
    """Receives one webhook delivery and says what came of it."""

    def __init__(self, marketplace: Any, gateway: PaymentGateway,
                 records: PaymentRecords) -> None:
        self.marketplace = marketplace
        self.gateway = gateway
        self.records = records
        self.handlers: dict[str, Callable[[dict[str, Any]], str]] = {
            "checkout.session.completed": self._session_paid,
            "checkout.session.async_payment_succeeded": self._session_paid,
            "checkout.session.async_payment_failed": self._session_failed,
            "charge.refunded": self._charge_refunded,
        }

    def receive(self, payload: bytes, signature: str | None) -> str:
        """Handle a delivery; raises PaymentSignatureError for a forged or stale one."""
        event = self.gateway.verified_event(payload, signature)
        if not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
            raise PaymentSignatureError("the webhook's body is not a Stripe event")
        handler = self.handlers.get(event["type"])
        if handler is None:
            return "ignored"
        if not self.records.claim(event["id"], event["type"], self.marketplace.clock.now()):
            return "duplicate"
        try:
            with acting_as(STRIPE_WEBHOOK):
                return handler(event)
        except Exception:
            # Not handled: Stripe delivers it again, and the retry must not look like a copy.
            self.records.release(event["id"])
            raise

    def _session_paid(self, event: dict[str, Any]) -> str:
        session = self.gateway.checkout_session(object_id(event))
        if session.get("payment_status") != "paid":
            return "awaiting payment"  # a delayed method: async_payment_* follows
        found = self._fee(session.get("metadata"), event, session["id"])
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        problem = mismatch(fee_due(fee), session.get("amount_total"), session.get("currency"))
        if problem:
            return self._anomaly(membership, fee_id, event, session["id"], problem)
        return self._pay(membership, fee_id, fee, session["payment_intent"], event, session["id"])

    def _session_failed(self, event: dict[str, Any]) -> str:
        session = self.gateway.checkout_session(object_id(event))
        found = self._fee(session.get("metadata"), event, session["id"])
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        if fee["status"] in SETTLED:
            return "already paid"
        self.marketplace.record_failed_payment(
            membership.id, fee_id, f"Stripe could not collect the payment ({session['id']})")
        return "payment failed"

    def _charge_refunded(self, event: dict[str, Any]) -> str:
        charge = self.gateway.charge(object_id(event))
        found = self._fee(charge.get("metadata"), event, charge["id"])
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        problem = mismatch(fee_due(fee), charge.get("amount"), charge.get("currency"))
        if problem:
            return self._anomaly(membership, fee_id, event, charge["id"], problem)
        if fee["status"] in UNPAID:
            # The refund overtook the checkout's webhook: a refunded charge was paid first.
            outcome = self._pay(membership, fee_id, fee, charge["payment_intent"], event,
                                charge["id"])
            if outcome != "paid":
                return outcome
            membership = self.marketplace.get_membership(membership.id)
            fee = membership.fees[fee_id]
        elif fee["reference"] != charge["payment_intent"]:
            return self._anomaly(membership, fee_id, event, charge["id"],
                                 f"a refund of {charge['payment_intent']}, but the fee was "
                                 f"paid by {fee['reference']}")
        total = from_minor(charge.get("amount_refunded", 0), charge["currency"])
        if total <= fee["refunded"]:
            return "already refunded"
        refunds = (charge.get("refunds") or {}).get("data") or []
        reference = refunds[0]["id"] if refunds else charge["id"]
        self.marketplace.refund_fee(membership.id, fee_id, total - fee["refunded"], reference)
        return "refunded"

    def _pay(self, membership: Any, fee_id: str, fee: dict[str, Any], payment_intent: str,
             event: dict[str, Any], source: str) -> str:
        if fee["status"] in SETTLED:
            if fee["reference"] == payment_intent:
                return "already paid"
            return self._anomaly(membership, fee_id, event, source,
                                 f"a second payment ({payment_intent}) of a fee already paid "
                                 f"by {fee['reference']}: refund one of them")
        self.marketplace.pay_fee(membership.id, fee_id, fee_due(fee), payment_intent)
        return "paid"

    def _fee(self, metadata: Any, event: dict[str, Any], source: str
             ) -> tuple[Any, str, dict[str, Any]] | None:
        """The membership and fee the metadata names; an anomaly when they are not ours."""
        metadata = metadata or {}
        membership_id, fee_id = metadata.get("membership_id", ""), metadata.get("fee_id", "")
        try:
            membership = self.marketplace.get_membership(membership_id)
            fee = membership.fees[fee_id]
        except (DomainError, KeyError):  # unknown ids, malformed ids
            self.records.record_anomaly(
                consortium_id=str(metadata.get("consortium_id", ""))[:36],
                membership_id=str(membership_id)[:36], fee_id=str(fee_id)[:60],
                event_id=event["id"], session_id=source,
                problem=f"a payment names no fee of ours (membership {membership_id!r}, "
                        f"fee {fee_id!r})", recorded_at=self.marketplace.clock.now())
            return None
        return membership, fee_id, fee

    def _anomaly(self, membership: Any, fee_id: str, event: dict[str, Any], source: str,
                 problem: str) -> str:
        self.records.record_anomaly(
            consortium_id=str(membership.consortium_id), membership_id=str(membership.id),
            fee_id=fee_id, event_id=event["id"], session_id=source, problem=problem[:500],
            recorded_at=self.marketplace.clock.now())
        return "anomaly"
