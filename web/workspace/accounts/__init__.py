"""The officers' accounts screen: who can sign in, in which roles; invite and unlock."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError
from marketplace.accounts.admin import accounts_overview, invite_choices, scope_names
from marketplace.errors import NotFoundError
from marketplace.people import LANGUAGES
from web.authz import allow, principal
from web.extensions import services

accounts = Blueprint("accounts", __name__, url_prefix="/workspace/accounts")

Page = Response | tuple[str, int]
# Which form field names the place a role applies to.
SCOPE_FIELD = {"manager": "consortium", "member": "membership"}


def _statuses() -> dict[str, str]:
    return {"open": _("Active"), "invited": _("Invited, no password yet"),
            "invitation expired": _("Invitation expired"), "locked": _("Locked"),
            "closed": _("Closed")}


def _page(problem: str | None = None, status: int = 200, **extra: Any) -> tuple[str, int]:
    engine = services().engine
    consortia, memberships = invite_choices(engine)
    context = {"accounts": accounts_overview(engine, services().marketplace.vault,
                                             services().marketplace.clock.now()),
               "places": scope_names(engine), "statuses": _statuses(),
               "consortia": consortia, "memberships": memberships, "languages": LANGUAGES,
               "problem": problem, "form": request.form,
               "me_officer": principal().holds("officer"), **extra}
    return render_template("accounts/index.html", **context), status


@accounts.get("/")
@allow("officer", "auditor")
def index() -> tuple[str, int]:
    """Every account with its roles and status, and the form to invite someone."""
    return _page(invited=request.args.get("invited"), unlocked=request.args.get("unlocked"))


def _scope(role: str, form: Any) -> str:
    """The place the role applies to, one of those the form offered."""
    field = SCOPE_FIELD.get(role)
    if field is None:
        return ""
    consortia, memberships = invite_choices(services().engine)
    offered = {c["id"] for c in (consortia if field == "consortium" else memberships)}
    chosen = form.get(field, "")
    if chosen not in offered:
        raise NotFoundError(_("Choose the consortium this manager runs.") if field == "consortium"
                            else _("Choose the member firm this user works for."))
    return str(chosen)


@accounts.post("/invite")
@allow("officer")
def invite() -> Page:
    """Open an account without a password and mail its person a link to choose one."""
    form = request.form
    role = form.get("role", "")
    try:
        account_id = services().marketplace.invite_account(
            name=form.get("name", "")[:200], email=form.get("email", "")[:254],
            grants=[(role, _scope(role, form))], language=form.get("language", "en"))
    except DomainError as error:
        return _page(str(error), 422)
    return redirect(url_for("accounts.index", invited=str(account_id)), code=303)


@accounts.post("/<account_id>/reinvite")
@allow("officer")
def reinvite(account_id: str) -> Page:
    """Mail a fresh link to someone whose invitation expired or went astray."""
    try:
        services().marketplace.reinvite_account(account_id)
    except NotFoundError:
        abort(404, _("There is no such account."))
    except DomainError as error:
        return _page(str(error), 422)
    return redirect(url_for("accounts.index", invited=account_id), code=303)


@accounts.post("/<account_id>/unlock")
@allow("officer")
def unlock(account_id: str) -> Response:
    """Lift the sign-in lock of an account whose owner asked for help."""
    try:
        services().marketplace.unlock_account(account_id)
    except NotFoundError:
        abort(404, _("There is no such account."))
    return redirect(url_for("accounts.index", unlocked=account_id), code=303)
