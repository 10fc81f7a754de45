"""Webhooks: Stripe tells us about payments here. The signature is the authentication."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from marketplace.errors import ConflictError
from marketplace.fees.payments import PaymentGatewayError, PaymentSignatureError
from web.authz import public
from web.extensions import services
from web.problems import refusal_json

webhooks = Blueprint("webhooks", __name__, url_prefix="/webhooks")


@webhooks.post("/stripe")
@public
def stripe() -> tuple[Response, int]:
    """Take one Stripe event: 400 for a bad signature, 200 once handled or ignored."""
    payments = services().payments
    if payments is None:
        # Nothing here to verify a signature with: as if the endpoint did not exist.
        return jsonify(error="card payments are not configured on this server"), 404
    try:
        # The raw bytes, at most MAX_CONTENT_LENGTH of them (413 beyond): the signature
        # covers them exactly as Stripe sent them.
        outcome = payments.receive(request.get_data(cache=False),
                                   request.headers.get("Stripe-Signature"))
    except PaymentSignatureError as error:
        return jsonify(**refusal_json(error)), 400
    except (PaymentGatewayError, ConflictError) as error:
        # Stripe unreachable, or the membership changed at that very moment: a retry
        # succeeds, so this one answer asks for it (marketplace/fees/webhooks.py says which
        # deliveries get a 2xx or a 400 instead).
        response = jsonify(**refusal_json(error))
        response.headers["Retry-After"] = "60"
        return response, 503
    return jsonify(received=True, outcome=outcome), 200
