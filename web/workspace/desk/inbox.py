"""The desk's inbox: RFQs to answer, quoted or under contract, and (asked for) those that
ended; searched by reference, the buyer's organisation and country."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from domain.statuses import AWAITING, ENDED, UNDER_WAY
from marketplace.bidding.queries import DeskSearch, desk_countries, inbox
from web import params
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.workspace.desk import desk
from web.workspace.desk.render import countdown, now

SHOWN = ("open", "closed", "all")  # which RFQs the desk lists: open by default
CLOSED_SHOWN = 100  # the latest RFQs that ended; years of them are found by searching


@desk.get("/")
@allow("manager", "officer", "auditor")
def index() -> str:
    """RFQs still to answer by response deadline, then those quoted or under contract, and
    (when asked) those that ended; searched by reference, buyer organisation and country."""
    scope = readable_consortia()
    moment = now()
    engine = services().engine
    countries = desk_countries(engine, scope)
    shown = params.choice("show", SHOWN, _("list of RFQs")) or "open"
    search = DeskSearch(params.text("q", limit=100),
                        params.choice("country", countries, _("buyer country")) or "")
    is_open, closed = shown in ("open", "all"), shown in ("closed", "all")
    context = {
        "awaiting": [{**row, **countdown(row["respond_by"], moment)}
                     for row in inbox(engine, scope, AWAITING, search=search)] if is_open else None,
        "under_way": inbox(engine, scope, UNDER_WAY, search=search) if is_open else None,
        "closed": inbox(engine, scope, ENDED, search=search, newest_first=True,
                        limit=CLOSED_SHOWN) if closed else None,
        "search": search, "show": shown, "countries": countries, "closed_shown": CLOSED_SHOWN,
    }
    # The countdown refreshes itself: htmx asks for the fragment again every 30 s.
    if htmx and not htmx.history_restore_request:
        return render_template("desk/_partials/inbox.html", **context)
    return render_template("desk/inbox.html", **context)
