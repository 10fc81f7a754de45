"""Receipts from the fee screen: a member's receipt as the manager reads it, and what every
receipt names (the issuer's legal details, the tax the fees include), set by the manager."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, url_for
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from marketplace.fees import queries as fee_queries
from marketplace.membership import queries as member_queries
from web import forms
from web.authz import allow, manages
from web.extensions import services
from web.workspace.fees import fees
from web.workspace.fees.access import managed, readable


@fees.get("/consortia/<consortium_id>/members/<membership_id>/fees/<fee_id>/receipt",
          endpoint="receipt")
@allow("manager", "officer", "auditor")
def receipt_page(consortium_id: str, membership_id: str, fee_id: str) -> str:
    """A member's receipt for a paid fee, as issued."""
    consortium = readable(consortium_id)
    try:
        member = member_queries.membership(services().engine, membership_id)
    except (NotFoundError, ValueError):
        abort(404)
    if member["consortium_id"] != str(consortium.id):
        abort(404)
    today = services().marketplace.clock.now().date()
    ledger = member_queries.fee_status(services().engine, membership_id, today)["fees"]
    fee = next((row for row in ledger if row["fee_id"] == fee_id and row["has_receipt"]), None)
    if fee is None:
        abort(404)
    return render_template("payments/receipt.html", m=member, fee=fee,
                           receipt=fee_queries.receipt_lines(fee),
                           back=url_for("fees.ledger", consortium_id=consortium.id))


def settings_page(consortium: Any, status: int = 200) -> tuple[str, int]:
    """What the consortium's receipts name, with the manager's two forms."""
    return render_template("fees/receipts.html", consortium=consortium,
                           issuer=consortium.receipt_issuer, tax=consortium.fee_tax,
                           manages=manages(str(consortium.id))), status


@fees.get("/consortia/<consortium_id>/receipts")
@allow("manager", "officer", "auditor")
def receipt_settings(consortium_id: str) -> tuple[str, int]:
    """Who the consortium's receipts are issued by, and the tax its fees include."""
    return settings_page(readable(consortium_id))


@fees.post("/consortia/<consortium_id>/receipts/issuer")
@allow("manager")
def set_issuer(consortium_id: str) -> forms.Page:
    """Set the legal details receipts from now on name the issuer by."""
    consortium = managed(consortium_id)
    return forms.submit(
        lambda: services().marketplace.set_receipt_issuer(
            consortium.id, legal_name=forms.required("legal_name", _("the legal name")),
            address=forms.required("address", _("the address")),
            tax_id=forms.required("tax_id", _("the tax id")),
            contact=forms.required("contact", _("the contact"))),
        seen=(consortium.id, consortium.version),
        again=lambda refused: settings_page(consortium, refused.status),
        done=lambda: forms.done(_("Saved."), "fees.receipt_settings",
                                consortium_id=consortium.id))


@fees.post("/consortia/<consortium_id>/receipts/tax")
@allow("manager")
def set_tax(consortium_id: str) -> forms.Page:
    """Set the tax the fees include from now on; both fields empty: no tax."""
    consortium = managed(consortium_id)

    def record() -> None:
        app = services().marketplace
        if not forms.text("tax_name") and not forms.text("tax_rate"):
            app.remove_fee_tax(consortium.id)
            return
        app.set_fee_tax(consortium.id, forms.required("tax_name", _("the tax's name")),
                        forms.percentage("tax_rate", _("the tax rate")))

    return forms.submit(
        record, seen=(consortium.id, consortium.version),
        again=lambda refused: settings_page(consortium, refused.status),
        done=lambda: forms.done(_("Saved."), "fees.receipt_settings",
                                consortium_id=consortium.id))
