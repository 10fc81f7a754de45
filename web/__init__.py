"""The web app: the composition root hands the marketplace's services to the blueprints."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.wrappers import Response

from marketplace.bootstrap import Services, bootstrap
from marketplace.settings import Settings
from web import (
    authz,
    caching,
    documents,
    downloads,
    errors,
    i18n,
    keptpages,
    pagecache,
    params,
    production,
    ratelimit,
    sameorigin,
    security,
    serving,
    sessions,
)
from web.api import api
from web.auth import auth
from web.buyer import buyer
from web.dev import dev
from web.extensions import babel, csrf, htmx
from web.health import health
from web.rfq import rfq
from web.storefront import storefront
from web.webhooks import webhooks
from web.workspace import workspace
from web.workspace.accounts import accounts
from web.workspace.agencies import agencies
from web.workspace.agency import agency
from web.workspace.agreements import agreements
from web.workspace.audit import audit
from web.workspace.dashboard import board as dashboard
from web.workspace.desk import desk
from web.workspace.fees import fees
from web.workspace.member import member
from web.workspace.payments import payments
from web.workspace.signins import signins

SPECIFICATION_LIMIT_BYTES = 256 * 1024  # a 10,000-character specification fits many times


def _secret_key(settings: Settings) -> str:
    """CONSORTIA_SECRET_KEY, or a key kept under var/ so local restarts keep forms valid."""
    if settings.secret_key:
        return settings.secret_key
    path = Path("var/secret-key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(services: Services | None = None, config: Mapping[str, Any] | None = None,
               settings: Settings | None = None) -> Flask:
    """Build the app from the settings (default: the environment's); `config` has the last say."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.from_mapping(
        DATABASE_URL=None,  # a test's own store, instead of the settings' database URL
        DEBUG=settings.debug,  # Flask would read FLASK_DEBUG itself; Settings did already
        DEV_MODE=settings.dev,
        RFQ_RATE_LIMIT=settings.rfq_rate_limit,
        LOGIN_RATE_LIMIT=settings.login_rate_limit,
        RATELIMIT_ENABLED=True,
        # Rendered public pages kept per read-model position (web/pagecache.py); 0 = off.
        PAGE_CACHE_SIZE=settings.page_cache_size,
        PROXY_HOPS=settings.proxy_hops,
        MAX_CONTENT_LENGTH=SPECIFICATION_LIMIT_BYTES,
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Secure outside local runs: a session must never travel over plain HTTP.
        SESSION_COOKIE_SECURE=not settings.dev,
        REMEMBER_COOKIE_SECURE=not settings.dev,
        # Over https a form's Referer must be this site (Flask-WTF); web/sameorigin.py
        # checks the Origin before it.
        WTF_CSRF_SSL_STRICT=True,
    )
    if config:
        app.config.update(config)
    # Redis when CONSORTIA_REDIS_URL is set, so every worker counts the same limits.
    ratelimit.configure(app.config, settings.redis_url, settings.redis_prefix)
    # Before the var/secret-key fallback is written and before the store is opened.
    production.refuse_unsafe_app(settings, app.config, app.debug)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(settings)
    if services is None:
        url = app.config["DATABASE_URL"]
        services = bootstrap(replace(settings, database_url=url) if url else settings)
    app.extensions["consortia"] = services
    documents.init_app(app)  # the outbox attaches the quotation's PDF
    sessions.init_app(app)  # in the store: ended for every worker at once
    downloads.init_app(app)  # before anything reads a form: upload views take larger bodies

    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    sameorigin.init_app(app)  # after csrf: it puts its check before the token's
    htmx.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    pagecache.init_app(app)
    keptpages.init_app(app)  # before security's proxy fix, so that it sees the real scheme
    security.init_app(app)
    caching.init_app(app)
    serving.init_app(app)  # mails link here when CONSORTIA_BASE_URL is unset
    authz.init_app(app)
    params.init_app(app)  # bounds `<int:...>` before the blueprints' rules use it

    app.register_blueprint(storefront)
    app.register_blueprint(health)
    if app.config["DEV_MODE"]:
        # Developer pages show personal data: never on a server that is not in dev mode.
        app.register_blueprint(dev)
    app.register_blueprint(rfq)
    # Procurement systems call the API without cookies, so there is no session to forge.
    csrf.exempt(api)
    app.register_blueprint(api)
    app.register_blueprint(auth)
    app.register_blueprint(buyer)
    app.register_blueprint(workspace)
    app.register_blueprint(accounts)
    app.register_blueprint(desk)
    app.register_blueprint(fees)
    app.register_blueprint(agency)
    app.register_blueprint(agencies)
    app.register_blueprint(dashboard)
    app.register_blueprint(member)
    app.register_blueprint(agreements)
    app.register_blueprint(audit)
    app.register_blueprint(payments)
    app.register_blueprint(signins)
    # Stripe signs its webhooks; it has no session and no CSRF token to send.
    csrf.exempt(webhooks)
    app.register_blueprint(webhooks)
    ratelimit.init_app(app)  # after the blueprints: it wraps the views they marked

    @app.after_request
    def vary_on_htmx(response: Response) -> Response:
        # One URL serves a page or a fragment (or htmx's history restore, a page), in the
        # language of the Accept-Language header or the switcher's cookie: caches must
        # keep them apart.
        response.vary.update(pagecache.VARY)
        return response

    return app
