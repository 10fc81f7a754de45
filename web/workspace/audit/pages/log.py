"""The global event log with its filters, and one event's page."""

from __future__ import annotations

from typing import Any

from flask import render_template

from marketplace.audit.history import event_data
from marketplace.audit.queries import (
    AGGREGATE_TYPES,
    EVENT_TYPES,
    consortium_choices,
    event_log_page,
    public_page_slug,
)
from marketplace.audit.steps import readable
from web.authz import allow
from web.extensions import services
from web.workspace.audit import access, audit, forms
from web.workspace.audit.pages import render


@audit.get("/")
@allow("auditor", "officer")
def log() -> str:
    """Every event in log order, filtered; htmx gets the next rows alone ("load more")."""
    consortia = consortium_choices(services().engine)
    where = forms.log_filter(consortia)
    page = event_log_page(services().engine, where, after=forms.after())
    return render("audit/log.html", "audit/_partials/log_rows.html", page=page, where=where,
                  filter_args=where.as_args(), consortia=consortia,
                  names={c["consortium_id"]: c["slug"] for c in consortia},
                  aggregate_types=AGGREGATE_TYPES, event_types=EVENT_TYPES)


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    return {name: readable(value) for name, value in data.items()}


@audit.get("/events/<int:position>")
@allow("auditor", "officer")
def event(position: int) -> str:
    """One event: where it sits in the log, who caused it, and its data."""
    row, stored = access.event(position)
    return render_template(
        "audit/event.html", row=row, data=_facts(event_data(stored)),
        version=stored.originator_version,
        slug=public_page_slug(services().engine, row["aggregate_type"], row["aggregate_id"]))
