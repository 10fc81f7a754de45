"""The replay check: rebuild every read model from zero in a scratch place, compare with live.

The rebuild goes into a temporary SQLite file beside the live one, or a temporary
PostgreSQL schema in the same database, and is removed afterwards, also on error.
Both sides are compared at the same log position: rows are matched by primary key,
so a report names the row that is missing, extra or changed, and the columns that differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from marketplace.bootstrap import Services, make_engine
from marketplace.errors import ConflictError
from marketplace.projection.projector import REBUILD_BATCH_SIZE, Projector
from marketplace.projection.readmodels import READ_MODEL_TABLES

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class ColumnDifference:
    column: str
    rebuilt: Any
    live: Any


@dataclass(frozen=True)
class RowDifference:
    """One row that differs: `missing` from live, `extra` in live, or `changed`."""

    table: str
    key: tuple[tuple[str, Any], ...]  # (primary-key column, value), in key order
    kind: str
    columns: tuple[ColumnDifference, ...] = ()


@dataclass(frozen=True)
class TableSummary:
    table: str
    rebuilt_rows: int
    live_rows: int
    missing: int = 0
    extra: int = 0
    changed: int = 0

    @property
    def differences(self) -> int:
        return self.missing + self.extra + self.changed


@dataclass(frozen=True)
class ReplayReport:
    """What a replay check found, with how fast the rebuild went and where it ran."""

    events: int  # replayed into the scratch place by the timed rebuild
    seconds: float
    position: int  # the log position both sides were compared at
    started_at: int  # the live read models' position when the check began
    scratch: str  # the temporary file or schema, gone by the time the report exists
    tables: tuple[TableSummary, ...]
    differences: tuple[RowDifference, ...]

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def log_moved(self) -> bool:
        """Events were recorded while the check ran; both sides include them."""
        return self.position != self.started_at

    @property
    def clean(self) -> bool:
        return not self.differences


def compare(rebuilt: Rows, live: Rows) -> tuple[tuple[TableSummary, ...],
                                                 tuple[RowDifference, ...]]:
    """Match each read-model table's rows by primary key; list what differs."""
    summaries: list[TableSummary] = []
    differences: list[RowDifference] = []
    for table in READ_MODEL_TABLES:
        names = [column.name for column in table.columns]
        key_at = [names.index(column.name) for column in table.primary_key.columns]

        def by_key(rows: list[tuple[Any, ...]], key_at: list[int] = key_at
                   ) -> dict[tuple[Any, ...], tuple[Any, ...]]:
            return {tuple(row[i] for i in key_at): row for row in rows}

        expected = by_key(rebuilt.get(table.name, []))
        found = by_key(live.get(table.name, []))
        counts = {"missing": 0, "extra": 0, "changed": 0}
        for key in sorted(expected.keys() | found.keys(), key=lambda k: tuple(map(str, k))):
            before, after = expected.get(key), found.get(key)
            columns: tuple[ColumnDifference, ...] = ()
            if after is None:
                kind = "missing"
            elif before is None:
                kind = "extra"
            else:
                columns = tuple(ColumnDifference(name, old, new) for name, old, new
                                in zip(names, before, after, strict=True) if old != new)
                if not columns:
                    continue
                kind = "changed"
            counts[kind] += 1
            named = tuple((names[i], value) for i, value in zip(key_at, key, strict=True))
            differences.append(RowDifference(table.name, named, kind, columns))
        summaries.append(TableSummary(table.name, len(expected), len(found), **counts))
    return tuple(summaries), tuple(differences)


@contextmanager
def scratch_engine(services: Services) -> Iterator[tuple[Engine, str]]:
    """An engine on a new, empty place beside the live read models; removed on leaving."""
    store, tag = services.store, uuid.uuid4().hex[:8]
    if store.kind == "sqlite":
        live = Path(store.eventsourcing_env["SQLITE_DBNAME"])
        path = live.with_name(f"{live.name}.replay-{tag}")
        engine = make_engine(replace(store, sqlalchemy_url=f"sqlite:///{path}"))
        try:
            yield engine, str(path)
        finally:
            engine.dispose()
            for leftover in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        return
    schema = f"{(store.schema or 'public')[:46]}_replay_{tag}"
    with services.engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(replace(store, schema=schema,
                                 connect_args={"options": f"-csearch_path={schema}"}))
    try:
        yield engine, schema
    finally:
        engine.dispose()
        with services.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def check_replay(services: Services, progress: Callable[[int, int], None] | None = None,
                 attempts: int = 5) -> ReplayReport:
    """Rebuild every read model from the first event and compare it with the live ones."""
    live = services.projector
    live.catch_up()
    started_at = live.position()
    with scratch_engine(services) as (engine, where):
        scratch = Projector(services.marketplace, engine)
        started = perf_counter()
        events = scratch.rebuild(progress)  # the full rebuild's own fast way
        seconds = perf_counter() - started
        for _ in range(attempts):
            # Bring both sides to the same position; if a batch lands on the live side
            # while its rows are read, the position moves and the read is redone.
            live.catch_up()
            scratch.catch_up(batch_size=REBUILD_BATCH_SIZE)
            position = scratch.position()
            if live.position() != position:
                continue
            found = live.table_rows()
            if live.position() == position:
                break
        else:
            raise ConflictError("the event log kept moving during the replay check "
                                "(%(tries)s tries); run it again when it is quieter",
                                tries=attempts)
        rebuilt = scratch.table_rows()
    tables, differences = compare(rebuilt, found)
    return ReplayReport(events, seconds, position, started_at, where, tables, differences)
