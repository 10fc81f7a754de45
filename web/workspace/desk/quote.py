"""Assemble the quote: committed contributions, converted with the manager's rates, plus margin."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from domain.errors import DomainError, InvalidValueError
from domain.money import Money
from marketplace.bidding.queries import bid_contributions, rates_on
from marketplace.bidding.quoting import Assembly, assemble, parse_percent
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.desk.access import (
    Page,
    attempt,
    bid_version,
    form_date,
    form_int,
    is_stale,
    managed_bid,
    readable_bid,
    sentence,
    stale_message,
    today,
)
from web.workspace.desk.blueprint import desk

DEFAULT_MARGIN = Decimal("8")
DEFAULT_VALIDITY_DAYS = 30


def assembly_for(bid: dict[str, Any], margin: Decimal) -> Assembly:
    """The quote's computation from the committed contributions and today's rates."""
    committed = [row for row in bid_contributions(services().engine, bid["bid_id"])
                 if row["status"] == "committed"]
    rates = rates_on(services().engine, bid["consortium_id"], today())
    return assemble(committed, bid["currency"], rates, margin)


def quote_page(bid_id: str, margin_text: str, problem: str | None = None,
               status: int = 200) -> tuple[str, int]:
    """The computation and the form that submits it."""
    bid = readable_bid(bid_id)
    try:
        margin = parse_percent(margin_text)
    except DomainError as error:
        problem, status, margin = problem or sentence(str(error)), 422, DEFAULT_MARGIN
    assembly = assembly_for(bid, margin)
    context = {
        "bid": bid, "assembly": assembly, "margin_text": margin_text, "problem": problem,
        "version": bid_version(bid_id),
        "manages": bid["consortium_id"] in principal().scopes("manager"),
        "valid_until": request.form.get("valid_until") or (
            today() + timedelta(days=DEFAULT_VALIDITY_DAYS)).isoformat(),
        "lead_time": request.form.get("lead_time_days") or str(assembly.lead_time_days or ""),
    }
    if htmx and request.method == "GET" and not htmx.history_restore_request:
        # htmx swaps only 2xx answers: a margin being typed is shown with its problem.
        return render_template("desk/_partials/computation.html", inline_problem=problem,
                               **context), 200
    return render_template("desk/quote.html", **context), status


@desk.get("/rfq/<bid_id>/quote")
@allow("manager", "officer", "auditor")
def quote(bid_id: str) -> tuple[str, int]:
    """The quote as the sum of the contributions plus the margin; a fragment for htmx."""
    return quote_page(bid_id, request.args.get("margin", str(DEFAULT_MARGIN)))


@desk.post("/rfq/<bid_id>/quote")
@allow("manager")
def submit_quote(bid_id: str) -> Page:
    """Submit the assembled price, its validity and lead time to the buyer."""
    bid = managed_bid(bid_id)
    margin_text = request.form.get("margin", "")
    version = bid_version(bid_id)
    if is_stale(version):
        return quote_page(bid_id, margin_text, stale_message(), 409)

    def submit() -> None:
        assembly = assembly_for(bid, parse_percent(margin_text))
        if assembly.missing_rates:
            raise InvalidValueError(_("Set a rate for %(pairs)s in the rate table first.",
                                      pairs=", ".join(assembly.missing_rates)))
        valid_until = form_date("valid_until", _("The validity date"))
        lead_time = form_int("lead_time_days", _("The lead time"))
        services().marketplace.submit_quote(bid_id, Money(assembly.total, bid["currency"]),
                                            valid_until, lead_time)

    refused = attempt(submit, lambda message, status: quote_page(
        bid_id, margin_text, message, status), seen=(bid_id, version))
    return refused or redirect(url_for("desk.bid", bid_id=bid_id), code=303)
