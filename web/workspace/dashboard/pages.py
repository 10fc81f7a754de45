"""The dashboard's pages: every consortium's KPIs side by side, and one consortium's."""

from __future__ import annotations

from typing import Any

from flask import render_template

from marketplace.dashboard.queries import dashboard, list_dashboards
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.workspace.dashboard import board
from web.workspace.dashboard.access import readable
from web.workspace.dashboard.figures import charts, facts, number, share


def _figures(consortium_id: str | None) -> dict[str, Any]:
    kpi = dashboard(services().engine, consortium_id,
                    today=services().marketplace.clock.now().date())
    return {"kpi": kpi, "facts": facts(kpi), "charts": charts(kpi)}


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
