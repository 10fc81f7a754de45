"""Application recorders that append to the hash chain in the transaction that stores events.

The factories pick them through APPLICATION_RECORDER_TOPIC (see settings.parse_store). Both
append after the events are inserted, while the writer holds the store's write lock
(SQLite's single writer; PostgreSQL's EXCLUSIVE table lock), so concurrent writers extend
the chain one after the other, in the order of the positions they were given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Identifier

from marketplace.actors import current_actor
from marketplace.audit.chain import (
    CHAIN_TABLE,
    DEVELOPMENT_KEY,
    GENESIS,
    Chain,
    ChainBrokenError,
    ChainRow,
)
from marketplace.errors import ConfigurationError


def extend(chain: Chain, head: ChainRow | None, positions: Sequence[int],
           stored_events: Sequence[StoredEvent]) -> list[ChainRow]:
    """The rows for newly stored events, refusing positions that are not after the head."""
    if head is not None and positions and positions[0] <= head.position:
        raise ChainBrokenError(
            f"new events got position {positions[0]}, but the hash chain already reaches "
            f"{head.position}: the events table was altered; run `consortia audit verify`")
    # Who caused these events: the front end said so for this command (marketplace.actors).
    return chain.rows(head.hash if head else GENESIS, zip(positions, stored_events, strict=True),
                      current_actor())


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """SQLite's recorder, plus one chain row per event; positions are the events' rowids."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self.chain = Chain(DEVELOPMENT_KEY)  # the Marketplace sets the store's key
        self._columns = "position, originator_id, originator_version, hash, actor"

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(),
                f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (position INTEGER PRIMARY KEY, "
                "originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
                "hash BLOB NOT NULL, actor TEXT NOT NULL)"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        # Inserting first takes the write lock, so the head read next cannot go stale.
        positions = super()._insert_events(c, stored_events, **kwargs) or []
        if positions:
            c.execute(f"SELECT {self._columns} FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
            head = c.fetchone()
            rows = extend(self.chain, ChainRow(*head) if head else None, positions, stored_events)
            c.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?,?,?,?,?)", rows)
        return positions

    def select_chain(self, start: int, limit: int, stop: int) -> list[ChainRow]:
        """Chain rows from position `start` to `stop`, at most `limit` of them."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT {self._columns} FROM {CHAIN_TABLE} WHERE position >= ? "
                      "AND position <= ? ORDER BY position LIMIT ?", (start, stop, limit))
            return [ChainRow(*row) for row in c.fetchall()]

    def chain_head(self) -> ChainRow | None:
        """The last chain row, or None before the first event."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT {self._columns} FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            return ChainRow(*row) if row else None


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """PostgreSQL's recorder, plus one chain row per event; positions are notification ids."""

    def __init__(self, datastore: PostgresDatastore, *,
                 events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        if datastore.enable_db_functions:
            # The database function inserts events without this recorder seeing them.
            raise ConfigurationError("the hash chain needs POSTGRES_ENABLE_DB_FUNCTIONS off")
        self.chain = Chain(DEVELOPMENT_KEY)  # the Marketplace sets the store's key
        table = SQL("{}.{}").format(Identifier(datastore.schema), Identifier(CHAIN_TABLE))
        self.sql_create_statements.append(SQL(
            "CREATE TABLE IF NOT EXISTS {} (position bigint PRIMARY KEY, "
            "originator_id text NOT NULL, originator_version bigint NOT NULL, "
            "hash bytea NOT NULL, actor text NOT NULL)").format(table))
        columns = SQL("position, originator_id, originator_version, hash, actor")
        self._select_head = SQL("SELECT {} FROM {} ORDER BY position DESC LIMIT 1").format(
            columns, table)
        self._select_chain = SQL("SELECT {} FROM {} WHERE position >= %s AND position <= %s "
                                 "ORDER BY position LIMIT %s").format(columns, table)
        self._insert_chain = SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s)").format(table)

    def _fetch_ids_after_insert_events(self, curs: Cursor[DictRow],
                                       stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        # Still inside the insert's transaction, after its EXCLUSIVE lock on the events table.
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs) or []
        if positions:
            try:
                curs.execute(self._select_head, prepare=True)
                head = curs.fetchone()
                rows = extend(self.chain, _row(head) if head else None, positions,
                              stored_events)
                curs.executemany(self._insert_chain, rows)
            except Exception:
                _abort(curs)
                raise
        return positions

    def select_chain(self, start: int, limit: int, stop: int) -> list[ChainRow]:
        """Chain rows from position `start` to `stop`, at most `limit` of them."""
        with self.datastore.get_connection() as conn, \
                conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(self._select_chain, (start, stop, limit), prepare=True)
            return [ChainRow(p, o, v, bytes(h), a) for p, o, v, h, a in curs.fetchall()]

    def chain_head(self) -> ChainRow | None:
        """The last chain row, or None before the first event."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_head)
            row = curs.fetchone()
            return _row(row) if row else None


def _abort(curs: Cursor[DictRow]) -> None:
    # eventsourcing stores a Python error raised here, lets the transaction end normally and
    # raises it after: a failed statement is what turns that COMMIT into a rollback.
    with contextlib.suppress(psycopg.Error), curs.connection.pipeline():
        curs.execute("DO $$BEGIN RAISE EXCEPTION 'the hash chain cannot be extended'; END$$")


def _row(row: DictRow) -> ChainRow:
    return ChainRow(row["position"], row["originator_id"], row["originator_version"],
                    bytes(row["hash"]), row["actor"])
