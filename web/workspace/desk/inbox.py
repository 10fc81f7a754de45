"""The RFQ inbox: the nearest response deadline first, with the time left to answer."""

from __future__ import annotations

from typing import Any

from flask import render_template

from marketplace.bidding.queries import AWAITING, UNDER_WAY, inbox
from web.authz import allow
from web.extensions import htmx, services
from web.workspace.desk.access import countdown, now, visible_consortia
from web.workspace.desk.blueprint import desk


def _with_countdown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    moment = now()
    return [{**row, **countdown(row["respond_by"], moment)} for row in rows]


@desk.get("/")
@allow("manager", "officer", "auditor")
def index() -> str:
    """RFQs still to answer by response deadline, then those quoted or under contract."""
    scope = visible_consortia()
    context = {
        "awaiting": _with_countdown(inbox(services().engine, scope, AWAITING)),
        "under_way": inbox(services().engine, scope, UNDER_WAY),
    }
    # The countdown refreshes itself: htmx asks for the fragment again every 30 s.
    if htmx and not htmx.history_restore_request:
        return render_template("desk/_partials/inbox.html", **context)
    return render_template("desk/inbox.html", **context)
