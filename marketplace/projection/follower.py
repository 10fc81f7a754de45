"""The projector's own process: follows the event log into the read models and the outbox.

In the production layout web processes only write events; this loop is the one writer of
read models. On PostgreSQL it wakes on the NOTIFY that every insert sends (the recorder's
channel), so pages wait milliseconds, not a polling interval; on SQLite it polls.
A poll still runs every `interval` seconds on PostgreSQL, in case a notification is lost
while the connection is re-established.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from marketplace.settings import connect_postgres

if TYPE_CHECKING:
    from marketplace.bootstrap import Services

log = logging.getLogger(__name__)


class Follower:
    """Catches the read models and the outbox up with the log, then waits for more."""

    def __init__(self, services: Services, interval: float = 1.0) -> None:
        self.services = services
        self.interval = interval
        self.stopping = threading.Event()

    def round(self) -> int:
        """Apply every event not applied yet; returns how many were applied."""
        applied = self.services.projector.catch_up()
        self.services.outbox.catch_up()
        return applied

    def run(self, on_round: Callable[[int], None] | None = None) -> None:
        """Follow the log until `stop`; a database hiccup is logged and retried."""
        with self._wakeups() as wait:
            while not self.stopping.is_set():
                try:
                    applied = self.round()
                    if on_round:
                        on_round(applied)
                except Exception:
                    log.exception("the projector's round failed; it tries again")
                    self.stopping.wait(self.interval)
                    continue
                wait(self.interval)

    def stop(self) -> None:
        """Finish the current round and return from `run`."""
        self.stopping.set()

    @contextmanager
    def _wakeups(self) -> Iterator[Callable[[float], None]]:
        recorder: Any = self.services.marketplace.recorder
        if self.services.store.kind != "postgres":

            def sleep(timeout: float) -> None:
                self.stopping.wait(timeout)

            yield sleep
            return
        from psycopg import sql

        conn = connect_postgres(self.services.store.eventsourcing_env)
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(recorder.channel_name)))

        def wait(timeout: float) -> None:
            deadline = time.monotonic() + timeout
            # notifies() returns at the first NOTIFY or after the timeout; stop checks
            # come at least every half second so SIGTERM is honoured promptly.
            while not self.stopping.is_set() and time.monotonic() < deadline:
                for _ in conn.notifies(timeout=min(0.5, timeout), stop_after=1):
                    return

        try:
            yield wait
        finally:
            conn.close()
