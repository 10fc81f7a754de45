"""Webhooks: Stripe tells us about payments here. The signature is the authentication."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from marketplace.fees.payments import PaymentSignatureError
from web.api.views import refusal_json
from web.authz import public
from web.extensions import services

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
        # The raw bytes: the signature covers them exactly as Stripe sent them.
        outcome = payments.receive(request.get_data(cache=False),
                                   request.headers.get("Stripe-Signature"))
    except PaymentSignatureError as error:
        return jsonify(**refusal_json(error)), 400
    return jsonify(received=True, outcome=outcome), 200
