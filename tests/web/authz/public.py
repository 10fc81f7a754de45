"""Routes for everyone: the storefront, RFQs, the API, languages, health, sign-in, dev pages.

Their blueprints are public as a whole (web/authz.py PUBLIC_BLUEPRINTS). Auditors get 403
for every unsafe method, public ones included: their session changes nothing.
"""

from __future__ import annotations

from tests.web.authz import everyone, signed_in

READ = everyone()
WRITE = everyone(auditor="403")

EXPECTED = {
    "static": READ,
    "health.healthz": READ,
    "language.switch": READ,
    "storefront.index": READ,
    "storefront.consortium": READ,
    "storefront.favicon": READ,
    "rfq.new": READ,
    "rfq.send": WRITE,
    "rfq.check": WRITE,
    "rfq.track": READ,
    "rfq.accept": WRITE,
    "rfq.decline": WRITE,
    "rfq.ask": WRITE,
    "rfq.revision": WRITE,
    "rfq.quotation": READ,
    "rfq.quotation_pdf": READ,
    "api.consortia": READ,
    "api.openapi": READ,
    "api.get_rfq": READ,
    "api.create_rfq": WRITE,
    # The buyer's actions by bearer token: without one, a 401 (still past access control).
    "api.my_rfq": READ,
    "api.accept_quote": WRITE,
    "api.decline_quote": WRITE,
    "api.ask_question": WRITE,
    "api.request_revision": WRITE,
    "auth.login": READ,
    "auth.sign_in": WRITE,
    # Leaving is the one unsafe request an auditor may make (web/authz.py AUDITOR_MAY_POST).
    "auth.logout": READ,
    # Registered only in development mode, which the matrix turns on.
    "dev.outbox": READ,
    "workspace.home": signed_in(*("officer", "manager", "member", "auditor"),
                                manager_other="ok", member_other="ok"),
}

URL_ARGS = {
    "static": {"filename": "css/site.css"},
    "language.switch": {"code": "es"},
    "storefront.consortium": {"slug": lambda w: w.slug},
    "rfq.new": {"slug": lambda w: w.slug},
    "rfq.send": {"slug": lambda w: w.slug},
    "rfq.check": {"slug": lambda w: w.slug, "field": "email"},
    "rfq.track": {"token": lambda w: w.token},
    "rfq.accept": {"token": lambda w: w.token},
    "rfq.decline": {"token": lambda w: w.token},
    "rfq.ask": {"token": lambda w: w.token},
    "rfq.revision": {"token": lambda w: w.token},
    "rfq.quotation": {"token": lambda w: w.token},
    "rfq.quotation_pdf": {"token": lambda w: w.token},
    "api.get_rfq": {"token": lambda w: w.token},
}

ENDS_SESSION = {"auth.logout"}
