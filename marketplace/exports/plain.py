"""Events as plain JSON: the stored log read a page at a time, values in their plain form."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from domain.money import Money
from domain.rules import ConsortiumRules
from domain.values import Country, Incoterm, Region, Sector

# Events read per query: enough to keep round trips few, small enough to bound memory.
PAGE = 500


def stored_events(
    app: Any, *, topics: Sequence[str] = (), page: int = PAGE,
) -> Iterator[tuple[int, Any]]:
    """Every stored event with its position, in order, read a page at a time.

    The log is read up to where it ended when the export began, so an export taken
    while others write is still one consistent prefix of the history.
    """
    recorder = app.recorder
    stop = recorder.max_notification_id()
    if stop is None:
        return
    last = 0
    while last < stop:
        notifications = recorder.select_notifications(
            start=last, limit=page, stop=stop, topics=topics, inclusive_of_start=False)
        if not notifications:
            return
        for notification in notifications:
            yield notification.id, app.mapper.to_domain_event(notification)
        last = notifications[-1].id


def iso_time(moment: datetime) -> str:
    """A moment in ISO 8601, in UTC, ending in Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def plain(value: Any) -> Any:
    """A value as JSON can hold it: Decimals as text, so no amount is ever rounded."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Country | Region):
        return value.code
    if isinstance(value, Incoterm):
        return {"rule": value.rule, "place": value.place}
    if isinstance(value, Sector):
        return {"nace": value.nace, "name": value.name}
    if isinstance(value, ConsortiumRules):
        return plain(value.as_dict())
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, float):
        return value
    raise TypeError(f"no plain form for a {type(value).__name__} in an event")
