"""The auditor's event log: one row for every event of every aggregate, in log order.

Unlike the other read models, this one handles every event type there is, so its
handlers are found by walking the domain's aggregates rather than listed by hand.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, select

import domain
from domain.base import DomainAggregate
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata

# Every event in order, one row each, for the auditor's log: its filters need these
# columns indexed beside the position, so a filtered page is one index range read.
event_log = Table(
    "rm_event_log", metadata,
    # INTEGER on SQLite makes the position the rowid itself, sparing the table one index.
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
           autoincrement=False),
    ident("aggregate_id", nullable=False),
    Column("aggregate_type", String(40), nullable=False),
    Column("event_type", String(80), nullable=False),  # Bid.QuoteRequested
    ident("consortium_id", nullable=True),
    Column("actor", String(200), nullable=True),  # from the hash chain; None without one
    # Who, without the roles held then: "user:<id>", "buyer", "system". Filters use it, so
    # one person's events come in log order from the index.
    Column("actor_key", String(200), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_rm_event_log_aggregate", "aggregate_id", "position"),
    Index("ix_rm_event_log_consortium", "consortium_id", "position"),
    Index("ix_rm_event_log_aggregate_type", "aggregate_type", "position"),
    Index("ix_rm_event_log_event_type", "event_type", "position"),
    Index("ix_rm_event_log_actor", "actor_key", "position"),
    Index("ix_rm_event_log_at", "at"),
)

# Facts kept per aggregate, beside the projector's own, under a prefix of their own.
_FACT = "log:"


def aggregate_classes() -> list[type[DomainAggregate]]:
    """Every aggregate of the domain, after importing each of its modules."""
    for module in pkgutil.iter_modules(domain.__path__):
        importlib.import_module(f"domain.{module.name}")
    found: list[type[DomainAggregate]] = []
    waiting = list(DomainAggregate.__subclasses__())
    while waiting:
        cls = waiting.pop(0)
        if cls.__module__.startswith("domain.") and cls not in found:
            found.append(cls)
        waiting.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.__qualname__)


def event_classes(aggregate: type[DomainAggregate]) -> list[type]:
    """The events an aggregate records: the event classes its @event methods made."""
    made = [value for name, value in vars(aggregate).items()
            if isinstance(value, type) and issubclass(value, DomainAggregate.Event)
            and value.__qualname__ == f"{aggregate.__qualname__}.{name}"
            and name != "Event"]  # the base of the others, never recorded itself
    named = [cls for cls in made if cls.__name__ != "Created"]
    if any(issubclass(cls, DomainAggregate.Created) for cls in named):
        return named  # a creation event with its own name stands in for `Created`
    return made


def actor_key(actor: str | None) -> str | None:
    """The actor without the roles held at the time: "user:<id> (officer)" -> "user:<id>"."""
    return actor.split(" (", 1)[0] if actor else actor


def event_type(event_class: type) -> str:
    """How the log names an event type: aggregate and event, `Bid.QuoteRequested`."""
    return event_class.__qualname__


def _consortium(batch: Batch, event: DomainAggregate.Event, ident: str, aggregate: str
                ) -> str | None:
    """The consortium an event concerns, if any: kept from the aggregate's first event."""
    if aggregate == "Consortium":
        return ident
    known = batch.facts.get(_FACT + ident)
    if known is None:
        named = getattr(event, "consortium_id", None)
        if named is None and event.originator_version > 1:
            # A projector started afresh: the aggregate's earlier rows say it.
            named = batch.conn.execute(
                select(event_log.c.consortium_id).where(event_log.c.aggregate_id == ident)
                .order_by(event_log.c.position).limit(1)).scalar()
        known = (str(named) if named is not None else "",)
        batch.facts[_FACT + ident] = known
    return known[0] or None


def _handler(aggregate: type) -> Handler:
    name = aggregate.__name__

    def record(batch: Batch, event: DomainAggregate.Event) -> None:
        ident = str(event.originator_id)
        actor = batch.actor()
        batch[event_log].add(
            position=batch.position, aggregate_id=ident, aggregate_type=name,
            event_type=type(event).__qualname__, actor=actor, actor_key=actor_key(actor),
            at=event.timestamp, consortium_id=_consortium(batch, event, ident, name))

    return record


def _handlers() -> Handlers:
    handlers: Handlers = {}
    for aggregate in aggregate_classes():
        record = _handler(aggregate)
        for event_class in event_classes(aggregate):
            handlers[event_class] = record
    return handlers


HANDLERS: Handlers = _handlers()
EVENT_TYPES: tuple[str, ...] = tuple(sorted(event_type(cls) for cls in HANDLERS))
AGGREGATE_TYPES: tuple[str, ...] = tuple(cls.__name__ for cls in aggregate_classes())
