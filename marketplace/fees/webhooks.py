"""Stripe's webhooks turned into fee events: verified, once per event, in any order.

A webhook only says that something may have happened. The handler fetches the Checkout
Session (or the charge) from Stripe again and checks the amount, the currency and the
fee it names against the assessment before recording anything. What does not match is
kept as an anomaly for the consortium's manager, and the fee stays unpaid.

What Stripe makes of our answer: a 2xx means delivered; anything else is delivered again,
for up to three days. So a delivery that no retry can make usable gets a 2xx that says so
("ignored", "anomaly"), and only what a retry may fix gets an error:
- forged, stale or future-dated, or a signed body that is not an event (PaymentSignatureError,
  400): not Stripe's doing; whoever holds the secret sent it, and is told;
- an event of a type we do not use, or naming an object Stripe does not have: "ignored";
- an object Stripe gives back that we cannot read (a field missing or of the wrong type, an
  amount out of range), or a fee the rules refuse to change: an "anomaly" for the manager;
- Stripe unreachable, or someone changing the membership at the same moment: raised, so
  the web answers 503 and Stripe's retry handles it afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.errors import DomainError
from domain.membership import fee_due
from domain.statuses import SETTLED, UNPAID
from marketplace.actors import STRIPE_WEBHOOK, acting_as
from marketplace.errors import ConflictError
from marketplace.fees.amounts import from_minor, mismatch
from marketplace.fees.gateway import (
    PaymentGateway,
    PaymentObjectUnknownError,
    PaymentSignatureError,
)
from marketplace.fees.records import PaymentRecords
from marketplace.fees.webhook_fields import (
    ID_LIMIT,
    UnusableObjectError,
    identifier,
    mapping,
    minor,
    object_id,
)


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
        """Handle a delivery; raises PaymentSignatureError for a forged, stale or malformed one."""
        event = self.gateway.verified_event(payload, signature)
        if not isinstance(event.get("type"), str) or not isinstance(event.get("id"), str) \
                or not 0 < len(event["id"]) <= ID_LIMIT:
            raise PaymentSignatureError("the webhook's body is not a Stripe event")
        handler = self.handlers.get(event["type"])
        if handler is None:
            return "ignored"
        object_id(event)  # an event of ours naming no object is refused before it is claimed
        if not self.records.claim(event["id"], event["type"], self.marketplace.clock.now()):
            return "duplicate"
        try:
            with acting_as(STRIPE_WEBHOOK):
                return handler(event)
        except PaymentObjectUnknownError:
            return "ignored"  # Stripe has no such object: no retry will find one
        except UnusableObjectError as unusable:
            return self._unreadable(event, str(unusable))
        except Exception:
            # Not handled: Stripe delivers it again, and the retry must not look like a copy.
            self.records.release(event["id"])
            raise

    def _session_paid(self, event: dict[str, Any]) -> str:
        session = self.gateway.checkout_session(object_id(event))
        source = identifier(session, "id")
        if session.get("payment_status") != "paid":
            return "awaiting payment"  # a delayed method: async_payment_* follows
        found = self._fee(session.get("metadata"), event, source)
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        problem = mismatch(fee_due(fee), session.get("amount_total"), session.get("currency"))
        if problem:
            return self._anomaly(membership, fee_id, event, source, problem)
        intent = identifier(session, "payment_intent")
        return self._pay(membership, fee_id, fee, intent, event, source)

    def _session_failed(self, event: dict[str, Any]) -> str:
        session = self.gateway.checkout_session(object_id(event))
        source = identifier(session, "id")
        found = self._fee(session.get("metadata"), event, source)
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        if fee["status"] in SETTLED:
            return "already paid"
        reason = f"Stripe could not collect the payment ({source})"
        return self._change(membership, fee_id, event, source, lambda: self.marketplace
                            .record_failed_payment(membership.id, fee_id, reason),
                            done="payment failed")

    def _charge_refunded(self, event: dict[str, Any]) -> str:
        charge = self.gateway.charge(object_id(event))
        source, intent = identifier(charge, "id"), identifier(charge, "payment_intent")
        found = self._fee(charge.get("metadata"), event, source)
        if found is None:
            return "anomaly"
        membership, fee_id, fee = found
        problem = mismatch(fee_due(fee), charge.get("amount"), charge.get("currency"))
        if problem:
            return self._anomaly(membership, fee_id, event, source, problem)
        refunded = minor(charge, "amount_refunded", 0)
        if fee["status"] in UNPAID:
            # The refund overtook the checkout's webhook: a refunded charge was paid first.
            outcome = self._pay(membership, fee_id, fee, intent, event, source)
            if outcome != "paid":
                return outcome
            membership = self.marketplace.get_membership(membership.id)
            fee = membership.fees[fee_id]
        elif fee["reference"] != intent:
            return self._anomaly(membership, fee_id, event, source,
                                 f"a refund of {intent}, but the fee was paid by "
                                 f"{fee['reference']}")
        total = from_minor(refunded, identifier(charge, "currency"))
        if total <= fee["refunded"]:
            return "already refunded"
        refunds = mapping(charge.get("refunds")).get("data")
        first = refunds[0] if isinstance(refunds, list) and refunds else None
        reference = identifier(first, "id") if isinstance(first, dict) else source
        return self._change(membership, fee_id, event, source, lambda: self.marketplace
                            .refund_fee(membership.id, fee_id, total - fee["refunded"],
                                        reference), done="refunded")

    def _pay(self, membership: Any, fee_id: str, fee: dict[str, Any], payment_intent: str,
             event: dict[str, Any], source: str) -> str:
        if fee["status"] in SETTLED:
            if fee["reference"] == payment_intent:
                return "already paid"
            return self._anomaly(membership, fee_id, event, source,
                                 f"a second payment ({payment_intent}) of a fee already paid "
                                 f"by {fee['reference']}: refund one of them")
        return self._change(membership, fee_id, event, source, lambda: self.marketplace
                            .pay_fee(membership.id, fee_id, fee_due(fee), payment_intent),
                            done="paid")

    def _change(self, membership: Any, fee_id: str, event: dict[str, Any], source: str,
                command: Callable[[], Any], done: str) -> str:
        """Run the fee's command; a rule that refuses it is an anomaly, as no retry helps.

        A conflict (someone changed the membership at that moment) is raised: a retry does.
        """
        try:
            command()
        except ConflictError:
            raise
        except DomainError as refused:
            return self._anomaly(membership, fee_id, event, source,
                                 f"the fee could not be changed: {refused.english()}")
        return done

    def _fee(self, metadata: Any, event: dict[str, Any], source: str
             ) -> tuple[Any, str, dict[str, Any]] | None:
        """The membership and fee the metadata names; an anomaly when they are not ours."""
        metadata = mapping(metadata)
        membership_id, fee_id = metadata.get("membership_id", ""), metadata.get("fee_id", "")
        try:
            if not isinstance(membership_id, str) or not isinstance(fee_id, str):
                raise KeyError(fee_id)
            membership = self.marketplace.get_membership(membership_id)
            fee = membership.fees[fee_id]
        except (DomainError, KeyError):  # unknown ids, malformed ids
            self._stray(metadata, event, source,
                        f"a payment names no fee of ours (membership {membership_id!r}, "
                        f"fee {fee_id!r})")
            return None
        return membership, fee_id, fee

    def _unreadable(self, event: dict[str, Any], problem: str) -> str:
        """An object Stripe gave back that we cannot read: kept for the agency to see."""
        self._stray({}, event, object_id(event), problem)
        return "anomaly"

    def _stray(self, metadata: dict[str, Any], event: dict[str, Any], source: str,
               problem: str) -> None:
        """An anomaly naming no fee of ours: the agency sees it, and the manager of the
        consortium its metadata names, if any."""
        self.records.record_anomaly(
            consortium_id=str(metadata.get("consortium_id", ""))[:36],
            membership_id=str(metadata.get("membership_id", ""))[:36],
            fee_id=str(metadata.get("fee_id", ""))[:60], event_id=event["id"],
            session_id=source[:ID_LIMIT], problem=problem[:500],
            recorded_at=self.marketplace.clock.now())

    def _anomaly(self, membership: Any, fee_id: str, event: dict[str, Any], source: str,
                 problem: str) -> str:
        self.records.record_anomaly(
            consortium_id=str(membership.consortium_id), membership_id=str(membership.id),
            fee_id=fee_id[:60], event_id=event["id"], session_id=source[:ID_LIMIT],
            problem=problem[:500], recorded_at=self.marketplace.clock.now())
        return "anomaly"
