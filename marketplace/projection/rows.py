"""A table's rows as one batch sees them: read once, changed in memory, written once.

A replay touches each row many times within a batch (a bid moves through a dozen
states); keeping the rows in memory and writing each once, with executemany, is what
makes rebuilding from zero fast. Statements are built once per table and reused.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, select, update
from sqlalchemy.engine import Connection

from marketplace.projection.bulk import insert_rows

Key = tuple[Any, ...]
Row = dict[str, Any]


@cache
def _statements(table: Table) -> tuple[Any, Any, Any, Any]:
    keys = [column.name for column in table.primary_key.columns]
    by_key = and_(*[table.c[name] == bindparam(f"k_{name}") for name in keys])
    values: dict[str, Any] = {c.name: bindparam(c.name) for c in table.columns
                              if c.name not in keys}
    return (select(table).where(by_key), table.insert(),
            update(table).where(by_key).values(values), delete(table).where(by_key))


class TableRows:
    """The rows of one table that a batch has read or written, keyed by primary key."""

    def __init__(self, conn: Connection, table: Table, *, complete: bool = False) -> None:
        self.conn = conn
        self.table = table
        # Complete: the table started empty in this transaction and every row written
        # since is still in memory, so a key not in memory is known not to exist (a full
        # rebuild). Forgetting the rows ends it: the database has them from then on.
        self.complete = complete
        self.key_names = [column.name for column in table.primary_key.columns]
        self.rows: dict[Key, Row | None] = {}  # None: known not to exist
        self.stored: set[Key] = set()  # keys that exist in the database
        self.changed: set[Key] = set()

    def _params(self, key: Key) -> dict[str, Any]:
        return {f"k_{name}": value for name, value in zip(self.key_names, key, strict=True)}

    def get(self, *key: Any) -> Row | None:
        if key not in self.rows:
            if self.complete:
                return None
            found = self.conn.execute(_statements(self.table)[0], self._params(key)).first()
            self.rows[key] = dict(found._mapping) if found else None
            if found:
                self.stored.add(key)
        return self.rows[key]

    def add(self, **row: Any) -> Row:
        key = tuple(row[name] for name in self.key_names)
        self.rows[key] = row
        self.changed.add(key)
        return row

    def update(self, *key: Any, **values: Any) -> Row | None:
        """Change a row; a row that does not exist is left alone and None returned."""
        row = self.get(*key)
        if row is not None:
            row.update(values)
            self.changed.add(key)
        return row

    def delete(self, *key: Any) -> None:
        if self.get(*key) is not None:
            self.rows[key] = None
            self.changed.add(key)

    def flush(self) -> None:
        """Write every changed row once: deletes, then inserts, then updates."""
        _, insert_, update_, delete_ = _statements(self.table)
        gone, new, old = [], [], []
        # One order, so that writers lock rows alike; a rebuild's own table has no other
        # writer and keeps the order its rows came in, the log's.
        changed = self.changed
        keys = ([key for key in self.rows if key in changed] if self.complete
                else sorted(changed, key=str))
        for key in keys:
            row = self.rows[key]
            if row is None:
                if key in self.stored:
                    gone.append(self._params(key))
            elif key in self.stored:
                values = {k: v for k, v in row.items() if k not in self.key_names}
                old.append({**values, **self._params(key)})
            else:
                new.append(row)
        for statement, params in ((delete_, gone), (insert_, new), (update_, old)):
            if params and statement is insert_ and self.complete:
                # Rows by the thousand into a table that started empty: below SQLAlchemy.
                insert_rows(self.conn, self.table, params)
            elif params:
                self.conn.execute(statement, params)
        self.stored.update(key for key in self.changed if self.rows[key] is not None)
        self.stored.difference_update(key for key in self.changed if self.rows[key] is None)
        self.changed.clear()

    def forget(self) -> None:
        """Write what changed and drop the rest, so the next read sees the database."""
        self.flush()
        self.rows.clear()
        self.stored.clear()
        self.complete = False
