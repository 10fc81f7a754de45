"""The desk's inbox: RFQs to answer, quoted or under contract, and (asked for) those that
ended; searched by reference, the buyer's organisation and country; each list a page at a
time, counted, the most urgent first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.statuses import AWAITING, ENDED, UNDER_WAY
from marketplace.bidding.queries import DeskSearch, desk_countries, inbox, inbox_count
from web import labels, paging, params
from web.authz import allow, readable_consortia
from web.extensions import htmx, services
from web.spreadsheets import download
from web.workspace.desk import desk
from web.workspace.desk.render import Countdown, now

SHOWN = ("open", "closed", "all")  # which RFQs the desk lists: open by default
PER_PAGE = 25  # rows of one list on a page: a screenful to work through
# Each list's page parameter: the lists page on their own, and their links keep the others.
PAGES = {"awaiting": "page", "under_way": "quoted_page", "closed": "closed_page"}
ORDERS = {"awaiting": (AWAITING, False), "under_way": (UNDER_WAY, False), "closed": (ENDED, True)}


def _section(name: str, scope: Any, search: DeskSearch, wanted: int) -> paging.Page:
    """One page of one list: the nearest deadline first, or (ended) the latest change."""
    statuses, newest_first = ORDERS[name]
    engine = services().engine
    return paging.paged(
        lambda: inbox_count(engine, scope, statuses, search=search),
        lambda limit, offset: inbox(engine, scope, statuses, search=search,
                                    newest_first=newest_first, limit=limit, offset=offset),
        wanted, PER_PAGE)


def _asked() -> tuple[Any, list[str], str, DeskSearch, tuple[str, ...]]:
    """What the inbox's query asks for: the person's consortia, the countries to pick
    from, which RFQs (open, closed, all), the search, and the lists that shows."""
    scope = readable_consortia()
    countries = desk_countries(services().engine, scope)
    shown = params.choice("show", SHOWN, _("list of RFQs")) or "open"
    search = DeskSearch(params.text("q", limit=100),
                        params.choice("country", countries, _("buyer country")) or "")
    listed = (("awaiting", "under_way") if shown != "closed" else ()) + (
        ("closed",) if shown != "open" else ())
    return scope, countries, shown, search, listed


@desk.get("/")
@allow("manager", "officer", "auditor")
def index() -> str:
    """RFQs still to answer by response deadline, then those quoted or under contract, and
    (when asked) those that ended; searched by reference, buyer organisation and country."""
    scope, countries, shown, search, listed = _asked()
    sections: dict[str, paging.Page | None] = {name: None for name in PAGES}
    wanted = {"awaiting": paging.asked("page"), "under_way": paging.asked("quoted_page"),
              "closed": paging.asked("closed_page")}
    sections.update({name: _section(name, scope, search, wanted[name]) for name in listed})
    if (awaiting := sections["awaiting"]) is not None:
        countdown = Countdown(now())
        awaiting.rows[:] = [{**row, **countdown(row["respond_by"])} for row in awaiting.rows]
    query = {"q": search.text or None, "country": search.country or None,
             "show": shown if shown != "open" else None,
             **{PAGES[name]: page.number if page and page.number > 1 else None
                for name, page in sections.items()}}

    def link(**changed: Any) -> dict[str, Any]:
        """This inbox's query string with some values changed (a page of one list)."""
        return {k: v for k, v in {**query, **changed}.items() if v not in (None, 1)}

    context = {**sections, "search": search, "show": shown, "countries": countries,
               "link": link, "pages": PAGES}
    # The countdown refreshes itself: htmx asks for the fragment again every 30 s.
    if htmx and not htmx.history_restore_request:
        return render_template("desk/_partials/inbox.html", **context)
    return render_template("desk/inbox.html", **context)


@desk.get("/pipeline.<fmt>")
@allow("manager", "officer", "auditor")
def pipeline_download(fmt: str) -> Response:
    """The RFQs the inbox lists for its search, every page of each list, as CSV or XLSX."""
    scope, _countries, _shown, search, listed = _asked()
    engine = services().engine
    states = labels.desk_bid_states()
    header = [_("List"), _("Reference"), _("Consortium"), _("Buyer"), _("Country"),
              _("State"), _("Received"), _("Respond by"), _("Responded on time"),
              _("Currency"), _("Quoted price"), _("Contract value"), _("Contract")]
    names = {"awaiting": _("To answer"), "under_way": _("Quoted or under contract"),
             "closed": _("Ended")}

    def rows() -> Iterator[list[Any]]:
        for name in listed:
            statuses, newest_first = ORDERS[name]
            for bid in inbox(engine, scope, statuses, search=search, newest_first=newest_first):
                yield [names[name], bid["reference"] or "", bid["consortium_name"],
                       bid["organisation"], bid["buyer_country"],
                       states.get(bid["status"], bid["status"]), bid["received_at"],
                       bid["respond_by"], bid["responded_on_time"], bid["currency"],
                       bid["quote_price"], bid["contract_value"],
                       bid["contract_reference"] or ""]

    return download("pipeline", fmt, header, rows(), sheet=_("Pipeline"))

