"""The buyer's own request through the API, authorised by its tracking token as a bearer.

`Authorization: Bearer <token>` opens the one request the token was given for, as the
private link does: read it, ask a question, accept or decline its quote, or ask for a
revised one. The token never has to be put
in a URL, where proxies and logs would keep it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import jsonify, make_response, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, InvalidValueError
from marketplace.bidding.tracking import find_tracked_request
from web import refusals
from web.api import api, validation
from web.api.rfqs import represent
from web.api.views import json_body, refusal_json
from web.extensions import services
from web.problems import problem
from web.rfq.fields import Invalid, readable
from web.rfq.track import DEFAULT_REASON, quote_open

Tracked = dict[str, Any]


def _unauthorised() -> Response:
    return problem(401, _("Send the request's private tracking token as "
                          "“Authorization: Bearer <token>”."), code="tracking_token_required",
                   params={}, headers={"WWW-Authenticate": 'Bearer realm="rfq"'})


def _tracked() -> Tracked | Response:
    """The request the bearer token opens; a 401 for none, or one that opens nothing."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _unauthorised()
    found = find_tracked_request(services().engine, token.strip())
    return found if found is not None else _unauthorised()


def _optional_body(schema: str) -> dict[str, Any] | Response:
    """The JSON body, checked against its schema; an empty body is an empty object."""
    if not request.get_data(cache=True):
        return {}
    body = json_body()
    if isinstance(body, tuple):
        return body[0]
    refused = validation.refusal(body, schema)
    return refused if refused is not None else body


Act = Callable[[Tracked, dict[str, Any]], "dict[str, Any] | None"]


def _answer(schema: str, act: Act, *, quote_open_only: bool = True,
            status: int = 200) -> Response:
    """Run one of the buyer's actions on the request the bearer token opens.

    The answer is the request as it then stands, or what `act` returns. A rule's refusal
    of a value is a 422, of the request's state a 409; nothing is stored either way.
    """
    tracked = _tracked()
    if isinstance(tracked, Response):
        return tracked
    body = _optional_body(schema)
    if isinstance(body, Response):
        return body
    named = body.get("reference")
    if named is not None and str(named).strip().upper() != (tracked.get("reference") or ""):
        message = _("The token opens the request %(reference)s, not %(named)s.",
                    reference=tracked.get("reference") or "-", named=str(named)[:30])
        return problem(422, message, code="reference_mismatch",
                       params={"reference": tracked.get("reference"), "named": named},
                       errors={"reference": message})
    if quote_open_only and not quote_open(tracked):
        return problem(409, _("This quote can no longer be answered."),
                       code="quote_not_open", params={"status": represent(tracked)["status"]})
    try:
        answer = act(tracked, body)
    except Invalid as refused:
        return problem(422, str(refused), code="invalid_fields", params={"fields": ["reason"]},
                       errors={"reason": str(refused)})
    except DomainError as refused:
        worded = refusal_json(refused)
        return problem(422 if isinstance(refused, InvalidValueError) else 409,
                       refusals.words(refused), code=worded["code"],
                       params=worded["params"], english=worded["error"])
    if answer is None:
        again = find_tracked_request(services().engine, request.headers["Authorization"]
                                     .partition(" ")[2].strip())
        answer = represent(again or tracked)
    return make_response(jsonify(answer), status)


@api.get("/rfq")
def my_rfq() -> Response:
    """The request the bearer token opens: its terms, timeline and quote."""
    tracked = _tracked()
    return tracked if isinstance(tracked, Response) else jsonify(represent(tracked))


@api.post("/rfq/accept")
def accept_quote() -> Response:
    """Accept the quote while it is valid (the latest version, if one is named)."""

    def accept(tracked: Tracked, body: dict[str, Any]) -> None:
        services().marketplace.accept_quote(tracked["bid_id"], version=body.get("version"))

    return _answer("AcceptRequest", accept)


@api.post("/rfq/decline")
def decline_quote() -> Response:
    """Decline the quote, saying why if the buyer wishes."""

    def decline(tracked: Tracked, body: dict[str, Any]) -> None:
        reason = readable(body.get("reason", ""), "reason").strip() or DEFAULT_REASON
        services().marketplace.reject_quote(tracked["bid_id"], reason,
                                            version=body.get("version"))

    return _answer("DeclineRequest", decline)


@api.post("/rfq/questions")
def ask_question() -> Response:
    """Ask the consortium a question about the request: 201 with the question's id."""

    def ask(tracked: Tracked, body: dict[str, Any]) -> dict[str, Any]:
        asked = services().marketplace.ask_question(tracked["bid_id"], body.get("question"))
        return {"id": str(asked), "question": str(body.get("question")).strip()}

    return _answer("QuestionRequest", ask, quote_open_only=False, status=201)


@api.post("/rfq/revisions")
def request_revision() -> Response:
    """Ask the consortium for a revised quote, saying what should change."""

    def ask(tracked: Tracked, body: dict[str, Any]) -> None:
        services().marketplace.request_revision(tracked["bid_id"], body.get("message"))

    return _answer("RevisionRequest", ask)
