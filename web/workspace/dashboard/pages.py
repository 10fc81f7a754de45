"""The dashboard's pages: every consortium's KPIs side by side, and one consortium's."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.dashboard.queries import contract_total, dashboard, list_dashboards
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.i18n import money
from web.spreadsheets import download
from web.workspace.dashboard import board
from web.workspace.dashboard.access import readable
from web.workspace.dashboard.figures import charts, facts, number, share


def _figures(consortium_id: str | None) -> dict[str, Any]:
    engine, today = services().engine, services().marketplace.clock.now().date()
    kpi = dashboard(engine, consortium_id, today=today)
    total = None
    # One consortium's contracts in its programme's currency, through its own rate table.
    if consortium_id is not None and len(kpi["seed_funding"]) == 1 and \
            kpi["contract_value_by_country"]:
        [currency] = kpi["seed_funding"]
        total = contract_total(engine, consortium_id, currency,
                               kpi["contract_value_by_country"], today)
    return {"kpi": kpi, "facts": facts(kpi), "charts": charts(kpi), "total": total}


def _comparison(consortia: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per consortium, to compare them side by side."""
    lines = []
    for entry in consortia:
        kpi = dashboard(services().engine, entry["consortium_id"],
                        today=services().marketplace.clock.now().date())
        members = kpi["members_over_time"][-1][1] if kpi["members_over_time"] else 0
        lines.append({**entry, "rfqs": number(kpi["rfqs_received"]),
                      "quotes": number(kpi["quotes_submitted"]),
                      "on_time": share(kpi["on_time_response_rate"]),
                      "win_rate": share(kpi["win_rate"]), "members": number(members)})
    return lines


@board.get("/")
@allow("officer", "auditor", "manager")
def overview() -> str:
    """All consortia's KPIs for the agency; a manager finds their own consortia here."""
    consortia = list_dashboards(services().engine)
    mine = readable_consortia()
    if mine is not None:
        return render_template("dashboard/overview.html", overall=None, comparison=[
            entry for entry in consortia if entry["consortium_id"] in mine])
    return render_template("dashboard/overview.html", overall=_figures(None),
                           comparison=_comparison(consortia))


@board.get("/<slug>")
@allow("officer", "auditor", "manager")
def consortium(slug: str) -> str:
    """One consortium's KPIs; the figures alone for htmx."""
    entry = readable(slug)
    context = {"entry": entry, **_figures(entry["consortium_id"])}
    if htmx and not htmx.history_restore_request:
        return render_template("dashboard/_partials/figures.html", **context)
    return render_template("dashboard/consortium.html", **context)


@board.get("/kpis.<fmt>")
@allow("officer", "auditor")
def overall_download(fmt: str) -> Response:
    """Every consortium's KPIs together, as the overview shows them, as CSV or XLSX: the
    whole installation's, for its officers and auditors."""
    if readable_consortia() is not None:
        abort(403, _("The installation's totals are for the officers and auditors of the whole "
                     "installation; each consortium's figures download from its page."))
    return _download("kpis-all", _figures(None), fmt)


@board.get("/<slug>/kpis.<fmt>")
@allow("officer", "auditor", "manager")
def consortium_download(slug: str, fmt: str) -> Response:
    """One consortium's KPIs, as its page shows them, as CSV or XLSX."""
    entry = readable(slug)
    return _download(f"kpis-{entry['slug']}", _figures(entry["consortium_id"]), fmt)


def _download(name: str, figures: dict[str, Any], fmt: str) -> Response:
    """The headline figures, then each chart's table, one row a figure: what the page
    lists, the number as a number and as the page writes it."""
    headline = _("Headline figures")
    rows: list[list[Any]] = [[headline, term, "", written] for term, written in figures["facts"]]
    total = figures["total"]
    if total is not None:
        rows.append([headline, _("Contract value, every currency in %(currency)s:",
                                 currency=total["currency"]).rstrip(":"),
                     total["total"], money(total["total"], total["currency"])])
    for chart in figures["charts"]:
        rows += [[chart.title, bar.point.label, bar.point.value, bar.point.text]
                 for bar in chart.bars]
    header = [_("Section"), _("Figure"), _("Value"), _("As written")]
    return download(name, fmt, header, rows, sheet=_("KPI dashboard"))
