"""CSRF's second lock on https: a form must come from a page of this site.

The CSRF token proves the form was ours; on https the browser also says where the request
comes from. Flask-WTF checks the Referer there (WTF_CSRF_SSL_STRICT, on); this checks the
Origin first, which browsers send on every POST even when a referrer policy hides the
Referer, and falls back on the Referer without one. The API and Stripe's webhooks send no
cookies, so nothing can be forged on their behalf: they are exempt.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_babel import gettext as _

EXEMPT_BLUEPRINTS = frozenset({"api", "webhooks"})
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str | None) -> tuple[str, str, int | None] | None:
    """Scheme, host and port of an address, as browsers compare origins; None if unreadable."""
    if not url or url == "null":
        return None
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if not scheme or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS.get(scheme)


def init_app(app: Flask) -> None:
    """Refuse a cross-site unsafe request over https, before the CSRF token is checked."""
    def same_origin_on_https() -> None:
        if (request.method not in UNSAFE or not request.is_secure
                or request.blueprint in EXEMPT_BLUEPRINTS):
            return
        sender = request.headers.get("Origin") or request.referrer
        if origin_of(sender) != origin_of(request.host_url):
            abort(400, description=_("This form was sent from another site, so it was "
                                     "refused. Open the page on this site and send it again."))

    # First of all: its refusal names the cause, where the CSRF check would say "expired".
    app.before_request_funcs.setdefault(None, []).insert(0, same_origin_on_https)
