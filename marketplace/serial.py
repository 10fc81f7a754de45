"""Serial sections: commands that all take the next number from one shared register wait
their turn instead of colliding.

Every RFQ to a consortium takes the next number of its ReferenceBook. Optimistic saves
are right for aggregates people change now and then; for one register that forty buyers
hit in the same second, most tries would lose and be retried, and a crowd can lose often
enough to run out of tries. Inside a serial section the register is loaded only once the
previous holder has saved, so the save does not collide.

- Threads of one process queue on a lock per key, and hold no database connection while
  they wait.
- Processes on one PostgreSQL queue on a session advisory lock per key, which the server
  releases by itself if the process dies.
- On SQLite, only the threads of one process are queued: other processes still meet at
  the store's version check and retry (`contended_command`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from sqlalchemy import Engine, text

_LOCK = text("SELECT pg_advisory_lock(:key)")
# One lock per key for the whole process, however many stores it opens.
_GUARD = threading.Lock()
_LOCKS: dict[str, threading.Lock] = {}
_UNLOCK = text("SELECT pg_advisory_unlock(:key)")


def advisory_key(name: str) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, the same in every process."""
    digest = hashlib.blake2b(f"consortia:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SerialSections:
    """One section at a time per key: in this process, and on PostgreSQL across processes."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine if engine is not None and engine.dialect.name == "postgresql" \
            else None

    @contextmanager
    def hold(self, kind: str, key: UUID | str) -> Iterator[None]:
        name = f"{kind}:{key}"
        with self._local(name):
            if self._engine is None:
                yield
                return
            with self._engine.connect() as connection:
                number = advisory_key(name)
                connection.execute(_LOCK, {"key": number})
                connection.commit()
                try:
                    yield
                finally:
                    connection.execute(_UNLOCK, {"key": number})
                    connection.commit()

    @staticmethod
    def _local(name: str) -> threading.Lock:
        with _GUARD:
            # A lock per key lives as long as the process: one per consortium is little.
            return _LOCKS.setdefault(name, threading.Lock())
