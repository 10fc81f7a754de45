"""A full rebuild: every read model from the first event, in one transaction, written in bulk.

The tables start empty, so nothing is read back from them: every row lives in memory
(`Batch(complete=True)`) and is written with executemany, many pages of events at a time,
into tables whose secondary indexes are dropped until the end. The drop, the rows, the
indexes and the position commit together: a crash, or a progress callback that raises,
leaves the read models and the position as they were, and a re-run starts afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Index, update
from sqlalchemy.engine import Connection

from marketplace.projection.batch import Batch
from marketplace.projection.decoding import decoder
from marketplace.projection.position import drop_legacy_table, projection_position
from marketplace.projection.readmodels import READ_MODEL_TABLES, metadata

if TYPE_CHECKING:
    from eventsourcing.persistence import Notification

    from marketplace.projection.projector import Projector

PAGE = 1_000  # notifications read at a time, as the incremental projector reads them
KEEP_ROWS = 250_000  # a table holding more rows in memory is written out and left to the DB


def secondary_indexes() -> list[Index]:
    """The read models' indexes a bulk load does without: not unique, so none constrains."""
    return [index for table in READ_MODEL_TABLES for index in sorted(table.indexes,
            key=lambda i: str(i.name)) if not index.unique]


def pages(projector: Projector) -> Iterator[Sequence[Notification]]:
    """The whole log, page by page, as the recorder gives it."""
    start = 1
    while True:
        page = projector.app.recorder.select_notifications(start, PAGE)
        if page:
            yield page
        if len(page) < PAGE:
            return
        start = page[-1].id + 1


def _reset(conn: Connection, name: str) -> list[Index]:
    # The reset comes first so that on SQLite the DDL joins its transaction.
    conn.execute(update(projection_position)
                 .where(projection_position.c.name == name).values(position=0))
    drop_legacy_table(conn)
    metadata.drop_all(conn, tables=list(READ_MODEL_TABLES))
    metadata.create_all(conn, tables=list(READ_MODEL_TABLES))
    indexes = secondary_indexes()
    for index in indexes:
        index.drop(conn)
    return indexes


def _spill(batch: Batch) -> None:
    """Write out and drop a table's rows once it holds many: reads then go to the database."""
    for rows in batch.tables.values():
        if len(rows.rows) > KEEP_ROWS:
            rows.forget()


def rebuild(projector: Projector, progress: Callable[[int, int], None] | None = None) -> int:
    """Drop and recreate the read models and project the whole log; returns events applied."""
    decode = decoder(projector.app.mapper)
    handlers = projector.handlers
    facts: dict[str, tuple[str, ...]] = {}
    total = (projector.app.recorder.max_notification_id() or 0) if progress else 0
    applied = position = 0
    with projector.engine.begin() as conn:
        indexes = _reset(conn, projector.name)
        batch = Batch(conn, facts, complete=True)
        for page in pages(projector):
            batch.follow(projector._actors(page[0].id, page[-1].id))
            for notification in page:
                found = handlers.get(notification.topic)
                if found:
                    event = decode(notification)
                    batch.handling(notification.id, event.timestamp)
                    for handle in found:
                        handle(batch, event)
            position = page[-1].id
            applied += len(page)
            _spill(batch)
            if progress:
                progress(applied, max(total, applied))
        batch.flush()
        for index in indexes:
            index.create(conn)
        conn.execute(update(projection_position)
                     .where(projection_position.c.name == projector.name)
                     .values(position=position))
    projector._facts = facts
    return applied
