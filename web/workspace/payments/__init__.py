"""Paying fees by card: the Pay button's checkout, the return page, receipts, anomalies."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError
from marketplace.errors import NotFoundError
from marketplace.fees.payments import PaymentGatewayError
from marketplace.membership import queries as member_queries
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.member import pages
from web.workspace.member.access import can_write, readable, writable
from web.workspace.member.labels import labels

payments = Blueprint("payments", __name__, url_prefix="/workspace/payments")
# A refused payment shows the member's space again, which names things as the member's does.
payments.context_processor(labels)


@payments.app_context_processor
def card_payments() -> dict[str, bool]:
    """Whether Pay buttons make sense: only where a Stripe (or the fake) is configured."""
    return {"card_payments": services().payments is not None}


POLL_SECONDS = 2


def fee_row(membership_id: str, fee_id: str) -> dict[str, Any]:
    """One fee of the membership from the fee ledger, or 404."""
    ledger = member_queries.fee_status(services().engine, membership_id, pages.today())
    for row in ledger["fees"]:
        if row["fee_id"] == fee_id:
            return dict(row)
    abort(404)


@payments.post("/<membership_id>/fees/<fee_id>/pay")
@allow("member")
def pay(membership_id: str, fee_id: str) -> Response | tuple[str, int]:
    """Start paying a fee: a Stripe Checkout Session, then 303 to Stripe's page."""
    writable(membership_id)
    fee_row(membership_id, fee_id)
    desk = services().payments
    if desk is None:
        return pages.space(membership_id, 503, _("Card payments are not configured on this "
                                                 "server; ask the consortium's manager."))
    back = url_for("payments.paying", membership_id=membership_id, fee_id=fee_id,
                   _external=True)
    try:
        checkout = desk.checkout(
            membership_id, fee_id, email=getattr(principal(), "email", None),
            # Stripe puts the session's id in place of the braces.
            success_url=f"{back}?session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=url_for("member.space", membership_id=membership_id, _external=True),
            language=str(get_locale()))
    except PaymentGatewayError:
        return pages.space(membership_id, 502, _("Stripe could not start the payment; "
                                                 "nothing was charged. Try again later."))
    except DomainError as error:
        message = str(error)
        return pages.space(membership_id, 422, message[:1].upper() + message[1:])
    return redirect(checkout.url, code=303)


@payments.get("/<membership_id>/fees/<fee_id>/")
@allow("member", "officer", "auditor")
def paying(membership_id: str, fee_id: str) -> str:
    """Back from Stripe: the fee's state, refreshed until the webhook has recorded it."""
    row = readable(membership_id)
    fee = fee_row(membership_id, fee_id)
    template = "payments/_partials/status.html" if htmx else "payments/paying.html"
    return render_template(template, m=row, fee=fee, poll=POLL_SECONDS,
                           state=state(fee, request.args.get("session_id", "")),
                           writer=can_write(membership_id), here=request.full_path)


def state(fee: dict[str, Any], session_id: str) -> str:
    """paid, refunded, failed or processing: what the page says and whether it polls."""
    if fee["status"] in ("paid", "refunded"):
        return str(fee["status"])
    desk = services().payments
    if session_id and desk is not None:
        try:
            session = desk.gateway.checkout_session(session_id)
        except PaymentGatewayError:
            session = {}
        ours = (session.get("metadata") or {}).get("fee_id") == fee["fee_id"]
        if ours and session.get("payment_status") == "paid":
            return "processing"  # Stripe has the money; its webhook is on the way
    return "failed" if fee["status"] == "failed" else "processing"


@payments.get("/<membership_id>/fees/<fee_id>/receipt")
@allow("member", "officer", "auditor")
def receipt(membership_id: str, fee_id: str) -> str:
    """A printable receipt for a paid fee."""
    row = readable(membership_id)
    fee = fee_row(membership_id, fee_id)
    if fee["status"] not in ("paid", "refunded"):
        abort(404, _("This fee has not been paid, so there is no receipt."))
    return render_template("payments/receipt.html", m=row, fee=fee)


@payments.get("/anomalies")
@allow("manager", "officer", "auditor")
def anomalies() -> str:
    """Payments that did not match their fee: a manager sees their consortia's, the agency all."""
    me = principal()
    everyone = me.holds("officer") or me.holds("auditor")
    desk = services().payments
    rows = desk.anomalies(None if everyone else me.scopes("manager")) if desk else []
    for row in rows:
        row["company_name"] = company_name(row["membership_id"])
    return render_template("payments/anomalies.html", rows=rows)


def company_name(membership_id: str) -> str | None:
    """The member's company, if the anomaly names a membership we know."""
    try:
        return str(member_queries.membership(services().engine, membership_id)["company_name"])
    except (NotFoundError, ValueError):
        return None
