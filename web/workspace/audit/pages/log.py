"""The global event log with its filters, and one event's page."""

from __future__ import annotations

from typing import Any

from flask import render_template
from werkzeug.exceptions import BadRequest

from marketplace.audit.history import event_data
from marketplace.audit.queries import (
    AGGREGATE_TYPES,
    EVENT_TYPES,
    PAGE_SIZE,
    PAGE_SIZES,
    LogPage,
    consortium_choices,
    event_log_page,
    public_page_slug,
)
from marketplace.audit.steps import readable
from web.authz import allow
from web.extensions import services
from web.workspace.audit import access, audit, forms
from web.workspace.audit.naming import look_up
from web.workspace.audit.pages import render


@audit.get("/")
@allow("auditor", "officer")
def log() -> str | tuple[str, int]:
    """Every event, oldest or newest first, filtered; htmx gets the next rows alone ("load
    more"). A filter that cannot be read comes back in the form as typed, with the reason."""
    engine = services().engine
    consortia = consortium_choices(engine)
    form = {"consortia": consortia, "aggregate_types": AGGREGATE_TYPES,
            "event_types": EVENT_TYPES, "page_sizes": PAGE_SIZES}
    try:
        where = forms.log_filter(consortia)
        newest, size = forms.newest_first(), forms.page_size()
        page = event_log_page(engine, where, after=forms.after(), before=forms.before(),
                              newest_first=newest, limit=size)
    except BadRequest as refused:
        return render_template("audit/log.html", page=LogPage([], None),
                               error=refused.description, filter_args={}, **form), 400
    args = {**where.as_args(), **({"order": "newest"} if newest else {}),
            **({"size": str(size)} if size != PAGE_SIZE else {})}
    return render("audit/log.html", "audit/_partials/log_rows.html", page=page,
                  newest=newest, filter_args=args,
                  **look_up(page.rows), **form)


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    return {name: readable(value) for name, value in data.items()}


@audit.get("/events/<int:position>")
@allow("auditor", "officer")
def event(position: int) -> str:
    """One event: where it sits in the log, who caused it, and its data."""
    row, stored = access.event(position)
    data = _facts(event_data(stored))
    return render_template(
        "audit/event.html", row=row, data=data, **look_up(row, data),
        version=stored.originator_version,
        slug=public_page_slug(services().engine, row["aggregate_type"], row["aggregate_id"]))
