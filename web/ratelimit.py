"""A rate limit per client address on the views that write, so a robot cannot flood the log.

Each app gets its own limiter (tests build many apps with different settings); views opt
in with `@rate_limited` (RFQ_RATE_LIMIT) or `@limited_by("LOGIN_RATE_LIMIT")`, and the
factory wraps them once the blueprints are registered. Each view counts on its own.

Behind several workers or machines the counts live in Redis (CONSORTIA_REDIS_URL), so a
client gets the limit once, not once per process. When Redis cannot be reached, the
limiter fails open to counting in each process's memory (RATELIMIT_IN_MEMORY_FALLBACK):
the limits still hold per process, signing in and asking for quotes go on, a warning is
logged, and the shared count takes over again once Redis answers. Any other storage error
is logged and the request served (RATELIMIT_SWALLOW_ERRORS): a limiter never causes a 5xx.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
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


# A Redis that does not answer must not hold a request up for long: the fallback takes over.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def configure(config: dict[str, Any], redis_url: str | None, prefix: str) -> None:
    """The limiter's storage settings: Redis under `prefix` when a URL is set, else memory."""
    config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    config.setdefault("RATELIMIT_KEY_PREFIX", prefix)
    config.setdefault("RATELIMIT_STORAGE_OPTIONS", dict(REDIS_TIMEOUTS) if redis_url else {})
    config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)


def init_app(app: Flask) -> Limiter:
    """Create this app's limiter and wrap every marked view."""
    # Memory unless the config names a shared store: one process's count is enough against
    # a form-filling robot, and `configure` points every worker at the same Redis.
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


def retry_after(error: RateLimitExceeded) -> int:
    """Seconds until the client may try again: until its window resets, at least one."""
    window = int(error.limit.limit.get_expiry())
    limiter = current_app.extensions.get("consortia_limiter")
    current = limiter.current_limit if isinstance(limiter, Limiter) else None
    if current is None:
        return max(1, window)
    # Never later than a whole window from now, whatever the storage says.
    return max(1, min(window, int(current.reset_at - time.time())))
