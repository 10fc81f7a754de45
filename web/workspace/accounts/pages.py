"""The accounts page: every account with its roles and status, and the invitation form."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from marketplace.accounts.admin import accounts_overview, scope_names
from marketplace.people import LANGUAGES
from web import labels
from web.authz import acting_agencies, allow, principal
from web.extensions import services
from web.workspace.accounts import access, accounts
from web.workspace.accounts import forms as account_forms


def _session_counts() -> dict[str, int]:
    store = services().marketplace.sessions
    return store.counts(store.clock.now())


def page(problem: str | None = None, status: int = 200, **extra: Any) -> tuple[str, int]:
    """The accounts page; with a problem, the invitation form again as it was typed."""
    engine = services().engine
    consortia, memberships, agencies = account_forms.choices()
    listed = access.visible(accounts_overview(engine, services().marketplace.vault,
                                              services().marketplace.clock.now()))
    looks_after = access.sphere()
    for row in listed:  # closing ends every role: the officer must look after them all
        row["all_looked_after"] = looks_after is None or all(
            looks_after.holds(g) for g in row["grants"])
    context = {"accounts": listed, "looks_after": looks_after,
               "places": scope_names(engine), "statuses": labels.account_standings(),
               "consortia": consortia, "memberships": memberships, "agencies": agencies,
               "whole_installation": acting_agencies() is None, "languages": LANGUAGES,
               "problem": problem, "form": request.form,
               "me_officer": principal().holds("officer"), "me": principal().account_id,
               "session_counts": _session_counts(), **extra}
    return render_template("accounts/index.html", **context), status


@accounts.get("/")
@allow("officer", "auditor")
def index() -> tuple[str, int]:
    """Every account with its roles and status, and the form to invite someone."""
    return page(invited=request.args.get("invited"), cleared=request.args.get("cleared"),
                signed_out=request.args.get("signed_out"))


def grant_page(account: Any, status: int = 200) -> tuple[str, int]:
    """The form to give one account one more role; refused, as it was typed."""
    engine = services().engine
    consortia, memberships, agencies = account_forms.choices()
    person = services().marketplace.vault.reveal(account.person) or {}
    return render_template("accounts/grant.html", account=account, places=scope_names(engine),
                           name=person.get("name", ""), email=person.get("email", ""),
                           consortia=consortia, memberships=memberships, agencies=agencies,
                           whole_installation=acting_agencies() is None), status


@accounts.get("/<account_id>/grant")
@allow("officer")
def grant_form(account_id: str) -> tuple[str, int]:
    """The form to give an account one more role."""
    return grant_page(access.account(account_id))
