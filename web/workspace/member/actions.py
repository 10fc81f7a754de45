"""The member's changes: each checks the scope, then runs one command through web/forms.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.application import Marketplace
from marketplace.membership import queries as member_queries
from marketplace.outbox import queries as mail_queries
from web import forms
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.member import forms as member_forms
from web.workspace.member import member, pages
from web.workspace.member.access import writable


def _market() -> Marketplace:
    return services().marketplace


def refused_for_htmx(refused: forms.Refused, endpoint: str, **values: Any) -> Response:
    """htmx does not swap an error's body: the message is flashed and the page reloaded."""
    flash(refused.message, "error")
    return forms.back(endpoint, refused.status, **values)


@member.post("/<membership_id>/profile")
@allow("member")
def save_profile(membership_id: str) -> forms.Page:
    """Revise the company's public profile."""
    row = writable(membership_id)
    typed = member_forms.profile()

    def revise() -> None:
        employees = forms.whole_number(
            "employees", _("The number of employees"),
            message=_("The number of employees must be a whole number."))
        _market().revise_company_profile(
            row["company_id"], name=typed["name"], employees=employees,
            summary=typed["summary"], website=typed["website"])

    return forms.submit(
        revise, seen=(row["company_id"], _market().get_company(row["company_id"]).version),
        again=lambda refused: pages.profile(membership_id, refused.status, refused.message,
                                            typed),
        done=lambda: forms.done(_("The company profile is saved."), "member.space",
                                membership_id=membership_id))


@member.post("/<membership_id>/capabilities")
@allow("member")
def save_capabilities(membership_id: str) -> forms.Page:
    """Declare the company's stages, products, capacity and certifications."""
    writable(membership_id)
    typed = member_forms.capabilities()

    def declare() -> None:
        certifications = member_forms.certifications(typed["certificates"])
        if typed["reason"]:  # a mistake in the declaration in force, corrected
            _market().correct_capabilities(
                membership_id, corrects=forms.whole_number("corrects", _("The declaration")),
                reason=typed["reason"], stages=forms.stages(),
                products=forms.lines("products"), certifications=certifications,
                capacity=typed["capacity"])
            return
        _market().declare_capabilities(
            membership_id, stages=forms.stages(), products=forms.lines("products"),
            certifications=certifications, capacity=typed["capacity"])

    return forms.submit(
        declare, seen=(membership_id, _market().get_membership(membership_id).version),
        again=lambda refused: pages.capabilities(membership_id, refused.status,
                                                 refused.message, typed),
        done=lambda: forms.done(_("The capabilities are saved."), "member.space",
                                membership_id=membership_id))


def _contribution(membership_id: str, bid_id: str, stage: str) -> dict[str, Any]:
    """The open request the form is about; a stale form if it is no longer open as seen."""
    for row in member_queries.open_requests(services().engine, membership_id,
                                            bid_id=bid_id, stage=stage):
        if request.form.get("seen") != row["status"]:
            raise forms.Refused(forms.stale_message(), forms.STALE)
        return row
    raise forms.Refused(_("This request is no longer open: the quote has gone out or the RFQ "
                          "was closed."), forms.STALE)


def _listed(membership_id: str, bid_id: str | None, stage: str | None) -> bool:
    """Whether the request a form is about is on the page, to show its refusal there."""
    return bid_id is not None and stage is not None and bool(
        member_queries.open_requests(services().engine, membership_id, bid_id=bid_id,
                                     stage=stage))


def _on_request(membership_id: str, command: Callable[[], None], message: str,
                fragment: bool = True, bid_id: str | None = None,
                stage: str | None = None) -> forms.Page:
    """Run an action of the space page; refused, the page shows why with its status.

    A refused form about a request still listed comes back as typed, its message inside
    that request's form (htmx swaps the section in); otherwise the message is at the top.
    """

    def again(refused: forms.Refused) -> forms.Page:
        if _listed(membership_id, bid_id, stage):
            if htmx:
                return pages.requests_fragment(membership_id), refused.status
            return pages.space(membership_id, refused.status, None)
        if htmx:
            return refused_for_htmx(refused, "member.space", membership_id=membership_id)
        return pages.space(membership_id, refused.status, refused.message)

    def done() -> forms.Page:
        if htmx and fragment:
            return pages.requests_fragment(membership_id, message), 200
        return forms.done(message, "member.space", membership_id=membership_id)

    return forms.submit(command, again=again, done=done)


@member.post("/<membership_id>/requests/<bid_id>/<stage>/commit")
@allow("member")
def commit(membership_id: str, bid_id: str, stage: str) -> forms.Page:
    """Commit a price and lead time for the stage the consortium asked for."""
    writable(membership_id)

    def commit_contribution() -> None:
        row = _contribution(membership_id, bid_id, stage)
        days = forms.whole_number("lead_time_days", _("The lead time"),
                                  message=_("The lead time must be a whole number of days."))
        currency = forms.text("currency") or row["quote_currency"]
        _market().commit_contribution(
            bid_id, stage, membership_id, forms.amount("price", currency), days)

    return _on_request(membership_id, commit_contribution, _("Your contribution is committed."),
                       bid_id=bid_id, stage=stage)


@member.post("/<membership_id>/requests/<bid_id>/<stage>/withdraw")
@allow("member")
def withdraw(membership_id: str, bid_id: str, stage: str) -> forms.Page:
    """Withdraw a committed contribution, with a reason, before the quote goes out."""
    writable(membership_id)

    def withdraw_contribution() -> None:
        _contribution(membership_id, bid_id, stage)
        _market().withdraw_contribution(bid_id, stage, membership_id, forms.text("reason"))

    return _on_request(membership_id, withdraw_contribution, _("Your contribution is withdrawn."),
                       bid_id=bid_id, stage=stage)


@member.post("/<membership_id>/endorse")
@allow("member")
def endorse(membership_id: str) -> forms.Page:
    """Endorse a peer of the consortium after working together."""
    writable(membership_id)

    def endorse_peer() -> None:
        peer = forms.text("peer")
        if not peer:
            raise forms.Refused(_("Choose the member you endorse."), field="peer")
        _market().endorse_peer(membership_id, peer, forms.text("note"))

    return _on_request(membership_id, endorse_peer,
                       _("Thank you: your endorsement is recorded."), fragment=False)


@member.post("/mail")
@allow("member")
def save_mail() -> forms.Page:
    """Choose which mails to receive."""
    account_id = principal().account_id  # type: ignore[union-attr]
    shown = mail_queries.mail_choice(services().engine, account_id)["version"]

    def choose() -> None:
        # The preferences' own id is the domain's to derive, so the form's version is
        # compared here rather than through `seen`.
        if forms.seen_version() != shown:
            raise forms.Refused(forms.stale_message(), forms.STALE)
        _market().choose_mails(account_id, request.form.getlist("wanted"))

    return forms.submit(
        choose, again=lambda refused: pages.mail(refused.status, refused.message),
        done=lambda: forms.done(_("Your mail preferences are saved."), "member.mail"))
