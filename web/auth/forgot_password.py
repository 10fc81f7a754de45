"""A forgotten password: ask for a one-time link by mail, then choose a new password with
it (public: the person cannot sign in). Asking answers the same for any address."""

from __future__ import annotations

import time

from flask import abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import AccountClosedError, DomainError
from marketplace.accounts.credentials import MAX_LENGTH, MIN_LENGTH
from marketplace.errors import (
    ResetLinkExpiredError,
    ResetLinkSpentError,
    ResetLinkUnknownError,
    ResetLinkUsedError,
)
from web import refusals
from web.auth import auth
from web.auth.choose_password import PRIVATE, choose_by_link
from web.extensions import services
from web.ratelimit import limited_by

Page = tuple[str, int]
ANSWER_SECONDS = 0.4  # longer than a reset's work takes: each answer waits this long
_now, _wait = time.monotonic, time.sleep


def _ask_page(email: str = "", problem: str | None = None, status: int = 200) -> Page:
    return render_template("auth/forgot_password.html", email=email, problem=problem,
                           sent=request.args.get("sent") == "1"), status


@auth.get("/password/forgot")
def forgot_password() -> Page:
    """The form to ask for a link to choose a new password."""
    return _ask_page()


@auth.post("/password/forgot")
@limited_by("LOGIN_RATE_LIMIT")
def ask_reset() -> Page | Response:
    """Mail a reset link if an open account signs in with the address; the answer never
    tells whether one does."""
    email = request.form.get("email", "")[:254]
    started = _now()
    try:
        services().marketplace.ask_password_reset(email, language=str(get_locale() or "en"))
    except DomainError as refused:  # not an address at all: said, with what was typed
        return _ask_page(email, refusals.words(refused), 422)
    # Keeping a link and queueing its mail takes longer than finding no account: every
    # answer waits as long, so the time taken does not tell either.
    _wait(max(0.0, ANSWER_SECONDS - (_now() - started)))
    return redirect(url_for("auth.forgot_password", sent="1"), code=303)


def _open(token: str) -> None:
    """Go on while the link is good; else the page that says why it no longer works."""
    try:
        services().marketplace.password_reset_account(token[:64])
    except ResetLinkUnknownError:
        abort(404, _("This link to choose a new password is not one we sent. Check that you "
                     "copied all of it, or ask for a new one."))
    except ResetLinkUsedError:
        abort(410, _("This link was used already. Sign in with your new password, or ask "
                     "for a new link."))
    except ResetLinkExpiredError:
        abort(410, _("This link has expired: it works for 30 minutes. Ask for a new one."))
    except AccountClosedError:
        abort(410, _("This account is closed."))


def _form(token: str, error: str | None = None, status: int = 200
          ) -> tuple[str, int, dict[str, str]]:
    return render_template("auth/reset_password.html", token=token[:64], error=error,
                           min_length=MIN_LENGTH, max_length=MAX_LENGTH), status, PRIVATE


@auth.get("/password/reset/<token>")
def reset_form(token: str) -> tuple[str, int, dict[str, str]]:
    """The form to choose a new password; opening the link (as a mail scanner does)
    spends nothing."""
    _open(token)
    return _form(token)


@auth.post("/password/reset/<token>")
@limited_by("LOGIN_RATE_LIMIT")  # it signs in, and a robot could guess tokens here
def reset_password(token: str) -> Response | tuple[str, int, dict[str, str]]:
    """Keep the new password, use the link up, end the account's sessions, sign in here."""
    return choose_by_link(
        lambda: _open(token), lambda error: _form(token, error, 422),
        lambda password: services().marketplace.reset_password(token[:64], password),
        spent=(ResetLinkSpentError, ResetLinkUnknownError, AccountClosedError))