"""One RFQ on the desk: qualify or decline it, ask members for contributions, watch them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import InvalidValueError
from marketplace.bidding.queries import bid_contributions, bid_work_shares, candidates
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.desk.access import (
    Page,
    attempt,
    bid_version,
    countdown,
    form_date,
    is_stale,
    managed_bid,
    now,
    readable_bid,
    stale_message,
    today,
)
from web.workspace.desk.blueprint import desk

DEFAULT_DUE_DAYS = 3  # members answer within the consortium's own response deadline


def _context(bid: dict[str, Any]) -> dict[str, Any]:
    found = services().marketplace.get_bid(bid["bid_id"])
    return {
        "bid": bid, **countdown(bid["respond_by"], now()), "version": found.version,
        "milestones": list(found.milestones),
        "contributions": bid_contributions(services().engine, bid["bid_id"]),
        "candidates": candidates(services().engine, bid["consortium_id"], bid["stages"]),
        "shares": bid_work_shares(services().engine, bid["bid_id"]),
        "manages": bid["consortium_id"] in principal().scopes("manager"),
        "default_due": today() + timedelta(days=DEFAULT_DUE_DAYS),
    }


def bid_page(bid_id: str, problem: str | None = None, status: int = 200) -> tuple[str, int]:
    """The RFQ's page, with a refusal's message when there is one."""
    bid = readable_bid(bid_id)
    return render_template("desk/bid.html", problem=problem, **_context(bid)), status


@desk.get("/rfq/<bid_id>")
@allow("manager", "officer", "auditor")
def bid(bid_id: str) -> tuple[str, int]:
    """One RFQ: the request, its deadline, what the manager can do next."""
    return bid_page(bid_id)


@desk.get("/rfq/<bid_id>/contributions")
@allow("manager", "officer", "auditor")
def contributions(bid_id: str) -> tuple[str, int] | Response:
    """The contributions as they stand; htmx polls this every 5 s while members answer."""
    bid = readable_bid(bid_id)
    if not htmx:
        return redirect(url_for("desk.bid", bid_id=bid_id, _anchor="contributions"), code=303)
    return render_template("desk/_partials/contributions.html", oob=True,
                           **_context(bid)), 200


def act(bid_id: str, action: Any, done: str | None = None) -> Page:
    """Check scope and freshness, run the command, then back to the RFQ (or `done`)."""
    managed_bid(bid_id)
    version = bid_version(bid_id)
    if is_stale(version):
        return bid_page(bid_id, stale_message(), 409)
    refused = attempt(action, lambda message, status: bid_page(bid_id, message, status),
                      seen=(bid_id, version))
    return refused or redirect(done or url_for("desk.bid", bid_id=bid_id), code=303)


@desk.post("/rfq/<bid_id>/qualify")
@allow("manager")
def qualify(bid_id: str) -> Page:
    """Take the RFQ on, with a note."""
    note = request.form.get("note", "")
    return act(bid_id, lambda: services().marketplace.qualify_rfq(bid_id, note))


@desk.post("/rfq/<bid_id>/decline")
@allow("manager")
def decline(bid_id: str) -> Page:
    """Decline the RFQ with a reason the buyer will read."""
    reason = request.form.get("reason", "")
    return act(bid_id, lambda: services().marketplace.decline_rfq(bid_id, reason))


def _asks() -> list[tuple[str, str]]:
    """The ticked (stage, member) pairs; each box's value is "stage:membership id"."""
    asks = []
    for value in request.form.getlist("ask"):
        stage, _sep, membership_id = value.partition(":")
        if not membership_id:
            raise InvalidValueError(_("The form sent a choice that is not a stage and member."))
        asks.append((stage, membership_id))
    return asks


@desk.post("/rfq/<bid_id>/contributions")
@allow("manager")
def request_contributions(bid_id: str) -> Page:
    """Ask the ticked members for their price, each for its stage, by a due date."""

    def ask() -> None:
        if not request.form.getlist("ask"):
            raise InvalidValueError(_("Tick at least one member to ask."))
        due_on = form_date("due_on", _("The due date"))
        services().marketplace.request_contributions(bid_id, _asks(), due_on)

    return act(bid_id, ask)
