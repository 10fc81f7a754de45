"""Reading a consortium's fee ledger; the assessment form on it posts to actions.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.fees.queries import fee_periods, managed_consortia, member_standing
from marketplace.fees.runs import default_due_on
from web import labels, params
from web.authz import allow, manages, principal, readable_consortia
from web.extensions import htmx, services
from web.spreadsheets import download
from web.workspace.fees import fees
from web.workspace.fees.access import readable

Page = Response | tuple[str, int]


def _today() -> date:
    return services().marketplace.clock.now().date()  # type: ignore[no-any-return]


@fees.context_processor
def names() -> dict[str, Any]:
    """How the fee screens name a fee's state and kind."""
    return {"fee_states": labels.manager_fee_states(), "fee_kinds": labels.fee_kinds()}


@fees.get("/")
@allow("manager", "officer", "auditor")
def index() -> Page:
    """The consortia whose fees the person may see; a manager of one goes straight there."""
    consortia = managed_consortia(services().engine, readable_consortia())
    if len(consortia) == 1 and principal().holds("manager"):
        return redirect(url_for("fees.ledger", consortium_id=consortia[0]["consortium_id"]))
    return render_template("fees/index.html", consortia=consortia), 200


def ledger_page(consortium: Any, problem: str | None = None, status: int = 200,
                done: dict[str, Any] | None = None) -> tuple[str, int, dict[str, str]]:
    """The ledger by period and the assessment form; the ledger alone for htmx."""
    engine = services().engine
    today = _today()
    next_period = str(today.year + 1)
    context = {
        "consortium": consortium, "rules": consortium.rules,
        "periods": fee_periods(engine, consortium.id, today),
        "standing": member_standing(engine, consortium.id),
        "manages": manages(str(consortium.id)),
        "problem": problem, "done": done, "form": request.form,
        "next_period": next_period, "default_due": default_due_on(next_period, today),
    }
    template = ("fees/_partials/ledger.html" if htmx and not htmx.history_restore_request
                else "fees/ledger.html")
    return render_template(template, **context), status, {"Vary": "HX-Request"}


@fees.get("/consortia/<consortium_id>")
@allow("manager", "officer", "auditor")
def ledger(consortium_id: str) -> tuple[str, int, dict[str, str]]:
    """Every fee of the consortium's members by period: due, paid, overdue, refunded."""
    # After an assessment the redirect says what it did, so a reload does not do it again.
    period = params.text("period", limit=40)
    annual, success = params.whole_number("annual"), params.whole_number("success")
    done = ({"period": period, "annual": annual, "success": success}
            if period and annual is not None and success is not None else None)
    return ledger_page(readable(consortium_id), done=done)


@fees.get("/consortia/<consortium_id>/ledger.<fmt>")
@allow("manager", "officer", "auditor")
def ledger_download(consortium_id: str, fmt: str) -> Response:
    """The ledger as CSV or XLSX: the fees the page lists, in its order, one row each."""
    consortium = readable(consortium_id)
    periods = fee_periods(services().engine, consortium.id, _today())
    states, kinds = labels.manager_fee_states(), labels.fee_kinds()
    header = [_("Period"), _("Member"), _("Fee"), _("Award"), _("Currency"), _("Amount"),
              _("Refunded"), _("Credited"), _("Still due"), _("Due on"), _("State"),
              _("Overdue"), _("Paid on"), _("Credit notes")]
    rows = ([p["period"], f["company_name"], kinds[f["kind"]], f.get("award_reference") or "",
             f["currency"], f["amount"], f["refunded"], f["credited"], f["due"], f["due_on"],
             states[f["status"]], f["overdue"], f.get("paid_on"), " ".join(f["credit_notes"])]
            for p in periods for f in p["fees"])
    return download(f"fees-{consortium.slug}", fmt, header, rows, sheet=_("Fee ledger"))
