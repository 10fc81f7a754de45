"""Signing in and out of the workspace."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from marketplace.errors import SignInError, SignInThrottledError
from web import sessions
from web.authz import Principal, _load
from web.extensions import services
from web.ratelimit import limited_by

auth = Blueprint("auth", __name__)


def _next_page(target: str | None) -> str:
    # Only a path of this site: the sign-in form must not become an open redirect.
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or \
            parts.path.startswith("//"):
        return url_for("workspace.home")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def begin_session(principal: Principal) -> None:
    """Sign the principal in on a new session: nothing from before the sign-in survives."""
    # Against session fixation: a value planted in the cookie before (a CSRF token, a
    # half-made choice) must not ride into the signed-in session. The language is kept
    # in a cookie of its own, so it survives. The session gets a new id as well: an id
    # someone saw or set before the sign-in opens nothing.
    session.clear()
    sessions.interface().renew(session)
    login_user(principal)


@auth.get("/login")
def login() -> str:
    """The sign-in form."""
    return render_template("auth/login.html", email="", next=request.args.get("next", ""),
                           error=None)


@auth.post("/login")
@limited_by("LOGIN_RATE_LIMIT")
def sign_in() -> Response | tuple[str, int] | tuple[str, int, dict[str, str]]:
    """Open a session for the account that the address and password open."""
    email = request.form.get("email", "")[:254]
    password = request.form.get("password", "")[:200]
    target = request.form.get("next", "")
    try:
        # The client as seen behind CONSORTIA_PROXY_HOPS (ProxyFix in web/security.py).
        account_id = services().marketplace.sign_in(email, password,
                                                    client=request.remote_addr or "")
    except SignInThrottledError as throttled:
        # The same words whether or not the address has an account: this client waits.
        seconds = max(1, math.ceil(throttled.wait.total_seconds()))
        minutes = math.ceil(seconds / 60)
        error = ngettext("Too many attempts from here; try again in %(num)s minute.",
                         "Too many attempts from here; try again in %(num)s minutes.",
                         minutes)
        page = render_template("auth/login.html", email=email, next=target, error=error)
        return page, 429, {"Retry-After": str(seconds)}
    except SignInError:
        error = _("The e-mail address or the password is wrong.")
        return render_template("auth/login.html", email=email, next=target, error=error), 401
    principal = _load(str(account_id))
    if principal is None:  # the read model has not caught up with a brand-new account
        error = _("This account is not ready yet. Please try again in a moment.")
        return render_template("auth/login.html", email=email, next=target, error=error), 503
    begin_session(principal)
    return redirect(_next_page(target), code=303)


@auth.post("/logout")
def logout() -> Response:
    """End the session: its row is deleted, so a copy of the cookie opens nothing after."""
    logout_user()
    # Nothing of the signed-in session (its CSRF token, a flash) outlives it; emptied, the
    # session's row is deleted from the store.
    session.clear()
    return redirect(url_for("storefront.index"), code=303)


from web.auth import choose_password, forgot_password  # noqa: E402,F401  (routes join it)
