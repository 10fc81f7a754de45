"""The signed-in buyer's requests, and their private links sent again."""

from __future__ import annotations

from uuid import UUID

from flask import render_template
from flask_babel import gettext as _

from marketplace.buyers.queries import buyer_requests
from web import forms, labels
from web.authz import allow, principal
from web.buyer import buyer
from web.extensions import services
from web.ratelimit import limited_by


def _key() -> str:
    return next(iter(principal().scopes("buyer")))


def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
    """Every RFQ sent from the buyer's address, with status, deadline and latest quote."""
    steps = labels.buyer_steps()
    rows = buyer_requests(services().engine, services().marketplace.vault, _key())
    return render_template(
        "buyer/requests.html", requests=rows, problem=problem,
        # The tracking page's words: a new request is "received" there.
        status_names={**steps, "requested": steps["received"]}), status


@buyer.get("/requests")
@allow("buyer")
def requests() -> tuple[str, int]:
    """The buyer's requests."""
    return page()


def _again(refused: forms.Refused) -> forms.Page:
    return page(refused.message, refused.status)


@buyer.post("/requests/<uuid:bid_id>/resend")
@allow("buyer")
@limited_by("LOGIN_RATE_LIMIT")
def resend(bid_id: UUID) -> forms.Page:
    """Mail a new private link to one request; the old link stops working."""
    key = _key()
    return forms.submit(
        lambda: services().marketplace.resend_tracking_link(key, bid_id), again=_again,
        done=lambda: forms.done(_("A new link is on its way to your mailbox. The old one no "
                                  "longer works."), "buyer.requests"))


@buyer.post("/requests/resend")
@allow("buyer")
@limited_by("LOGIN_RATE_LIMIT")
def resend_all() -> forms.Page:
    """Mail a new private link to every request; the old links stop working."""
    key = _key()
    return forms.submit(
        lambda: services().marketplace.resend_all_tracking_links(key), again=_again,
        done=lambda: forms.done(_("New links are on their way to your mailbox. The old ones "
                                  "no longer work."), "buyer.requests"))
