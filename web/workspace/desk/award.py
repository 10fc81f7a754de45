"""The award with each member's work share, then delivered milestones and completion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from domain.errors import DomainError, WorkSharesMismatchError
from domain.money import Money
from marketplace.bidding.quoting import by_member, proportional_shares
from web.authz import allow, principal
from web.extensions import htmx, services
from web.i18n import money
from web.workspace.desk.access import (
    Page,
    attempt,
    bid_version,
    is_stale,
    managed_bid,
    readable_bid,
    sentence,
    stale_message,
)
from web.workspace.desk.blueprint import desk
from web.workspace.desk.quote import assembly_for
from web.workspace.desk.triage import act


def _contributors(bid: dict[str, Any]) -> list[dict[str, Any]]:
    """Each contributing member, what it committed in the quote's currency, its share of it."""
    assembly = assembly_for(bid, Decimal(0))
    weights = by_member(assembly)
    whole = sum(weights.values(), Decimal(0))
    names = {line.membership_id: line.company_name for line in assembly.lines}
    return [{"membership_id": m, "company_name": names[m], "contributed": weights[m],
             "percent": (weights[m] * 100 / whole).quantize(Decimal("0.01")) if whole else None}
            for m in sorted(weights, key=lambda m: names[m])]


def award_page(bid_id: str, problem: str | None = None, status: int = 200) -> tuple[str, int]:
    """The award form: the contract value, and work shares proportional to the contributions."""
    bid = readable_bid(bid_id)
    contributors = _contributors(bid)
    value_text = request.values.get("value") or str(bid["quote_price"] or "")
    defaults: dict[str, Decimal] = {}
    try:
        if value_text:  # nothing to share before a quote, or while the field is empty
            value = Money.of(value_text, bid["currency"]).amount
            defaults = proportional_shares({c["membership_id"]: c["contributed"]
                                            for c in contributors}, value, bid["currency"])
    except DomainError as error:
        problem, status = problem or sentence(str(error)), max(status, 422)
    # A form sent back keeps what the manager typed; otherwise the proportional split.
    typed = request.method == "POST" or request.args.get("edited") == "1"
    shares = {c["membership_id"]: (request.values.get(f"share-{c['membership_id']}", "")
                                   if typed else str(defaults.get(c["membership_id"], "")))
              for c in contributors}
    context = {"bid": bid, "contributors": contributors, "shares": shares,
               "value_text": value_text, "reference": request.values.get("reference", ""),
               "problem": problem, "version": bid_version(bid_id),
               "manages": bid["consortium_id"] in principal().scopes("manager")}
    if htmx and request.method == "GET" and not htmx.history_restore_request:
        return render_template("desk/_partials/shares.html", **context), status
    return render_template("desk/award.html", **context), status


@desk.get("/rfq/<bid_id>/award")
@allow("manager", "officer", "auditor")
def award(bid_id: str) -> tuple[str, int]:
    """Shares proportional to the contributions by default; htmx recomputes them."""
    return award_page(bid_id)


def _typed_shares(currency: str, member_ids: list[str]) -> dict[UUID | str, Money]:
    """The shares typed in; an empty or zero share means the member gets none."""
    shares: dict[UUID | str, Money] = {}
    for membership_id in member_ids:
        typed = request.form.get(f"share-{membership_id}", "").strip()
        if not typed:
            continue
        share = Money.of(typed, currency)  # refuses words, floats' extra decimals, negatives
        if share:
            shares[membership_id] = share
    return shares


@desk.post("/rfq/<bid_id>/award")
@allow("manager")
def record_award(bid_id: str) -> Page:
    """Record the award; the shares must add up to the contract value, to the cent."""
    bid = managed_bid(bid_id)
    version = bid_version(bid_id)
    if is_stale(version):
        return award_page(bid_id, stale_message(), 409)

    def record() -> None:
        currency = bid["currency"]
        value = Money.of(request.form.get("value", ""), currency)
        shares = _typed_shares(currency, [c["membership_id"] for c in _contributors(bid)])
        summed = sum((s.amount for s in shares.values()), Decimal(0))
        if summed != value.amount:
            # Checked here to name both figures in the page's language; the domain checks too.
            raise WorkSharesMismatchError(_(
                "The work shares add up to %(sum)s, not the contract value %(value)s.",
                sum=money(summed, currency), value=money(value.amount, currency)))
        services().marketplace.award_contract(bid_id, value, shares,
                                              request.form.get("reference", ""))

    refused = attempt(record, lambda message, status: award_page(bid_id, message, status),
                      seen=(bid_id, version))
    return refused or redirect(url_for("desk.bid", bid_id=bid_id), code=303)


@desk.post("/rfq/<bid_id>/milestones")
@allow("manager")
def deliver_milestone(bid_id: str) -> Page:
    """Record a delivered milestone of the contract, for one of its stages."""
    title, stage = request.form.get("title", ""), request.form.get("stage", "")
    return act(bid_id, lambda: services().marketplace.deliver_milestone(bid_id, title, stage))


@desk.post("/rfq/<bid_id>/complete")
@allow("manager")
def complete(bid_id: str) -> Page:
    """Close the contract as delivered."""
    return act(bid_id, lambda: services().marketplace.complete_contract(bid_id))

