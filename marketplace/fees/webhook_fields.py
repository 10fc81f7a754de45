"""Reading what a webhook and Stripe's objects carry, checked field by field.

Stripe's shapes are documented, but a signed event can come from anyone holding the
secret, and an object can change shape between API versions: every field is read here
with its type and bounds, so a wrong one is a refusal or an anomaly, never a crash.
"""

from __future__ import annotations

from typing import Any

from marketplace.fees.gateway import PaymentSignatureError

ID_LIMIT = 255  # Stripe's ids are far shorter; the tables keep at most this
MINOR_LIMIT = 10**15  # minor units beyond any fee (the domain's ceiling is 10**12 units)


class UnusableObjectError(Exception):
    """A session or charge from Stripe that lacks a field or holds one of the wrong type."""


def object_id(event: dict[str, Any]) -> str:
    """The id of the object an event is about; only that is trusted, never its contents."""
    data = event.get("data")
    found = data.get("object") if isinstance(data, dict) else None
    value = found.get("id") if isinstance(found, dict) else None
    if not isinstance(value, str) or not 0 < len(value) <= ID_LIMIT:
        raise PaymentSignatureError("the event names no object")
    return value


def identifier(found: dict[str, Any], name: str) -> str:
    """A field Stripe always fills with an id or a code."""
    value = found.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= ID_LIMIT:
        raise UnusableObjectError(f"Stripe's object has no usable {name}")
    return value


def minor(found: dict[str, Any], name: str, default: int | None = None) -> int:
    """An amount in minor units, within what any fee could be."""
    value = found.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MINOR_LIMIT:
        raise UnusableObjectError(f"Stripe's object has no usable {name}")
    return value


def mapping(value: Any) -> dict[str, Any]:
    """A field that should hold an object; {} when it does not."""
    return value if isinstance(value, dict) else {}
