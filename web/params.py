"""What a URL carries, read into its type with bounds: out of range is a 404 or a 400.

Path parts go through the app's converters: `<int:...>` stops at what the stores can hold,
so a position past it is an address that names nothing (404), never an "integer out of
range" from PostgreSQL. Query parameters go through the readers here, one per type; what
cannot be read answers 400 with a sentence saying how to write it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.routing import Map
from werkzeug.routing.converters import IntegerConverter

from domain.values import EARLIEST, LATEST

BIGGEST = 2**63 - 1  # a signed 64-bit integer: SQLite's INTEGER and PostgreSQL's BIGINT
TEXT_LIMIT = 200


class BoundedInteger(IntegerConverter):
    """`<int:...>` as Werkzeug reads it, but never beyond BIGGEST (nor its own `max`)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = None, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits, min, BIGGEST if max is None else max, signed)


def init_app(app: Flask) -> None:
    """Bound the integer converter; before any blueprint adds its rules."""
    app.url_map.converters["int"] = BoundedInteger


def _arg(name: str) -> str:
    return request.args.get(name, "").strip()


def text(name: str, *, limit: int = TEXT_LIMIT) -> str:
    """Free text from the query, at most `limit` characters; "" if absent."""
    value = _arg(name)
    if len(value) > limit:
        abort(400, _("“%(name)s” is at most %(limit)s characters long.", name=name,
                     limit=limit))
    return value


def matching(name: str, pattern: re.Pattern[str]) -> str:
    """A value of a known shape (an id another system gave us); "" when it has not that shape.

    For values only passed along, where a wrong one simply finds nothing.
    """
    value = _arg(name)
    return value if pattern.fullmatch(value) else ""


def whole_number(name: str, *, low: int = 0, high: int = BIGGEST,
                 message: str | None = None) -> int | None:
    """A whole number from `low` to `high`; None if blank, 400 otherwise."""
    value = _arg(name)
    if not value:
        return None
    # ASCII digits only ("²".isdigit() is true), and no longer than the bound: int() of a
    # few thousand digits is refused by Python itself.
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(high))
            and low <= int(value) <= high):
        abort(400, message or _("“%(name)s” is a whole number from %(low)s to %(high)s.",
                                name=name, low=low, high=high))
    return int(value)


def moment(name: str, *, end: bool = False, message: str | None = None) -> datetime | None:
    """A day (YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM, UTC unless a zone is given) in
    the product's window; None if blank. A day that ends a range includes the whole day."""
    value = _arg(name)
    if not value:
        return None
    try:
        if len(value) == 10:
            when = datetime.combine(date.fromisoformat(value), time(), UTC)
        else:
            when = datetime.fromisoformat(value)
    except ValueError:
        abort(400, message or _("Give dates as YYYY-MM-DD, or YYYY-MM-DDTHH:MM in UTC."))
    # Checked before any arithmetic: a zone or the day after can overflow year 1 or 9999.
    if not EARLIEST <= when.date() <= LATEST:
        abort(400, _("Give a date between %(earliest)s and %(latest)s.",
                     earliest=EARLIEST.isoformat(), latest=LATEST.isoformat()))
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when + timedelta(days=1) if end and len(value) == 10 else when


def uuid(name: str) -> UUID | None:
    """An id from the query; None if blank, 400 if it is not one."""
    value = _arg(name)
    if not value:
        return None
    try:
        return UUID(value)
    except ValueError:
        abort(400, _("That is not an id: ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427."))


def choice(name: str, allowed: Collection[str], what: str) -> str | None:
    """One of the allowed values from the query; None if blank, 400 if unknown."""
    value = _arg(name) or None
    if value is not None and value not in allowed:
        abort(400, _("There is no %(what)s called “%(value)s”.", what=what, value=value[:80]))
    return value
