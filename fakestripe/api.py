"""The fake's HTTP face: the API endpoints we call, and the hosted payment page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask, redirect, render_template_string, request
from werkzeug.wrappers import Response

from fakestripe.encoding import EncodingError, decode
from fakestripe.objects import Objects, StripeError, no_such
from fakestripe.page import PAGE
from fakestripe.sessions import create_session

Send = Callable[[dict[str, Any]], None]


def create_api(objects: Objects, base_url: Callable[[], str], send: Send) -> Flask:
    """The WSGI app: API endpoints under /v1, the payment page under /pay."""
    app = Flask(__name__)
    replies: dict[tuple[str, str], tuple[dict[str, Any], int, str]] = {}

    def answer(body: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(body, indent=2), status=status,
                        mimetype="application/json", headers={"Request-Id": "req_fake"})

    @app.errorhandler(StripeError)
    def stripe_error(error: StripeError) -> Response:
        return answer({"error": error.body}, error.status)

    @app.errorhandler(404)
    def unknown_url(_: Any) -> Response:
        return answer({"error": {"type": "invalid_request_error", "message":
                                 f"Unrecognized request URL ({request.method}: "
                                 f"{request.path})."}}, 404)

    def api_key() -> str:
        key = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not key.startswith(("sk_test_", "rk_test_")):
            raise StripeError("Invalid API Key provided: this test double accepts only "
                              "test-mode keys (sk_test_...).", status=401)
        return key

    def params() -> dict[str, Any]:
        try:
            return decode(request.form.items(multi=True))
        except EncodingError as error:
            raise StripeError(str(error), param=error.param) from None

    def idempotent(create: Callable[[dict[str, Any]], dict[str, Any]]) -> Response:
        """Same key, same parameters: the first answer again; other parameters: an error."""
        key, given = request.headers.get("Idempotency-Key"), params()
        fingerprint = json.dumps(given, sort_keys=True)
        if key and (api_key(), key) in replies:
            body, status, first = replies[(api_key(), key)]
            if first != fingerprint:
                raise StripeError(
                    "Keys for idempotent requests can only be used with the same parameters "
                    "they were first used with.", kind="idempotency_error")
            replayed = answer(body, status)
            replayed.headers["Idempotent-Replayed"] = "true"
            return replayed
        try:
            body, status = create(given), 200
        except StripeError as error:
            body, status = {"error": error.body}, error.status
        if key:
            replies[(api_key(), key)] = (body, status, fingerprint)
        return answer(body, status)

    @app.post("/v1/checkout/sessions")
    def create_checkout_session() -> Response:
        api_key()

        def create(given: dict[str, Any]) -> dict[str, Any]:
            session = create_session(given, base_url())
            with objects.lock:
                objects.sessions[session["id"]] = session
            return session

        return idempotent(create)

    @app.get("/v1/checkout/sessions/<session_id>")
    def retrieve_checkout_session(session_id: str) -> Response:
        api_key()
        return answer(objects.session(session_id))

    @app.get("/v1/payment_intents/<intent_id>")
    def retrieve_payment_intent(intent_id: str) -> Response:
        api_key()
        return answer(objects.intent(intent_id))

    @app.get("/v1/charges/<charge_id>")
    def retrieve_charge(charge_id: str) -> Response:
        api_key()
        return answer(objects.charge(charge_id))

    @app.post("/v1/refunds")
    def create_refund() -> Response:
        api_key()

        def create(given: dict[str, Any]) -> dict[str, Any]:
            refund, event = objects.refund(given)
            send(event)
            return refund

        return idempotent(create)

    @app.get("/pay/<session_id>")
    def payment_page(session_id: str) -> str | Response:
        if session_id not in objects.sessions:
            return Response("No such Checkout Session.", status=404, mimetype="text/plain")
        return render_template_string(PAGE, session=objects.sessions[session_id])

    @app.post("/pay/<session_id>")
    def pay_or_decline(session_id: str) -> Response:
        if session_id not in objects.sessions:
            raise no_such("checkout.session", "session", session_id)
        choice = request.form.get("choice")
        if choice not in ("pay", "decline"):
            return Response("Choose pay or decline.", status=400, mimetype="text/plain")
        events = (objects.pay if choice == "pay" else objects.decline)(session_id)
        for event in events:
            send(event)
        session = objects.sessions[session_id]
        return redirect(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id),
                        code=303)

    return app
