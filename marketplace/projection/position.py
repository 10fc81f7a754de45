"""Where each follower of the event log (the projector, the outbox) has read up to.

The table was called `projection_tracking` before "tracking" came to mean only the buyer's
link. A store from then is moved over when first opened: every follower keeps its position
(the outbox must not mail anything twice), and the projector, seeing the old table, asks
for a rebuild of its read models, which drops the old table.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    MetaData,
    String,
    Table,
    bindparam,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from marketplace.projection.columns import metadata

# Never dropped by a rebuild: the rebuild resets the projector's own row only.
projection_position = Table(
    "projection_position", metadata,
    Column("name", String(60), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

# The same table under its old name, as an older version left it; not a read model.
_legacy = Table(
    "projection_tracking", MetaData(),
    Column("name", String(60), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

SELECT_POSITION = (select(projection_position.c.position)
                   .where(projection_position.c.name == bindparam("n")))
_POSITION_SQL: dict[str, tuple[str, bool]] = {}


def read_position(engine: Engine, name: str) -> int:
    """A follower's position, 0 if none, read on a pooled driver connection.

    Every kept page asks this (web/pagecache.py): the driver's cursor, without a Core
    connection and result around it, is most of that page's time saved.
    """
    statement = _POSITION_SQL.get(engine.dialect.name)
    if statement is None:
        compiled = SELECT_POSITION.compile(dialect=engine.dialect)
        statement = _POSITION_SQL[engine.dialect.name] = (str(compiled), compiled.positional)
    sql, positional = statement
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(sql, (name,) if positional else {"n": name})
            row = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        raw.close()  # back to the pool, which ends the read's transaction
    return int(row[0]) if row and row[0] is not None else 0


# Moves a follower from `seen` to `last`, or touches no row if another process moved it.
CLAIM_POSITION = (update(projection_position)
                  .where(projection_position.c.name == bindparam("n"),
                         projection_position.c.position == bindparam("seen"))
                  .values(position=bindparam("last")))


def create_position_table(conn: Connection) -> None:
    """Create the table if missing, with every position an older version's table held."""
    tables = set(inspect(conn).get_table_names())
    if projection_position.name in tables:
        return
    projection_position.create(conn)
    if _legacy.name in tables:
        conn.execute(projection_position.insert().from_select(
            ["name", "position"], select(_legacy.c.name, _legacy.c.position)))


def has_legacy_table(conn: Connection) -> bool:
    """Whether an older version's position table is still there (a rebuild drops it)."""
    return inspect(conn).has_table(_legacy.name)


def drop_legacy_table(conn: Connection) -> None:
    """Drop the old position table, once its rows are in the new one."""
    _legacy.drop(conn, checkfirst=True)


def claim(conn: Connection, name: str, seen: int | None, last: int) -> int | None:
    """Move a follower from `seen` to `last` in this transaction; None if it moved on.

    Claiming first takes the position row's lock, so that a follower of the same name in
    another process waits, then finds itself out of step: it gets the position that
    process reached instead, to read on from there.
    """
    if conn.execute(CLAIM_POSITION, {"n": name, "seen": seen, "last": last}).rowcount:
        return None
    return int(conn.execute(SELECT_POSITION, {"n": name}).scalar_one())
