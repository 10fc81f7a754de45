"""The auditor's query forms: the log's filters and the as-of form, read from the URL.

They are GET forms (an auditor may not POST): anything that cannot be read is a 400 with
a sentence saying how to write it.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from flask import abort
from flask_babel import gettext as _

from marketplace.agencies.queries import AgencyScope
from marketplace.audit.queries import (
    AGGREGATE_TYPES,
    EVENT_TYPES,
    PAGE_SIZE,
    PAGE_SIZES,
    LogFilter,
)
from web import params


def _as_text(found: UUID | None) -> str | None:
    """An id as the read models keep it."""
    return None if found is None else str(found)


def log_filter(consortia: list[dict[str, str]], within: AgencyScope | None = None) -> LogFilter:
    """The filters from the query string; anything unknown is a 400 with a message."""
    actor = params.text("actor") or None
    consortium = _as_text(params.uuid("consortium_id"))
    if consortium is not None and consortium not in {c["consortium_id"] for c in consortia}:
        abort(400, _("There is no consortium with that id."))
    where = LogFilter(
        consortium_id=consortium,
        aggregate_type=params.choice("aggregate_type", AGGREGATE_TYPES, _("kind of record")),
        event_type=params.choice("event_type", EVENT_TYPES, _("event type")),
        actor=actor, since=params.moment("since"), until=params.moment("until", end=True),
        aggregate_id=_as_text(params.uuid("aggregate_id")), within=within)
    if where.since and where.until and where.until <= where.since:
        abort(400, _("The range ends before it starts: put the earlier date first."))
    return where


ORDERS = ("oldest", "newest")


def newest_first() -> bool:
    """Whether the log is read from its end: `order=newest` (oldest first by default)."""
    return params.choice("order", ORDERS, _("order")) == "newest"


def page_size() -> int:
    """How many events a page shows: one of PAGE_SIZES."""
    size = params.whole_number("size", message=_("Show 25, 50, 100 or 200 events a page."))
    if size is None:
        return PAGE_SIZE
    if size not in PAGE_SIZES:
        abort(400, _("Show 25, 50, 100 or 200 events a page."))
    return size


def before() -> int | None:
    """Newest first, where the next rows end: a log position; None from the end."""
    return params.whole_number(
        "before", message=_("“before” is a log position: a whole number from 0."))


def after() -> int:
    """Where the next rows start: a log position, 0 for the first page."""
    return params.whole_number(
        "after", message=_("“after” is a log position: a whole number from 0.")) or 0


def version() -> int | None:
    """The version asked for, a whole number from 1; None if blank."""
    return params.whole_number("version", low=1, high=10**9 - 1,
                               message=_("A version is a whole number from 1."))


def as_of_moment() -> datetime | None:
    """The moment asked for (UTC when it names no zone); None if blank."""
    return params.moment("moment", message=_("Give the moment as YYYY-MM-DDTHH:MM, in UTC."))
