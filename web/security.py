"""Security headers on every response, and the client's real address behind a proxy.

Behind a reverse proxy (nginx, a load balancer) set CONSORTIA_PROXY_HOPS to the number of
proxies in front of the app. The app then trusts that many X-Forwarded-For and
X-Forwarded-Proto values: the rate limits count the real client's address, and a request
that reached the proxy over https counts as https (HSTS, secure external links). Leave it
unset (0) when clients reach the app directly, or anyone could claim any address.
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from marketplace.settings import proxy_hops

# Every script is a file of ours, so an injected <script> or on*= attribute never runs.
# style-src 'self' too: no template carries a style attribute, and htmx's own indicator
# <style> is switched off in base.html (its rules are in site.css).
# form-action is left out on purpose: paying a fee posts to us and we redirect to Stripe
# Checkout, whose origin is Stripe's choice (checkout.stripe.com, or a custom domain set
# in Stripe's dashboard); Chrome checks form-action on that redirect, so a list here would
# break payments the day it changes.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Links to firms' websites tell them the visitor came from here, and never more: a
    # private tracking link's path does not leave the site.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Cross-Origin-Opener-Policy": "same-origin",
    # No page needs these devices; a script that got in still cannot ask for them.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=()",
}

_HEADER_ITEMS = tuple(HEADERS.items())
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

# One year, renewed on every https response. No includeSubDomains: the marketplace may
# live on a subdomain of an agency whose other hosts are not ours to force onto https.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def init_app(app: Flask) -> None:
    """Trust the configured proxies and add the security headers to every response."""
    hops = proxy_hops(str(app.config.get("PROXY_HOPS") or 0))  # create_app's, from Settings
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    @app.before_request
    def refuse_nul_characters() -> None:
        # PostgreSQL can neither store nor compare a text holding NUL: any query with one
        # fails (a 500), and no field of ours accepts one. So the request is refused whole,
        # before a view can look anything up with it. JSON bodies are checked field by field.
        values = [request.path, *(v for item in request.args.items(multi=True) for v in item)]
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.mimetype in _FORMS:
            # Cached first: the form is then parsed from the copy, and views that read the
            # raw body (the RFQ form checks its UTF-8) still get it. Not a multipart body:
            # its files stream to disk, and are never held in memory whole.
            if request.mimetype != "multipart/form-data":
                request.get_data(cache=True)
            values += [v for item in request.form.items(multi=True) for v in item]
        if any("\x00" in str(value or "") for value in values):
            abort(400, description=_("The request holds a NUL character, which no field "
                                     "accepts."))

    @app.after_request
    def security_headers(response: Response) -> Response:
        # A view with stricter needs (no-referrer on a page whose URL holds a token) keeps
        # its own value. One pass over the headers, not one per header: this runs on every
        # response, kept pages included.
        present = {name.lower() for name, _value in response.headers}
        headers = [item for item in _HEADER_ITEMS if item[0].lower() not in present]
        if request.is_secure and "strict-transport-security" not in present:
            headers.append(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
        response.headers.extend(headers)
        return response
