"""One process at a time creates a PostgreSQL store's tables.

PostgreSQL's `CREATE ... IF NOT EXISTS` is not safe against itself: two processes that
start together (web workers, the projector) can both see a table missing and one fails
with "tuple concurrently updated" or a duplicate key in the catalog. A session-level
advisory lock on a connection of its own makes them take turns. SQLite needs nothing:
its single writer already serialises DDL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from marketplace.store import connect_postgres

# Any fixed number will do, as long as every process of ours uses the same one.
_LOCK_KEY = 0x636F6E736F727469  # "consorti"
_held = threading.local()


@contextmanager
def schema_lock(env: Mapping[str, str]) -> Iterator[None]:
    """Hold the store's schema lock meanwhile; re-entrant within one thread."""
    depth: int = getattr(_held, "depth", 0)
    if env.get("PERSISTENCE_MODULE") != "eventsourcing.postgres" or depth:
        # Already held by this thread (bootstrap holds it while the application builds its
        # recorders): a second connection would wait for the first forever.
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    with connect_postgres(env) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
