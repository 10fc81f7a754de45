"""The officers' changes to accounts: each one command, through web/forms.py."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from flask import redirect, request, url_for
from flask_babel import gettext as _

from web import forms
from web.authz import allow, principal
from web.extensions import services
from web.workspace.accounts import accounts
from web.workspace.accounts import forms as account_forms
from web.workspace.accounts.access import account, require_grant
from web.workspace.accounts.pages import grant_page, page


def _again(refused: forms.Refused) -> forms.Page:
    return page(refused.message, refused.status)


def _on_account(account_id: str, command: Callable[[str], object], notice: str
                ) -> forms.Page:
    """One officer's command on one account, then the accounts page with its notice."""
    account(account_id)
    return forms.submit(lambda: command(account_id), again=_again, done=lambda: redirect(
        url_for("accounts.index", **{notice: account_id}), code=303))


@accounts.post("/invite")
@allow("officer")
def invite() -> forms.Page:
    """Open an account without a password and mail its person a link to choose one."""
    opened: list[UUID] = []

    def invite_account() -> None:
        opened.append(services().marketplace.invite_account(**account_forms.invitation()))

    return forms.submit(invite_account, again=_again, done=lambda: redirect(
        url_for("accounts.index", invited=str(opened[0])), code=303))


@accounts.post("/<account_id>/reinvite")
@allow("officer")
def reinvite(account_id: str) -> forms.Page:
    """Mail a fresh link to someone whose invitation expired or went astray."""
    return _on_account(account_id, services().marketplace.reinvite_account, "invited")


@accounts.post("/<account_id>/clear-failures")
@allow("officer")
def clear_failures(account_id: str) -> forms.Page:
    """Forget the wrong passwords tried for an account, so its owner need not wait."""
    return _on_account(account_id, services().marketplace.clear_failed_sign_ins, "cleared")


@accounts.post("/<account_id>/sessions/end")
@allow("officer")
def end_sessions(account_id: str) -> forms.Page:
    """End every session of the account: a lost laptop, a person who left."""
    return _on_account(account_id, services().marketplace.end_sessions, "signed_out")


def _not_yourself(account_id: str, message: str) -> None:
    """An officer does not lock themselves out: another officer does it for them."""
    if account_id == principal().account_id:
        raise forms.Refused(message)


@accounts.post("/<account_id>/grant")
@allow("officer")
def grant_role(account_id: str) -> forms.Page:
    """Give an account one more role, where it applies."""
    shown = account(account_id)

    def run() -> None:
        role, scope = account_forms.grant()
        services().marketplace.grant_role(account_id, role, scope)

    return forms.submit(run, again=lambda refused: grant_page(shown, refused.status),
                        done=lambda: forms.done(_("The role is granted."), "accounts.index"))


@accounts.post("/<account_id>/revoke")
@allow("officer")
def revoke_role(account_id: str) -> forms.Page:
    """Take one role away from an account; its sessions end, so it acts no more in it."""
    account(account_id)
    role, scope = request.form.get("role", "")[:20], request.form.get("scope", "")[:36]
    require_grant(role, scope)

    def run() -> None:
        if role == "officer":
            _not_yourself(account_id, _("You cannot revoke your own officer role; ask "
                                        "another officer."))
        services().marketplace.revoke_role(account_id, role, scope)

    return forms.submit(run, again=_again,
                        done=lambda: forms.done(_("The role is revoked."), "accounts.index"))


@accounts.post("/<account_id>/close")
@allow("officer")
def close(account_id: str) -> forms.Page:
    """Close an account: it signs in no more, and its sessions end now."""
    account(account_id, whole=True)

    def run() -> None:
        account_forms.confirmed_closing()
        _not_yourself(account_id, _("You cannot close your own account; ask another "
                                    "officer."))
        services().marketplace.close_account(account_id)

    # One's own row has no closing form to show the refusal in: the page says it on top.
    own = account_id == principal().account_id
    return forms.submit(run, again=lambda refused: page(refused.message if own else None,
                                                        refused.status),
                        done=lambda: forms.done(_("The account is closed."), "accounts.index"))
