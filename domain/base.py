"""The base of our aggregates: events stamped with the command's moment."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate

from domain import clock


class DomainAggregate(Aggregate):
    """An eventsourcing aggregate whose events happen at the command's moment."""

    class Event(Aggregate.Event):
        @staticmethod
        def create_timestamp() -> datetime:
            return clock.now()

    class Created(Event, Aggregate.Created):
        pass
