"""The dashboard's pages: the totals of the whole installation or of an agency, with each
consortium's KPIs side by side, and one consortium's."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.dashboard.months import Months
from marketplace.dashboard.queries import Scope, dashboard, list_dashboards
from marketplace.dashboard.totals import contract_total
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.i18n import money
from web.spreadsheets import download
from web.workspace.dashboard import board, period
from web.workspace.dashboard.access import readable, totals
from web.workspace.dashboard.figures import charts, facts, number, share


def _figures(scope: Scope, months: Months) -> dict[str, Any]:
    engine, today = services().engine, services().marketplace.clock.now().date()
    kpi = dashboard(engine, scope, today=today, months=months)
    total = None
    # One consortium's contracts in its programme's currency, through its own rate table,
    # at the rates that held when the period ended (or today, for a period not yet over).
    if isinstance(scope, str) and len(kpi["seed_funding"]) == 1 and \
            kpi["contract_value_by_country"]:
        [currency] = kpi["seed_funding"]
        total = contract_total(engine, scope, currency,
                               kpi["contract_value_by_country"],
                               min(today, months.last_day() or today))
    return {"kpi": kpi, "facts": facts(kpi), "charts": charts(kpi), "total": total}


def _comparison(consortia: list[dict[str, Any]], months: Months) -> list[dict[str, Any]]:
    """One line per consortium, to compare them side by side."""
    lines = []
    for entry in consortia:
        kpi = dashboard(services().engine, entry["consortium_id"],
                        today=services().marketplace.clock.now().date(), months=months)
        members = kpi["members_over_time"][-1][1] if kpi["members_over_time"] else 0
        lines.append({**entry, "rfqs": number(kpi["rfqs_received"]),
                      "quotes": number(kpi["quotes_submitted"]),
                      "on_time": share(kpi["on_time_response_rate"]),
                      "win_rate": share(kpi["win_rate"]), "members": number(members)})
    return lines


def _period() -> dict[str, Any]:
    """The period asked for, with the quick choices; its label once it reads right."""
    asked = period.read()
    today = services().marketplace.clock.now().date()
    choices = [(words, url_for(str(request.endpoint), **(request.view_args or {}), **args),
                args == asked.args) for words, args in period.choices(today)]
    return {"period": asked, "choices": choices,
            "period_label": period.label(asked.months) if asked.months else
            _("Period not understood")}


@board.get("/")
@allow("officer", "auditor", "manager")
def overview() -> str | tuple[str, int]:
    """The totals of the whole installation, or of the agencies an officer or auditor works
    for, and their consortia side by side, over a period; a manager finds their own
    consortia here."""
    consortia = list_dashboards(services().engine)
    mine = readable_consortia()
    if mine is not None:
        consortia = [entry for entry in consortia if entry["consortium_id"] in mine]
    whose = totals()
    if whose is None:
        return render_template("dashboard/overview.html", overall=None, comparison=consortia)
    context = {**_period(), "heading": whose.heading}
    months = context["period"].months
    if months is None:  # refused: the form as typed, with the reason, and no figures
        return render_template("dashboard/overview.html", overall={}, comparison=[],
                               **context), 422
    return render_template("dashboard/overview.html", overall=_figures(whose.consortia, months),
                           comparison=_comparison(consortia, months), **context)


@board.get("/<slug>")
@allow("officer", "auditor", "manager")
def consortium(slug: str) -> str | tuple[str, int]:
    """One consortium's KPIs over a period; the figures alone for htmx."""
    entry = readable(slug)
    context: dict[str, Any] = {"entry": entry, **_period()}
    months = context["period"].months
    if months is not None:
        context.update(_figures(entry["consortium_id"], months))
    if htmx and not htmx.history_restore_request:
        page = render_template("dashboard/_partials/figures.html", **context)
    else:
        page = render_template("dashboard/consortium.html", **context)
    return page if months is not None else (page, 422)


@board.get("/kpis.<fmt>")
@allow("officer", "auditor")
def overall_download(fmt: str) -> Response:
    """The overview's totals, as CSV or XLSX: the whole installation's for its officers and
    auditors, their agencies' for an agency's."""
    whose = totals()
    if whose is None:  # @allow lets in officers and auditors alone: never so
        abort(403)
    months = _months()
    lead = [[_("Totals of"), _("Agency"), agency["code"], agency["name"]]
            for agency in whose.agencies]
    return _download(f"kpis-{whose.file_name}", _figures(whose.consortia, months), fmt, months,
                     lead)


@board.get("/<slug>/kpis.<fmt>")
@allow("officer", "auditor", "manager")
def consortium_download(slug: str, fmt: str) -> Response:
    """One consortium's KPIs, as its page shows them, as CSV or XLSX."""
    entry = readable(slug)
    months = _months()
    return _download(f"kpis-{entry['slug']}", _figures(entry["consortium_id"], months), fmt,
                     months)


def _months() -> Months:
    """A download's period, as the page's; a period that does not read right is a 400."""
    asked = period.read()
    if asked.months is None:
        abort(400, asked.problem)
    return asked.months


def _download(name: str, figures: dict[str, Any], fmt: str, months: Months,
              lead: list[list[Any]] | None = None) -> Response:
    """Whose figures (an agency's totals), the period, then the headline figures, then each
    chart's table, one row a figure: what the page lists, the number as a number and as the
    page writes it."""
    section, open_end = _("Period"), _("no limit")
    rows: list[list[Any]] = list(lead or [])
    rows += [
        [section, _("From month"), months.first or "",
         period.written(months.first) if months.first else open_end],
        [section, _("To month"), months.last or "",
         period.written(months.last) if months.last else open_end]]
    headline = _("Headline figures")
    rows += [[headline, term, "", written] for term, written in figures["facts"]]
    total = figures["total"]
    if total is not None:
        rows.append([headline, _("Contract value, every currency in %(currency)s:",
                                 currency=total["currency"]).rstrip(":"),
                     total["total"], money(total["total"], total["currency"])])
    for chart in figures["charts"]:
        rows += [[chart.title, bar.point.label, bar.point.value, bar.point.text]
                 for bar in chart.bars]
    header = [_("Section"), _("Figure"), _("Value"), _("As written")]
    return download(f"{name}-{period.slug(months)}", fmt, header, rows,
                    sheet=_("KPI dashboard"))
