"""A rate limit per client address on the views that write, so a robot cannot flood the log.

Each app gets its own limiter (tests build many apps with different settings); views opt
in with `@rate_limited` (RFQ_RATE_LIMIT) or `@limited_by("LOGIN_RATE_LIMIT")`, and the
factory wraps them once the blueprints are registered. Each view counts on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

View = TypeVar("View", bound=Callable[..., Any])


def limited_by(setting: str) -> Callable[[View], View]:
    """Mark a view whose POSTs count against the client's limit in config[setting]."""

    def mark(view: View) -> View:
        view._rate_limit_setting = setting  # type: ignore[attr-defined]
        return view

    return mark


def rate_limited(view: View) -> View:
    """Mark a view whose POSTs count against the client's RFQ_RATE_LIMIT."""
    return limited_by("RFQ_RATE_LIMIT")(view)


def init_app(app: Flask) -> Limiter:
    """Create this app's limiter and wrap every marked view."""
    # Kept in memory: one process's count is enough against a form-filling robot; set
    # RATELIMIT_STORAGE_URI (e.g. redis://) to share it between server processes.
    limiter = Limiter(get_remote_address, app=app, default_limits=[],
                      storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"))
    # Flask-Limiter's wrappers hold the limiter weakly: the app must keep it alive.
    app.extensions["consortia_limiter"] = limiter
    # Only POSTs are limited; exempting the rest up front spares every page view the
    # limiter's bookkeeping (a fifth of a cached catalog page's time).
    limiter.request_filter(lambda: request.method != "POST")
    for endpoint, view in list(app.view_functions.items()):
        setting = getattr(view, "_rate_limit_setting", None)
        if setting:
            app.view_functions[endpoint] = limiter.limit(app.config[setting],
                                                         methods=["POST"])(view)
    return limiter
