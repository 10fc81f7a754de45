"""Correcting a fee by a credit note: the manager's form, and the credit note's document."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from marketplace.fees.queries import credit_note, fee_ledger
from web import forms
from web.authz import allow
from web.extensions import services
from web.workspace.fees import fees
from web.workspace.fees.access import managed, readable


def _fee(consortium: Any, membership_id: str, fee_id: str) -> dict[str, Any]:
    """One fee of the consortium's ledger, or 404."""
    for row in fee_ledger(services().engine, consortium.id):
        if row["membership_id"] == membership_id and row["fee_id"] == fee_id:
            return row
    abort(404)


def credit_page(consortium: Any, fee: dict[str, Any], version: int,
                refused: forms.Refused | None = None) -> tuple[str, int]:
    """The credit note form for one fee, with what was typed if it was refused."""
    return render_template(
        "fees/credit.html", consortium=consortium, fee=fee, version=version,
        problem=refused.message if refused else None,
        field=refused.field if refused else None,
        form=request.form if refused else {}), refused.status if refused else 200


@fees.get("/consortia/<consortium_id>/members/<membership_id>/fees/<fee_id>/credit")
@allow("manager")
def credit(consortium_id: str, membership_id: str, fee_id: str) -> tuple[str, int]:
    """The form to correct a fee by a credit note: the amount taken off, and why."""
    consortium = managed(consortium_id)
    fee = _fee(consortium, membership_id, fee_id)
    version = services().marketplace.get_membership(membership_id).version
    return credit_page(consortium, fee, version)


@fees.post("/consortia/<consortium_id>/members/<membership_id>/fees/<fee_id>/credit")
@allow("manager")
def issue_credit(consortium_id: str, membership_id: str, fee_id: str) -> forms.Page:
    """Issue a credit note on the fee; the ledger then shows what is still due."""
    consortium = managed(consortium_id)
    fee = _fee(consortium, membership_id, fee_id)
    membership = services().marketplace.get_membership(membership_id)
    issued: list[str] = []

    def issue() -> None:
        amount = forms.money("amount", fee["currency"])
        reason = forms.required("reason", _("the reason"))
        issued.append(services().marketplace.issue_credit_note(
            membership_id, fee_id, amount, reason))

    return forms.submit(
        issue, seen=(membership_id, membership.version),
        again=lambda refused: credit_page(consortium, fee, membership.version, refused),
        done=lambda: redirect(url_for("fees.credit_note", consortium_id=consortium.id,
                                      number=issued[0]), code=303))


@fees.get("/consortia/<consortium_id>/credit-notes/<number>", endpoint="credit_note")
@allow("manager", "officer", "auditor")
def credit_note_page(consortium_id: str, number: str) -> str:
    """A printable credit note: the fee it corrects, the amount taken off and why."""
    consortium = readable(consortium_id)
    try:
        note = credit_note(services().engine, number)
    except NotFoundError:
        abort(404)
    if note["consortium_id"] != str(consortium.id):
        abort(404)
    return render_template("payments/credit_note.html", note=note,
                           back=url_for("fees.ledger", consortium_id=consortium.id))

