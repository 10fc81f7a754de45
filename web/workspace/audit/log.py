"""The global event log with its filters, and one event's page."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from flask import abort, render_template, request
from flask_babel import gettext as _

from marketplace.audit.history import event_data
from marketplace.audit.queries import (
    LogFilter,
    consortium_choices,
    event_log_page,
    logged_event,
    public_page_slug,
)
from marketplace.audit.readmodel import AGGREGATE_TYPES, EVENT_TYPES
from marketplace.audit.steps import event_at, readable
from marketplace.errors import NotFoundError
from web.authz import allow
from web.extensions import services
from web.workspace.audit.blueprint import audit, render


def _moment(name: str, *, end: bool = False) -> datetime | None:
    """A day (YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM, in UTC) from the query; None if blank.

    A day given as the end of the range includes the whole of that day.
    """
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime.combine(day, time(), UTC)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(text)
    except ValueError:
        abort(400, _("Give dates as YYYY-MM-DD, or YYYY-MM-DDTHH:MM in UTC."))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _choice(name: str, allowed: tuple[str, ...] | set[str], what: str) -> str | None:
    value = request.args.get(name, "").strip() or None
    if value is not None and value not in allowed:
        abort(400, _("There is no %(what)s called “%(value)s”.", what=what, value=value[:80]))
    return value


def _uuid(name: str) -> str | None:
    value = request.args.get(name, "").strip() or None
    if value is None:
        return None
    try:
        return str(UUID(value))
    except ValueError:
        abort(400, _("That is not an id: ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427."))


def _filters(consortia: list[dict[str, str]]) -> LogFilter:
    """The filters from the query string; anything unknown is a 400 with a message."""
    actor = request.args.get("actor", "").strip() or None
    if actor is not None and len(actor) > 200:
        abort(400, _("An actor is at most 200 characters long."))
    consortium = _uuid("consortium_id")
    if consortium is not None and consortium not in {c["consortium_id"] for c in consortia}:
        abort(400, _("There is no consortium with that id."))
    where = LogFilter(
        consortium_id=consortium,
        aggregate_type=_choice("aggregate_type", AGGREGATE_TYPES, _("kind of record")),
        event_type=_choice("event_type", EVENT_TYPES, _("event type")),
        actor=actor, since=_moment("since"), until=_moment("until", end=True),
        aggregate_id=_uuid("aggregate_id"))
    if where.since and where.until and where.until <= where.since:
        abort(400, _("The range ends before it starts: put the earlier date first."))
    return where


def _after() -> int:
    text = request.args.get("after", "0").strip() or "0"
    if not text.isdigit() or len(text) > 18:
        abort(400, _("“after” is a log position: a whole number from 0."))
    return int(text)


@audit.get("/")
@allow("auditor", "officer")
def log() -> str:
    """Every event in log order, filtered; htmx gets the next rows alone ("load more")."""
    consortia = consortium_choices(services().engine)
    where = _filters(consortia)
    page = event_log_page(services().engine, where, after=_after())
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
    try:
        row = logged_event(services().engine, position)
        stored = event_at(services().marketplace, position)
    except NotFoundError as error:
        abort(404, str(error))
    return render_template(
        "audit/event.html", row=row, data=_facts(event_data(stored)),
        version=stored.originator_version,
        slug=public_page_slug(services().engine, row["aggregate_type"], row["aggregate_id"]))
