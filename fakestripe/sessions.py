"""Creating a Checkout Session in mode payment from the parameters the SDK sends."""

from __future__ import annotations

import time
from typing import Any

from fakestripe.objects import SESSION_LIFETIME, StripeError, _amount, missing, new_id

METADATA_KEYS = 50


def create_session(params: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A new open session, checked as Stripe checks the fields we use."""
    mode = params.get("mode")
    if not mode:
        raise missing("mode")
    if mode != "payment":
        raise StripeError("This test double supports only mode 'payment'.", param="mode")
    if not params.get("success_url"):
        raise missing("success_url")
    items = params.get("line_items")
    if not isinstance(items, list) or not items:
        raise missing("line_items")
    currencies, total = set(), 0
    for index, item in enumerate(items):
        unit, currency = _price(item, f"line_items[{index}]")
        quantity = _amount(item.get("quantity", "1"), f"line_items[{index}][quantity]")
        if quantity < 1:
            raise StripeError("Quantity must be at least 1.",
                              param=f"line_items[{index}][quantity]")
        currencies.add(currency)
        total += unit * quantity
    if len(currencies) > 1:
        raise StripeError("All line items must share one currency.", param="line_items")
    session_id = new_id("cs")
    return {
        "id": session_id, "object": "checkout.session", "mode": "payment",
        "status": "open", "payment_status": "unpaid", "livemode": False,
        "amount_subtotal": total, "amount_total": total, "currency": currencies.pop(),
        "customer_email": params.get("customer_email"),
        "client_reference_id": params.get("client_reference_id"),
        "metadata": _metadata(params.get("metadata"), "metadata"),
        "payment_intent_data": {"metadata": _metadata(
            (params.get("payment_intent_data") or {}).get("metadata"),
            "payment_intent_data[metadata]")},
        "payment_intent": None, "success_url": params["success_url"],
        "cancel_url": params.get("cancel_url"), "locale": params.get("locale"),
        "created": int(time.time()), "expires_at": int(time.time()) + SESSION_LIFETIME,
        "url": f"{base_url}/pay/{session_id}",
        "line_items_summary": [_summary(item) for item in items],
    }


def _price(item: Any, param: str) -> tuple[int, str]:
    if not isinstance(item, dict):
        raise StripeError("Invalid line item.", param=param)
    data = item.get("price_data")
    if not isinstance(data, dict):
        raise missing(f"{param}[price_data]")
    currency = str(data.get("currency") or "").lower()
    if len(currency) != 3 or not currency.isalpha():
        raise StripeError(f"Invalid currency: {currency or '(none)'}.",
                          param=f"{param}[price_data][currency]")
    if "unit_amount" not in data:
        raise missing(f"{param}[price_data][unit_amount]")
    product = data.get("product_data")
    if not isinstance(product, dict) or not product.get("name"):
        raise missing(f"{param}[price_data][product_data][name]")
    return _amount(data["unit_amount"], f"{param}[price_data][unit_amount]"), currency


def _metadata(value: Any, param: str) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict) or len(value) > METADATA_KEYS:
        raise StripeError("Invalid metadata.", param=param)
    return {str(key): str(item) for key, item in value.items()}


def _summary(item: dict[str, Any]) -> dict[str, Any]:
    data = item["price_data"]
    return {"name": data["product_data"]["name"], "quantity": int(item.get("quantity", 1)),
            "unit_amount": int(data["unit_amount"])}
