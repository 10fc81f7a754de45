"""The member's changes: each checks the scope and the form's version, then one command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.money import Money
from marketplace.application import Marketplace
from marketplace.membership import queries as member_queries
from marketplace.outbox import queries as mail_queries
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.member import forms, pages
from web.workspace.member.access import (
    STALE,
    Refused,
    carry_out,
    done,
    refused_for_htmx,
    reload_message,
    stale_unless,
    writable,
)
from web.workspace.member.blueprint import member


def _market() -> Marketplace:
    return services().marketplace


@member.post("/<membership_id>/profile")
@allow("member")
def save_profile(membership_id: str) -> Response | tuple[str, int]:
    """Revise the company's public profile."""
    row = writable(membership_id)
    typed = forms.profile()
    try:
        stale_unless(_market().get_company(row["company_id"]).version)
        employees = forms.whole_number(
            "employees", _("The number of employees must be a whole number."))
        carry_out(lambda: _market().revise_company_profile(
            row["company_id"], name=typed["name"], employees=employees,
            summary=typed["summary"], website=typed["website"]))
    except Refused as refused:
        return pages.profile(membership_id, refused.status, str(refused), typed)
    return done(_("The company profile is saved."), "member.space",
                membership_id=membership_id)


@member.post("/<membership_id>/capabilities")
@allow("member")
def save_capabilities(membership_id: str) -> Response | tuple[str, int]:
    """Declare the company's stages, products, capacity and certifications."""
    writable(membership_id)
    typed = forms.capabilities()
    try:
        stale_unless(_market().get_membership(membership_id).version)
        certifications = forms.certifications(typed["certificates"])
        carry_out(lambda: _market().declare_capabilities(
            membership_id, stages=typed["stages"], products=forms.products(typed["products"]),
            certifications=certifications, capacity=typed["capacity"]))
    except Refused as refused:
        return pages.capabilities(membership_id, refused.status, str(refused), typed)
    return done(_("The capabilities are saved."), "member.space", membership_id=membership_id)


def _contribution(membership_id: str, bid_id: str, stage: str) -> dict[str, Any]:
    """The open request the form is about; a stale form if it is no longer open as seen."""
    for row in member_queries.open_requests(services().engine, membership_id):
        if row["bid_id"] == bid_id and row["stage"] == stage:
            if request.form.get("seen") != row["status"]:
                raise Refused(reload_message(), STALE)
            return row
    raise Refused(_("This request is no longer open: the quote has gone out or the RFQ "
                    "was closed."), STALE)


def _on_request(membership_id: str, act: Callable[[], None], message: str,
                fragment: bool = True) -> Response | tuple[str, int]:
    """Run an action of the space page; refused, the page shows why with its status."""
    try:
        act()
    except Refused as refused:
        if htmx:
            return refused_for_htmx(refused, "member.space", membership_id=membership_id)
        return pages.space(membership_id, refused.status, str(refused))
    if htmx and fragment:
        return pages.requests_fragment(membership_id, message), 200
    return done(message, "member.space", membership_id=membership_id)


@member.post("/<membership_id>/requests/<bid_id>/<stage>/commit")
@allow("member")
def commit(membership_id: str, bid_id: str, stage: str) -> Response | tuple[str, int]:
    """Commit a price and lead time for the stage the consortium asked for."""
    writable(membership_id)

    def act() -> None:
        row = _contribution(membership_id, bid_id, stage)
        days = forms.whole_number("lead_time_days",
                                  _("The lead time must be a whole number of days."))
        currency = forms.text("currency") or row["quote_currency"]
        carry_out(lambda: _market().commit_contribution(
            bid_id, stage, membership_id, Money.of(forms.text("price"), currency), days))

    return _on_request(membership_id, act, _("Your contribution is committed."))


@member.post("/<membership_id>/requests/<bid_id>/<stage>/withdraw")
@allow("member")
def withdraw(membership_id: str, bid_id: str, stage: str) -> Response | tuple[str, int]:
    """Withdraw a committed contribution, with a reason, before the quote goes out."""
    writable(membership_id)

    def act() -> None:
        _contribution(membership_id, bid_id, stage)
        carry_out(lambda: _market().withdraw_contribution(
            bid_id, stage, membership_id, forms.text("reason")))

    return _on_request(membership_id, act, _("Your contribution is withdrawn."))


@member.post("/<membership_id>/endorse")
@allow("member")
def endorse(membership_id: str) -> Response | tuple[str, int]:
    """Endorse a peer of the consortium after working together."""
    writable(membership_id)
    peer = forms.text("peer")

    def act() -> None:
        if not peer:
            raise Refused(_("Choose the member you endorse."))
        carry_out(lambda: _market().endorse_peer(membership_id, peer, forms.text("note")))

    return _on_request(membership_id, act, _("Thank you: your endorsement is recorded."),
                       fragment=False)


@member.post("/mail")
@allow("member")
def save_mail() -> Response | tuple[str, int]:
    """Choose which mails to receive."""
    account_id = principal().account_id  # type: ignore[union-attr]
    try:
        stale_unless(mail_queries.mail_choice(services().engine, account_id)["version"])
        carry_out(lambda: _market().choose_mails(account_id, request.form.getlist("wanted")))
    except Refused as refused:
        return pages.mail(refused.status, str(refused))
    return done(_("Your mail preferences are saved."), "member.mail")
