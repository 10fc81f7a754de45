"""The rate table the manager keeps: quotes convert with it, never with the internet's."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.bidding.queries import rate_table
from marketplace.errors import NotFoundError
from web.authz import allow, principal
from web.extensions import services
from web.i18n import _local_path
from web.workspace.desk.access import (
    Page,
    attempt,
    check_manages,
    check_reads,
    form_date,
    stale_message,
    today,
)
from web.workspace.desk.blueprint import desk


def _version(consortium_id: str) -> int:
    try:
        return services().marketplace.rate_table_version(consortium_id)
    except NotFoundError:
        abort(404)


def rates_page(consortium_id: str, problem: str | None = None, status: int = 200
               ) -> tuple[str, int]:
    """The consortium's rates, newest first per pair, and the form to set one."""
    version = _version(consortium_id)
    check_reads(consortium_id)
    return render_template(
        "desk/rates.html", consortium=services().marketplace.get_consortium(consortium_id),
        rates=rate_table(services().engine, consortium_id), version=version,
        problem=problem, manages=consortium_id in principal().scopes("manager"),
        today=today(), form=request.form, back=request.values.get("next", "")), status


@desk.get("/consortia/<consortium_id>/rates")
@allow("manager", "officer", "auditor")
def rates(consortium_id: str) -> tuple[str, int]:
    """The exchange rates the consortium's quotes are converted with."""
    return rates_page(consortium_id)


@desk.post("/consortia/<consortium_id>/rates")
@allow("manager")
def set_rate(consortium_id: str) -> Page:
    """Record a rate from a given day; the same day's rate set again corrects it."""
    version = _version(consortium_id)
    check_manages(consortium_id)
    if request.form.get("version", "") != str(version):
        return rates_page(consortium_id, stale_message(), 409)

    def record() -> None:
        services().marketplace.set_exchange_rate(
            consortium_id, request.form.get("currency_from", ""),
            request.form.get("currency_to", ""), request.form.get("rate", ""),
            form_date("as_of", _("The day the rate holds from")))

    refused = attempt(record, lambda message, status: rates_page(consortium_id, message, status))
    back = request.form.get("next")
    return refused or redirect(_local_path(back) if back else url_for(
        "desk.rates", consortium_id=consortium_id), code=303)
