"""`Cache-Control: no-store` on everything private: deny by default, like web/authz.py.

A page that needs a session or a token (the workspace, a buyer's tracking page and its
API, receipts, exports, sign-in, choosing a password, invitations) must not be kept by a
browser or a proxy, where the next person at that computer or a shared cache would read
it. Only the anonymous public pages below keep their caching; a signed-in person gets
even those with no-store, since the page shows who they are.
"""

from __future__ import annotations

from flask import Flask, request
from flask_login import current_user
from werkzeug.wrappers import Response

# The same for everyone, signed in or not: files and the health check.
ALWAYS_PUBLIC = frozenset({"static", "storefront.favicon", "health.healthz"})
# The storefront and its API as an anonymous visitor sees them (no token in the URL).
PUBLIC_WHEN_ANONYMOUS = frozenset({"storefront.index", "storefront.consortium",
                                   "api.consortia", "api.openapi"})
NO_STORE = "no-store"


def private(endpoint: str | None, signed_in: bool) -> bool:
    """Whether a response of this endpoint must not be stored by any cache."""
    if endpoint in ALWAYS_PUBLIC:
        return False
    return signed_in or endpoint not in PUBLIC_WHEN_ANONYMOUS


def init_app(app: Flask) -> None:
    """Send no-store on every response that is not a public page."""

    @app.after_request
    def no_store_unless_public(response: Response) -> Response:
        endpoint = request.endpoint
        if endpoint in ALWAYS_PUBLIC:
            return response
        if private(endpoint, bool(current_user.is_authenticated)):
            response.headers["Cache-Control"] = NO_STORE
        return response
