"""The fake's state: Checkout Sessions, PaymentIntents, charges, refunds and events."""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

API_VERSION = "2025-09-30.clover"
SESSION_LIFETIME = 24 * 3600


class StripeError(Exception):
    """An error answered in Stripe's shape: {"error": {"type", "message", "param"}}."""

    def __init__(self, message: str, *, status: int = 400, param: str | None = None,
                 kind: str = "invalid_request_error", code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"type": kind, "message": message}
        if param:
            self.body["param"] = param
        if code:
            self.body["code"] = code


def new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(12)}"


def missing(param: str) -> StripeError:
    return StripeError(f"Missing required param: {param}.", param=param,
                       code="parameter_missing")


def no_such(kind: str, param: str, object_id: str) -> StripeError:
    return StripeError(f"No such {kind}: '{object_id}'", status=404, param=param,
                       code="resource_missing")


class Objects:
    """Everything the fake knows, behind one lock (the server answers on many threads)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.sessions: dict[str, dict[str, Any]] = {}
        self.intents: dict[str, dict[str, Any]] = {}
        self.charges: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []

    def event(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        """Record an event about an object, as Stripe would send it to a webhook endpoint."""
        event = {"id": new_id("evt"), "object": "event", "api_version": API_VERSION,
                 "created": int(time.time()), "type": kind, "livemode": False,
                 "pending_webhooks": 1, "data": {"object": _copy(obj)},
                 "request": {"id": None, "idempotency_key": None}}
        self.events.append(event)
        return event

    def session(self, session_id: str) -> dict[str, Any]:
        try:
            return self.sessions[session_id]
        except KeyError:
            raise no_such("checkout.session", "session", session_id) from None

    def intent(self, intent_id: str) -> dict[str, Any]:
        try:
            return self.intents[intent_id]
        except KeyError:
            raise no_such("payment_intent", "intent", intent_id) from None

    def charge(self, charge_id: str) -> dict[str, Any]:
        try:
            return self.charges[charge_id]
        except KeyError:
            raise no_such("charge", "charge", charge_id) from None

    def pay(self, session_id: str) -> list[dict[str, Any]]:
        """The buyer paid on the payment page: a PaymentIntent, its charge, the events."""
        with self.lock:
            session = self._open(session_id)
            intent = self._intent(session, "succeeded")
            charge = {"id": new_id("ch"), "object": "charge", "amount": session["amount_total"],
                      "amount_captured": session["amount_total"], "amount_refunded": 0,
                      "currency": session["currency"], "payment_intent": intent["id"],
                      "metadata": dict(intent["metadata"]), "paid": True, "refunded": False,
                      "status": "succeeded", "created": int(time.time()), "livemode": False,
                      "refunds": {"object": "list", "data": [], "has_more": False}}
            self.charges[charge["id"]] = charge
            intent["latest_charge"] = charge["id"]
            session.update(status="complete", payment_status="paid",
                           payment_intent=intent["id"])
            return [self.event("checkout.session.completed", session)]

    def decline(self, session_id: str) -> list[dict[str, Any]]:
        """The payment failed, as a delayed payment method fails after the checkout."""
        with self.lock:
            session = self._open(session_id)
            intent = self._intent(session, "requires_payment_method")
            session.update(status="complete", payment_status="unpaid",
                           payment_intent=intent["id"])
            return [self.event("checkout.session.completed", session),
                    self.event("checkout.session.async_payment_failed", session)]

    def refund(self, params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Refund all or part of a charge; returns the refund and the charge.refunded event."""
        with self.lock:
            if params.get("charge"):
                charge = self.charge(params["charge"])
            elif params.get("payment_intent"):
                intent = self.intent(params["payment_intent"])
                if not intent.get("latest_charge"):
                    raise StripeError("This PaymentIntent has no successful charge to refund.",
                                      param="payment_intent")
                charge = self.charges[intent["latest_charge"]]
            else:
                raise missing("charge")
            left = charge["amount"] - charge["amount_refunded"]
            amount = _amount(params.get("amount"), "amount") if "amount" in params else left
            if amount <= 0 or amount > left:
                raise StripeError(f"Refund amount ({amount}) is greater than unrefunded amount "
                                  f"on charge ({left})", param="amount")
            refund = {"id": new_id("re"), "object": "refund", "amount": amount,
                      "charge": charge["id"], "currency": charge["currency"],
                      "payment_intent": charge["payment_intent"], "status": "succeeded",
                      "metadata": params.get("metadata") or {}, "created": int(time.time())}
            self.refunds[refund["id"]] = refund
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            charge["refunds"]["data"].insert(0, refund)
            return refund, self.event("charge.refunded", charge)

    def _open(self, session_id: str) -> dict[str, Any]:
        session = self.session(session_id)
        if session["status"] != "open":
            raise StripeError("This Checkout Session is no longer open.", param="session")
        return session

    def _intent(self, session: dict[str, Any], status: str) -> dict[str, Any]:
        intent = {"id": new_id("pi"), "object": "payment_intent",
                  "amount": session["amount_total"], "currency": session["currency"],
                  "status": status, "latest_charge": None, "livemode": False,
                  "metadata": dict(session["payment_intent_data"].get("metadata") or {}),
                  "created": int(time.time())}
        self.intents[intent["id"]] = intent
        return intent


def _amount(value: Any, param: str) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        raise StripeError(f"Invalid integer: {value}", param=param) from None
    if amount < 0:
        raise StripeError(f"Invalid integer: {value}", param=param)
    return amount


def _copy(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {key: _copy(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [_copy(value) for value in obj]
    return obj
