"""The buyer's tracking token as a bearer token: the one way the API's endpoints read it.

`Authorization: Bearer <token>` opens the one request the token was given for. A missing
token and one that opens nothing are answered alike, 401 with `WWW-Authenticate: Bearer`,
so that the answer does not tell which tokens exist.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.bidding.tracking import find_tracked_request
from web.extensions import services
from web.problems import problem

Tracked = dict[str, Any]


def _unauthorised() -> Response:
    return problem(401, _("Send the request's private tracking token as "
                          "“Authorization: Bearer <token>”."), code="tracking_token_required",
                   params={}, headers={"WWW-Authenticate": 'Bearer realm="rfq"'})


def bearer_token() -> str:
    """The token sent as `Authorization: Bearer <token>`; empty if none."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def tracked_by_bearer() -> Tracked | Response:
    """The request the bearer token opens; a 401 for none, or one that opens nothing."""
    token = bearer_token()
    found = find_tracked_request(services().engine, token) if token else None
    return found if found is not None else _unauthorised()
