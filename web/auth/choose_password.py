"""Choosing a password from an invitation's one-time link (public: the person has no
password yet)."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import InvalidValueError
from marketplace.accounts.credentials import MAX_LENGTH, MIN_LENGTH
from marketplace.accounts.invitations import Invitation
from marketplace.errors import (
    InvitationExpiredError,
    InvitationSpentError,
    InvitationUnknownError,
    InvitationUsedError,
    SignInError,
)
from web import forms
from web.auth import auth, begin_session
from web.authz import _load
from web.extensions import services
from web.ratelimit import limited_by


def _open(token: str) -> Invitation:
    """The invitation, or the page that says why the link no longer works."""
    try:
        return services().marketplace.invitation(token)  # type: ignore[no-any-return]
    except InvitationUnknownError:
        abort(404, _("This link to choose a password is not one we sent. Check that you "
                     "copied all of it, or ask an agency officer for a new invitation."))
    except InvitationUsedError:
        abort(410, _("This link was used already. Sign in with the password you chose, "
                     "or ask an agency officer for a new invitation."))
    except InvitationExpiredError:
        abort(410, _("This link has expired. Ask an agency officer for a new invitation."))


# The token is in the URL: no cache keeps the page, no Referer carries it elsewhere.
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
Page = tuple[str, int, dict[str, str]]


def _form(token: str, error: str | None = None, status: int = 200
          ) -> tuple[str, int, dict[str, str]]:
    return render_template("auth/set_password.html", token=token, error=error,
                           min_length=MIN_LENGTH, max_length=MAX_LENGTH), status, PRIVATE


@auth.get("/password/set/<token>")
def password_form(token: str) -> tuple[str, int, dict[str, str]]:
    """The form to choose a password, while the invitation's link is good."""
    _open(token)
    return _form(token)


@auth.post("/password/set/<token>")
@limited_by("LOGIN_RATE_LIMIT")  # it signs in, and a robot could guess tokens here
def set_password(token: str) -> Response | tuple[str, int, dict[str, str]]:
    """Keep the chosen password, use the link up, and sign the person in."""
    return choose_by_link(
        lambda: _open(token), lambda error: _form(token, error, 422),
        lambda password: services().marketplace.accept_invitation(token, password),
        spent=(InvitationSpentError, InvitationUnknownError, SignInError))


def choose_by_link(opened: Callable[[], object], refused: Callable[[str], Page],
                   keep: Callable[[str], UUID], *, spent: tuple[type[Exception], ...]
                   ) -> Response | Page:
    """A password chosen by a one-time link (an invitation's, or a forgotten password's):
    `opened` answers the page for a link no longer good, `refused` the form again with a
    refusal, `keep` keeps the password and spends the link, which `spent` errors say was
    spent meanwhile. The person is then signed in here."""
    opened()
    try:
        password = forms.new_password()
    except forms.Refused as refusal:
        return refused(refusal.message)
    try:
        account_id = keep(password)
    except InvalidValueError:
        return refused(_("A password needs %(least)d to %(most)d characters.",
                         least=MIN_LENGTH, most=MAX_LENGTH))
    except spent:
        opened()  # another tab used the link in the meantime: say so
        abort(410, _("This link can no longer be used."))
    principal = _load(str(account_id))
    if principal is None:  # the read model has not caught up yet: the password is kept
        return redirect(url_for("auth.login"), code=303)
    begin_session(principal)
    return redirect(url_for("workspace.home"), code=303)
