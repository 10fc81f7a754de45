"""The projector: follows the event log in order and keeps the read models up to date.

Each batch of events and the position after it are written in one transaction, so a
crash leaves either both or neither, and the next run simply redoes the batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import Notification
from eventsourcing.utils import get_topic
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from marketplace.projection.batch import dialect_insert
from marketplace.projection.position import (
    claim,
    create_position_table,
    has_legacy_table,
    projection_position,
    read_position,
)
from marketplace.projection.readmodels import (
    HANDLERS,
    READ_MODEL_TABLES,
    Batch,
    Handler,
    metadata,
)
from marketplace.projection.rebuild import PAGE, rebuild

if TYPE_CHECKING:
    from marketplace.application import Marketplace

REBUILD_BATCH_SIZE = PAGE  # what a catch-up from far behind reads at a time


def _sort_key(row: tuple[Any, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, str(value)) for value in row)


class Projector:
    """Applies the Marketplace's events to the read-model tables of one database."""

    def __init__(self, app: Marketplace, engine: Engine, *, name: str = "readmodels") -> None:
        self.app = app
        self.engine = engine
        self.name = name
        # Dispatch on the stored topic: events no view cares about, and topics no
        # longer known to the code, are passed over without being decoded.
        self.handlers: dict[str, tuple[Handler, ...]] = {
            get_topic(event_class): handlers for event_class, handlers in HANDLERS.items()
        }
        self._facts: dict[str, tuple[str, ...]] = {}
        self._lock = threading.RLock()
        self._added: list[str] = []
        self._create_tables()
        self._position = self.position()
        if not self._position:
            self._added = []  # a new store: every table starts empty, and rightly so

    def _create_tables(self) -> None:
        for attempt in (1, 2):
            try:
                # A read model this code added to a store that already has events starts
                # empty at the store's position: `outdated` names it, so it gets rebuilt.
                present = set(inspect(self.engine).get_table_names())
                self._added = [table.name for table in READ_MODEL_TABLES
                               if table.schema is None and table.name not in present]
                with self.engine.begin() as conn:
                    create_position_table(conn)
                metadata.create_all(self.engine)
                with self.engine.begin() as conn:
                    conn.execute(dialect_insert(conn, projection_position)
                                 .values(name=self.name, position=0).on_conflict_do_nothing())
                return
            except DBAPIError:
                # Another process may be creating the same tables at this moment.
                if attempt == 2:
                    raise

    def outdated(self) -> list[str]:
        """Read-model tables whose stored columns differ from this code's, or that lack an
        index this code reads them by (an older version).

        Read models are disposable: a store made by an older version is brought up to date
        by `rebuild`, never migrated by hand.
        """
        existing = inspect(self.engine)
        outdated = [table.name for table in READ_MODEL_TABLES
                    if table.name in self._added
                    or {c["name"] for c in existing.get_columns(table.name, schema=table.schema)}
                    != {c.name for c in table.columns}
                    or {i.name for i in table.indexes}
                    - {i["name"] for i in existing.get_indexes(table.name, schema=table.schema)}]
        with self.engine.connect() as conn:
            # Positions were kept in `projection_tracking` before: the read models it
            # went with are rebuilt, which drops it.
            renamed = [projection_position.name] if has_legacy_table(conn) else []
        return renamed + outdated

    def position(self) -> int:
        """The id of the last notification applied, 0 if none."""
        return read_position(self.engine, self.name)

    def catch_up(
        self, progress: Callable[[int, int], None] | None = None, batch_size: int = 500
    ) -> int:
        """Apply every event not applied yet; returns how many were applied."""
        with self._lock:
            applied = 0
            total = self._backlog() if progress else 0
            while True:
                # With nothing new this is the only query: inline projection stays cheap.
                notifications = self.app.recorder.select_notifications(
                    self._position + 1, batch_size)
                if not notifications:
                    return applied
                done = self._apply(notifications)
                if done is None:
                    continue  # another process moved the position; read from there
                applied += done
                if progress:
                    progress(applied, max(total, applied))
                if len(notifications) < batch_size:
                    return applied

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Drop and recreate the read models, then project the whole log from zero."""
        with self._lock:
            applied = rebuild(self, progress)  # one transaction: all of it, or nothing
            self._position = self.position()
            self._added = []
            return applied

    def table_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every read-model table's rows, sorted, to compare two builds row by row."""
        with self.engine.connect() as conn:
            return {
                table.name: sorted((tuple(row) for row in conn.execute(select(table))),
                                   key=_sort_key)
                for table in READ_MODEL_TABLES
            }

    def _backlog(self) -> int:
        return max(0, (self.app.recorder.max_notification_id() or 0) - self._position)

    def _actors(self, first: int, last: int) -> Callable[[], dict[int, str]] | None:
        """Who caused each event from `first` to `last`, read from the hash chain if kept."""
        select_chain = getattr(self.app.recorder, "select_chain", None)
        if select_chain is None:
            return None
        return lambda: {row.position: row.actor
                        for row in select_chain(first, last - first + 1, last)}

    def _apply(self, notifications: Sequence[Notification]) -> int | None:
        """Apply one batch with its position, in one transaction; None if out of step."""
        last = notifications[-1].id
        with self.engine.begin() as conn:
            moved_on = claim(conn, self.name, self._position, last)
            if moved_on is not None:
                self._position = moved_on
                return None
            batch = Batch(conn, self._facts, self._actors(notifications[0].id, last))
            for notification in notifications:
                batch.position = notification.id
                handlers = self.handlers.get(notification.topic)
                if handlers:
                    event: Any = self.app.mapper.to_domain_event(notification)
                    batch.handling(notification.id, event.timestamp)
                    for handle in handlers:
                        handle(batch, event)
            batch.flush()
        self._position = last
        return len(notifications)
