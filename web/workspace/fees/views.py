"""Reading a consortium's fee ledger, and assessing a period's fees on screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, InvalidValueError
from marketplace.errors import ConflictError
from marketplace.fees.queries import fee_periods, managed_consortia, member_standing
from marketplace.fees.runs import assess_period, default_due_on
from web.authz import allow, principal
from web.extensions import htmx, services
from web.workspace.fees.blueprint import fees, managed, readable, visible_consortia

Page = Response | tuple[str, int]


def _today() -> date:
    return services().marketplace.clock.now().date()  # type: ignore[no-any-return]


@fees.get("/")
@allow("manager", "officer", "auditor")
def index() -> Page:
    """The consortia whose fees the person may see; a manager of one goes straight there."""
    consortia = managed_consortia(services().engine, visible_consortia())
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
        "manages": str(consortium.id) in principal().scopes("manager"),
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
    args = request.args
    # After an assessment the redirect says what it did, so a reload does not do it again.
    done = ({"period": args["period"], "annual": int(args["annual"]),
             "success": int(args["success"])}
            if args.get("annual", "").isdigit() and args.get("success", "").isdigit()
            and args.get("period") else None)
    return ledger_page(readable(consortium_id), done=done)


def _due_on(raw: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidValueError(_("The due date must be a date (YYYY-MM-DD).")) from None


@fees.post("/consortia/<consortium_id>/assess")
@allow("manager")
def assess(consortium_id: str) -> Page:
    """Assess a period's annual and success fees; assessing it again adds nothing."""
    consortium = managed(consortium_id)
    # The page showed the fee schedule: if the rules moved on since, the amounts would not
    # be those the manager saw.
    if request.form.get("version", "") != str(consortium.version):
        return ledger_page(consortium, _("This changed since you opened the page; reload "
                                         "and try again."), 409)
    try:
        period = request.form.get("period", "")
        done = assess_period(services().marketplace, services().engine, consortium.id,
                             period, _due_on(request.form.get("due_on", "")))
    except ConflictError:
        return ledger_page(consortium, _("This changed since you opened the page; reload "
                                         "and try again."), 409)
    except DomainError as error:
        message = str(error)
        return ledger_page(consortium, message[:1].upper() + message[1:], 422)
    return redirect(url_for("fees.ledger", consortium_id=consortium.id, period=period.strip(),
                            annual=done.annual, success=done.success), code=303)
