"""The payment's pages: the return from Stripe, the receipt, and the anomalies."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from domain.statuses import FeeStatus
from marketplace.errors import NotFoundError
from marketplace.fees import queries as fee_queries
from marketplace.fees.payments import PaymentGatewayError
from web import params
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.workspace.payments import payments
from web.workspace.payments.access import can_write, company_name, fee_row, readable

POLL_SECONDS = 2
# Stripe's Checkout Session ids (cs_test_..., cs_live_...): only such a value goes to Stripe.
CHECKOUT_SESSION = re.compile(r"cs_[A-Za-z0-9_]{1,250}")


@payments.app_context_processor
def card_payments() -> dict[str, bool]:
    """Whether Pay buttons make sense: only where a Stripe (or the fake) is configured."""
    return {"card_payments": services().payments is not None}


@payments.get("/<membership_id>/fees/<fee_id>/")
@allow("member", "officer", "auditor")
def paying(membership_id: str, fee_id: str) -> str:
    """Back from Stripe: the fee's state, refreshed until the webhook has recorded it."""
    row = readable(membership_id)
    fee = fee_row(membership_id, fee_id)
    template = "payments/_partials/status.html" if htmx else "payments/paying.html"
    return render_template(template, m=row, fee=fee, poll=POLL_SECONDS,
                           state=state(fee, params.matching("session_id", CHECKOUT_SESSION)),
                           writer=can_write(membership_id), here=request.full_path)


def state(fee: dict[str, Any], session_id: str) -> str:
    """paid, refunded, failed or processing: what the page says and whether it polls."""
    if fee["has_receipt"]:
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
    return "failed" if fee["status"] == FeeStatus.FAILED else "processing"


@payments.get("/<membership_id>/fees/<fee_id>/receipt")
@allow("member", "officer", "auditor")
def receipt(membership_id: str, fee_id: str) -> str:
    """A printable receipt for a paid fee."""
    row = readable(membership_id)
    fee = fee_row(membership_id, fee_id)
    if not fee["has_receipt"]:
        abort(404, _("This fee has not been paid, so there is no receipt."))
    return render_template("payments/receipt.html", m=row, fee=fee,
                           receipt=fee_queries.receipt_lines(fee),
                           back=url_for("member.space", membership_id=membership_id))


@payments.get("/<membership_id>/credit-notes/<number>")
@allow("member", "officer", "auditor")
def credit_note(membership_id: str, number: str) -> str:
    """A printable credit note on one of the membership's fees."""
    readable(membership_id)
    try:
        note = fee_queries.credit_note(services().engine, number)
    except NotFoundError:
        abort(404)
    if note["membership_id"] != membership_id:
        abort(404)
    return render_template("payments/credit_note.html", note=note,
                           back=url_for("member.space", membership_id=membership_id))


@payments.get("/anomalies")
@allow("manager", "officer", "auditor")
def anomalies() -> str:
    """Payments that did not match their fee: a manager sees their consortia's, the agency all."""
    desk = services().payments
    rows = desk.anomalies(readable_consortia()) if desk else []
    for row in rows:
        row["company_name"] = company_name(row["membership_id"])
    return render_template("payments/anomalies.html", rows=rows)
