"""Many new rows into one table at once, below SQLAlchemy's per-row work.

Each column's value goes through the same bind processor SQLAlchemy would use (so
`Amount`, `UtcDateTime` and the dialect's own types store exactly what they store
through an INSERT statement), then the rows go to the driver in one call: COPY on
PostgreSQL, executemany on SQLite. Used where rows come by the thousand (a rebuild).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.schema import ScalarElementColumnDefault

Row = dict[str, Any]


_NO_DEFAULT = None  # what a missing column without a default stores: NULL, as an INSERT does


@cache
def _plan(table: Table, dialect: Dialect
          ) -> tuple[list[tuple[str, Any]], list[tuple[int, Callable[[Any], Any]]], str]:
    """Each column's name and default, the bind processors by position, and the statement."""
    columns: list[tuple[str, Any]] = []
    for column in table.columns:
        default = column.default
        if default is not None and not isinstance(default, ScalarElementColumnDefault):
            raise TypeError(f"{table.name}.{column.name}: only scalar defaults are bulk-loaded")
        columns.append((column.name, default.arg if default is not None else _NO_DEFAULT))
    processors: list[tuple[int, Callable[[Any], Any]]] = [
        (i, process) for i, column in enumerate(table.columns)
        if (process := column.type.dialect_impl(dialect).bind_processor(dialect))]
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column.name) for column in table.columns)
    target = dialect.identifier_preparer.format_table(table)
    if dialect.name == "postgresql":
        return columns, processors, f"COPY {target} ({names}) FROM STDIN"
    marks = ", ".join("?" for _ in columns)
    return columns, processors, f"INSERT INTO {target} ({names}) VALUES ({marks})"


def insert_rows(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    """Insert `rows` (a column left out takes its default) in the connection's transaction."""
    if not rows:
        return
    columns, processors, sql = _plan(table, conn.dialect)
    every = itemgetter(*(name for name, _ in columns))
    # The same moments recur row after row: each is processed once per call. (Only
    # moments: equal amounts may be written differently, 1.0 and 1.00.)
    done: list[dict[datetime, Any]] = [{} for _ in processors]

    def values(row: Row) -> list[Any]:
        try:
            out = list(every(row)) if len(columns) > 1 else [every(row)]
        except KeyError:
            out = [row.get(name, default) for name, default in columns]
        for (i, process), seen in zip(processors, done, strict=True):
            value = out[i]
            if type(value) is not datetime:
                out[i] = process(value)
            elif (known := seen.get(value)) is not None:
                out[i] = known
            else:
                out[i] = seen[value] = process(value)
        return out

    driver = conn.connection.dbapi_connection
    if driver is None:
        raise RuntimeError("the connection was closed")
    cursor = driver.cursor()
    try:
        if conn.dialect.name == "postgresql":
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            cursor.executemany(sql, [values(row) for row in rows])
    finally:
        cursor.close()
