"""The auditor's query forms: the log's filters and the as-of form, read from the URL.

They are GET forms (an auditor may not POST): anything that cannot be read is a 400 with
a sentence saying how to write it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from flask import abort, request
from flask_babel import gettext as _

from marketplace.audit.queries import AGGREGATE_TYPES, EVENT_TYPES, LogFilter


def moment(name: str, *, end: bool = False) -> datetime | None:
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
        when = datetime.fromisoformat(text)
    except ValueError:
        abort(400, _("Give dates as YYYY-MM-DD, or YYYY-MM-DDTHH:MM in UTC."))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def choice(name: str, allowed: tuple[str, ...] | set[str], what: str) -> str | None:
    """One of the allowed values from the query; None if blank, 400 if unknown."""
    value = request.args.get(name, "").strip() or None
    if value is not None and value not in allowed:
        abort(400, _("There is no %(what)s called “%(value)s”.", what=what, value=value[:80]))
    return value


def aggregate_uuid(name: str) -> str | None:
    """An id from the query; None if blank, 400 if it is not one."""
    value = request.args.get(name, "").strip() or None
    if value is None:
        return None
    try:
        return str(UUID(value))
    except ValueError:
        abort(400, _("That is not an id: ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427."))


def log_filter(consortia: list[dict[str, str]]) -> LogFilter:
    """The filters from the query string; anything unknown is a 400 with a message."""
    actor = request.args.get("actor", "").strip() or None
    if actor is not None and len(actor) > 200:
        abort(400, _("An actor is at most 200 characters long."))
    consortium = aggregate_uuid("consortium_id")
    if consortium is not None and consortium not in {c["consortium_id"] for c in consortia}:
        abort(400, _("There is no consortium with that id."))
    where = LogFilter(
        consortium_id=consortium,
        aggregate_type=choice("aggregate_type", AGGREGATE_TYPES, _("kind of record")),
        event_type=choice("event_type", EVENT_TYPES, _("event type")),
        actor=actor, since=moment("since"), until=moment("until", end=True),
        aggregate_id=aggregate_uuid("aggregate_id"))
    if where.since and where.until and where.until <= where.since:
        abort(400, _("The range ends before it starts: put the earlier date first."))
    return where


def after() -> int:
    """Where the next rows start: a log position, 0 for the first page."""
    text = request.args.get("after", "0").strip() or "0"
    if not text.isdigit() or len(text) > 18:
        abort(400, _("“after” is a log position: a whole number from 0."))
    return int(text)


def version() -> int | None:
    """The version asked for, a whole number from 1; None if blank."""
    text = request.args.get("version", "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) < 10**9:
        abort(400, _("A version is a whole number from 1."))
    return int(text)


def as_of_moment() -> datetime | None:
    """The moment asked for (UTC when it names no zone); None if blank."""
    text = request.args.get("moment", "").strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        abort(400, _("Give the moment as YYYY-MM-DDTHH:MM, in UTC."))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
