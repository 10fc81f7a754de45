"""Time travel: any aggregate as it was at a version or a moment, and its events."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.base import DomainAggregate
from marketplace.commanding import CommandBase, as_uuid, project
from marketplace.errors import NotFoundError

_ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def event_data(event: Any) -> dict[str, Any]:
    """An event's own data, without the envelope every event has."""
    if is_dataclass(event):
        values = {f.name: getattr(event, f.name) for f in fields(event)}
    else:
        values = dict(vars(event))
    return {k: v for k, v in values.items() if k not in _ENVELOPE}


class HistoryQueries(CommandBase):
    events: Any

    def get_as_of(
        self, aggregate_id: UUID | str, *, version: int | None = None,
        moment: datetime | None = None,
    ) -> DomainAggregate:
        """An aggregate as it was at a version, or at a moment (the last event up to it)."""
        uid = as_uuid(aggregate_id)
        if moment is not None:
            if moment.tzinfo is None:
                raise NotFoundError("give the moment with its time zone")
            version = None
            for event in self.events.get(uid):
                if event.timestamp > moment:
                    break
                version = event.originator_version
            if version is None:
                raise NotFoundError("%(id)s did not exist yet at %(moment)s",
                                    id=str(uid), moment=moment.isoformat())
        try:
            aggregate: DomainAggregate = self.repository.get(
                uid, version=version, projector_func=project)
        except AggregateNotFoundError:
            raise NotFoundError("there is nothing with id %(id)s at that version",
                                id=str(uid)) from None
        if version is not None and aggregate.version != version:
            # The store returns the latest version at or below the one asked for.
            raise NotFoundError("%(id)s has no version %(version)s; it is at %(latest)s",
                                id=str(uid), version=str(version),
                                latest=str(aggregate.version))
        return aggregate

    def history(self, aggregate_id: UUID | str) -> list[dict[str, Any]]:
        """One aggregate's events in order: version, time, type and data."""
        uid = as_uuid(aggregate_id)
        rows = [
            {
                "version": event.originator_version,
                "timestamp": event.timestamp,
                "type": type(event).__qualname__,
                "data": event_data(event),
            }
            for event in self.events.get(uid)
        ]
        if not rows:
            raise NotFoundError("there is nothing with id %(id)s", id=str(uid))
        return rows
