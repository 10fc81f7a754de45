"""One batch of projection: a transaction, the rows it touches, its KPI increments."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection

from marketplace.projection.columns import metadata
from marketplace.projection.rows import Row, TableRows

# Tables the batch itself reads or writes, looked up by name: they are defined beside
# their handlers (bidding, membership, dashboard), which import this module.
BIDS, MEMBERS, KPI_COUNTERS = "rm_bids", "rm_members", "rm_kpi_counters"

# Work on the database for some keys, deferred to the end of a batch (see `Batch.later`).
Deferred = Callable[[Connection, list[str]], None]


def dialect_insert(conn: Connection, table: Any) -> Any:
    """An INSERT that can say ON CONFLICT, on SQLite as on PostgreSQL."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def month_of(moment: datetime) -> str:
    """The calendar month (UTC) a moment falls in, as YYYY-MM: the dashboard's period key."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


# Adds a batch's KPI increments. Text, so that SQLAlchemy caches it: its ON CONFLICT
# constructs are compiled anew on every call ("no key"), on SQLite as on PostgreSQL, and
# this SQL is the same on both.
ADD_COUNTS = text(
    f'INSERT INTO {KPI_COUNTERS} (consortium_id, month, "key", value) '
    "VALUES (:consortium_id, :month, :key, :value) "
    f'ON CONFLICT (consortium_id, month, "key") DO UPDATE SET value = {KPI_COUNTERS}.value + '
    "excluded.value")


class Batch:
    """What a handler gets: the batch's rows of each table, KPI counting, who belongs where."""

    def __init__(self, conn: Connection, facts: dict[str, tuple[str, ...]],
                 actors: Callable[[], Mapping[int, str]] | None = None, *,
                 complete: bool = False) -> None:
        self.conn = conn
        self.complete = complete  # every table started empty in this transaction (rebuild)
        # The log position of the event being handled (the projector sets it), and who
        # caused each event of the batch, read from the hash chain once, when first asked.
        self.position = 0
        # The month (UTC) of the event being handled: KPIs count in the month they happened.
        self.month = ""
        self._actors = actors
        self._actor_of: Mapping[int, str] | None = None
        self.tables: dict[str, TableRows] = {}
        # Which consortium a bid or membership belongs to never changes, so the
        # projector keeps these facts across batches and spares a read per event.
        self.facts = facts
        self.counts: Counter[tuple[str, str, str]] = Counter()
        # Work a handler leaves for the end of the batch, once per key however many
        # events asked for it: e.g. the catalog's search documents of the consortia touched.
        self.deferred: dict[Deferred, set[str]] = {}

    def __getitem__(self, table: Table) -> TableRows:
        rows = self.tables.get(table.name)
        if rows is None:
            rows = self.tables[table.name] = TableRows(self.conn, table, complete=self.complete)
        return rows

    def follow(self, actors: Callable[[], Mapping[int, str]] | None) -> None:
        """Take who caused the next events from `actors` (a batch that spans several reads)."""
        self._actors, self._actor_of = actors, None

    def handling(self, position: int, moment: datetime) -> None:
        """The next handlers see the event at `position`, which happened at `moment`."""
        self.position, self.month = position, month_of(moment)

    def count(self, consortium_id: UUID | str, key: str, n: int = 1) -> None:
        """Add `n` to a KPI in the month of the event being handled."""
        if not self.month:
            raise LookupError(f"{key} counted outside an event: its month is unknown")
        self.counts[(str(consortium_id), self.month, key)] += n

    def later(self, work: Deferred, key: UUID | str) -> None:
        """Have `work(conn, keys)` run once when the batch is flushed, for every key asked."""
        self.deferred.setdefault(work, set()).add(str(key))

    def actor(self) -> str | None:
        """Who caused the event being handled, as the hash chain records it; None without one."""
        if self._actor_of is None:
            self._actor_of = self._actors() if self._actors else {}
        return self._actor_of.get(self.position)

    def remember(self, aggregate_id: UUID | str, *values: UUID | str) -> None:
        self.facts[str(aggregate_id)] = tuple(str(v) for v in values)

    def bid_consortium(self, bid_id: UUID | str) -> str:
        return self._fact(bid_id, metadata.tables[BIDS], ("consortium_id",))[0]

    def membership(self, membership_id: UUID | str) -> tuple[str, str]:
        """The consortium and company of a membership."""
        consortium, company = self._fact(membership_id, metadata.tables[MEMBERS],
                                         ("consortium_id", "company_id"))
        return consortium, company

    def _fact(self, aggregate_id: UUID | str, table: Table, names: tuple[str, ...]
              ) -> tuple[str, ...]:
        key = str(aggregate_id)
        if key not in self.facts:
            row: Row | None = self[table].get(key)
            if row is None:
                raise LookupError(f"{table.name} has no row {key}")
            self.facts[key] = tuple(row[name] for name in names)
        return self.facts[key]

    def flush(self) -> None:
        """Write every changed row once, and add the KPI increments in one statement."""
        for name in sorted(self.tables):  # one order, so that writers lock rows alike
            self.tables[name].flush()
        for work, keys in self.deferred.items():
            work(self.conn, sorted(keys))
        self.deferred.clear()
        if not self.counts:
            return
        self.conn.execute(ADD_COUNTS, [
            {"consortium_id": consortium, "month": month, "key": key, "value": n}
            for (consortium, month, key), n in sorted(self.counts.items())
        ])
        self.counts.clear()


# A handler takes the batch and one event of the classes it is registered on; its
# parameter names that class (or their Union), which the registry test checks.
Handler = Callable[[Batch, Any], None]
Handlers = dict[type, Handler]
