"""The desk's pages: the inbox, one RFQ, its quote, its award, the rate table.

The `*_page` functions also re-render a refused form, holding what was typed.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from marketplace.bidding.enquiries import bid_questions_list
from marketplace.bidding.queries import (
    bid_contributions,
    bid_work_shares,
    candidates,
    rate_table,
)
from marketplace.bidding.quoting import proportional_shares
from marketplace.bidding.versions import latest_revision, quote_history
from web import params
from web.authz import allow, manages
from web.extensions import htmx, services
from web.forms import Refused
from web.i18n import number_text
from web.workspace.desk import desk
from web.workspace.desk import forms as desk_forms
from web.workspace.desk.access import (
    bid_version,
    check_reads,
    managed_bid,
    rate_table_version,
    readable_bid,
)
from web.workspace.desk.files import documents_context
from web.workspace.desk.reach import buyer_contact, firms_without_account
from web.workspace.desk.render import Countdown, assembly_for, contributors, now, today

DEFAULT_DUE_DAYS = 3  # members answer within the consortium's own response deadline
DEFAULT_MARGIN = Decimal("8")
DEFAULT_VALIDITY_DAYS = 30


def _bid_context(bid: dict[str, Any]) -> dict[str, Any]:
    found = services().marketplace.get_bid(bid["bid_id"])
    asked = bid_contributions(services().engine, bid["bid_id"])
    offered = candidates(services().engine, bid["consortium_id"], bid["stages"])
    return {
        "bid": bid, **Countdown(now())(bid["respond_by"]), "version": found.version,
        "milestones": list(found.milestones),
        "contributions": asked, "candidates": offered,
        "buyer": buyer_contact(bid, found.buyer),
        "no_account": firms_without_account(asked, offered),
        # The firm just invited (desk/invites.py), named if it is one of this RFQ's.
        "invited": {m["membership_id"]: m["company_name"] for ms in offered.values()
                    for m in ms}.get(params.text("invited", limit=36)),
        "shares": bid_work_shares(services().engine, bid["bid_id"]),
        "manages": manages(bid["consortium_id"]),
        "default_due": today() + timedelta(days=DEFAULT_DUE_DAYS),
        "typed": request.form,
        "questions": bid_questions_list(services().engine, bid["bid_id"]),
        "revision": latest_revision(quote_history(services().engine, bid["bid_id"])),
        **documents_context(bid),
    }


def bid_page(bid_id: str, problem: str | None = None, status: int = 200) -> tuple[str, int]:
    """The RFQ's page, with a refusal's message when there is one."""
    bid = readable_bid(bid_id)
    return render_template("desk/bid.html", problem=problem, **_bid_context(bid)), status


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
                           **_bid_context(bid)), 200


QUOTE_TERMS = ("payment_terms", "warranty", "taxes")


def quote_page(bid_id: str, margin_text: str, problem: str | None = None,
               status: int = 200) -> tuple[str, int]:
    """The computation and the form that submits it, every term as the manager typed it.

    Recalculating (an htmx POST of the form, or the same POST without JavaScript) and a
    refused submission both come back here: only the computed figures change.
    """
    bid = readable_bid(bid_id)
    try:
        margin = desk_forms.margin(margin_text)
    except Refused as refused:
        problem, status, margin = problem or refused.message, max(status, 422), DEFAULT_MARGIN
    assembly = assembly_for(bid, margin)
    found = services().marketplace.get_bid(bid_id)
    quote = found.quote or {}
    revising = bool(bid["can_revise"])
    sending_version = bool(bid["can_send_version"])  # a new version the buyer asked for
    typed = request.form
    context = {
        "bid": bid, "assembly": assembly, "margin_text": margin_text, "problem": problem,
        "version": found.version, "manages": manages(bid["consortium_id"]),
        "valid_until": typed.get("valid_until") or (
            quote["valid_until"].isoformat() if revising and not sending_version else
            (today() + timedelta(days=DEFAULT_VALIDITY_DAYS)).isoformat()),
        "lead_time": typed.get("lead_time_days") or str(
            quote["lead_time_days"] if revising else (assembly.lead_time_days or "")),
        "reason": typed.get("reason", ""), "revising": revising,
        "sending_version": sending_version, "next_number": (found.quote_number or 0) + 1,
        # The written terms as typed; what the manager types is what the quote records.
        "terms": {name: typed.get(name, quote.get(name, "")) for name in QUOTE_TERMS},
        "history": [*quote.get("revisions", []), quote] if quote else [],
    }
    if htmx and not htmx.history_restore_request and (
            request.method == "GET" or request.endpoint == "desk.compute_quote"):
        # htmx swaps only 2xx answers: a margin being typed is shown with its problem.
        return render_template("desk/_partials/computation.html", inline_problem=problem,
                               **context), 200
    return render_template("desk/quote.html", **context), status


@desk.get("/rfq/<bid_id>/quote")
@allow("manager", "officer", "auditor")
def quote(bid_id: str) -> tuple[str, int]:
    """The quote as the sum of the contributions plus the margin; a fragment for htmx."""
    return quote_page(bid_id, request.args.get("margin", number_text(DEFAULT_MARGIN)))


@desk.post("/rfq/<bid_id>/quote/computation")
@allow("manager")
def compute_quote(bid_id: str) -> tuple[str, int]:
    """Recalculate from the form as typed: the figures change, every term stays.

    A POST, so the form's token never goes into a URL; htmx gets the computation only,
    a browser without JavaScript the whole page with the form as typed.
    """
    managed_bid(bid_id)
    return quote_page(bid_id, request.form.get("margin", ""))


def award_page(bid_id: str, problem: str | None = None, status: int = 200) -> tuple[str, int]:
    """The award form: the contract value, and work shares proportional to the contributions.

    Once awarded, the same page corrects the shares: the recorded ones are the defaults.
    """
    bid = readable_bid(bid_id)
    members = contributors(bid)
    correcting = bool(bid["can_correct_shares"])
    recorded = {row["membership_id"]: row["amount"]
                for row in bid_work_shares(services().engine, bid_id)} if correcting else {}
    value_text = (number_text(bid["contract_value"]) if correcting else  # read back as typed
                  request.values.get("value") or number_text(bid["quote_price"]))
    defaults: dict[str, Decimal] = dict(recorded)
    shared = False
    try:
        if value_text and not correcting:  # nothing to share before a quote
            value = desk_forms.amount(value_text, bid["currency"], "value").amount
            defaults = proportional_shares({c["membership_id"]: c["contributed"]
                                            for c in members}, value, bid["currency"])
            shared = True
    except Refused as refused:
        problem, status = problem or refused.message, max(status, 422)
    # A form sent back keeps what the manager typed; otherwise the proportional split
    # (a value that cannot be read gives none: the shares typed stay).
    typed = (request.method == "POST" and (request.endpoint != "desk.share_award"
                                           or not shared)
             ) or request.args.get("edited") == "1"
    shares = {c["membership_id"]: (request.values.get(f"share-{c['membership_id']}", "")
                                   if typed else number_text(defaults.get(c["membership_id"])))
              for c in members}
    context = {"bid": bid, "contributors": members, "shares": shares,
               "value_text": value_text, "reference": request.values.get("reference", ""),
               "reason": request.form.get("reason", ""), "correcting": correcting,
               "problem": problem, "version": bid_version(bid_id),
               "manages": manages(bid["consortium_id"])}
    if htmx and request.method == "GET" and not htmx.history_restore_request:
        return render_template("desk/_partials/shares.html", **context), status
    return render_template("desk/award.html", **context), status


@desk.get("/rfq/<bid_id>/award")
@allow("manager", "officer", "auditor")
def award(bid_id: str) -> tuple[str, int]:
    """Shares proportional to the contributions by default; htmx recomputes them."""
    return award_page(bid_id)


def rates_page(consortium_id: str, problem: str | None = None, status: int = 200
               ) -> tuple[str, int]:
    """The consortium's rates, newest first per pair, and the form to set one."""
    version = rate_table_version(consortium_id)
    check_reads(consortium_id)
    return render_template(
        "desk/rates.html", consortium=services().marketplace.get_consortium(consortium_id),
        rates=rate_table(services().engine, consortium_id), version=version,
        problem=problem, manages=manages(consortium_id),
        today=today(), form=request.form, back=request.values.get("next", "")), status


@desk.get("/consortia/<consortium_id>/rates")
@allow("manager", "officer", "auditor")
def rates(consortium_id: str) -> tuple[str, int]:
    """The exchange rates the consortium's quotes are converted with."""
    return rates_page(consortium_id)
